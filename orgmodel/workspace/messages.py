"""Pydantic's validation errors as findings a non-programmer can act on: the key, the line, the fix."""


import datetime as dt
import re
import types
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from orgmodel.didyoumean import suggest
from orgmodel.model import KIND_OF_SECTION, PERSONAL_FIELDS, SECTIONS, Finding, Manifest, slugify
from orgmodel.tables import visible

from .yamlfile import Mapping, Sequence

_ROOT_MODELS: dict[str, type[BaseModel]] = {**{KIND_OF_SECTION[s]: m for s, m in SECTIONS.items()},
                                            "manifest": Manifest}
"""The model an entry of each kind is validated by (the manifest's settings by :class:`Manifest`)."""
_SAME_MEANING = ({"under", "reports_to", "parent"}, {"name", "title"})
"""Keys that say the same thing in entries of different kinds: what sits above, and what it is called."""
_TYPE_TAGS = {"str", "int", "float", "Text", "list", "dict", "bool", "date", "Seat"}


_NO_DAY = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
"""A date written as ``YYYY-MM-DD`` with a month and a day in range, which the calendar may still not hold."""

def _line_at(raw, loc) -> int:
    line, node = raw.line, raw
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            line, node = node.key_lines.get(part, line), node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node):
            line, node = node.item_lines[part], node[part]
        elif isinstance(part, str) and part in _TYPE_TAGS | {"Text", "Holder", "Coverage", "Ignore", "Scope"}:
            continue
        else:
            break
    return line


def clean_loc(loc) -> list:
    """A pydantic error's location without the names of the types tried (``str``, ``Text``, ``list[…]``)."""
    return [p for p in loc if not (isinstance(p, str) and (p in _TYPE_TAGS or "[" in p))]


_clean_loc = clean_loc


def _pick_errors(errors: list[ErrorDetails], raw) -> list[ErrorDetails]:
    """Keep the most telling error per field when a union (text or {da, en}; a whole or decimal number) fails."""
    by_field: dict = {}
    for err in errors:
        by_field.setdefault(err["loc"][:1], []).append(err)
    picked = []
    for field_loc, group in by_field.items():
        value = raw.get(field_loc[0]) if field_loc and isinstance(raw, dict) else None
        if len(group) > 1 and any(p == "Text" for e in group for p in e["loc"]):
            inner = [e for e in group if "Text" in e["loc"]]
            outer = [e for e in group if "Text" not in e["loc"]]
            group = inner if isinstance(value, dict) else outer[:1]
        picked.extend(_as_written(_as_numbers(group)))
    return picked


