"""Edit a workspace YAML file in place: change, add and remove entries by id, line by line.

Only the lines of what changes are rewritten: a changed key's lines, a removed
entry's lines, the lines of a new entry. Every other line (comments, blank
lines, quoting, flow or block style) stays byte for byte.

>>> text = "forums:\\n  # SSP\\n  - id: a  # the first\\n    type: ssp\\n    members: [x, y]\\n"
>>> print(edit_text(text, {"a": ({"id": "a", "type": "psp", "members": ["x"]}, {"type", "members"})},
...                 set(), {}, ["id", "type", "members"]), end="")
forums:
  # SSP
  - id: a  # the first
    type: psp
    members: [x]
"""

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import yaml

from orgmodel.errors import YamlEditError

MAX_LINE = 100
_BREAK = re.compile(r"\r\n|\n|\r|\x85|\u2028|\u2029")


def _inline_section(section: "SectionSpan") -> YamlEditError:
    return YamlEditError(section.line + 1, f"the section '{section.name}' is written on one line in brackets, "
                       "which import does not edit; write each entry as '- id: …' on lines of its own")


@dataclass
class KeySpan:
    """One key of an entry: its lines ``[line, end)``, column, and its value's style (scalar, flow, block)."""

    key: str
    line: int
    col: int
    end: int
    style: str
    child_col: int | None
    children: dict = field(default_factory=dict)


@dataclass
class ItemSpan:
    """One entry of a section: lines ``[start, end)`` from its '-' to its last value."""

    id: object
    start: int
    end: int
    dash_col: int
    flow: bool
    keys: list[KeySpan] = field(default_factory=list)

    @property
    def line(self) -> int:
        """The 1-based line of the entry's first key (as the loader reports it)."""
        return self.keys[0].line + 1 if self.keys else self.start + 1


@dataclass
class SectionSpan:
    """A section (``forums:`` …) with its key line, its entries, and whether it is written inline."""

    name: str
    line: int
    flow: bool
    items: list[ItemSpan]


def split_lines(text: str) -> list[str]:
    """Lines with their line ends, split where YAML breaks lines."""
    lines, start = [], 0
    for match in _BREAK.finditer(text):
        lines.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _trim(lines: list[str], start: int, end: int, col: int) -> int:
    """Move ``end`` up past blank lines and comments at ``col`` or less (they belong to what follows)."""
    while end > start:
        text = lines[end - 1].strip()
        if text and not (text.startswith("#") and _indent(lines[end - 1]) <= col):
            break
        end -= 1
    return end


def layout(text: str) -> dict[str, SectionSpan]:
    """Where each section, entry and key of a workspace file stands (0-based lines)."""
    lines = split_lines(text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    found = {}
    tops = root.value
    for index, (key, value) in enumerate(tops):
        end = tops[index + 1][0].start_mark.line if index + 1 < len(tops) else len(lines)
        items = []
        if isinstance(value, yaml.SequenceNode):
            items = _items(text, lines, value, end)
        flow = isinstance(value, yaml.SequenceNode) and value.flow_style and bool(value.value)
        found[str(key.value)] = SectionSpan(str(key.value), key.start_mark.line, flow, items)
    return found


def _dash(text: str, node) -> tuple[int, int]:
    """Line and column of the '-' that starts a block sequence entry."""
    index = node.start_mark.index - 1
    while index >= 0 and text[index] in " \t\r\n":
        index -= 1
    between = text[index + 1:node.start_mark.index]
    line = node.start_mark.line - len(_BREAK.findall(between))
    return line, index - (max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1)


def _items(text: str, lines: list[str], seq, section_end: int) -> list[ItemSpan]:
    items = []
    for node in seq.value:
        start, dash_col = _dash(text, node) if not seq.flow_style else (node.start_mark.line, 0)
        identity = None
        if isinstance(node, yaml.MappingNode):
            identity = next((v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)),
                            None)
        items.append(ItemSpan(identity, start, 0, dash_col, bool(getattr(node, "flow_style", True))))
    for index, (item, node) in enumerate(zip(items, seq.value, strict=True)):
        end = items[index + 1].start if index + 1 < len(items) else section_end
        item.end = _trim(lines, item.start, end, item.dash_col)
        if isinstance(node, yaml.MappingNode) and not item.flow:
            item.keys = _keys(lines, node, item.end)
    return items


