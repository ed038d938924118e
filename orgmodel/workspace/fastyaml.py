"""Workspace files in the simple block layout, read by yaml_rs: the same values, about four times faster.

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
line (no ``\\``, not starting like a number: yaml_rs reads ``'2026-03-01'`` as a date), a whole
number, a decimal number, a real date (``YYYY-MM-DD``, 29 February aside), a range of ages (``15-17``,
``18+``), plain text starting with a letter, or a list or block of those in brackets on one line
(``[a, b]``, ``{da: …, en: …}``). Anything else (tabs, ``\\r`` alone, control characters, anchors,
aliases, tags, ``<<``, multi-line and block values, brackets in brackets, other forms of numbers and
dates, several documents) and any error of yaml_rs leave the file to ``parse_yaml``, so every value
and every message stays as it was.

>>> data = fast_parse("roles:\\n  - id: a\\n    since: 2026-03-01\\n  - id: b\\n", "f.yaml")
>>> data["roles"].item_lines, data["roles"][1].line, data["roles"][0]["since"]
([2, 4], 4, datetime.date(2026, 3, 1))
>>> fast_parse("roles:\\n  - id: a\\n    seats: 1_000\\n", "f.yaml") is None  # 1000 in yaml_rs, text here
True
"""

import re
import sys
from functools import cache

import yaml_rs

from orgmodel.errors import UnreadableInputError

from . import yamlfile
from .yamlfile import Mapping, Sequence
from .yamltext import NOT_TEXT

MAX_INDENT = 60
"""Deeper lines go to ``parse_yaml``, whose limits on nesting then apply."""

_NOT_TEXT = NOT_TEXT
"""Left out of every class of characters below. Each part of a line below leaves out its own characters of ASCII
as well, so a backslash (an escape), a bracket other than around a list or block on one line, or a character
not allowed here anywhere sends the file to parse_yaml. (Written as classes of what is left out: a class listing
the ranges allowed up to U+10FFFF takes Python's ``re`` about 6 ms to compile, and the pattern of a line holds 25
of them.)"""
_COMMENT = rf"#[^{_NOT_TEXT}]*+"
_KEY = r"(?!(?:true|True|TRUE|false|False|FALSE|null|Null|NULL):)[^\W\d][\w-]*+"
_TOKEN_END = r"(?= |\r|\n|\Z)"
_PLAIN = (rf"[^\W\d_](?:[^{_NOT_TEXT}\x20\x23\x3a\x5b-\x5d\x7b\x7d]++|:(?=[^ \r\n])|#"
          rf"| ++(?=[^ \r\n#]))*+")
"""Text starting with a letter, without ': ' or ' #'; resolved only to text, true, false or null by both."""
_DATE = (r"(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
         r"|(?:0[13578]|1[02])-31)")
_AGES = r"[0-9]{1,3}(?:-[0-9]{1,3}|\+)"
"""Ranges of ages (``15-17``, ``18+``): text to both."""
_IN_SINGLE_QUOTES = rf"[^{_NOT_TEXT}\x27\x5b-\x5d\x7b\x7d]*+"
_IN_DOUBLE_QUOTES = rf"[^{_NOT_TEXT}\x22\x5b-\x5d\x7b\x7d]*+"
_QUOTED_START = r"(?![0-9+\-. ])"
"""yaml_rs reads a date or time in quotes ('2026-03-01', '12:30:00') as one, not as text: quoted text that
starts like a number is left to parse_yaml."""
_QUOTED = (rf"'{_QUOTED_START}{_IN_SINGLE_QUOTES}(?:''{_IN_SINGLE_QUOTES})*+'"
           rf"|\"{_QUOTED_START}{_IN_DOUBLE_QUOTES}\"")
_NUMBER = r"-?[0-9]{1,18}+(?:\.[0-9]{1,15}+)?"
_FLOW_PLAIN = (rf"[^\W\d_](?:[^{_NOT_TEXT}\x20\x22\x23\x27\x2c\x3a\x5b-\x5d\x7b\x7d]++"
               rf"| ++(?=[^ ,\]}}#]))*+")
"""Text in a list or block written in brackets (``[a, b]``, ``{da: …}``): as :data:`_PLAIN`, without
``,[]{}:#'"``."""
_FLOW_END = r"(?= *+[,\]}])"
_FLOW_ITEM = rf"(?:{_QUOTED}|{_NUMBER}{_FLOW_END}|{_DATE}{_FLOW_END}|{_AGES}{_FLOW_END}|{_FLOW_PLAIN})"
_FLOW = (rf"(?:\[ *+(?:{_FLOW_ITEM}(?: *+, *+{_FLOW_ITEM})*+)? *+\]"
         rf"|\{{ *+(?:{_KEY}: ++{_FLOW_ITEM}(?: *+, *+{_KEY}: ++{_FLOW_ITEM})*+)? *+\}})")
