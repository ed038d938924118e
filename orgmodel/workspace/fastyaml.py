"""Workspace files in the simple block layout, read by yaml_rs: the same values, ten times faster.

:func:`.yamlfile.parse_yaml` reads any YAML through libyaml and keeps the line of every key. A
workspace file is mostly thousands of ``- id: …`` entries of ``key: value`` lines, and the loader needs
few of those lines: the line of each section and of each entry (a record's line, a message about an
entry that is not a mapping). The lines of keys inside an entry matter only when the entry fails
validation; :func:`lined` finds them then, by reading the entry's own lines with ``parse_yaml``.

The fast path is taken only when a scan of the text proves yaml_rs gives the values ``parse_yaml``
gives. YAML 1.2 as yaml_rs reads it differs from orgmodel's reading in places: ``1_000`` and
``0b101`` are numbers there and text here, ``2026-02-30`` is text there and an error here, and so on.
So every line must be blank, a comment, ``key:``, ``key: value``, ``- key: value`` or ``- value``
(indented by spaces, at most :data:`MAX_INDENT`); a key a plain name; a value text in quotes on one
line (no ``\\``), a whole number, a decimal number, a real date (``YYYY-MM-DD``, 29 February aside),
or plain text starting with a letter. Anything else (tabs, ``\\r`` alone, control characters,
``[]{}``, anchors, aliases, tags, ``<<``, multi-line and block values, other forms of numbers and
dates, several documents) and any error of yaml_rs leave the file to ``parse_yaml``, so every value
and every message stays as it was.

>>> data = fast_parse("roles:\\n  - id: a\\n    since: 2026-03-01\\n  - id: b\\n", "f.yaml")
>>> data["roles"].item_lines, data["roles"][1].line, data["roles"][0]["since"]
([2, 4], 4, datetime.date(2026, 3, 1))
>>> fast_parse("roles:\\n  - id: a\\n    seats: 1_000\\n", "f.yaml") is None  # 1000 in yaml_rs, text here
True
"""

import re
from functools import cache

import yaml_rs

from orgmodel.errors import UnreadableInputError

from .yamlfile import Mapping, Sequence, parse_yaml

MAX_INDENT = 60
"""Deeper lines go to ``parse_yaml``, whose limits on nesting then apply."""

_UNSAFE_CHARACTER = re.compile(
    "[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\\\\\\[\\]{}]"
    "|\r(?!\n)")
"""Tabs, control characters, line breaks of YAML 1.1 (U+0085, U+2028, U+2029, a lone CR), BOMs, the
characters libyaml refuses, backslashes (escapes) and brackets (flow collections)."""

_KEY = r"(?!(?:true|True|TRUE|false|False|FALSE|null|Null|NULL):)[^\W\d][\w-]*"
_END = r" *(?: #[^\n]*)?\r?$"
_PLAIN = r"[^\W\d_](?:[^\n\r :#]|:(?=[^ \n\r])|#| +(?=[^ \n\r#]))*"
"""Text starting with a letter, without ': ' or ' #'; resolved only to text, true, false or null by both."""
_DATE = (r"(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
         r"|(?:0[13578]|1[02])-31)")
_AGES = r"[0-9]{1,3}(?:-[0-9]{1,3}|\+)"
"""Ranges of ages (``15-17``, ``18+``): text to both."""
_VALUE = (rf"""(?:'(?:[^'\n\r]|'')*'|"[^"\n\r]*"|-?[0-9]{{1,18}}(?:\.[0-9]{{1,15}})?(?={_END})"""
          rf"|{_DATE}(?={_END})|{_AGES}(?={_END})|{_PLAIN})")
