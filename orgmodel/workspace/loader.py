"""Load a workspace folder: the manifest plus every YAML file below it.

The result is a :class:`Workspace` of validated records, each remembering its
file and line, together with the problems of shape and type found on the way.
Unreadable input (no manifest, bad YAML, wrong encoding) raises
:class:`~orgmodel.errors.UnreadableInputError` instead.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from orgmodel.didyoumean import suggest
from orgmodel.errors import UnreadableInputError
from orgmodel.gcpause import paused_gc
from orgmodel.model import (
    KIND_OF_SECTION,
    SECTIONS,
    Entity,
    Finding,
    Manifest,
    Terms,
    builtin_vocabulary,
    compact_fields,
    shared_fields_set,
)

from .fastyaml import fully_lined, lined, parse_yaml, read_alone
from .folders import MANIFEST, MAX_WORKSPACE_BYTES, MAX_WORKSPACE_FILES, find_manifest, workspace_files
from .lines import LineIndex, nested_key_lines
from .messages import ordinal, validation_findings
from .partial import readable
from .unchanged import keeps_version, layout_digest, todo_lines, versions_stamp
from .yamlfile import Mapping, Sequence, read_bytes, text_of

_set_attribute = object.__setattr__
SETTINGS = tuple(Manifest.model_fields)


NOTHING_UNREADABLE: frozenset[str] = frozenset()
"""One empty set for every record read whole: Python makes a new empty frozenset of 216 bytes on each call."""


@dataclass(slots=True)
class Record:
    """One entity as written: its validated model and where it stands."""

    kind: str
    entity: Entity
    file: str
    line: int
    id: str = field(init=False)
    unreadable: frozenset[str] = NOTHING_UNREADABLE
    """The keys that failed validation, in whole or in part: the entity was built without those parts, so
    only the rules that check what is written (references, terms, ranges) judge it; see :mod:`.partial`."""

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
    placeholder_files: dict[str, tuple[int, ...] | None] = field(default_factory=dict)
    """The files whose text mentions TODO (only their entries can hold placeholders), each with the lines that
    mention it when every entry of the file was read from its own lines (by :mod:`.fastyaml`: no alias, anchor or
    escape can give an entry a text written elsewhere), else None (any of its entries may hold one)."""
    lines: LineIndex = field(init=False, repr=False, compare=False)
    """The lines of keys inside entries, found when first asked for."""
    parts: dict[str, "Workspace"] = field(default_factory=dict)
    """Several workspaces read as one (see :mod:`.national`): each by its folder below ``root``; else empty."""
    part_of_file: dict[str, str] = field(default_factory=dict)
    """Of several workspaces read as one: the part each file belongs to."""
    versions: bytes | None = field(default=None, compare=False)
    """A stamp of what the files say, the same after an edit of comments or blank lines only (see
    :mod:`.unchanged`); None when the workspace was not loaded through the cache."""
    whole: "Workspace | None" = field(default=None, repr=False, compare=False)
    """Of one part seen with its own settings (:meth:`view`): the workspaces read as one. Its graph reads each
    record with the settings of the part it is written in, as the graph of the whole does."""

    def __post_init__(self):
        self.lines = LineIndex(self.root)

    def line_of(self, record: Record, key: str, index: int | None = None) -> int:
        """The line of ``key`` in ``record`` (or of item ``index`` of a list), else of the record.

        See :mod:`.lines`.
        """
        return self.lines.line_of(record, key, index)

    def part_of(self, record: Record) -> str | None:
        """The name of the workspace ``record`` belongs to, when several are read as one; else None."""
        return self.part_of_file.get(record.file)

    def own(self, record: Record) -> "Workspace":
        """The workspace whose settings (vocabulary, coverage defaults, ``max_age``) apply to ``record``."""
        name = self.part_of_file.get(record.file) if self.parts else None
        return self if name is None else self.parts[name]

    def view(self, name: str, manifest: Manifest | None = None) -> "Workspace":
        """Every record of several workspaces read as one, seen with the settings of part ``name``
        (or ``manifest`` in place of its manifest): what ``check`` judges that part's entries by."""
        part = self.parts[name]
        view = Workspace(self.root, manifest or part.manifest, part.vocabulary, self.records, self.files,
                         self.duplicates, self.invalid_ids,
                         [f for f in self.problems if self.part_of_file.get(f.file) == name],
                         f"{name}/{part.manifest_file}", part.manifest_lines, self.placeholder_files)
        view.lines, view.whole = self.lines, self
        return view

    def duplicates_note(self) -> str | None:
        """What a query's reader should know of ids written twice: only the first entry of each is used.

        >>> ws = load_workspace("examples/midt-og-vestjylland")
        >>> ws.duplicates_note() is None
        True
        """
        if not self.duplicates:
            return None
        shown = [f"'{again.id}' ({first.file}:{first.line} and {again.file}:{again.line})"
                 for again, first in self.duplicates[:3]]
        more = len(self.duplicates) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more else "")
        return (f"{len(self.duplicates)} id(s) are written twice: {listed}; only the first entry of each is used. "
                "Run `orgmodel check` for details.")

    def of_kind(self, kind: str) -> list[Record]:
        """Records of one kind, sorted by id."""
        return sorted((r for r in self.records.values() if r.kind == kind), key=lambda r: r.id)