"""A list or block in brackets on one line, of the values above, not nested: ``[a, 15-17]``, ``{da: Tekst}``."""
_VALUE = (rf"(?:{_PLAIN}|{_QUOTED}|{_NUMBER}{_TOKEN_END}|{_DATE}{_TOKEN_END}|{_AGES}{_TOKEN_END}|{_FLOW})")
"""A value of a line. The alternatives start with different characters (plain text with a letter, quoted text with a
quote, numbers, dates and ages with a digit or ``-``, brackets with a bracket), so their order changes no match;
plain text, most values, is tried first (a sixth less time for the whole pattern)."""
_LINE = (rf" {{0,{MAX_INDENT}}}+(?:(?:- ++)?{_KEY}:(?: ++{_VALUE})?|- ++{_VALUE})?(?: ++{_COMMENT}| *+)\r?(?:\n|\Z)"
         rf"| *+{_COMMENT}\r?(?:\n|\Z)")
_SIMPLE_LAYOUT = re.compile(rf"(?:{_LINE})*+")
"""Lines of the simple block layout, from the start of a text: the fast path reads a text this matches whole."""
_KEY_AT_START = re.compile(r"[^ #\-\r\n][^:\n]*")
_TOP_KEY = re.compile(r"\n([^ #\-\r\n][^:\n]*)")
"""A key at the start of a line, with the line break before it (group 1: the key). Patterns that start with a
fixed character are looked for by ``re`` with a fast scan; one that starts with ``^`` is tried at every
position (a tenth of a second for 15 MB)."""
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


@cache
def _items_at(column: int) -> re.Pattern:
    """A list item's dash at ``column``, with the line break before it (see :data:`_TOP_KEY`)."""
    return re.compile(rf"\n {{{column}}}- ")


def _top_keys(text: str) -> list[tuple[int, int, str]]:
    """Where each key at the start of a line begins and ends, and the key.

    >>> _top_keys("a: 1\\n# c\\n  b: 2\\nc:\\n- x\\n")
    [(0, 1, 'a'), (16, 17, 'c')]
    """
    first = _KEY_AT_START.match(text)
    found = [] if first is None else [(0, first.end(), first.group())]
    found += [(m.start(1), m.end(1), m.group(1)) for m in _TOP_KEY.finditer(text)]
    return found


@cache
def _end_at(column: int) -> re.Pattern:
    """The first line indented ``column`` or less that is not blank or a comment: the end of a block item."""
    return re.compile(rf"^ {{0,{column}}}[^ \n\r#]", re.MULTILINE)


class _Section:
    """The text of a file and the column of the dashes of one section's entries, shared by those entries."""

    __slots__ = ("text", "column", "shown", "_line_starts")

    def __init__(self, text: str, column: int, shown: str):
        self.text, self.column, self.shown = text, column, shown
        self._line_starts: list[int] = []

    def line_start(self, line: int) -> int:
        """Where line ``line`` (counted from 1) begins in :attr:`text`."""
        if not self._line_starts:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self._line_starts[line - 1]


class Entry(Mapping):
    """An entry read by the fast path: its ``line`` is known, the lines of its keys are found by :func:`lined`."""

    __slots__ = ("section",)
    section: _Section


def parse_yaml(text: str, shown: str):
    """The values of :func:`.yamlfile.parse_yaml`, read by yaml_rs where :func:`fast_parse` proves it reads alike.

    Then the lines of keys inside an entry are found when asked for (:func:`lined`); see :func:`fully_lined`.
    """
    data = fast_parse(text, shown)
    return yamlfile.parse_yaml(text, shown) if data is None else data


def fully_lined(data):
    """``data`` (from :func:`parse_yaml`) with the line of every key at any depth: read again whole if it
    holds entries read by the fast path (a fast result without entries has every line already).

    >>> fully_lined(parse_yaml("a:\\n- id: x\\n  b: 1\\n", "f.yaml"))["a"][0].key_lines
    {'id': 2, 'b': 3}
    """
    if isinstance(data, Mapping):
        for items in data.values():
            entry = next((item for item in items if isinstance(item, Entry)), None) \
                if isinstance(items, Sequence) else None
            if entry is not None:
                return yamlfile.parse_yaml(entry.section.text, entry.section.shown)
    return data


def read_alone(data) -> bool:
    """Whether the entries of ``data`` (from :func:`parse_yaml`) were read by the fast path: each value is then
    written whole on its own line, with no escape, anchor or alias, so every text of an entry stands in the entry's
    own lines. False for a file read by ``parse_yaml``, and for one without entries.

    >>> fast, escaped = "roles:\\n- id: a\\n", "roles:\\n- id: \\"\\\\x61\\"\\n"
    >>> read_alone(parse_yaml(fast, "f.yaml")), read_alone(parse_yaml(escaped, "f.yaml"))
    (True, False)
    """
    return isinstance(data, Mapping) and any(isinstance(item, Entry) for items in data.values()
                                             if isinstance(items, Sequence) for item in items[:1])


