"""Read one YAML file into plain Python values that remember their line numbers.

Mappings come back as :class:`Mapping` and lists as :class:`Sequence`; both are
ordinary ``dict``/``list`` objects with line numbers attached, so validation
problems can point at ``file:line``.

Plain values are read by the YAML 1.2 core schema, as editors and the JSON Schema read them:
only ``true``/``false`` are booleans, ``0740`` is the number 740 (not octal), and ``yes``,
``no``, ``on``, ``off`` stay text. Two additions keep what workspaces write: dates
(``2026-03-01``) and merge keys (``<<: *anchor``).

>>> import yaml
>>> yaml.load("[0740, 0o17, 0x1F, off, yes, True, 1e3, 1_000, ~]", Loader=_LineLoader)
[740, 15, 31, 'off', 'yes', True, 1000.0, '1_000', None]
"""

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import MethodType
from typing import Any, ClassVar, TypeVar

import yaml

from orgmodel.errors import UnreadableInputError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ALIAS_EXPANSION = 100_000
ANCHOR = re.compile(r"(^|[\s\[{,:-])&[^\s]")
"""Found in a text that may hold an anchor (``&name``), so also aliases (``*name``) and merges (``<<: *name``)."""


class Mapping(dict):
    """A dict with ``line`` (of the mapping) and ``key_lines`` (line of each key)."""

    __slots__ = ("line", "key_lines")
    line: int
    key_lines: dict[Any, int]  # keys as written: text, or a number, boolean or null


class Sequence(list):
    """A list with ``line`` (of the list) and ``item_lines`` (line of each item)."""

    __slots__ = ("line", "item_lines")
    line: int
    item_lines: list[int]


def _quoted(value: str) -> str:
    """A value for a message: on one line, and shortened when long.

    >>> _quoted("a\\n b")
    'a b'
    """
    value = " ".join(value.split())
    return value if len(value) < 40 else f"{value[:20]}… ({len(value):,} characters)"


_CORE_SCHEMA = (
    # The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema): tag, form, first characters.
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", "")),
)
_Resolving = TypeVar("_Resolving", bound=type[yaml.resolver.BaseResolver])
_KEPT_FROM_YAML_11 = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")


def use_core_schema(loader: _Resolving) -> _Resolving:
    """Make a PyYAML loader class resolve plain values by the YAML 1.2 core schema (plus dates and ``<<``).

    >>> import yaml
    >>> class Loader(yaml.SafeLoader): ...
    >>> yaml.load("a: on", Loader=use_core_schema(Loader)), yaml.load("a: on", Loader=yaml.SafeLoader)
    ({'a': 'on'}, {'a': True})
    """
    kept = [(first, tag, form) for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
            for tag, form in resolvers if tag in _KEPT_FROM_YAML_11]
    loader.yaml_implicit_resolvers = {}
    for tag, form, firsts in _CORE_SCHEMA:
        loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(form), list(firsts))
    for first, tag, form in kept:
        loader.add_implicit_resolver(tag, form, [first])
    return loader


class QuotingDumper(yaml.SafeDumper):
    """Writes text that YAML 1.1 or 1.2 would read as anything else ('yes', '0740', '1e3') in quotes.

    So a file orgmodel writes reads back the same in orgmodel and in any other reader.

    >>> yaml.dump(["1e3", "off", "0740", "0o7", "text"], Dumper=QuotingDumper, default_flow_style=True)
    "['1e3', 'off', '0740', '0o7', text]\\n"
    """


@use_core_schema
class _CoreDumper(yaml.SafeDumper):
    pass


QuotingDumper.yaml_implicit_resolvers = {
    first: yaml.SafeDumper.yaml_implicit_resolvers.get(first, []) + _CoreDumper.yaml_implicit_resolvers.get(first, [])
    for first in {*yaml.SafeDumper.yaml_implicit_resolvers, *_CoreDumper.yaml_implicit_resolvers}}


def represent_text(dumper: yaml.SafeDumper, text: str):
    r"""Text as YAML, in double quotes with escapes (``\L``) when it holds a character YAML 1.1 reads as a line break
    and an editor does not (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): written as it is, in single quotes, it
    moved the lines of the file, and orgmodel refuses such a file (:func:`text_of`).

    >>> print(yaml.dump(["x\u2028y"], Dumper=QuotingDumper, allow_unicode=True, default_flow_style=True), end="")
    ["x\Ly"]
    """
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return dumper.represent_str(text)


QuotingDumper.add_representer(str, represent_text)


