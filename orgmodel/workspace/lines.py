"""Where a key stands in the files: the line of any key or list item inside an entry, found on demand.

Lines of keys are not kept in memory (they would double the size of a large
workspace); an entry's lines are read again the first time a line inside it
is asked for, so a finding can point at the very key it is about.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from orgmodel.errors import UnreadableInputError
from orgmodel.model import SECTIONS

from .yamlfile import Mapping, Sequence, parse_yaml, read_text, read_yaml


@dataclass
class LineIndex:
    """The lines of keys inside the entries of one workspace's files."""

    root: Path
    line_index: dict = field(default_factory=dict)
    """Per file: the line of each key of each entry."""
    file_lines: dict = field(default_factory=dict)
    """The text lines of the files read last by :meth:`line_of` (at most ``_FILES_KEPT``)."""
    entry_lines: dict = field(default_factory=dict)
    """The key and item lines of the entries asked for last (at most ``_ENTRIES_KEPT``): an entry often has
    several findings."""

    def line_of(self, record, key: str, index: int | None = None) -> int:
        """The line of ``key`` in ``record`` (or of item ``index`` of a list), else of the record.

        Nested keys use dots: ``line_of(record, "covers.ages")``. Lines of keys
        are not kept in memory (they would double the size of a large
        workspace); the record's file is read again the first time a line
        inside it is asked for.
        """
        if index is None and "." not in key:
            found = self._top_key_line(record, key)
            if found is not None:
                return found
        lines = self._lines_in_entry(record)
        if lines is None:
            lines = self._lines_in(record.file).get(record.line)
        if lines is None:
            return record.line
        keys, items = lines
        if index is not None and key in items and index < len(items[key]):
            return items[key][index]
        return keys.get(key, record.line)

    def _lines_in_entry(self, record) -> tuple[dict, dict] | None:
        """Key and item lines of ``record``, parsed from the entry's own lines of its file.

        A check of a national workspace finds a handful of problems in each of a
        hundred files; parsing only the entry instead of the whole file keeps
        that from costing as much as the load. None when the entry is not a
        plain block item (``- key: …``) that parses on its own, e.g. when it uses
        an alias; :meth:`_lines_in` then reads the whole file.
        """
        lines = self._text_lines(record.file)
        start = record.line - 1
        if lines is None or start >= len(lines):
            return None
        item = _ITEM.match(lines[start])
        if item is None:
            return None
        key = (record.file, record.line)
        if key not in self.entry_lines:
            if len(self.entry_lines) >= _ENTRIES_KEPT:
                del self.entry_lines[next(iter(self.entry_lines))]
            self.entry_lines[key] = _parse_entry(lines, start, len(item.group(1)), record.file)
        return self.entry_lines[key]

    def _top_key_line(self, record, key: str) -> int | None:
        """The line of the key ``key`` of ``record`` found by reading its lines, without parsing; None when unsure.

        In a block item (``- id: …``) whose keys start in column ``c``, a line whose column ``c`` starts
        ``key:`` is that key: text that goes on over lines must be indented further, except inside quotes and
        brackets, so an item with a quote in it, or a line that opens more brackets than it closes, is left to
        the parser, as is a key not found this way. (Whichever way a line is found, it must be the same: a
        comment edited, or a label, may send an entry from one way to the other, and a stored check keeps the
        lines it found.)

        >>> index = LineIndex(Path("."))
        >>> index.file_lines["f.yaml"] = ["roles:", "  - id: r", "    note: a", "    title: T", "  - id: s"]
        >>> from types import SimpleNamespace
        >>> index._top_key_line(SimpleNamespace(file="f.yaml", line=2), "title")
        4
        """
        lines = self._text_lines(record.file)
        start = record.line - 1
        item = _ITEM.match(lines[start]) if lines is not None and start < len(lines) else None
        if lines is None or item is None:
            return None
        own = lines[start:_end_of_item(lines, start, len(item.group(1)))]
        text = "\n".join(own)  # looked through as one text: a search in C, not a loop over its lines
        if "'" in text or '"' in text or any(c in text for c in "[]{}") and any(
                line.count("{") + line.count("[") != line.count("}") + line.count("]") for line in own):
            return None
        column, written = item.end() - 1, key + ":"
        at = text.find(written)
        while at != -1:
            after = at + len(written)
            if at - text.rfind("\n", 0, at) - 1 == column and text[after:after + 1] in ("", " ", "\n"):
                return start + text.count("\n", 0, at) + 1
            at = text.find(written, at + 1)
        return None

    def _text_lines(self, file: str) -> list[str] | None:
        if file not in self.file_lines:
            try:
                text = read_text(self.root / file, file)
            except UnreadableInputError:
                text = ""
            if len(self.file_lines) >= _FILES_KEPT:
                del self.file_lines[next(iter(self.file_lines))]
            # Lines as PyYAML counts them; a file with other line breaks is left to _lines_in.
            self.file_lines[file] = None if _has_other_breaks(text) else text.split("\n")
        return self.file_lines[file]

    def _lines_in(self, file: str) -> dict:
        if file not in self.line_index:
            try:
                data = read_yaml(self.root / file, file)
            except UnreadableInputError:
                data = None
            self.line_index[file] = _entry_lines(data)
        return self.line_index[file]


