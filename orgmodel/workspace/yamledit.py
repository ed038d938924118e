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
from collections import Counter
from dataclasses import dataclass, field, replace

import yaml

from orgmodel.errors import YamlEditError

from .yamlfile import QuotingDumper, use_core_schema

MAX_LINE = 100
_BREAK = re.compile(r"\r\n|\n|\r|\x85|\u2028|\u2029")


@use_core_schema
class _Composer(yaml.SafeLoader):
    """Reads the file's layout by the same rules (YAML 1.2 core) as the loader."""


@use_core_schema
class _CComposer(yaml.CSafeLoader):
    """:class:`_Composer` through libyaml, as the loader reads the files: the same nodes, styles and marks (a plain
    scalar's style is ``""`` there, ``None`` in PyYAML's own parser), five times as fast."""


def _inline_section(section: "SectionSpan") -> YamlEditError:
    return YamlEditError(section.line + 1, f"the section '{section.name}' is written on one line in brackets, "
                       "which import does not edit; write each entry as '- id: …' on lines of its own")


@dataclass
class KeySpan:
    """One key of an entry: its lines ``[line, end)``, column, and its value's style (scalar, flow, block).

    ``quote`` is a scalar's YAML style: ``None`` (plain), ``'``, ``"``, ``|`` or ``>``; ``child_col``
    the column of a block's lines (a block list or mapping, or a ``|``/``>`` text).
    """

    key: str
    line: int
    col: int
    end: int
    style: str
    child_col: int | None
    children: dict = field(default_factory=dict)
    quote: str | None = None
    comment: str = ""
    """The comment after a value written on the key's line, with the blanks before it (``  # kort navn``)."""


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
    try:
        root = yaml.compose(text, Loader=_CComposer)
    except yaml.YAMLError:  # PyYAML's own parser says what it says of such a file, as it always did
        root = yaml.compose(text, Loader=_Composer)
    if not isinstance(root, yaml.MappingNode):
        return {}
    found = {}
    tops = root.value
    for index, (key, value) in enumerate(tops):
        end = tops[index + 1][0].start_mark.line if index + 1 < len(tops) else len(lines)
        items = []
        if isinstance(value, yaml.SequenceNode):
            items = _items(text, lines, value, end)
        flow = isinstance(value, yaml.SequenceNode) and bool(value.flow_style) and bool(value.value)
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


def _comment_after(lines: list[str], value) -> str:
    """The comment after ``value`` on the line it ends on, with the blanks before it; empty when there is none.

    >>> text = "a: 'x # y'  # why\\nb: 1\\n"
    >>> _comment_after(split_lines(text), yaml.compose(text).value[0][1])
    '  # why'
    """
    rest = lines[value.end_mark.line][value.end_mark.column:].rstrip("\r\n") if value.end_mark.line < len(lines) else ""
    return rest if rest.lstrip().startswith("#") else ""


def _keys(lines: list[str], node, item_end: int) -> list[KeySpan]:
    keys = []
    pairs = node.value
    for index, (key, value) in enumerate(pairs):
        line, col = key.start_mark.line, key.start_mark.column
        end = pairs[index + 1][0].start_mark.line if index + 1 < len(pairs) else item_end
        style = "scalar" if isinstance(value, yaml.ScalarNode) else "flow" if value.flow_style else "block"
        child = value.start_mark.column if style == "block" else None
        quote = (value.style or None) if style == "scalar" else None  # a plain scalar: None (libyaml gives "")
        span = KeySpan(str(key.value), line, col, max(line + 1, _trim(lines, line, end, col)), style, child,
                       quote=quote, comment=_comment_after(lines, value) if style != "block" else "")
        if quote in ("|", ">"):
            body = [text for text in lines[line + 1:span.end] if text.strip()]
            span.child_col = _indent(body[0]) if body else col + 2
        if style == "block" and isinstance(value, yaml.MappingNode):
            span.children = {k.key: k for k in _keys(lines, value, span.end)}
        keys.append(span)
    return keys