def _core_int(loader, node) -> int:
    """``[-+]?[0-9]+`` in decimal (``0740`` is 740), ``0o17`` octal, ``0x1F`` hexadecimal."""
    value = loader.construct_scalar(node)
    if value[:2] in ("0o", "0x"):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value, 10)


def _core_float(loader, node) -> float:
    value = loader.construct_scalar(node)
    special = value.lower().lstrip("+-")
    if special in (".inf", ".nan"):
        return float(("-" if value.startswith("-") else "") + special[1:])
    return float(value)


def _core_bool(loader, node) -> bool:
    return {"true": True, "false": False}[loader.construct_scalar(node).lower()]


@use_core_schema
class _LineLoader(yaml.CSafeLoader):
    duplicate_keys: list
    yaml_constructors_unchecked: ClassVar[dict[str, Callable]]  # set below the class

    def construct_line_mapping(self, node):
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        yield mapping
        # Keys written in this mapping, not merged into it (``<<: *base``): one of them overrides a merged key, as
        # merge keys are meant to be used; only a key written twice here is written twice.
        own = {id(key_node) for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge"}
        self.flatten_mapping(node)
        written: set = set()
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            line = key_node.start_mark.line + 1
            if id(key_node) in own and key in written:
                self.duplicate_keys.append((key, mapping.key_lines[key], line))
            if id(key_node) in own:
                written.add(key)
            mapping.key_lines[key] = line
            mapping[key] = self.construct_object(value_node, deep=True)

    def construct_line_sequence(self, node):
        seq = Sequence()
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield seq
        seq.extend(self.construct_object(child, deep=True) for child in node.value)

    def construct_checked_scalar(self, node):
        """Numbers, booleans and dates, with a value that cannot be read reported at its line."""
        try:
            return self.yaml_constructors_unchecked[node.tag](self, node)
        except (ValueError, KeyError, AttributeError, TypeError, IndexError):
            tag = node.tag.rsplit(":", 1)[-1]
            what = {"int": "a whole number", "float": "a number", "bool": "true or false"}[tag]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read '{_quoted(node.value)}' as {what} (the tag !!{tag} or its form says it is "
                "one)", node.start_mark) from None

    def construct_unsupported(self, node):
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag '{node.tag}'", node.start_mark)

    def construct_checked_timestamp(self, node):
        """A date, or the text as written when it names no day of the calendar (``2026-02-29``), as YAML 1.2 and the
        fast path read it: a field that wants a date then reports it at its line, and the rest of the file is read."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            if _DAY.fullmatch(node.value):
                return node.value
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date and time", node.start_mark) from None
        except (AttributeError, TypeError):
            raise yaml.constructor.ConstructorError(
                None, None, f"'{_quoted(node.value)}' is not a real date (the tag !!timestamp says it is one)",
                node.start_mark) from None


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as ``YYYY-MM-DD`` alone (no time)."""
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_line_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_line_sequence)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _LineLoader.construct_checked_timestamp
)
_LineLoader.yaml_constructors_unchecked = {
    f"tag:yaml.org,2002:{tag}": construct for tag, construct in (
        ("int", _core_int), ("float", _core_float), ("bool", _core_bool))}
for _tag in _LineLoader.yaml_constructors_unchecked:
    _LineLoader.add_constructor(_tag, _LineLoader.construct_checked_scalar)
for _tag in ("binary", "set", "omap", "pairs"):
    # bytes, sets (unordered) and pairs have no place in a workspace: reported like any unknown tag.
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _LineLoader.construct_unsupported)

_FIXES = [
    ("mapping values are not allowed", "a ':' where YAML does not expect one",
     "put quotes around text that contains ': ', e.g. name: \"Lokalråd: Silkeborg\""),
    ("could not find expected ':'", "a line without 'key: value'",
     "add the missing ':' or fix the indentation of this line"),
    ("expected <block end>", "indentation that does not line up",
     "indent this line like the others at its level (with spaces)"),
    ("found undefined alias", "an alias (*name) with no matching anchor (&name)",
     "define the anchor before using it, or write the value out"),
    ("while scanning a quoted scalar", "a quote that is never closed",
     "close the quote on the same line, or remove it"),
    ("found duplicate anchor", "the same anchor (&name) twice", "rename one of them"),
    ("expected a single document", "more than one document (---) in one file",
     "keep one document per file; split the file at the '---' line"),
    ("invalid Unicode character escape", "a \\u escape that is no character (half of a UTF-16 pair)",
     "write the character itself, e.g. 😀, or as one escape, e.g. \"\\U0001F600\""),
    ("could not determine a constructor for the tag", "a YAML tag (!name or !!name) that orgmodel does not read",
     "remove the tag and write the plain value"),
    ("control characters are not allowed", "an invisible control character",
     "delete it (it often comes from copying text out of another program)"),
]


