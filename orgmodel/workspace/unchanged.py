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
from functools import lru_cache

from orgmodel.errors import OrgmodelError

from .yamltext import NOT_TEXT

_FIRST_TRIVIA = re.compile(rb"\A[ \t]*+(?:#[^\n]*+)?(?=\n|\Z)")
_TRIVIA = re.compile(rb"\n[ \t]*+(?:#[^\n]*+)?(?=\n|\Z)")
"""A comment or blank line after the first, with the line break before it: a pattern that starts with a fixed
character is looked for by ``re`` with a fast scan, where one starting with ``^`` is tried at every position. The
quantifiers are possessive: giving back a blank or tab could not make a line of a key match, and trying took more
than half of the time (every line of a key was tried three times)."""
MENTIONS_TODO = re.compile("todo", re.IGNORECASE)
"""A file whose text (comments included) mentions TODO may hold placeholders: the loader notes it."""


def todo_lines(raw: bytes) -> tuple[int, ...]:
    """The lines (counted from 1) of the UTF-8 bytes ``raw`` that mention TODO in any case, as :data:`MENTIONS_TODO`
    finds it in their text; empty when none does. No letter outside ASCII matches ``t``, ``o`` or ``d`` regardless of
    case, and ``bytes.lower`` changes only ASCII letters, so the bytes tell it (about six times faster than decoding
    and searching the text).

    >>> todo_lines("name: ToDo – ø\\n# todo\\nname: to do\\n".encode()), todo_lines(b"name: to do")
    ((1, 2), ())
    """
    low = raw.lower()
    found: list[int] = []
    line, at = 1, 0
    position = low.find(b"todo")
    while position >= 0:
        line += low.count(b"\n", at, position)
        at = position
        if not found or found[-1] != line:
            found.append(line)
        position = low.find(b"todo", position + 1)
    return tuple(found)


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
    where it mentions TODO (see :attr:`.loader.Workspace.placeholder_files`; ``()`` nowhere), layout, version) when
    the file still says the same, else ``digest``. ``todo``: whether the file mentions TODO now (a comment's mention
    may move, or another be added, while the file says the same)."""
    if (before is not None and len(before) == 5 and before[3] == layout and (before[2] != ()) == todo
            and before[1] == log):
        return before[4]
    return digest


def versions_stamp(manifest: bytes, versions: list[tuple[str, bytes]]) -> bytes:
    """The stamp of a workspace from its manifest's bytes and each other file's name and version."""
    digest = hashlib.sha256(hashlib.sha256(manifest).digest())
    for name, version in versions:
        digest.update(f"\0{name}\0".encode() + version)
    return digest.digest()


@lru_cache(maxsize=32)
def says_the_same(before: bytes, after: bytes, shown: str) -> bool:
    """Whether the workspace file ``shown``, once ``before`` and now ``after``, still says the same: the same
    layout (:func:`layout_digest`), the same mention of TODO, and, read by :func:`.yamlfile.parse_yaml`, the same
    values of the same types with every key and item on the same line. Found without pydantic or the workspace,
    so that :mod:`orgmodel.check.stored` can give the check stored for ``before``; False when either cannot be read.
    Kept for the process: the early path of ``orgmodel check`` and the check after it ask of the same files.

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
IN_TWO_LANGUAGES = frozenset({*LABEL_KEYS.values(), "description"})
"""The keys of :data:`LABEL_KEYS` and :data:`FREE_TEXT_KEYS` whose value may also be ``{da: …, en: …}``; the others
take text alone, and a block there is an error whose message shows it (tests/test_relabel.py compares with the
models)."""