def _as_written(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Of a value that may be text or a list (a partner, or any of a list of partners), the error of the form it is
    written in alone: ``[]`` is no text, which is no news, and an empty list, which is the problem.

    >>> found = _as_written([{"loc": ("required", 0, "str"), "type": "string_type", "input": []},
    ...                      {"loc": ("required", 0, "list[str]"), "type": "too_short", "input": []}])
    >>> [e["type"] for e in found]
    ['too_short']
    """
    by_place: dict[tuple, list[ErrorDetails]] = {}
    for err in errors:
        by_place.setdefault(tuple(clean_loc(err["loc"])), []).append(err)
    kept = []
    for group in by_place.values():
        if len(group) > 1 and isinstance(group[0].get("input"), list):
            listed = [e for e in group if any(isinstance(p, str) and p.startswith("list[") for p in e["loc"])]
            group = listed or group
        kept.extend(group)
    return kept


def _as_numbers(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Of a number that may be whole or decimal (``baseline: 310,5``), the decimal's error alone: the whole
    number's ("must be a whole number") is one problem told twice, and wrong, as decimals are allowed.

    >>> found = _as_numbers([{"loc": ("baseline", "int"), "type": "int_parsing"},
    ...                      {"loc": ("baseline", "float"), "type": "float_parsing"}])
    >>> [e["type"] for e in found]
    ['float_parsing']
    """
    decimal = {tuple(clean_loc(e["loc"])) for e in errors if "float" in e["loc"]}
    return [e for e in errors if "float" in e["loc"] or "int" not in e["loc"]
            or tuple(clean_loc(e["loc"])) not in decimal]


def validation_findings(exc: ValidationError, raw: Mapping, file: str, kind: str, label: str,
                        unnamed: bool = False):
    """Turn a pydantic error into findings that name the line, the problem and the fix.

    ``unnamed``: the entry has no readable id, and ``label`` says where it is ('the 3rd entry of \'forums\'').
    """
    findings = []
    errors = _pick_errors(exc.errors(include_url=False), raw)
    misspelt = {suggestion for e in errors if e["type"] == "extra_forbidden"
                for suggestion in [_key_hint(kind, _clean_loc(e["loc"]))[1]] if suggestion}
    for err in errors:
        if err["type"] == "missing" and err["loc"] and err["loc"][-1] in misspelt:
            continue
        loc = _clean_loc(err["loc"])
        if loc and loc[0] in PERSONAL_FIELDS:
            err = {**err, "input": _NOT_SHOWN}
        line = _line_at(raw, err["loc"])
        name = _place(loc) if loc else f"'{kind}'"
        rule, message, fix = _explain(err, loc, name, kind, label, unnamed)
        findings.append(Finding("error", file, line, rule, label if kind != "manifest" else "",
                                visible(_one_line(message)), visible(_one_line(fix))))
    return findings


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(number: int, words: bool = True) -> str:
    """``1`` → ``first``, ``3`` → ``third``, ``11`` → ``11th``, ``22`` → ``22nd``: a position in plain words
    (with ``words=False`` always as a number, ``3rd``, as for entries a user counts in a long file).

    >>> [ordinal(n) for n in (1, 3, 10, 11, 12, 21, 22, 103)]
    ['first', 'third', 'tenth', '11th', '12th', '21st', '22nd', '103rd']
    >>> ordinal(3, words=False)
    '3rd'
    """
    if words and 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _place(loc: list) -> str:
    """Where in an entry a key is, in words: list positions as ordinals, not Python's ``members.0``.

    >>> _place(["covers", "ages"])
    "'covers.ages'"
    >>> _place(["members", 0])
    "the first item of 'members'"
    >>> _place(["ignore", 1, "rule"])
    "'rule' of the second item of 'ignore'"
    """
    text, keys = "", list[str]()
    for part in loc:
        if isinstance(part, int):
            text = f"the {ordinal(part + 1)} item of " + (f"'{'.'.join(keys)}'" if keys else text)
            keys = []
        else:
            keys.append(str(part))
    if keys:
        return f"'{'.'.join(keys)}'" + (f" of {text}" if text else "")
    return text


def _value(value) -> str:
    """A value as the user wrote it in YAML, never Python's repr: a date as 2026-01-01, a list as [a, b].

    >>> import datetime
    >>> [_value(v) for v in (datetime.date(2026, 1, 1), None, ["a", "b"], "snart", True, 4, {"da": 1})]
    ['2026-01-01', 'nothing', '[a, b]', "'snart'", 'true', '4', '{da: 1}']
    """
    if isinstance(value, _NotShown):
        return repr(value)
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'"
    return _as_text(value)


def _as_one_text(value) -> str:
    """A value as one text to suggest for a name: the items of a list joined by commas."""
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(v) for v in value)
    return _as_text(value)


def _as_text(value) -> str:
    """A value written the way YAML shows it, without quotes around text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_as_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_as_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def _one_line(text: str) -> str:
    """A message on one line, however many lines a key or value quoted in it spans.

    >>> _one_line("unknown key 'a\\n  b' in role 'x'")
    "unknown key 'a b' in role 'x'"
    """
    return " ".join(text.split())


class _NotShown:
    """Stands in a message for the value of a personal field, which ``check`` never repeats."""

    def __repr__(self) -> str:
        return "a value not repeated here (personal data)"

    def __str__(self) -> str:
        return "…"


_NOT_SHOWN = _NotShown()


def _model_at(annotation, loc) -> type[BaseModel] | None:
    """The model that holds the keys at ``loc`` below ``annotation`` (looking through optional values,
    unions, lists, the values of mappings and ``Annotated``), or None where the place holds no keys."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _model_at(get_args(annotation)[0], loc)
    if origin in (Union, types.UnionType):
        return next((m for arg in get_args(annotation) if (m := _model_at(arg, loc)) is not None), None)
    if origin in (list, tuple):
        return _model_at(get_args(annotation)[0], loc[1:]) if loc and isinstance(loc[0], int) else None
    if origin is dict:
        return _model_at(get_args(annotation)[1], loc[1:]) if loc else None
    if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return None
    if not loc:
        return annotation
    field = annotation.model_fields.get(str(loc[0]))
    return _model_at(field.annotation, loc[1:]) if field is not None else None


