"""Load a workspace folder: the manifest plus every YAML file below it.

The result is a :class:`Workspace` of validated records, each remembering its
file and line, together with the problems of shape and type found on the way.
Unreadable input (no manifest, bad YAML, wrong encoding) raises
:class:`~orgmodel.errors.UnreadableInput` instead.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from orgmodel.didyoumean import suggest
from orgmodel.errors import UnreadableInput
from orgmodel.gcpause import paused_gc
from orgmodel.model import (
    KIND_OF_SECTION,
    PERSONAL_FIELDS,
    SECTIONS,
    Finding,
    Manifest,
    ManifestFile,
    Terms,
    builtin_vocabulary,
    shared_fields_set,
)

from .yamlfile import Mapping, Sequence, parse_yaml, read_text, read_yaml

_set_attribute = object.__setattr__
MANIFEST = "orgmodel.yaml"
SETTINGS = tuple(Manifest.model_fields)
MAX_WORKSPACE_FILES = 10_000
MAX_WORKSPACE_BYTES = 128 * 2**20
"""Limits of a whole workspace, checked before anything is read. A national workspace of 100,000
entities is about 15 MiB; reading 128 MiB of YAML takes minutes and gigabytes of memory."""


@dataclass(slots=True)
class Record:
    """One entity as written: its validated model and where it stands."""

    kind: str
    entity: BaseModel
    file: str
    line: int
    id: str = field(init=False)

    def __post_init__(self):
        self.id = self.entity.id

    def get(self, field: str):
        """The value of ``field``, or None when this kind of entity has no such field.

        Cheaper than ``getattr(entity, field, None)``, which goes through
        pydantic's slow path for a missing attribute.
        """
        return self.entity.__dict__.get(field)


@dataclass
class Workspace:
    """A loaded workspace: manifest, vocabulary, records by id and load problems."""

    root: Path
    manifest: Manifest
    vocabulary: Terms
    records: dict[str, Record]
    files: list[str]
    duplicates: list[tuple[Record, Record]] = field(default_factory=list)
    invalid_ids: dict[str, str] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    manifest_file: str = MANIFEST
    manifest_lines: dict = field(default_factory=dict)
    placeholder_files: set[str] = field(default_factory=set)
    """Files whose text mentions TODO (only their entries can hold placeholders)."""
    line_index: dict = field(default_factory=dict, repr=False, compare=False)
    """Per file: the line of each key of each entry, read again when first needed."""
    file_lines: dict = field(default_factory=dict, repr=False, compare=False)
    """The text lines of the files read last by :meth:`line_of` (at most ``_FILES_KEPT``)."""

    def line_of(self, record: Record, key: str, index: int | None = None) -> int:
        """The line of ``key`` in ``record`` (or of item ``index`` of a list), else of the record.

        Nested keys use dots: ``line_of(record, "covers.ages")``. Lines of keys
        are not kept in memory (they would double the size of a large
        workspace); the record's file is read again the first time a line
        inside it is asked for.
        """
        lines = self._lines_in_entry(record)
        if lines is None:
            lines = self._lines_in(record.file).get(record.line)
        if lines is None:
            return record.line
        key_lines, item_lines = lines
        if index is not None and key in item_lines:
            if index < len(item_lines[key]):
                return item_lines[key][index]
        return key_lines.get(key, record.line)

    def _lines_in_entry(self, record: Record) -> tuple[dict, dict] | None:
        """Key and item lines of ``record``, parsed from the entry's own lines of its file.

        A check of a national workspace finds a handful of problems in each of a
        hundred files; parsing only the entry instead of the whole file keeps
        that from costing as much as the load. None when the entry is not a
        plain block item (``- key: …``) that parses on its own, e.g. when it uses
        an alias; :meth:`_lines_in` then reads the whole file.
        """
        lines = self._text_lines(record.file)
        start = record.line - 1
        item = _ITEM.match(lines[start]) if lines is not None and start < len(lines) else None
        if item is None:
            return None
        end = _end_of_item(lines, start, len(item.group(1)))
        try:
            data = parse_yaml("\n" * start + "\n".join(lines[start:end]), record.file)
        except UnreadableInput:
            return None
        if not (isinstance(data, Sequence) and len(data) == 1 and isinstance(data[0], Mapping)
                and data[0].line == record.line):
            return None
        return _key_lines(data[0]), _item_lines(data[0])

    def _text_lines(self, file: str) -> list[str] | None:
        if file not in self.file_lines:
            try:
                text = read_text(self.root / file, file)
            except UnreadableInput:
                text = ""
            if len(self.file_lines) >= _FILES_KEPT:
                del self.file_lines[next(iter(self.file_lines))]
            # Lines as PyYAML counts them; a file with other line breaks is left to _lines_in.
            self.file_lines[file] = None if _OTHER_BREAKS.search(text) else text.split("\n")
        return self.file_lines[file]

    def _lines_in(self, file: str) -> dict:
        if file not in self.line_index:
            try:
                data = read_yaml(self.root / file, file)
            except UnreadableInput:
                data = None
            self.line_index[file] = _entry_lines(data)
        return self.line_index[file]

    def of_kind(self, kind: str) -> list[Record]:
        """Records of one kind, sorted by id."""
        return sorted((r for r in self.records.values() if r.kind == kind), key=lambda r: r.id)


def find_manifest(path: Path) -> Path:
    """The manifest for a workspace given as a folder or as its ``orgmodel.yaml``."""
    path = Path(path)
    if path.is_file() and path.name in (MANIFEST, "orgmodel.yml"):
        return path
    if not path.exists():
        raise UnreadableInput(f"{path}: no such folder",
                              "give the folder that holds orgmodel.yaml")
    if not path.is_dir():
        raise UnreadableInput(f"{path}: not a workspace folder",
                              "give the folder that holds orgmodel.yaml, not a single file")
    for name in (MANIFEST, "orgmodel.yml"):
        if (path / name).is_file():
            return path / name
    raise UnreadableInput(
        f"{path}: no {MANIFEST} in this folder, so it is not an orgmodel workspace",
        f"give the folder that holds {MANIFEST}, or create one with "
        f"`orgmodel init --kreds KREDS {path}`")


def workspace_files(root: Path, manifest: Path) -> list[Path]:
    found = []
    for pattern in ("*.yaml", "*.yml"):
        for path in root.rglob(pattern):
            parts = path.relative_to(root).parts
            if path != manifest and not any(p.startswith((".", "_")) for p in parts) and path.is_file():
                found.append(path)
    return [manifest] + sorted(found, key=lambda p: p.relative_to(root).as_posix())


@paused_gc()
def load_workspace(path) -> Workspace:
    """Load and validate the workspace at ``path`` (a folder or its manifest).

    Every file is read before anything is reported, so one run shows all
    unreadable files together.
    """
    manifest_path = find_manifest(Path(path))
    root = manifest_path.parent
    paths = workspace_files(root, manifest_path)
    _check_size(root, paths)
    builder, unreadable = _Builder(root), []
    for index, p in enumerate(paths):
        shown = p.relative_to(root).as_posix()
        try:
            text = read_text(p, shown)
            data = _read_document(text, shown)
        except UnreadableInput as exc:
            unreadable.append(exc)
            continue
        if not unreadable:
            builder.add_document(shown, data, is_manifest=index == 0)
            if _TODO.search(text):
                builder.placeholder_files.add(shown)
    if unreadable:
        raise UnreadableInput(
            "\n".join(e.problem + (f"\n  Fix: {e.fix}" if e.fix else "") for e in unreadable))
    return builder.result()


_TODO = re.compile("todo", re.IGNORECASE)


def _check_size(root: Path, paths: list[Path]) -> None:
    """Refuse a workspace past :data:`MAX_WORKSPACE_FILES` or :data:`MAX_WORKSPACE_BYTES`, before reading it."""
    fix = ("check that you gave the right folder: every .yaml file below it counts (folders whose names start "
           "with '.' or '_' are skipped); move what is not part of the workspace out, or split it into several")
    if len(paths) > MAX_WORKSPACE_FILES:
        raise UnreadableInput(f"{root}: the workspace has {len(paths):,} YAML files; the limit is "
                              f"{MAX_WORKSPACE_FILES:,}", fix)
    total = sum(p.stat().st_size for p in paths)
    if total > MAX_WORKSPACE_BYTES:
        raise UnreadableInput(f"{root}: the workspace's YAML files hold {total / 2**20:,.0f} MiB; the limit is "
                              f"{MAX_WORKSPACE_BYTES // 2**20} MiB", fix)


def _read_document(text: str, shown: str) -> Mapping:
    data = parse_yaml(text, shown)
    if data is None:
        raise UnreadableInput(
            f"{shown}: the file is empty",
            "add a section such as 'organisations:' with at least one entry, or delete the file")
    if not isinstance(data, Mapping):
        what = "a list" if isinstance(data, list) else "a single value"
        raise UnreadableInput(
            f"{shown}:1: the file holds {what} where sections belong",
            "start the file with a section name such as 'organisations:' and indent the entries below it")
    return data


class _Builder:
    def __init__(self, root: Path):
        self.root = root
        self.manifest: Manifest | None = None
        self.manifest_file = MANIFEST
        self.records: dict[str, Record] = {}
        self.duplicates: list[tuple[Record, Record]] = []
        self.invalid_ids: dict[str, str] = {}
        self.problems: list[Finding] = []
        self.files: list[str] = []
        self.manifest_lines: dict = {}
        self.placeholder_files: set[str] = set()

    def add_document(self, shown: str, data: Mapping, is_manifest: bool) -> None:
        self.files.append(shown)
        allowed = tuple(SECTIONS) + (SETTINGS if is_manifest else ())
        for key, value in data.items():
            line = data.key_lines.get(key, 1)
            if key in SECTIONS:
                self._add_section(shown, key, value, line)
            elif key not in allowed:
                hint = " (settings belong in orgmodel.yaml)" if key in SETTINGS else ""
                self._problem("schema.unknown-section", shown, line, "",
                              f"unknown section '{key}'{hint}.{suggest(str(key), allowed)}",
                              f"use one of: {', '.join(allowed)}")
        if is_manifest:
            self.manifest_file = shown
            self.manifest_lines = _key_lines(data)
            settings = Mapping({k: v for k, v in data.items() if k in SETTINGS})
            settings.line, settings.key_lines = data.line, data.key_lines
            self.manifest = self._validate_manifest(shown, settings)

    def _validate_manifest(self, shown: str, settings: Mapping) -> Manifest:
        try:
            return Manifest.model_validate(settings)
        except ValidationError as exc:
            self.problems += validation_findings(exc, settings, shown, "manifest", "orgmodel.yaml")
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        kept = {k: v for k, v in settings.items() if k not in bad}
        kept.setdefault("name", self.root.name)
        try:
            return Manifest.model_validate(kept)
        except ValidationError:
            return Manifest(name=self.root.name)

    def _add_section(self, shown: str, section: str, items, line: int) -> None:
        if items is None:
            return
        if not isinstance(items, Sequence):
            self._problem("schema.wrong-type", shown, line, "",
                          f"'{section}' must be a list of entries, each starting with '- id: …'",
                          f"write each entry of '{section}' on its own line starting with '- '")
            return
        model, kind = SECTIONS[section], KIND_OF_SECTION[section]
        for index, raw in enumerate(items):
            item_line = items.item_lines[index]
            if not isinstance(raw, Mapping):
                self._problem("schema.wrong-type", shown, item_line, "",
                              f"entry {index + 1} of '{section}' is not a mapping of keys and values",
                              "write the entry as '- id: …' followed by indented 'key: value' lines")
                continue
            self._add_record(shown, kind, model, raw, index, section)

    def _add_record(self, shown, kind, model, raw: Mapping, index, section) -> None:
        raw_id = raw.get("id")
        label = " ".join(raw_id.split()) if isinstance(raw_id, str) else f"entry {index + 1} of '{section}'"
        try:
            entity = model.model_validate(raw)
        except ValidationError as exc:
            self.problems += validation_findings(exc, raw, shown, kind, label)
            if isinstance(raw_id, str):
                self.invalid_ids.setdefault(raw_id, kind)
            return
        _set_attribute(entity, "__pydantic_fields_set__", shared_fields_set(entity.__pydantic_fields_set__))
        record = Record(kind, entity, shown, raw.line)
        first = self.records.get(entity.id)
        if first is None:
            self.records[entity.id] = record
        else:
            self.duplicates.append((record, first))

    def _problem(self, rule, file, line, entity, message, fix) -> None:
        self.problems.append(Finding("error", file, line, rule, entity, message, fix))

    def result(self) -> Workspace:
        manifest = self.manifest or Manifest(name=self.root.name)
        vocabulary = builtin_vocabulary().merged_with(manifest.vocabulary)
        return Workspace(self.root, manifest, vocabulary, self.records, self.files,
                         self.duplicates, self.invalid_ids, self.problems,
                         self.manifest_file, self.manifest_lines, self.placeholder_files)


_FILES_KEPT = 32
_ITEM = re.compile(r"( *)- +[^\s#]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


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
                        found[raw.line] = (_key_lines(raw), _item_lines(raw))
    return found


def _key_lines(raw: Mapping) -> dict[str, int]:
    lines = dict(raw.key_lines)
    for key, value in raw.items():
        if isinstance(value, Mapping):
            lines.update({f"{key}.{k}": n for k, n in value.key_lines.items()})
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


_ALL_KEYS = sorted({name for model in (*SECTIONS.values(), ManifestFile) for name in model.model_fields}
                   | {"da", "en", "ages", "groups", "crimes", "rule", "reason", "name", "verified"})
_TYPE_TAGS = {"str", "int", "Text", "list", "dict", "bool", "date"}


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


def _clean_loc(loc) -> list:
    return [p for p in loc if not (isinstance(p, str) and (p in _TYPE_TAGS or "[" in p))]


def _pick_errors(errors: list[dict], raw) -> list[dict]:
    """Keep the most telling error per field when a union (text or {da, en}) fails."""
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
        picked.extend(group)
    return picked


def validation_findings(exc: ValidationError, raw: Mapping, file: str, kind: str, label: str):
    """Turn a pydantic error into findings that name the line, the problem and the fix."""
    findings = []
    errors = _pick_errors(exc.errors(include_url=False), raw)
    misspelt = {suggestion for e in errors if e["type"] == "extra_forbidden"
                for suggestion in [_closest(str(e["loc"][-1]))] if suggestion}
    for err in errors:
        if err["type"] == "missing" and err["loc"] and err["loc"][-1] in misspelt:
            continue
        loc = _clean_loc(err["loc"])
        if loc and loc[0] in PERSONAL_FIELDS:
            err = {**err, "input": _NOT_SHOWN}
        line = _line_at(raw, err["loc"])
        name = ".".join(str(p) for p in loc) or kind
        rule, message, fix = _explain(err, loc, name, kind, label)
        findings.append(Finding("error", file, line, rule, label if kind != "manifest" else "",
                                _one_line(message), _one_line(fix)))
    return findings


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


def _closest(key: str) -> str | None:
    hint = suggest(key, _ALL_KEYS)
    return hint.split("'")[1] if hint else None


def _explain(err: dict, loc: list, name: str, kind: str, label: str) -> tuple[str, str, str]:
    what = f"{kind} '{label}'" if kind != "manifest" else "orgmodel.yaml"
    kind_of_error, got = err["type"], err.get("input")
    if kind_of_error == "extra_forbidden":
        key = loc[-1] if loc else name
        return ("schema.unknown-key", f"unknown key '{key}' in {what}.{suggest(str(key), _ALL_KEYS)}",
                "remove the key or correct its spelling (see the format in the README)")
    if kind_of_error == "missing":
        return ("schema.missing-key", f"{what} has no '{name}', which is required",
                f"add a line '{loc[-1]}: …' to the entry")
    if kind_of_error == "string_pattern_mismatch":
        return ("schema.bad-id", f"'{' '.join(str(got).split())}' in '{name}' of {what} is not a valid id",
                f"ids use only a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), e.g. '{slugify(str(got))}'")
    if kind_of_error in ("int_parsing", "int_type", "int_from_float"):
        return ("schema.wrong-type", f"'{name}' of {what} must be a whole number, not {got!r}",
                f"write a number, e.g. '{loc[-1]}: 4'")
    if kind_of_error.startswith("date") or kind_of_error.startswith("datetime"):
        return ("schema.wrong-type", f"'{name}' of {what} must be a date, not {got!r}",
                f"write the date as YYYY-MM-DD, e.g. '{loc[-1]}: 2026-01-31'")
    if kind_of_error in ("list_type",):
        return ("schema.wrong-type", f"'{name}' of {what} must be a list, not {got!r}",
                f"write a list, e.g. '{loc[-1]}: [a, b]'")
    if kind_of_error in ("model_type", "dict_type", "model_attributes_type"):
        return ("schema.wrong-type", f"'{name}' of {what} must be a block of 'key: value' lines",
                "indent the keys below it, or see the format in the README")
    if kind_of_error in ("string_type",) and loc and loc[-1] in ("name", "title", "description"):
        return ("schema.wrong-type", f"'{name}' of {what} must be text or {{da: …, en: …}}, not {got!r}",
                f"write e.g. '{loc[-1]}: \"{got}\"' with quotes")
    message = err["msg"][0].lower() + err["msg"][1:]
    return ("schema.wrong-type", f"'{name}' of {what}: {message} (got {got!r})",
            "correct the value (see the format in the README)")


def slugify(text: str) -> str:
    """The id a name would have.

    >>> slugify("Ringkøbing-Skjern Kommune")
    'ringkoebing-skjern-kommune'
    """
    text = text.lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "ue"), ("ö", "oe"), ("ä", "ae")):
        text = text.replace(danish, ascii_)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "id"