@paused_gc()
def load_workspace(path, parsed: dict | None = None, versions: bool = True) -> Workspace:
    """Load and validate the workspace at ``path`` (a folder or its manifest).

    Every file is read before anything is reported, so one run shows all
    unreadable files together.

    ``parsed`` (used by :mod:`.cache`) holds what each file but the manifest gave when it was last read, by
    its name: ``(digest of its bytes, what it added, whether it mentions TODO)``. A file whose bytes have
    that digest is not parsed again: what it added is added again, in the same order, so duplicates across
    files, lines and messages are as in a load from the files. On return ``parsed`` holds every file read.
    ``versions=False`` leaves out what only the files' versions need (the digest of their layout, see
    :mod:`.unchanged`; a tenth of a load's time): each file's version is then its digest. ``orgmodel import``
    keeps ``parsed`` only to load its edited copy, and reads no version.
    """
    manifest_path = find_manifest(Path(path))
    root = manifest_path.parent
    paths = workspace_files(root, manifest_path)
    _check_size(root, paths)
    builder = _Builder(root)
    unreadable: list[UnreadableInputError] = []
    known: dict = parsed or {}
    fresh: dict = {}
    manifest_raw = b""
    for index, p in enumerate(paths):
        shown = p.relative_to(root).as_posix()
        if parsed is not None and index > 0 and _reuse(p, shown, known, fresh, builder, bool(unreadable)):
            continue
        if p.is_symlink() and not p.exists():
            unreadable.append(UnreadableInputError(
                f"{shown}: the file is a link to {os.readlink(p)}, which does not exist",
                "point the link at the file it stands for, or delete the link"))
            continue
        try:
            raw = read_bytes(p, shown)
            text = text_of(raw, shown)
            data = _read_document(text, shown, is_manifest=index == 0)
        except UnreadableInputError as exc:
            unreadable.append(exc)
            continue
        if not unreadable:
            builder.log = [] if parsed is not None and index > 0 else None
            builder.add_document(shown, data, is_manifest=index == 0)
            todo = todo_lines(raw)
            alone = read_alone(data)
            # an escape in quotes may write TODO where the text does not ("\x54ODO"): any entry may hold one
            placeholders = (todo if alone else None) if todo or (not alone and b"\\" in raw) else ()
            if placeholders != ():
                builder.placeholder_files[shown] = placeholders
            if builder.log is not None:
                digest = hashlib.sha256(raw).digest()
                layout = layout_digest(raw) if versions else None
                version = keeps_version(known.get(shown), digest, builder.log, bool(todo), layout) if layout else \
                    digest
                fresh[shown] = (digest, builder.log, placeholders, layout, version)
                builder.log = None
            elif index == 0:
                manifest_raw = raw
    if unreadable:
        raise UnreadableInputError(
            "\n".join(e.problem + (f"\n  Fix: {e.fix}" if e.fix else "") for e in unreadable))
    ws = builder.result()
    if parsed is not None:
        parsed.clear()
        parsed.update(fresh)
        ws.versions = versions_stamp(manifest_raw, [(name, entry[4]) for name, entry in fresh.items()])
    return ws


