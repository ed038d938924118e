"""Whether an edited file still says what it said: only comment lines and blank lines changed, in place.

A check of a workspace is stored (:mod:`orgmodel.check.cache`) under the contents of its files. An
edit that only adds or changes a comment, or blanks a line, leaves every value and every key on the
line it had, so the stored check still holds. Such a file keeps its *version*: the digest of its
bytes when it last said something else. A workspace's :func:`versions_stamp` is made of those, so it
is the same before and after such an edit.

Two things must both hold for a file to keep its version (:func:`keeps_version`): its entries, problems
and invalid ids, as the load made them, are equal to what the stored version gave (so a comment-like
line inside a block text, which is text, counts as a change); and every line that is neither blank nor
a comment is the same and on the same line (:func:`layout_digest`), so the line of every key inside an
entry, which a finding may name, is too.
"""

import hashlib
import re

from orgmodel.errors import OrgmodelError

_FIRST_TRIVIA = re.compile(rb"\A[ \t]*(?:#[^\n]*)?(?=\n|\Z)")
_TRIVIA = re.compile(rb"\n[ \t]*(?:#[^\n]*)?(?=\n|\Z)")
"""A comment or blank line after the first, with the line break before it: a pattern that starts with a fixed
character is looked for by ``re`` with a fast scan, where one starting with ``^`` is tried at every position."""
MENTIONS_TODO = re.compile("todo", re.IGNORECASE)
"""A file whose text (comments included) mentions TODO may hold placeholders: the loader notes it."""


def mentions_todo(raw: bytes) -> bool:
    """Whether the UTF-8 bytes ``raw`` mention TODO in any case, as :data:`MENTIONS_TODO` finds it in their text:
    no letter outside ASCII matches ``t``, ``o`` or ``d`` regardless of case, and ``bytes.lower`` changes only ASCII
    letters, so the bytes tell it (about six times faster than decoding and searching the text).

    >>> mentions_todo("name: ToDo – ø".encode()), mentions_todo(b"name: to do")
    (True, False)
    """
    return b"todo" in raw.lower()


def layout_digest(raw: bytes) -> bytes:
    """A digest of the bytes of a file with its comment lines and blank lines emptied, and none at the end.

    >>> layout_digest(b"a: 1\\n# note\\nb: 2\\n") == layout_digest(b"a: 1\\n\\nb: 2\\n\\n# more\\n")
    True
    >>> layout_digest(b"a: 1\\nb: 2\\n") == layout_digest(b"a: 1\\n# note\\nb: 2\\n")
    False
    """
    return hashlib.sha256(_TRIVIA.sub(b"\n", _FIRST_TRIVIA.sub(b"", raw, count=1)).rstrip(b"\n")).digest()


def keeps_version(before: tuple | None, digest: bytes, log: list, todo: bool, layout: bytes) -> bytes:
    """The version of a file read again: that of ``before`` (its entry in the load's cache: digest, log,
    whether it mentions TODO, layout, version) when the file still says the same, else ``digest``."""
    if before is not None and len(before) == 5 and before[3] == layout and before[2] == todo and before[1] == log:
        return before[4]
    return digest


def versions_stamp(manifest: bytes, versions: list[tuple[str, bytes]]) -> bytes:
    """The stamp of a workspace from its manifest's bytes and each other file's name and version."""
    digest = hashlib.sha256(hashlib.sha256(manifest).digest())
    for name, version in versions:
        digest.update(f"\0{name}\0".encode() + version)
    return digest.digest()


def says_the_same(before: bytes, after: bytes, shown: str) -> bool:
    """Whether the workspace file ``shown``, once ``before`` and now ``after``, still says the same: the same
    layout (:func:`layout_digest`), the same mention of TODO, and, read by :func:`.yamlfile.parse_yaml`, the same
    values of the same types with every key and item on the same line. Found without pydantic or the workspace,
    so that :mod:`orgmodel.check.stored` can give the check stored for ``before``; False when either cannot be read.

    >>> says_the_same(b"a: 1\\nb: [x]\\n", b"a: 1 # one\\nb: [x]\\n# more\\n", "f.yaml")
    False
    >>> says_the_same(b"a: 1\\nb: [x]\\n", b"a: 1\\nb: [x]\\n# more\\n", "f.yaml")
    True
    >>> says_the_same(b"a: |\\n  x\\n  # y\\n", b"a: |\\n  x\\n  # z\\n", "f.yaml")  # text, not a comment
    False
    """
    if layout_digest(before) != layout_digest(after):
        return False
    from .yamlfile import parse_yaml, text_of

    try:
        old, new = text_of(before, shown), text_of(after, shown)
        if bool(MENTIONS_TODO.search(old)) != bool(MENTIONS_TODO.search(new)):
            return False
        return _same_reading(parse_yaml(old, shown), parse_yaml(new, shown))
    except (OrgmodelError, RecursionError):
        return False