def _key_hint(kind: str, loc: list) -> tuple[str, str | None]:
    """What to say about an unknown key at ``loc`` of an entry of ``kind``, and the key it suggests.

    Only keys valid where the key was written are suggested. A key of an entry that other kinds of
    entries have is named as theirs, with the key this kind uses for the same thing if there is one:

    >>> _key_hint("council", ["under"])
    (" 'under' is a key of forums, not of councils; a council uses 'reports_to'.", 'reports_to')
    >>> _key_hint("council", ["covers", "agse"])
    (" Did you mean 'ages'?", 'ages')
    """
    key, where = str(loc[-1]) if loc else "", loc[:-1]
    model = _model_at(_ROOT_MODELS.get(kind), where)
    if model is None:
        return "", None
    valid = [k for k in model.model_fields if k != key]
    same = next((k for group in _SAME_MEANING if key in group for k in sorted(group) if k in valid), None)
    owners = [section for section, m in SECTIONS.items() if key in m.model_fields] if not where else []
    if owners and kind in KIND_OF_SECTION.values():
        plural = next(s for s, k in KIND_OF_SECTION.items() if k == kind)
        text = f" '{key}' is a key of {_and(owners)}, not of {plural}"
        if same:
            return text + f"; {_article(kind)} {kind} uses '{same}'.", same
        hint = suggest(key, valid)
        return text + "." + hint, hint.split("'")[1] if hint else None
    if same:
        return f" Did you mean '{same}'?", same
    hint = suggest(key, valid)
    return hint, hint.split("'")[1] if hint else None


