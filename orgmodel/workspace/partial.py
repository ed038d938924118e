"""What can still be read of an entry that failed validation: the entry without the parts that failed.

An entry with one bad value is not dropped whole: its other values are still checked (references, terms,
ranges), so one run shows every problem of the entry. The parts that failed are taken out, as deep as the
error points (one item of a list, one key of a block), and the rest is validated again.

>>> from orgmodel.model import SECTIONS
>>> Forum = SECTIONS["forums"]
>>> entity, unreadable = readable(Forum, {"id": "psp", "type": "psp", "colour": "red",
...                                      "members": ["a", 7, "b"], "valid_from": "snart"})
>>> entity.members, sorted(unreadable)
(['a', 'b'], ['colour', 'members', 'valid_from'])
>>> readable(Forum, {"id": "psp"})
(None, frozenset())
"""

from pydantic import BaseModel, ValidationError

from .messages import clean_loc

_GONE = object()
"""Stands for a list item taken out, until the list is rebuilt without it."""
ROUNDS = 3
"""How often the rest is validated again: taking a part out rarely uncovers a new error, never many."""


def readable(model: type[BaseModel], raw: dict, exc: ValidationError | None = None, defaults: dict | None = None):
    """The entity ``model`` makes of ``raw`` without its failing parts, and the top-level keys of ``raw``
    that lost a part; ``(None, frozenset())`` when nothing valid is left (an id or a required key is bad).

    ``defaults`` stand in for required keys taken out (the manifest's ``name``).
    """
    data: object = raw
    unreadable: set[str] = set()
    for _ in range(ROUNDS):
        if exc is None:
            try:
                return model.model_validate(data), frozenset(unreadable)
            except ValidationError as error:
                exc = error
        paths = _failing_parts(exc)
        if not paths:
            break
        for path in paths:
            data = _without(data, path)
        data = {**(defaults or {}), **_rebuilt(data)}
        unreadable |= {str(path[0]) for path in paths}
        exc = None
    return None, frozenset()


def _failing_parts(exc: ValidationError) -> list[tuple]:
    """The parts to take out: where each error points, or for a missing key the block that lacks it.

    A part inside one taken out already is left to it; an error of the entry as a whole (a required key of the
    entry itself missing) cannot be mended, so then there is nothing to take out.
    """
    paths = []
    for err in exc.errors(include_url=False):
        loc = tuple(clean_loc(err["loc"]))
        if err["type"] == "missing":
            loc = loc[:-1]
        if not loc:
            return []
        paths.append(loc)
    paths.sort(key=len)
    kept: list[tuple] = []
    for path in paths:
        if not any(path[:len(shorter)] == shorter for shorter in kept):
            kept.append(path)
    return kept


def _without(value, path: tuple):
    """``value`` with the part at ``path`` taken out (copied along the path; the input stays as it is)."""
    if not path:
        return _GONE
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        inner = _without(value[head], rest)
        copy = dict(value)
        if inner is _GONE:
            del copy[head]
        else:
            copy[head] = inner
        return copy
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        items = list(value)
        items[head] = _without(value[head], rest)
        return items
    if isinstance(value, dict | list):
        return value  # already taken out with an earlier part
    return _GONE  # a plain value where keys or items were expected: it goes whole


def _rebuilt(value):
    """``value`` with the list items taken out removed."""
    if isinstance(value, dict):
        return {k: _rebuilt(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rebuilt(v) for v in value if v is not _GONE]
    return value