_GOOD_LINE = rf" {{0,{MAX_INDENT}}}(?:(?:- +)?{_KEY}:(?: +{_VALUE})?|- +{_VALUE})?{_END}| *#[^\n]*$"
_BAD_LINE = re.compile(rf"^(?!{_GOOD_LINE})", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^ #\-\r\n][^:\n]*", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


@cache
def _items_at(column: int) -> re.Pattern:
    return re.compile(rf"^ {{{column}}}- ", re.MULTILINE)


@cache
def _end_at(column: int) -> re.Pattern:
    """The first line indented ``column`` or less that is not blank or a comment: the end of a block item."""
    return re.compile(rf"^ {{0,{column}}}[^ \n\r#]", re.MULTILINE)


class Entry(Mapping):
    """An entry read by the fast path: its ``line`` is known, the lines of its keys are found by :func:`lined`."""

    __slots__ = ("text", "start", "column", "shown")
    text: str
    """The whole text of the file; ``start`` is where the entry's line begins, ``column`` where its dash is."""
    start: int
    column: int
    shown: str


def fast_parse(text: str, shown: str) -> Mapping | None:
    """The values of ``text`` as :func:`.yamlfile.parse_yaml` gives them, or None when that is not proven.

    Known are the lines of the sections (``key_lines``, ``line``), of each section's list (``line``,
    ``item_lines``) and of each entry (``line``); the entries are :class:`Entry` objects.
    """
    if _UNSAFE_CHARACTER.search(text) or _BAD_LINE.search(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=True, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    return _lined_sections(data, text, shown)


def _lined_sections(data: dict, text: str, shown: str) -> Mapping | None:
    """``data`` as a :class:`Mapping` whose sections and entries carry lines, found by scanning ``text``."""
    tops = list(_TOP_KEY.finditer(text))
    if [m.group() for m in tops] != list(data):
        return None
    result = Mapping(data)
    result.key_lines = {}
    line, at = 1, 0
    for index, top in enumerate(tops):
        line += text.count("\n", at, top.start())
        at = top.start()
        result.key_lines[top.group()] = line
        value = data[top.group()]
        if isinstance(value, dict):
            return None  # a block of keys at the top: its lines are left to parse_yaml
        if isinstance(value, list):
            end = tops[index + 1].start() if index + 1 < len(tops) else len(text)
            section = _lined_items(value, text, top.end(), end, line, shown)
            if section is None:
                return None
            result[top.group()] = section
    result.line = result.key_lines[tops[0].group()] if tops else 1
    return result


def _lined_items(items: list, text: str, start: int, end: int, line: int, shown: str) -> Sequence | None:
    """The list ``items`` of the section between ``start`` and ``end`` of ``text`` (whose key is at ``line``)."""
    first = _FIRST_ITEM.search(text, start, end)
    if first is None or not items:
        return None
    column = len(first.group(1))
    section = Sequence()
    section.item_lines = []
    at = start
    for dash, item in zip(_items_at(column).finditer(text, first.start(), end), items, strict=False):
        line += text.count("\n", at, dash.start())
        at = dash.start()
        section.item_lines.append(line)
        if isinstance(item, dict):
            entry = Entry(item)
            entry.line, entry.text, entry.start, entry.column, entry.shown = line, text, at, column, shown
            item = entry
        section.append(item)
    if len(section) != len(items) or _items_at(column).search(text, at + 1, end):
        return None
    section.line = section.item_lines[0]
    return section


def lined(raw: Mapping) -> Mapping:
    """``raw`` with the line of every key and list item in it: read again from its file when ``raw`` is an
    :class:`Entry`, else ``raw`` itself.

    >>> text = "roles:\\n- id: a\\n- id: b\\n  tags:\\n  - x\\n"
    >>> entry = fast_parse(text, "f.yaml")["roles"][1]
    >>> lined(entry).key_lines, lined(entry)["tags"].item_lines
    ({'id': 3, 'tags': 4}, [5])
    """
    if not isinstance(raw, Entry):
        return raw
    found = _end_at(raw.column).search(raw.text, raw.text.find("\n", raw.start) + 1 or len(raw.text))
    end = found.start() if found else len(raw.text)
    try:
        alone = parse_yaml(raw.text[raw.start:end], raw.shown)
    except UnreadableInputError:
        alone = None
    if isinstance(alone, Sequence) and len(alone) == 1 and alone[0] == raw:
        return _shifted(alone[0], raw.line - 1)
    whole = parse_yaml(raw.text, raw.shown)  # not expected: the entry read alone differs
    return next(entry for items in whole.values() if isinstance(items, Sequence)
                for entry in items if isinstance(entry, Mapping) and entry.line == raw.line)


def _shifted(value, by: int):
    """``value`` with every line moved down by ``by`` (an entry read alone, put back at its place)."""
    if isinstance(value, Mapping):
        value.line += by
        value.key_lines = {key: line + by for key, line in value.key_lines.items()}
        for item in value.values():
            _shifted(item, by)
    elif isinstance(value, Sequence):
        value.line += by
        value.item_lines = [line + by for line in value.item_lines]
        for item in value:
            _shifted(item, by)
    return value