def _and(words: list[str]) -> str:
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _explain(err: ErrorDetails, loc: list, name: str, kind: str, label: str,
             unnamed: bool = False) -> tuple[str, str, str]:
    what = "orgmodel.yaml" if kind == "manifest" else label if unnamed else f"{kind} '{label}'"
    kind_of_error, got = err["type"], err.get("input")
    if kind_of_error == "extra_forbidden":
        key = loc[-1] if loc else name
        path = ".".join(str(p) for p in loc[:-1] if not isinstance(p, int))
        inside = f"'{path}' of " if path else ""
        return ("schema.unknown-key", f"unknown key '{key}' in {inside}{what}.{_key_hint(kind, loc)[0]}",
                "remove the key or correct its spelling (see the format in the README)")
    if kind_of_error == "missing":
        return ("schema.missing-key", f"{what} has no {name}, which is required",
                f"add a line '{loc[-1]}: …' to the entry")
    if kind_of_error == "string_pattern_mismatch" and loc and loc[-1] == "year":
        return ("schema.wrong-type", f"{name} of {what} must be a year or a span of years, not {_value(got)}",
                f"write e.g. '{loc[-1]}: 2026' or '{loc[-1]}: 2026-2027'")
    if kind_of_error == "string_pattern_mismatch" and loc and loc[-1] == "accessibility_statement":
        return ("schema.wrong-type", f"{name} of {what} must be a web address starting with https:// or http://, "
                f"not {_value(got)}", f"write the whole address, e.g. '{loc[-1]}: https://www.example.dk/was'")
    if kind_of_error == "string_pattern_mismatch":
        return ("schema.bad-id", f"'{' '.join(str(got).split())}' in {name} of {what} is not a valid id"
                f"{_unseen_spaces(str(got))}",
                f"ids use only a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), e.g. '{slugify(str(got))}'")
    if kind_of_error == "finite_number" and isinstance(got, int):
        return ("schema.wrong-type", f"{name} of {what} is a whole number of {len(str(abs(got)))} digits, too large "
                "for any number a spreadsheet or a JSON reader holds",
                f"write the number as it is meant, e.g. '{loc[-1]}: 12', or leave the key out while it is not known")
    if kind_of_error == "finite_number":
        return ("schema.wrong-type", f"{name} of {what} must be a number, not {_value(got)} (YAML reads .nan and "
                ".inf, and a number too large such as 1e400, as no number)",
                f"write the number, e.g. '{loc[-1]}: 12', or leave the key out while it is not known")
    if kind_of_error in ("string_too_short", "too_short") and isinstance(got, str):
        return ("schema.wrong-type", f"{name} of {what} is empty (or only blanks)",
                f"write the {loc[-1] if loc else 'value'}: for an ignore, why the rule does not hold for this entry")
    if kind_of_error == "too_short" and isinstance(got, list):
        return ("schema.wrong-type", f"{name} of {what} is an empty list, which can never be met",
                "name at least one category in it (any one of them meets it), or remove it")
    if kind_of_error in ("bool_type", "bool_parsing"):
        return ("schema.wrong-type", f"{name} of {what} must be true or false, not {_value(got)}",
                f"write '{loc[-1]}: true' or '{loc[-1]}: false' (yes, no, on, off, 0 and 1 are not read as either)")
    if kind_of_error in ("float_parsing", "float_type"):
        decimal_comma = isinstance(got, str) and "," in got
        return ("schema.wrong-type", f"{name} of {what} must be a number, not {_value(got)}",
                f"write a number with a point for decimals, e.g. '{loc[-1]}: 310.5'" if decimal_comma else
                f"write a number, e.g. '{loc[-1]}: 12' or '{loc[-1]}: 310.5'")
    if kind_of_error in ("int_parsing", "int_type", "int_from_float"):
        return ("schema.wrong-type", f"{name} of {what} must be a whole number, not {_value(got)}",
                f"write a number, e.g. '{loc[-1]}: 4'")
    if kind_of_error.startswith("date") and isinstance(got, str) and _NO_DAY.fullmatch(got):
        return ("schema.wrong-type", f"{name} of {what} must be a date, and '{got}' is no day of the calendar",
                "correct the month or the day (a month has 28 to 31 days; 29 February only in a leap year)")
    if kind_of_error.startswith("date") or kind_of_error.startswith("datetime"):
        return ("schema.wrong-type", f"{name} of {what} must be a date, not {_value(got)}",
                f"write the date as YYYY-MM-DD, e.g. '{loc[-1]}: 2026-01-31'")
    if kind_of_error in ("list_type",):
        return ("schema.wrong-type", f"{name} of {what} must be a list, not {_value(got)}",
                f"write a list, e.g. '{loc[-1]}: [a, b]'")
    if kind_of_error in ("model_type", "dict_type", "model_attributes_type"):
        return ("schema.wrong-type", f"{name} of {what} must be a block of 'key: value' lines",
                "indent the keys below it, or see the format in the README")
    if kind_of_error in ("string_type",) and loc and loc[-1] in ("name", "title", "description"):
        return ("schema.wrong-type", f"{name} of {what} must be text or {{da: …, en: …}}, not {_value(got)}",
                f"write e.g. '{loc[-1]}: \"{_as_one_text(got)}\"' with quotes")
    message = err["msg"][0].lower() + err["msg"][1:]
    return ("schema.wrong-type", f"{name} of {what}: {message} (got {_value(got)})",
            "correct the value (see the format in the README)")


def _unseen_spaces(text: str) -> str:
    r"""What the message's text of an id cannot show: a space at its start or end, or another blank (a no-break
    space, a tab) that it shows as a space or not at all.

    >>> _unseen_spaces("r-trail "), _unseen_spaces("r\u00a0nbsp"), _unseen_spaces("ssp\t"), _unseen_spaces("Rolle")
    (' (it ends with a space)', ' (it holds the blank U+00A0)', ' (it holds the blank U+0009)', '')
    """
    other = next((c for c in text if c.isspace() and c != " "), None)
    if other is not None:
        return f" (it holds the blank U+{ord(other):04X})"
    if text != text.rstrip():
        return " (it ends with a space)"
    if text != text.lstrip():
        return " (it begins with a space)"
    return ""