_STRUCTURE_ERRORS = ("mapping values are not allowed", "could not find expected ':'", "expected <block end>")
"""PyYAML's errors of a line that does not fit the structure: a slip of indentation or of a ':' reads as one."""
_ODD_BLANK = re.compile("^[ \t]*[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")
"""A blank other than a space at the start of a line: a no-break space pasted from a web page or a document."""
_NO_SPACE_AFTER_COLON = re.compile(r"^ *(?:- +)?[A-Za-z_][\w-]*:(?=[^\s:/#])")
"""``name:Silkeborg``: a key and its value with no space between, which YAML reads as one text."""
_KEY_WITH_VALUE = re.compile(r"^( *)(?:- +)?[^\s#][^:#]*: +[^\s#]")


def _indentation_slip(lines: list[str], line: int, value_where_none: bool) -> tuple[str, str, int] | None:
    """What a common slip of the line PyYAML names, or of the one above it, reads as, in a user's words: a no-break
    space at the start of a line, no space after a key's ':', or (``value_where_none``: PyYAML found a value where
    it expects none) a line indented further than the ``key: value`` line above it. Each only when the file, that
    slip mended, reads past the line (:func:`_reads_past`): a valid ``- mailto:ssp@…`` above a line with an error
    of its own is not blamed.

    >>> _indentation_slip(["a:", "  b: 1", "   c: 2"], 3, True)[0]
    'a line indented further than the line above it, which already has its value'
    >>> _indentation_slip(["a:", "  b:1", "  c: 2"], 3, False)[2]
    2
    >>> _indentation_slip(["a:", "  - mailto:x@y.dk", "  b: c: d"], 3, True) is None
    True
    """
    for number in (line - 1, line):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        blank = _ODD_BLANK.match(text)
        if blank and _reads_past(lines, number, " " * blank.end() + text[blank.end():], line):
            return ("a no-break space (or another blank that is not a space) at the start of the line",
                    "replace it with ordinary spaces (it often comes from text copied from a web page)", number)
        if _NO_SPACE_AFTER_COLON.match(text) and _reads_past(lines, number, text.replace(":", ": ", 1), line):
            key = text.split(":", 1)[0].strip().lstrip("- ")
            return (f"no space after '{key}:', so YAML reads the key and its value as one text",
                    f"write a space after the colon, e.g. '{key}: …'", number)
    above = next((lines[n] for n in range(line - 2, -1, -1) if lines[n].strip() and
                  not lines[n].lstrip().startswith("#")), None) if 0 < line <= len(lines) else None
    found = _KEY_WITH_VALUE.match(above) if above is not None else None
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if value_where_none and found and above is not None:
        column = len(found.group(1)) + (2 if above.lstrip().startswith("- ") else 0)
        if len(current) - len(current.lstrip(" ")) > column and \
                _reads_past(lines, line, " " * column + current.lstrip(" "), line):
            return ("a line indented further than the line above it, which already has its value",
                    "indent this line like the line above (the same number of spaces), or give the line above no "
                    "value if this one belongs under it", line)
    return None


def _reads_past(lines: list[str], number: int, mended: str, line: int) -> bool:
    """Whether the text of ``lines`` with line ``number`` (from 1) written as ``mended`` reads as YAML past line
    ``line``, where the error was: the slip mended is the one that stopped it.

    >>> _reads_past(["a:", "   b: 1", "  c: 2"], 2, "  b: 1", 3)
    True
    >>> _reads_past(["a:", "  - x:y", "  - b: c: d"], 2, "  - x: y", 3)
    False
    """
    text = "\n".join([*lines[:number - 1], mended, *lines[number:]])
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return mark is not None and mark.line + 1 > line
    return True


def _describe_yaml_error(exc: yaml.YAMLError, source: str) -> tuple[str, str, int | None]:
    text = str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    if isinstance(exc, yaml.reader.ReaderError):
        line = source.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
    lines = source.splitlines()
    if line and line <= len(lines) and "\t" in lines[line - 1]:
        return "a tab character", "indent with spaces only; replace the tab with spaces", line
    structural = any(needle in text for needle in _STRUCTURE_ERRORS)
    slip = _indentation_slip(lines, line, "mapping values are not allowed" in text) if line and structural else None
    if slip is not None:
        return slip
    problem = getattr(exc, "problem", None) or text.splitlines()[0]  # a MarkedYAMLError has a problem
    if "not a real date" in text:
        return problem, "write dates as YYYY-MM-DD with a real month and day", line
    if "cannot read '" in text:
        return problem, "write the value without a tag, or put text in quotes", line
    for needle, described, fix in _FIXES:
        if needle in text:
            return described, fix, line
    return f"YAML syntax error ({problem})", "check the indentation and quotes on this line", line


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableInputError(
            f"{path}:{line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            "save the file with the encoding UTF-8 (in most editors: 'Save as' → UTF-8)",
        ) from None