def scalar(value) -> str:
    """A value as YAML text that reads back the same, in block and in flow context.

    >>> scalar("Tryg ungdom"), scalar("a, b"), scalar("2026"), scalar(dt.date(2026, 3, 1)), scalar("x\\ny")
    ('Tryg ungdom', "'a, b'", "'2026'", '2026-03-01', '"x\\\\ny"')
    >>> scalar("1e3"), scalar("0o17"), scalar("off"), scalar("0740"), scalar("a\\x85b")
    ("'1e3'", "'0o17'", "'off'", "'0740'", '"a\\\\Nb"')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = yaml.dump([value], Dumper=QuotingDumper, default_flow_style=True, allow_unicode=True, width=2**31).strip()
    if any(brk in text for brk in _BREAKS) or not (text.startswith("[") and text.endswith("]")):
        # a line break inside quotes is read as a space: written as its escape
        return _quoted(value, '"') if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text[1:-1]


_BREAKS = "\n\x85\u2028\u2029"
"""What YAML reads as a line break (besides ``\\r``, which PyYAML writes as an escape)."""


def _quoted(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")


def _folded(paragraph: str, width: int) -> list[str]:
    """One paragraph of a ``>`` text as lines of at most ``width``, broken only at single spaces."""
    words = re.split(r"(?<=\S) (?=\S)", paragraph) if paragraph else []
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _block_text(key: str, value: str, quote: str, child: int) -> list[str]:
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    if quote == "|":
        rows = body.split("\n")
    else:
        rows = []
        for index, paragraph in enumerate(body.split("\n")):
            rows += ([""] if index else []) + _folded(paragraph, max(20, MAX_LINE - child))
    rows += [""] * (trailing - 1 if trailing > 1 else 0)
    return [f"{key}: {quote}{chomp}\n"] + [(" " * child + row if row else "") + "\n" for row in rows]


def _styled(key: str, value, hint: KeySpan | None) -> list[str] | None:
    """``key: value`` in the quote or block style of ``hint``, if that reads back the same."""
    if hint is None or hint.style != "scalar" or hint.quote is None or not isinstance(value, str) or not value:
        return None
    if hint.quote in ("|", ">"):
        lines = _block_text(key, value, hint.quote, hint.child_col or hint.col + 2)
    else:
        lines = [f"{key}: {_quoted(value, hint.quote)}\n"]
    try:
        back = yaml.safe_load("".join(lines))
    except yaml.YAMLError:
        return None
    return lines if back == {key: value} else None


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
        return _styled(key, value, hint) or [f"{key}: {scalar(value)}\n"]
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


@dataclass
class SectionStyle:
    """How a section's entries are written: the order of their keys, and a key as last written (its shape)."""

    order: list[str] = field(default_factory=list)
    keys: dict[str, KeySpan] = field(default_factory=dict)

    def hint(self, key: str, value, col: int) -> KeySpan | None:
        """The shape for ``key`` written anew: as the file writes it, but a ``|``/``>`` text only when a
        one-line value would not fit."""
        hint = self.keys.get(key)
        if hint is not None and hint.col != col:
            moved = hint.child_col + col - hint.col if hint.child_col is not None else None
            hint = replace(hint, col=col, child_col=moved, children={})
        if hint is not None and hint.quote in ("|", ">") and isinstance(value, str) and "\n" not in value \
                and col + len(f"{key}: {scalar(value)}") <= MAX_LINE:
            return replace(hint, quote=None)
        return hint

    def ordered(self, keys, columns: list[str]) -> list[str]:
        """``keys`` in the order the file's entries use; a key they never use goes after the last of the keys
        before it in ``columns``."""
        order = list(self.order)
        for name in columns:
            if name in order:
                continue
            before = [order.index(k) for k in columns[:columns.index(name)] if k in order]
            order.insert(max(before) + 1 if before else len(order), name)
        rank = {name: index for index, name in enumerate(order)}
        return sorted(keys, key=lambda k: rank.get(k, len(rank)))