def label_edits(before: bytes, after: bytes, shown: str) -> dict[tuple[str, int], str] | None:
    """The entries of the workspace file ``shown`` (once ``before``, now ``after``) whose label changed (the key
    of :data:`LABEL_KEYS`), as their id and line → the new label's text, when nothing but labels and free text
    (:data:`FREE_TEXT_KEYS`) changed; None when anything else changed, or a label or a text changed in a way this
    does not prove harmless, or nothing did.

    Proven here, without pydantic or the workspace, with one reading of the new text:

    - the file holds no anchor (so no alias repeats a value elsewhere) and has as many lines as before;
    - every line that changed is ``key: text`` with the same key and indentation as before, the text written
      plainly (:data:`_PLAIN_TEXT`: it starts with a letter and holds nothing YAML reads otherwise, so it is
      text and the whole value on its line), neither text mentioning TODO (a placeholder);
    - read by :func:`.yamlfile.parse_yaml`, each such line holds the whole value of a label or free text of an
      entry of a section, or the ``da:`` or ``en:`` of such a value where the key takes two languages
      (:data:`IN_TWO_LANGUAGES`).

    Without anchors, the lines that are the same read the same, so the entries, their lines and every other value
    are as before, and pydantic reads the new text as it read the old one (text where the key takes text).

    >>> before, after = b"forums:\\n- id: ssp\\n  name: SSP Nord\\n", b"forums:\\n- id: ssp\\n  name: SSP Syd\\n"
    >>> label_edits(before, after, "f.yaml")
    {('ssp', 2): 'SSP Syd'}
    >>> label_edits(before, after.replace(b"SSP Syd", b"'SSP Nord'"), "f.yaml") is None  # in quotes
    True
    >>> label_edits(before, after.replace(b"SSP Syd", b"TODO"), "f.yaml") is None  # a placeholder
    True
    """
    from .yamlfile import ANCHOR, parse_yaml, text_of

    try:
        old, new = text_of(before, shown), text_of(after, shown)
    except OrgmodelError:
        return None
    changed = _changed_texts(old.split("\n"), new.split("\n"))
    if not changed or ANCHOR.search(new):  # an alias elsewhere may repeat what changed
        return None
    try:
        data = parse_yaml(new, shown)
    except (OrgmodelError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    labels: dict[tuple[str, int], str] = {}
    seen: set[int] = set()
    for section, items in data.items():
        key = LABEL_KEYS.get(section) if type(section) is str else None
        if key is not None and isinstance(items, list):
            for entry in items:
                if isinstance(entry, dict) and not _entry_texts(entry, key, FREE_TEXT_KEYS[section], changed, seen,
                                                                labels):
                    return None
    return labels if seen == changed.keys() else None


_TEXT_LINE = re.compile(r"( *(?:- )?(name|title|da|en|note|short_name|description): )(.*)")
_SIGNS = NOT_TEXT + r":#\"\\`\[\]{}|>*!%@"
_PLAIN_TEXT = re.compile(rf"[^\W\d_](?:[^{_SIGNS}]*[^\s{_SIGNS}])?")
"""A text YAML reads as written, as the whole value of its line: it starts with a letter, holds no ``:``, ``#``,
double quote, backslash, bracket or other sign YAML may give a meaning (``'`` and ``&`` inside a text have none),
no control character or line break, and does not end in white space (:data:`_NOT_TEXT` are the words of this
form read otherwise)."""
_NOT_TEXT = re.compile("true|True|TRUE|false|False|FALSE|null|Null|NULL")


def _changed_texts(old: list[str], new: list[str]) -> dict[int, str]:
    """The lines of ``new`` that differ from ``old`` (as many lines) only in a text written plainly after the same
    ``key: ``, each with its new text; empty when any other line changed, or the number of lines did.

    >>> _changed_texts(["a:", "  name: X"], ["a:", "  name: Y Z"]), _changed_texts(["name: X"], ["name: 'X'"])
    ({2: 'Y Z'}, {})
    """
    if len(old) != len(new):
        return {}
    changed = {}
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if a == b:
            continue
        was, now = _TEXT_LINE.fullmatch(a), _TEXT_LINE.fullmatch(b)
        if was is None or now is None or was[1] != now[1] or not (_plain(was[3]) and _plain(now[3])):
            return {}
        changed[number] = now[3]
    return changed


def _plain(text: str) -> bool:
    return bool(_PLAIN_TEXT.fullmatch(text)) and not _NOT_TEXT.fullmatch(text) and not MENTIONS_TODO.search(text)


def _entry_texts(entry, key: str, free: frozenset, changed: dict[int, str], seen: set, labels: dict) -> bool:
    """Whether the lines of ``changed`` in ``entry`` are each the whole value of its label (``key``) or of a free
    text (``free``), or of the ``da:`` or ``en:`` of one; adds them to ``seen``, and the new label to ``labels``
    when it changed. False when a changed line of the entry holds anything else."""
    relabelled = False
    for k, line in entry.key_lines.items():
        value = entry[k]
        if isinstance(value, dict):
            lines = [sub_line for sub_line in value.key_lines.values() if sub_line in changed]  # type: ignore[attr-defined]
            if lines and ((k != key and k not in free) or k not in IN_TWO_LANGUAGES or
                          not _texts_on(value, lines, changed)):
                return False
        elif line in changed:
            if (k != key and k not in free) or value != changed[line]:
                return False
            lines = [line]
        else:
            continue
        seen.update(lines)
        relabelled = relabelled or (k == key and bool(lines))
    if not relabelled:
        return True
    label = entry[key]
    if type(entry.get("id")) is not str or sum(k in ("name", "title") for k in entry) != 1:
        return False
    labels[entry["id"], entry.line] = label if isinstance(label, str) else label.get("da") or label.get("en") or ""
    return True


def _texts_on(value: dict, lines: list[int], changed: dict[int, str]) -> bool:
    """Whether the changed ``lines`` of a value in two languages are the whole ``da:`` or ``en:`` text on each, and
    the value is one a model reads (its other language text or nothing): else its error shows the whole value."""
    if not set(value) <= {"da", "en"} or not all(text is None or type(text) is str for text in value.values()):
        return False
    at = {line: k for k, line in value.key_lines.items()}  # type: ignore[attr-defined]
    return all(at[line] in ("da", "en") and value[at[line]] == changed[line] for line in lines)