def _digest_of(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


def _reuse(path: Path, shown: str, known: dict, fresh: dict, builder: "_Builder", failed: bool) -> bool:
    """Add again what the file ``shown`` added when last read, if its bytes are the same; else False."""
    entry = known.get(shown)
    if entry is None or path.is_symlink() and not path.exists():
        return False
    digest = _digest_of(path)
    if digest is None or digest != entry[0]:
        return False
    fresh[shown] = entry
    if not failed:
        builder.replay(shown, entry[1])
        if entry[2] != ():
            builder.placeholder_files[shown] = entry[2]
    return True


def _check_size(root: Path, paths: list[Path]) -> None:
    """Refuse a workspace past :data:`MAX_WORKSPACE_FILES` or :data:`MAX_WORKSPACE_BYTES`, before reading it."""
    fix = ("check that you gave the right folder: every .yaml file below it counts (folders whose names start "
           "with '.' or '_' are skipped); move what is not part of the workspace out, or split it into several")
    if len(paths) > MAX_WORKSPACE_FILES:
        raise UnreadableInputError(f"{root}: the workspace has {len(paths):,} YAML files; the limit is "
                              f"{MAX_WORKSPACE_FILES:,}", fix)
    total = sum(p.stat().st_size for p in paths if p.exists())
    if total > MAX_WORKSPACE_BYTES:
        raise UnreadableInputError(f"{root}: the workspace's YAML files hold {total / 2**20:,.0f} MiB; the limit is "
                              f"{MAX_WORKSPACE_BYTES // 2**20} MiB", fix)


def _read_document(text: str, shown: str, is_manifest: bool = False) -> Mapping:
    data = parse_yaml(text, shown)
    if is_manifest:  # small, and its findings point at keys at any depth
        data = fully_lined(data)
    if data is None and is_manifest:
        raise UnreadableInputError(
            f"{shown}: the file is empty, and the workspace needs its settings here",
            "add at least the workspace's name, e.g. 'name: Kredsrådet i Fyn' (see `orgmodel schema --manifest`)")
    if data is None:
        raise UnreadableInputError(
            f"{shown}: the file is empty",
            "add a section such as 'organisations:' with at least one entry, or delete the file")
    if not isinstance(data, Mapping):
        what = "a list" if isinstance(data, list) else "a single value"
        raise UnreadableInputError(
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
        self.placeholder_files: dict[str, tuple[int, ...] | None] = {}
        self.log: list | None = None
        """When a list: what the document being added adds, in order, to be added again by :meth:`replay`: each
        record itself (a tuple per record would cost a hundred thousand of them), ``("problem", finding, None)``
        and ``("invalid", id, kind)``."""

    def replay(self, shown: str, log: list) -> None:
        """Add again what a document added (see :attr:`log`): its problems, records and invalid ids."""
        self.files.append(shown)
        for item in log:
            if type(item) is Record:
                self._add(item)
            elif item[0] == "problem":
                self.problems.append(item[1])
            else:
                self.invalid_ids.setdefault(item[1], item[2])

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
            self.manifest_lines = nested_key_lines(data)
            settings = Mapping({k: v for k, v in data.items() if k in SETTINGS})
            settings.line, settings.key_lines = data.line, data.key_lines
            self.manifest = self._validate_manifest(shown, settings)

    def _validate_manifest(self, shown: str, settings: Mapping) -> Manifest:
        try:
            return Manifest.model_validate(settings)
        except ValidationError as exc:
            self.problems += validation_findings(exc, settings, shown, "manifest", "orgmodel.yaml")
            # the readable settings are kept: a bad key of 'coverage_defaults' hides none of the others
            kept, _ = readable(Manifest, settings, exc, defaults={"name": self.root.resolve().name})
        return kept if isinstance(kept, Manifest) else Manifest(name=self.root.resolve().name)

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
                              f"the {ordinal(index + 1, words=False)} entry of '{section}' is not a mapping of keys "
                              "and values",
                              "write the entry as '- id: …' followed by indented 'key: value' lines")
                continue
            self._add_record(shown, kind, model, raw, index, section)

    def _add_record(self, shown, kind, model, raw: Mapping, index, section) -> None:
        unreadable = NOTHING_UNREADABLE
        try:
            entity = model.model_validate(raw)
        except ValidationError as exc:
            raw_id = raw.get("id")
            unnamed = not isinstance(raw_id, str)
            label = " ".join(raw_id.split()) if isinstance(raw_id, str) else \
                f"the {ordinal(index + 1, words=False)} entry of '{section}'"
            raw = lined(raw)
            for finding in validation_findings(exc, raw, shown, kind, label, unnamed):
                self._found(finding)
            partial, unreadable = readable(model, raw, exc)
            if partial is None:
                if isinstance(raw_id, str):
                    self.invalid_ids.setdefault(raw_id, kind)
                    if self.log is not None:
                        self.log.append(("invalid", raw_id, kind))
                return
            entity = partial
        _set_attribute(entity, "__dict__", compact_fields(model, entity.__dict__))
        _set_attribute(entity, "__pydantic_fields_set__", shared_fields_set(entity.__pydantic_fields_set__))
        record = Record(kind, entity, shown, raw.line, unreadable)
        if self.log is not None:
            self.log.append(record)
        self._add(record)

    def _add(self, record: Record) -> None:
        first = self.records.get(record.id)
        if first is None:
            self.records[record.id] = record
        else:
            self.duplicates.append((record, first))

    def _problem(self, rule, file, line, entity, message, fix) -> None:
        self._found(Finding("error", file, line, rule, entity, message, fix))

    def _found(self, finding: Finding) -> None:
        self.problems.append(finding)
        if self.log is not None:
            self.log.append(("problem", finding, None))

    def result(self) -> Workspace:
        manifest = self.manifest or Manifest(name=self.root.resolve().name)
        vocabulary = builtin_vocabulary().merged_with(manifest.vocabulary)
        return Workspace(self.root, manifest, vocabulary, self.records, self.files,
                         self.duplicates, self.invalid_ids, self.problems,
                         self.manifest_file, self.manifest_lines, self.placeholder_files)