def fast_parse(text: str, shown: str) -> Mapping | None:
    """The values of ``text`` as :func:`.yamlfile.parse_yaml` gives them, or None when that is not proven.

    Known are the lines of the sections (``key_lines``, ``line``), of each section's list (``line``,
    ``item_lines``) and of each entry (``line``); the entries are :class:`Entry` objects.
    """
    if _SIMPLE_LAYOUT.match(text).end() != len(text):  # type: ignore[union-attr]  # it matches ''
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=True, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # whatever yaml_rs cannot read, parse_yaml reads or reports as before
        return None
    if not isinstance(data, dict):
        return None
    return _lined_sections(data, text, shown)


def _lined_sections(data: dict, text: str, shown: str) -> Mapping | None:
    """``data`` as a :class:`Mapping` whose sections and entries carry lines, found by scanning ``text``."""
    tops = _top_keys(text)
    if [key for _, _, key in tops] != list(data):
        return None
    result = Mapping(data)
    result.key_lines = {}
    line, at = 1, 0
    for index, (start, after, key) in enumerate(tops):
        line += text.count("\n", at, start)
        at = start
        result.key_lines[key] = line
        value = data[key]
        if isinstance(value, (dict, list)) and _IN_BRACKETS.match(text, after):
            result[key] = _on_one_line(value, line)
        elif isinstance(value, dict):
            return None  # a block of keys at the top: its lines are left to parse_yaml
        elif isinstance(value, list):
            end = tops[index + 1][0] if index + 1 < len(tops) else len(text)
            section = _lined_items(value, text, after, end, line, shown)
            if section is None:
                return None
            result[key] = section
    result.line = result.key_lines[tops[0][2]] if tops else 1
    return result


_IN_BRACKETS = re.compile(r": +[\[{]")


def _on_one_line(value: dict | list, line: int) -> Mapping | Sequence:
    """A list or block written in brackets on line ``line`` (its items are not lists or blocks)."""
    if isinstance(value, dict):
        block = Mapping(_interned(value))
        block.line, block.key_lines = line, dict.fromkeys(value, line)
        return block
    items = Sequence(_interned(value))
    items.line, items.item_lines = line, [line] * len(value)
    return items


def _lined_items(items: list, text: str, start: int, end: int, line: int, shown: str) -> Sequence | None:
    """The list ``items`` of the section between ``start`` and ``end`` of ``text`` (whose key is at ``line``)."""
    first = _FIRST_ITEM.search(text, start, end)
    if first is None or not items:
        return None
    column = len(first.group(1))
    shared, count = _Section(text, column, shown), text.count
    section, lines = Sequence(), []
    at = start
    # from the line break before the first item's line (a key line is above it)
    for dash, item in zip(_items_at(column).finditer(text, first.start() - 1, end), items, strict=False):
        dash_at = dash.start() + 1
        line += count("\n", at, dash_at)
        at = dash_at
        lines.append(line)
        if type(item) is dict:
            item = Entry(_interned(item))
            item.line = line
            item.section = shared
        else:
            item = _interned(item)
        section.append(item)
    if len(section) != len(items) or _items_at(column).search(text, at, end):
        return None
    section.line, section.item_lines = lines[0], lines
    return section


def _interned(value):
    """``value`` with every text in it interned, as :func:`.yamlfile.parse_yaml` gives it: a workspace repeats
    its ids and terms thousands of times, and each kept once makes the loaded records and their cache smaller.

    >>> a, b = _interned({"x": ["-".join("ab")]}), _interned(["-".join("ab")])
    >>> a["x"][0] is b[0]
    True
    """
    kind = type(value)
    if kind is str:
        return _intern(value)
    if kind is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is str:
                value[key] = _intern(item)
            elif kind is dict or kind is list:
                _interned(item)
    elif kind is list:
        for index, item in enumerate(value):
            kind = type(item)
            if kind is str:
                value[index] = _intern(item)
            elif kind is dict or kind is list:
                _interned(item)
    return value


_intern = sys.intern


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
    text, shown = raw.section.text, raw.section.shown
    start = raw.section.line_start(raw.line)
    found = _end_at(raw.section.column).search(text, text.find("\n", start) + 1 or len(text))
    end = found.start() if found else len(text)
    try:
        alone = yamlfile.parse_yaml(text[start:end], shown)
    except UnreadableInputError:
        alone = None
    if isinstance(alone, Sequence) and len(alone) == 1 and alone[0] == raw:
        return _shifted(alone[0], raw.line - 1)
    whole = yamlfile.parse_yaml(text, shown)  # not expected: the entry read alone differs
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