_FILES_KEPT = 4
"""The check asks for lines file by file; a file of 4,500 entries takes about 2.5 MB as lines."""
_ENTRIES_KEPT = 256
_ITEM = re.compile(r"( *)- +[^\s#]")
_OTHER_BREAKS = "\r\x85\u2028\u2029"
"""The line breaks PyYAML counts besides ``\\n`` (``\\r\\n`` among them)."""


def _has_other_breaks(text: str) -> bool:
    """Whether ``text`` holds a line break of :data:`_OTHER_BREAKS`: a search for each character (a hundred times
    faster than a class in a regular expression, which ``re`` tries at every position of a 15 MB text).

    >>> _has_other_breaks("a\\nb"), _has_other_breaks("a\\r\\nb"), _has_other_breaks("a\\u2028b")
    (False, True, True)
    """
    return any(character in text for character in _OTHER_BREAKS)


def _parse_entry(lines: list[str], start: int, column: int, file: str) -> tuple[dict, dict] | None:
    """Key and item lines of the block item at ``lines[start]``, parsed on its own and shifted to its place.

    Only the item's own lines are parsed: padding the text with the lines above it
    would make each lookup cost as much as the file up to the entry.

    >>> _parse_entry(["x:", "  - id: a", "    tags: [b]", "  - id: c"], 1, 2, "f.yaml")
    ({'id': 2, 'tags': 3}, {'tags': [3]})
    """
    end = _end_of_item(lines, start, column)
    try:
        data = parse_yaml("\n".join(lines[start:end]), file)
    except UnreadableInputError:
        return None
    if not (isinstance(data, Sequence) and len(data) == 1 and isinstance(data[0], Mapping) and data[0].line == 1):
        return None
    return ({key: line + start for key, line in key_lines(data[0]).items()},
            {key: [line + start for line in items] for key, items in _item_lines(data[0]).items()})


def _end_of_item(lines: list[str], start: int, column: int) -> int:
    """The index of the first line after the block item at ``lines[start]`` whose dash is in ``column``.

    >>> _end_of_item(["  - id: a", "    name: A", "", "  # note", "  - id: b"], 0, 2)
    4
    """
    end = start + 1
    while end < len(lines):
        text = lines[end]
        stripped = text.lstrip(" ")
        if stripped and not stripped.startswith("#") and len(text) - len(stripped) <= column:
            break
        end += 1
    return end


def _entry_lines(data) -> dict[int, tuple[dict, dict]]:
    """For every entry of every section of a parsed file: its line → (key lines, list item lines)."""
    found = {}
    if isinstance(data, Mapping):
        for key, items in data.items():
            if key in SECTIONS and isinstance(items, Sequence):
                for raw in items:
                    if isinstance(raw, Mapping):
                        found[raw.line] = (key_lines(raw), _item_lines(raw))
    return found


def key_lines(raw: Mapping) -> dict[str, int]:
    """The line of each key of a mapping read from YAML, nested keys joined with dots (``covers.ages``)."""
    lines = dict(raw.key_lines)
    for key, value in raw.items():
        if isinstance(value, Mapping):
            lines.update({f"{key}.{k}": n for k, n in value.key_lines.items()})
    return lines


def nested_key_lines(raw: Mapping) -> dict[str, int]:
    """The line of every key of a mapping at any depth, joined with dots (``vocabulary.forum_types.x.ages``).

    For the manifest, which is small: a finding about a term the workspace adds to
    the vocabulary points at the term, or at its key, not at ``vocabulary:``.
    Walked without recursion, so deep nesting cannot exhaust the stack.
    """
    lines: dict[str, int] = {}
    stack = [("", raw)]
    while stack:
        prefix, mapping = stack.pop()
        for key, line in mapping.key_lines.items():
            lines[f"{prefix}{key}"] = line
            value = mapping.get(key)
            if isinstance(value, Mapping):
                stack.append((f"{prefix}{key}.", value))
    return lines


def _item_lines(raw: Mapping) -> dict[str, list[int]]:
    lines = {}
    for key, value in raw.items():
        if isinstance(value, Sequence):
            lines[key] = value.item_lines
        elif isinstance(value, Mapping):
            lines.update({f"{key}.{k}": v.item_lines for k, v in value.items()
                          if isinstance(v, Sequence)})
    return lines