def section_style(items: list[ItemSpan]) -> SectionStyle:
    """The key order and key shapes of a section's block entries (the most common shape of each key; of
    shapes as common, the last)."""
    style = SectionStyle()
    shapes: dict[str, list[KeySpan]] = {}
    for item in items:
        if item.flow:
            continue
        previous: str | None = None
        for span in item.keys:
            if span.key not in style.order:
                at = style.order.index(previous) + 1 if previous is not None else 0
                style.order.insert(at, span.key)
            shapes.setdefault(span.key, []).append(span)
            previous = span.key
    for key, spans in shapes.items():
        counts = Counter((s.style, s.quote) for s in spans)
        style.keys[key] = max(reversed(spans), key=lambda s: counts[s.style, s.quote])
    return style


def entry_lines(entry: dict, dash_col: int, key_col: int, style: SectionStyle | None = None) -> list[str]:
    """A new entry as block lines: ``- id: …`` then one key per line, in the order of ``entry``, each key
    shaped as ``style`` (the file's other entries) writes it."""
    lines = []
    for index, (key, value) in enumerate(entry.items()):
        emitted = emit(key, value, key_col, style.hint(key, value, key_col) if style else None)
        first = " " * dash_col + "- " + " " * (key_col - dash_col - 2) if index == 0 else " " * key_col
        lines += [first + emitted[0]] + emitted[1:]
    return lines


def _changed_item(lines, item: ItemSpan, entry: dict, changed: set, order: list[str],
                  style: SectionStyle) -> list[str]:
    if item.flow or not item.keys:
        return entry_lines(entry, item.dash_col, item.dash_col + 2)
    present = {k.key for k in item.keys}
    order = style.ordered(dict.fromkeys([*style.order, *order]), order)
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
            if span.comment and len(emitted) == 1:  # the comment after the value stays after the new value
                body = emitted[0].rstrip("\r\n")
                emitted = [body + span.comment + emitted[0][len(body):]]
        if index == 0 and not emitted:
            carried = prefix
        elif carried is not None and emitted:
            emitted = [carried + emitted[0][span.col:]] + emitted[1:]
            carried = None
        out += emitted
        for name in added.get(span.key, []):
            new = emit(name, entry[name], key_col, style.hint(name, entry[name], key_col))
            out += [" " * key_col + new[0]] + new[1:]
        cursor = span.end
    return out + lines[cursor:item.end]


def edit_text(text: str, changes: dict, removals: set, additions: dict, order) -> str:
    """``text`` with entries changed, removed and added.

    ``changes`` maps an id to ``(entry, changed keys)`` where ``entry`` holds the
    entry's new values (``None`` or absent: remove the key); ``removals`` is a
    set of ids; ``additions`` maps a section to new entries (dicts in key order).
    ``order`` gives the key order (a list, or a function of the section) used to
    place a key that the file's entries of that section never use; otherwise keys
    go in the order those entries use, and are written in their shape (``ages:
    6-17`` stays a single value, a ``"quoted"`` or ``>-`` text keeps its style).
    """
    lines = split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    sections = layout(text)
    edits: list[tuple[int, int, list[str]]] = []
    for section in sections.values():
        section_order = order(section.name) if callable(order) else order
        style = section_style(section.items)
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
                edits.append((item.start, item.end,
                              _changed_item(lines, item, entry, changed, section_order, style)))
    for name, entries in additions.items():
        columns = order(name) if callable(order) else order
        edits.append(_addition(lines, sections.get(name), name, entries, removals, columns or []))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = [_with_newline(line, newline) for line in new]
    return "".join(lines)


def _with_newline(line: str, newline: str) -> str:
    return line if newline == "\n" else line.replace("\r\n", "\n").replace("\n", newline)


def _addition(lines, section: SectionSpan | None, name: str, entries: list[dict],
              removals: set, columns: list[str]) -> tuple[int, int, list[str]]:
    if section is not None and section.flow:
        raise _inline_section(section)
    kept = [item for item in section.items if item.id not in removals] if section else []
    model = kept[-1] if kept else None
    dash_col = model.dash_col if model else 2
    key_col = model.keys[0].col if model and model.keys else dash_col + 2
    new: list[str] = []
    spaced = any(item.end < len(lines) and not lines[item.end].strip() for item in kept[:-1])
    style = section_style(section.items if section else [])
    for entry in entries:
        entry = {key: entry[key] for key in style.ordered(entry, columns)}
        new += (["\n"] if spaced or new else []) + entry_lines(entry, dash_col, key_col, style)
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