def _same_reading(a, b) -> bool:
    """``a`` and ``b`` as :func:`.yamlfile.parse_yaml` reads them are alike: types, values, order and lines."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (a.line == b.line and len(a) == len(b)  # type: ignore[attr-defined]
                and all(_same_scalar(ka, kb) and a.key_lines[ka] == b.key_lines[kb]  # type: ignore[attr-defined]
                        and _same_reading(va, vb) for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True)))
    if isinstance(a, list):
        return (a.line == b.line and a.item_lines == b.item_lines and len(a) == len(b)  # type: ignore[attr-defined]
                and all(_same_reading(x, y) for x, y in zip(a, b, strict=True)))
    return _same_scalar(a, b)


def _same_scalar(a, b) -> bool:
    """Text by its characters; anything else (numbers, booleans, dates, null) by type and ``repr``: ``1``, ``1.0``
    and ``true`` are equal in Python, and ``-0.0`` equals ``0.0``."""
    return type(a) is type(b) and (a == b if isinstance(a, str) else repr(a) == repr(b))


LABEL_KEYS = {"organisations": "name", "roles": "title", "councils": "name", "forums": "name", "goals": "title",
              "documents": "title", "policies": "name"}
"""Each section and the key of its entries' label: what a rule's message shows of an entry beside its id
(tests/test_relabel.py compares it with the models)."""
FREE_TEXT_KEYS = {section: frozenset({"note", "short_name"} if section == "organisations" else
                                    {"note", "description"} if section == "goals" else {"note"})
                  for section in LABEL_KEYS}
"""Each section's keys of free text that no rule reads (but for a placeholder, TODO): an edit of them, written
plainly, leaves the check as it was (tests/test_relabel.py holds the rules to that)."""


def renamed(before: bytes, after: bytes, shown: str) -> dict[tuple[str, int], str] | None:
    """The entries of the workspace file ``shown`` (once ``before``, now ``after``) whose label changed (the key
    of :data:`LABEL_KEYS`), as their id and line → the new label's text, when nothing but labels and free text
    (:data:`FREE_TEXT_KEYS`) changed; None when anything else changed, or a label or a text changed in a way this
    does not prove harmless, or nothing did.

    Proven here, without pydantic or the workspace: the file has as many lines as before, and every line that
    changed holds a label's value written plainly (``name: text``, or ``da: text`` in a label of two languages),
    as the only thing on its line; read by :func:`.yamlfile.parse_yaml`, the rest is the same, with every key and
    item on the same line; the entry has no other key of a label; and neither value mentions TODO (a
    placeholder). So the entries, their lines and every other value are as before, and pydantic reads the new
    text as it read the old one.

    >>> renamed(b"forums:\\n- id: ssp\\n  name: SSP Nord\\n", b"forums:\\n- id: ssp\\n  name: SSP Syd\\n", "f.yaml")
    {('ssp', 2): 'SSP Syd'}
    >>> renamed(b"forums:\\n- id: ssp\\n  name: SSP\\n", b"forums:\\n- id: ssp\\n  name: 'SSP'\\n", "f.yaml") is None
    True
    >>> renamed(b"roles:\\n- id: r\\n  title: A\\n", b"roles:\\n- id: r\\n  title: TODO\\n", "f.yaml") is None
    True
    """
    from .yamlfile import parse_yaml, text_of

    try:
        old, new = text_of(before, shown), text_of(after, shown)
        old_lines, new_lines = old.split("\n"), new.split("\n")
        if len(old_lines) != len(new_lines):
            return None
        changed_lines = {number for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=True), 1) if a != b}
        a, b = parse_yaml(old, shown), parse_yaml(new, shown)
    except (OrgmodelError, RecursionError):
        return None
    if not changed_lines or not isinstance(a, dict) or not isinstance(b, dict) or a.line != b.line:  # type: ignore[attr-defined]
        return None
    if list(a) != list(b) or [a.key_lines[k] for k in a] != [b.key_lines[k] for k in b]:  # type: ignore[attr-defined]
        return None
    labels: dict[tuple[str, int], str] = {}
    lines: set[int] = set()
    for section, items in a.items():
        if _same_reading(items, b[section]):
            continue
        key = LABEL_KEYS.get(section) if type(section) is str else None
        if key is None or not _renamed_items(items, b[section], key, FREE_TEXT_KEYS[section], old_lines, new_lines,
                                             labels, lines):
            return None
    return labels if lines == changed_lines else None


def _renamed_items(a, b, key: str, free: frozenset, old_lines: list[str], new_lines: list[str], labels: dict,
                   lines: set) -> bool:
    """Whether the entries ``a`` (now ``b``) of a section differ only in their labels (the key ``key``) and free
    texts (the keys ``free``), each written plainly on its own line; adds the new labels to ``labels`` and the
    lines changed to ``lines``."""
    if not isinstance(a, list) or not isinstance(b, list) or a.line != b.line or a.item_lines != b.item_lines:  # type: ignore[attr-defined]
        return False
    for x, y in zip(a, b, strict=True):
        if _same_reading(x, y):
            continue
        if not isinstance(x, dict) or not isinstance(y, dict) or list(x) != list(y) or x.line != y.line:  # type: ignore[attr-defined]
            return False
        if [x.key_lines[k] for k in x] != [y.key_lines[k] for k in y]:  # type: ignore[attr-defined]
            return False
        if type(y.get("id")) is not str or sum(k in ("name", "title") for k in y) != 1:
            return False
        for k in y:
            if k != key and not _same_reading(x[k], y[k]) and (
                    k not in free or _new_label(x[k], y[k], x.key_lines[k], old_lines, new_lines, lines) is None):  # type: ignore[attr-defined]
                return False
        if not _same_reading(x[key], y[key]):
            text = _new_label(x[key], y[key], x.key_lines[key], old_lines, new_lines, lines)  # type: ignore[attr-defined]
            if text is None:
                return False
            labels[y["id"], y.line] = text  # type: ignore[attr-defined]
    return True


def _new_label(old, new, line: int, old_lines: list[str], new_lines: list[str], lines: set) -> str | None:
    """The text a rule shows of the label ``new`` (once ``old``, at ``line``), when every value that changed in it
    is text written plainly alone on its line; else None."""
    if isinstance(old, str):
        return new if _plainly_changed(old, new, line, old_lines, new_lines, lines) else None
    if not isinstance(old, dict) or not isinstance(new, dict) or list(old) != list(new) or not set(new) <= {"da", "en"}:
        return None
    if [old.key_lines[k] for k in old] != [new.key_lines[k] for k in new]:  # type: ignore[attr-defined]
        return None
    for k in new:
        if not (_same_reading(old[k], new[k]) or _plainly_changed(old[k], new[k], new.key_lines[k], old_lines,  # type: ignore[attr-defined]
                                                                  new_lines, lines)):
            return None
        if new[k] is not None and type(new[k]) is not str:
            return None
    return new.get("da") or new.get("en") or ""


def _plainly_changed(old, new, line: int, old_lines: list[str], new_lines: list[str], lines: set) -> bool:
    """Whether text ``old`` became text ``new``, each written plainly after the same ``key: `` at the end of
    ``line``, and neither mentions TODO."""
    if type(old) is not str or type(new) is not str or not old or not new:
        return False
    if MENTIONS_TODO.search(old) or MENTIONS_TODO.search(new):
        return False
    before, after = old_lines[line - 1], new_lines[line - 1]
    prefix = before[:len(before) - len(old)]
    if not (before.endswith(old) and after.endswith(new) and after[:len(after) - len(new)] == prefix):
        return False
    lines.add(line)
    return prefix.endswith(": ")