def _expanded_size(node, memo: dict) -> int:
    """Values the document would hold with every alias written out; text counts per 1,000 characters."""
    key = id(node)
    if key not in memo:
        memo[key] = 1 + (len(node.value) // 1000 if isinstance(node, yaml.ScalarNode) else 0)
        if isinstance(node, yaml.MappingNode):
            memo[key] += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            memo[key] += sum(_expanded_size(child, memo) for child in node.value)
    return memo[key]


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN_SCALARS = tuple(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp"))


_intern = sys.intern


class _NeedsFullConstructorError(Exception):
    """The fast path met a tag, merge key or alias it leaves to PyYAML's constructor."""


def _construct(loader: _LineLoader, node, text: str):
    """The document's values: a direct walk of the node tree, or PyYAML's constructor when needed.

    The direct walk handles the tags a workspace uses (text, numbers, booleans, null,
    dates, mappings, lists) in one recursive pass, about twice as fast as PyYAML's
    general constructor. Anything else (anchors and aliases, merge keys, explicit
    tags) goes through PyYAML, which gives the same values or the usual error.
    """
    if node is None:
        return None
    if "&" not in text and "!" not in text:
        scalars = {tag: MethodType(loader.yaml_constructors[tag], loader) for tag in _PLAIN_SCALARS}
        try:
            return _walk(node, scalars, loader.duplicate_keys)
        except _NeedsFullConstructorError:
            loader.duplicate_keys.clear()
    return loader.construct_document(node)


def _walk(node, scalars: dict, duplicates: list):
    tag = node.tag
    if tag == _STR:
        return _intern(node.value)
    if tag == _MAP:
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        key_lines = mapping.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR:
                raise _NeedsFullConstructorError
            key, line = _intern(key_node.value), key_node.start_mark.line + 1
            if key in key_lines:
                duplicates.append((key, key_lines[key], line))
            key_lines[key] = line
            mapping[key] = _walk(value_node, scalars, duplicates)
        return mapping
    if tag == _SEQ:
        seq = Sequence(_walk(child, scalars, duplicates) for child in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        return seq
    construct = scalars.get(tag)
    if construct is None:
        raise _NeedsFullConstructorError
    return construct(node)


MAX_DEPTH = 50
"""Nesting deeper than this is reported at its line when a file is too deep to read."""
MAX_DEPTH_TO_PARSE = 1_000
"""Nesting past this is refused before parsing (reading stops at a few hundred levels anyway)."""


def _too_deep_line(node) -> int:
    """The line of the first node nested deeper than :data:`MAX_DEPTH` (walked without recursion)."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return current.start_mark.line + 1
        if isinstance(current, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in current.value]
        elif isinstance(current, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in current.value for child in pair]
    return node.start_mark.line + 1


_DEEP_BLOCK = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH_TO_PARSE}}}", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_to_parse(text: str) -> int | None:
    """The line where nesting passes :data:`MAX_DEPTH_TO_PARSE`, found without parsing, else None.

    libyaml's composer recurses in C and crashes the process (a segmentation fault, no message)
    at about 20,000 levels. Block nesting needs indentation or a run of '- ' and '? ' at the start of
    a line; flow nesting needs unclosed brackets (counted without regard to quotes: a safe over-count).
    """
    if len(text) < MAX_DEPTH_TO_PARSE:
        return None
    found = _DEEP_BLOCK.search(text)
    if found:
        return text.count("\n", 0, found.start()) + 1
    if text.count("[") + text.count("{") < MAX_DEPTH_TO_PARSE:
        return None
    depth = 0
    for bracket in _BRACKET.finditer(text):
        depth += 1 if bracket.group() in "[{" else -1
        if depth >= MAX_DEPTH_TO_PARSE:
            return text.count("\n", 0, bracket.start()) + 1
    return None


_UNSHOWABLE = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ufffe\\uffff]")
"""Characters only an escape (\\x01, \\r, \\0) can put into a value: invisible, and refused by XML."""


def _refuse_unshowable(data, shown: str, line: int = 1) -> None:
    """Raise for the first text value (or key) holding a control character, at its line."""
    if isinstance(data, str):
        found = _UNSHOWABLE.search(data)
        if found:
            raise UnreadableInputError(
                f"{shown}:{line}: the text {data[:40]!r} holds the control character "
                f"U+{ord(found.group()):04X}, which no output can show",
                "remove the escape (\\x.., \\r, \\0 …); for a line break inside a text use \\n")
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _refuse_unshowable(key, shown, data.key_lines.get(key, line))
            _refuse_unshowable(value, shown, data.key_lines.get(key, line))
    elif isinstance(data, Sequence):
        for item, item_line in zip(data, data.item_lines, strict=True):
            _refuse_unshowable(item, shown, item_line)


def read_yaml(path: Path, shown: str | None = None):
    """Return the parsed content of ``path`` with line numbers attached.

    Raises :class:`UnreadableInputError` naming file, line, problem and fix.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = p.write_text("roles:\\n  - id: x\\n")
    >>> data = read_yaml(p)
    >>> data["roles"][0].line
    2
    """
    shown = shown or str(path)
    return parse_yaml(read_text(path, shown), shown)


def read_text(path: Path, shown: str) -> str:
    """The text of a workspace file: UTF-8 (with or without BOM), at most ``MAX_FILE_BYTES``."""
    return text_of(read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the workspace file at ``path``, shown as ``shown`` in an error."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"{shown}: cannot read the file ({exc.strerror})",
                              "check that the file exists and that you may read it") from None


def text_of(raw: bytes, shown: str) -> str:
    """The text of the bytes ``raw`` of the workspace file ``shown`` (see :func:`read_text`)."""
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableInputError(
            f"{shown}: the file is {len(raw) // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB",
            "split it into several files in the same folder")
    text = _decode(Path(shown), raw)
    # a search for each character: re tries a class at every position (1 ms for a file of 140 KB, 400 times slower)
    if any(character in text for character in _BREAK_NAMES):
        _refuse_yaml_line_break(text, shown)
    return text


_YAML_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
"""Characters YAML 1.1 (PyYAML) reads as a line break and an editor does not: NEL, LINE SEPARATOR, PARAGRAPH
SEPARATOR. Read, they moved every later line of the file (findings pointed elsewhere) and turned into spaces."""
_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _refuse_yaml_line_break(text: str, shown: str) -> None:
    r"""Raise for the first character of :data:`_YAML_LINE_BREAK` in ``text``, at its line as an editor counts it.

    >>> _refuse_yaml_line_break("a: 1\nb: x\u2028y\n", "a.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.errors.UnreadableInputError: a.yaml:2: the text holds the character U+2028 (LINE SEPARATOR), ...
    """
    found = _YAML_LINE_BREAK.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    raise UnreadableInputError(
        f"{shown}:{line}: the text holds the character U+{ord(found.group()):04X} ({_BREAK_NAMES[found.group()]}), "
        "which YAML reads as a line break and an editor does not, so the file would be read other than it shows",
        "delete it (it often comes with pasted text); where a line break is meant, write \\n in a quoted text")


def parse_yaml(text: str, shown: str):
    """Parse YAML ``text`` from the file ``shown`` (see :func:`read_yaml`)."""
    deep = _too_deep_to_parse(text)
    if deep:
        raise UnreadableInputError(f"{shown}:{deep}: the file is nested too deeply",
                              "flatten the structure; workspace files are at most a few levels deep")
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    try:
        node = loader.get_single_node()
        if node is not None and ANCHOR.search(text):
            if _expanded_size(node, {}) > MAX_ALIAS_EXPANSION:
                raise UnreadableInputError(
                    f"{shown}: YAML aliases (*name) in this file expand to more than "
                    f"{MAX_ALIAS_EXPANSION:,} values",
                    "write the values out instead of repeating anchors inside anchors")
        data = _construct(loader, node, text)
    except yaml.YAMLError as exc:
        problem, fix, line = _describe_yaml_error(exc, text)
        where = f"{shown}:{line}" if line else shown
        raise UnreadableInputError(f"{where}: {problem}", fix) from None
    except RecursionError:
        raise UnreadableInputError(f"{shown}:{_too_deep_line(node)}: the file is nested too deeply",
                              "flatten the structure; workspace files are at most a few levels deep") from None
    finally:
        loader.dispose()
    if "\\" in text:
        _refuse_unshowable(data, shown)
    if loader.duplicate_keys:
        key, first, second = loader.duplicate_keys[0]
        raise UnreadableInputError(
            f"{shown}:{second}: the key '{key}' appears twice in the same block (first at line {first})",
            "keep one of them; YAML would silently drop the first")
    return data