def _keys(lines: list[str], node, item_end: int) -> list[KeySpan]:
    keys = []
    pairs = node.value
    for index, (key, value) in enumerate(pairs):
        line, col = key.start_mark.line, key.start_mark.column
        end = pairs[index + 1][0].start_mark.line if index + 1 < len(pairs) else item_end
        style = "scalar" if isinstance(value, yaml.ScalarNode) else "flow" if value.flow_style else "block"
        child = value.start_mark.column if style == "block" else None
        span = KeySpan(str(key.value), line, col, max(line + 1, _trim(lines, line, end, col)), style, child)
        if style == "block" and isinstance(value, yaml.MappingNode):
            span.children = {k.key: k for k in _keys(lines, value, span.end)}
        keys.append(span)
    return keys


def scalar(value) -> str:
    """A value as YAML text that reads back the same, in block and in flow context.

    >>> scalar("Tryg ungdom"), scalar("a, b"), scalar("2026"), scalar(dt.date(2026, 3, 1)), scalar("x\\ny")
    ('Tryg ungdom', "'a, b'", "'2026'", '2026-03-01', '"x\\\\ny"')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**31).strip()
    if "\n" in text or not (text.startswith("[") and text.endswith("]")):
        return json.dumps(value, ensure_ascii=False)
    return text[1:-1]


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def emit(key: str, value, col: int, hint: KeySpan | None = None) -> list[str]:
    """The lines of ``key: value``; the first without indentation, the others indented below ``col``.

    Lists and ``{da, en}`` texts are written inline when the original was (or,
    for a new key, when they fit on one line); blocks otherwise.

    >>> emit("members", ["a", "b"], 4)
    ['members: [a, b]\\n']
    >>> emit("covers", {"ages": "6-17", "groups": ["unge"]}, 4)
    ['covers:\\n', '      ages: 6-17\\n', '      groups: [unge]\\n']
    """
    if isinstance(value, list) and len(value) == 1 and hint is not None and hint.style == "scalar":
        value = value[0]
    if not isinstance(value, (list, dict)):
        return [f"{key}: {scalar(value)}\n"]
    inline = f"{key}: {_flow(value)}"
    simple = isinstance(value, list) and not any(isinstance(v, dict) for v in value) \
        or isinstance(value, dict) and set(value) <= {"da", "en", "name", "verified"}
    wants_flow = hint.style == "flow" if hint is not None and hint.style != "scalar" else simple
    if wants_flow and col + len(inline) <= MAX_LINE or not value:
        return [inline + "\n"]
    child = hint.child_col if hint is not None and hint.child_col is not None else col + 2
    lines = [f"{key}:\n"]
    if isinstance(value, dict):
        children = hint.children if hint is not None else {}
        for sub, sub_value in value.items():
            sub_lines = emit(sub, sub_value, child, children.get(sub))
            lines += [" " * child + sub_lines[0]] + sub_lines[1:]
        return lines
    for item in value:
        if isinstance(item, dict):
            entries = list(item.items())
            for index, (sub, sub_value) in enumerate(entries):
                lead = "- " if index == 0 else "  "
                sub_lines = emit(sub, sub_value, child + 2)
                lines += [" " * child + lead + sub_lines[0]] + sub_lines[1:]
        else:
            lines.append(" " * child + "- " + scalar(item) + "\n")
    return lines


def entry_lines(entry: dict, dash_col: int, key_col: int) -> list[str]:
    """A new entry as block lines: ``- id: …`` then one key per line, in the order of ``entry``."""
    lines = []
    for index, (key, value) in enumerate(entry.items()):
        emitted = emit(key, value, key_col)
        first = " " * dash_col + "- " + " " * (key_col - dash_col - 2) if index == 0 else " " * key_col
        lines += [first + emitted[0]] + emitted[1:]
    return lines


def _changed_item(lines, item: ItemSpan, entry: dict, changed: set, order: list[str]) -> list[str]:
    if item.flow or not item.keys:
        return entry_lines(entry, item.dash_col, item.dash_col + 2)
    present = {k.key for k in item.keys}
    rank = {name: index for index, name in enumerate(order)}
    added: dict[str, list[str]] = {}
    for name in (f for f in order if f in changed and f not in present and entry.get(f) is not None):
        before = [k.key for k in item.keys if rank.get(k.key, -1) < rank[name]]
        added.setdefault(before[-1] if before else item.keys[0].key, []).append(name)
    out, cursor, carried = [], item.start, None
    key_col = item.keys[0].col
    for index, span in enumerate(item.keys):
        out += lines[cursor:span.line]
        prefix = lines[span.line][:span.col] if index == 0 else " " * span.col
        if span.key not in changed:
            emitted = lines[span.line:span.end]
        elif entry.get(span.key) is None:
            emitted = []
        else:
            emitted = emit(span.key, entry[span.key], span.col, span)
            emitted = [prefix + emitted[0]] + emitted[1:]
        if index == 0 and not emitted:
            carried = prefix
        elif carried is not None and emitted:
            emitted = [carried + emitted[0][span.col:]] + emitted[1:]
            carried = None
        out += emitted
        for name in added.get(span.key, []):
            new = emit(name, entry[name], key_col)
            out += [" " * key_col + new[0]] + new[1:]
        cursor = span.end
    return out + lines[cursor:item.end]


def edit_text(text: str, changes: dict, removals: set, additions: dict, order) -> str:
    """``text`` with entries changed, removed and added.

    ``changes`` maps an id to ``(entry, changed keys)`` where ``entry`` holds the
    entry's new values (``None`` or absent: remove the key); ``removals`` is a
    set of ids; ``additions`` maps a section to new entries (dicts in key order).
    ``order`` gives the key order (a list, or a function of the section) used to
    place a key that an entry did not have.
    """
    lines = split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    sections = layout(text)
    edits: list[tuple[int, int, list[str]]] = []
    for section in sections.values():
        section_order = order(section.name) if callable(order) else order
        for item in section.items:
            if section.flow and (item.id in changes or item.id in removals):
                raise _inline_section(section)
            if item.id in removals:
                end = item.end
                while end < len(lines) and not lines[end].strip():
                    end += 1
                edits.append((item.start, end, []))
            elif item.id in changes:
                entry, changed = changes[item.id]
                edits.append((item.start, item.end, _changed_item(lines, item, entry, changed, section_order)))
    for name, entries in additions.items():
        edits.append(_addition(lines, sections.get(name), name, entries, removals))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = [_with_newline(line, newline) for line in new]
    return "".join(lines)


def _with_newline(line: str, newline: str) -> str:
    return line if newline == "\n" else line.replace("\r\n", "\n").replace("\n", newline)


def _addition(lines, section: SectionSpan | None, name: str, entries: list[dict],
              removals: set) -> tuple[int, int, list[str]]:
    if section is not None and section.flow:
        raise _inline_section(section)
    kept = [item for item in section.items if item.id not in removals] if section else []
    model = kept[-1] if kept else None
    dash_col = model.dash_col if model else 2
    key_col = model.keys[0].col if model and model.keys else dash_col + 2
    new: list[str] = []
    spaced = any(item.end < len(lines) and not lines[item.end].strip() for item in kept[:-1])
    for entry in entries:
        new += (["\n"] if spaced or new else []) + entry_lines(entry, dash_col, key_col)
    if model is not None:
        return model.end, model.end, new
    if section is not None:
        line = lines[section.line]
        if not line.split(":", 1)[1].split("#", 1)[0].strip():
            return section.line + 1, section.line + 1, new
        ending = line[len(line.rstrip("\r\n")):] or "\n"
        return section.line, section.line + 1, [line[:_indent(line)] + f"{name}:{ending}"] + new
    tail = [] if not lines or lines[-1].endswith(("\n", "\r")) else ["\n"]
    return len(lines), len(lines), tail + (["\n"] if lines else []) + [f"{name}:\n"] + new
