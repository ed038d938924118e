"""``orgmodel import``: bring a workbook's changes back into the workspace's YAML files, by id.

Changed cells change their entry, new ids are added, ids missing from a sheet
are removed only with ``remove`` (otherwise kept and listed). Every row is
checked first; then the edited files are loaded and checked in a temporary
copy of the workspace; only then are they replaced, each written whole to a
temporary file first. Files that do not change are never written.
"""

import contextlib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from orgmodel.errors import (
    InvalidWorkspaceError,
    UnreadableInputError,
    UsageError,
    WorkbookError,
    YamlEditError,
)
from orgmodel.files import atomic_path
from orgmodel.gcpause import paused_gc
from orgmodel.model import KIND_OF_SECTION, SECTIONS, Finding
from orgmodel.workspace import Record, Workspace, edit_text, layout, load_workspace

from .columns import section_columns
from .rows import ReadRows, Row, RowChecker, one_line, read_rows
from .status import STATUS_SHEET, StatusUpdate, read_status_sheet
from .workbook import exported_parts, read_workbook

_BOM = b"\xef\xbb\xbf"
_PLACING = ("under", "parent", "owner", "organisation", "reports_to")


@dataclass(frozen=True)
class Change:
    """One entry added, changed, removed, or kept because ``--remove`` was not given."""

    action: str
    id: str
    file: str
    line: int
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.action} {self.id}"
        if self.fields:
            text += f" ({', '.join(self.fields)})"
        if self.action == "kept":
            text += ": not in the spreadsheet; use --remove to delete it"
        return text


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    changes: list[Change]
    files: list[str]
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Warning: {w}" for w in self.warnings] + [str(c) for c in self.changes]
        if not self.files:
            lines.append("No changes: the workspace already matches the spreadsheet.")
        elif self.dry_run:
            lines.append(f"Dry run: would update {len(self.files)} file(s): {', '.join(self.files)}; "
                         "nothing was written.")
        else:
            lines.append(f"Updated {len(self.files)} file(s): {', '.join(self.files)}")
        return "\n".join(lines) + "\n"


@dataclass
class _Plan:
    changes: list[Change] = field(default_factory=list)
    edits: dict = field(default_factory=dict)
    added: dict[str, str] = field(default_factory=dict)

    def file(self, name: str) -> dict:
        return self.edits.setdefault(name, {"changes": {}, "removals": set(), "additions": {}})


@paused_gc()  # the rows and cells read live until the end; the collector would scan them again and again
def import_spreadsheet(sheet: Path, workspace: Path, remove: bool = False, dry_run: bool = False) -> ImportResult:
    """Apply the workbook ``sheet`` to ``workspace``; raise :class:`WorkbookError` on any bad row."""
    parsed: dict = {}
    ws = load_workspace(workspace, parsed, versions=False)
    _require_clean(ws)
    parts = exported_parts(sheet)
    if parts:
        raise UsageError(f"{sheet}: the workbook was exported from {len(parts)} workspaces read as one "
                         f"({', '.join(parts)}), so an import into one of them would copy the others' entries into "
                         f"it\n  Fix: export the workspace on its own (`orgmodel export {workspace} -o FILE.xlsx`) "
                         "and edit that workbook")
    book = read_workbook(sheet)
    status_sheet = book.pop(STATUS_SHEET, None)
    read = read_rows(book)
    missing = _missing(ws, read)
    checker = RowChecker(ws, read, {r.id for r in missing} if remove else set())
    for row in read.rows:
        checker.check(row)
    for row in read.duplicates:
        checker.check(row, alone=True)
    status = read_status_sheet(ws, status_sheet.headers, status_sheet.rows) if status_sheet else StatusUpdate()
    problems = sorted(read.problems + checker.problems)
    if problems or status.problems:
        raise WorkbookError(sheet, [p.text for p in problems] + status.problems)
    plan = _plan(ws, read.rows, missing, remove)
    _plan_status(ws, plan, status, {r.id for r in missing} if remove else set())
    texts = _edited_texts(ws, plan, sheet)
    _validate_copy(ws, texts, read.rows, sheet, parsed, plan)
    result = ImportResult(plan.changes + _added(texts, read.rows, plan), sorted(texts), dry_run,
                          [w.text for w in sorted(read.warnings)])
    result.changes = _ordered(result.changes, read.rows)
    if not dry_run:
        _write_all(ws.root, texts)
    return result


def _missing(ws: Workspace, read: ReadRows) -> list[Record]:
    """The entries of the sheets read that no row lists, in the order of the sheets, then by id."""
    unlisted = ws.records.keys() - {row.id for row in read.rows}  # a set's difference: no loop over the entries
    found = [ws.records[i] for i in unlisted if _section(ws.records[i].kind) in read.columns]
    return sorted(found, key=lambda r: (list(SECTIONS).index(_section(r.kind)), r.id))


def _section(kind: str) -> str:
    return _SECTION_OF_KIND[kind]


_SECTION_OF_KIND = {k: s for s, k in reversed(KIND_OF_SECTION.items())}
"""The section of each kind (the first, as a search of ``KIND_OF_SECTION`` finds it)."""


def _require_clean(ws: Workspace) -> None:
    duplicates = [Finding("error", dup.file, dup.line, "id.duplicate", dup.id,
                          f"the id '{dup.id}' is also used at {first.file}:{first.line}")
                  for dup, first in ws.duplicates]
    if ws.problems or duplicates:
        raise InvalidWorkspaceError(ws.problems + duplicates)


def _plan(ws: Workspace, rows: list[Row], missing, remove: bool) -> _Plan:
    plan = _Plan()
    for row in rows:
        record = ws.records.get(row.id)
        if record is None:
            file = _target_file(ws, row)
            plan.file(file)["additions"].setdefault(row.section, []).append(row.entry)
            plan.added[row.id] = file
        elif row.changed:
            plan.file(record.file)["changes"][row.id] = (_whole(record, row), row.changed)
            fields = tuple(c.field for c in section_columns(row.section) if c.field in row.changed)
            plan.changes.append(Change("changed", row.id, record.file, record.line, tuple(dict.fromkeys(fields))))
    for record in missing:
        if remove:
            plan.file(record.file)["removals"].add(record.id)
        plan.changes.append(Change("removed" if remove else "kept", record.id, record.file, record.line))
    return plan


def _plan_status(ws: Workspace, plan: _Plan, status: StatusUpdate, removed: set[str]) -> None:
    """Add the status sheet's new statuses and values to the plan, beside any change of the goals sheet."""
    for goal_id, fields in sorted(status.entries.items()):
        if goal_id in removed:
            continue
        record = ws.records[goal_id]
        changes = plan.file(record.file)["changes"]
        entry, changed = changes.get(goal_id, (dict(_written(record.entity)), set()))
        entry = {**entry, **{k: v or None for k, v in fields.items()}}
        changes[goal_id] = (entry, set(changed) | set(fields))
        done = next((c for c in plan.changes if c.id == goal_id and c.action == "changed"), None)
        names = tuple(dict.fromkeys((*(done.fields if done else ()), *sorted(fields))))
        if done is not None:
            plan.changes.remove(done)
        plan.changes.append(Change("changed", goal_id, record.file, record.line, names))


def _whole(record: Record, row: Row) -> dict:
    """The entry a changed row makes of ``record``: the row's fields, and the fields its sheet has no column for
    as written (a goal's status and indicators, which the status sheet holds). An entry written on one line in
    braces is written again whole, as a block, from this."""
    columns = {c.field for c in section_columns(row.section)}
    return {**row.entry, **{k: v for k, v in _written(record.entity).items() if k not in columns}}


def _written(entity) -> dict:
    return entity.model_dump(exclude_none=True, exclude_defaults=True)


def _target_file(ws: Workspace, row: Row) -> str:
    """Where a new entry goes: beside the entry it sits under, or with its section's other entries."""
    kind = KIND_OF_SECTION[row.section]
    same = [r for r in ws.records.values() if r.kind == kind]
    for name in _PLACING:
        target = row.entry.get(name)
        if target is None:
            continue
        if target in ws.records and ws.records[target].kind == kind:
            return ws.records[target].file
        siblings = [r.file for r in same if getattr(r.entity, name, None) == target]
        if siblings:
            return Counter(siblings).most_common(1)[0][0]
    if same:
        counts = Counter(r.file for r in same)
        return max(ws.files, key=lambda f: (counts.get(f, 0), -ws.files.index(f)))
    return f"{row.section}.yaml"


def _read_text(path: Path) -> tuple[str, bool]:
    data = path.read_bytes() if path.exists() else b""
    return data.removeprefix(_BOM).decode("utf-8"), data.startswith(_BOM)


def _new_file_text(ws: Workspace) -> str:
    """A new file starts with the editor modeline of the workspace's other top-level files, if any."""
    for name in ws.files:
        if "/" not in name and name != ws.manifest_file:
            first = (ws.root / name).read_text(encoding="utf-8-sig").split("\n", 1)[0]
            if first.startswith("# yaml-language-server:"):
                return first + "\n"
    return ""


def _edited_texts(ws: Workspace, plan: _Plan, sheet: Path) -> dict[str, bytes]:
    texts, problems = {}, []
    order = {s: list(dict.fromkeys(c.field for c in section_columns(s))) for s in SECTIONS}
    for name, edit in sorted(plan.edits.items()):
        path = ws.root / name
        old, bom = _read_text(path) if name in ws.files else (_new_file_text(ws), False)
        try:
            new = edit_text(old, edit["changes"], edit["removals"], edit["additions"], order.get)
        except YamlEditError as exc:
            problems.append(f"{name}:{exc.line}: {exc.text}")
            continue
        if new != old or name not in ws.files:
            texts[name] = (_BOM if bom else b"") + new.encode("utf-8")
    if problems:
        raise WorkbookError(sheet, problems)
    return texts


def _added(texts: dict[str, bytes], rows: list[Row], plan: _Plan) -> list[Change]:
    spans = {}
    for name, data in texts.items():
        if name not in plan.added.values():  # only a file that gains entries needs its layout read
            continue
        for section in layout(data.removeprefix(_BOM).decode("utf-8")).values():
            spans.update({(name, item.id): item.line for item in section.items})
    return [Change("added", row.id, plan.added[row.id], spans.get((plan.added[row.id], row.id), 0))
            for row in rows if row.id in plan.added]


def _ordered(changes: list[Change], rows: list[Row]) -> list[Change]:
    named = {c.id for c in changes}
    position = {row.id: (row.sheet_index, row.number) for row in rows if row.id in named}
    return sorted(changes, key=lambda c: (c.action in ("removed", "kept"), position.get(c.id, (99, 0)),
                                          c.file, c.line))


def _validate_copy(ws: Workspace, texts: dict[str, bytes], rows: list[Row], sheet: Path, parsed: dict,
                   plan: _Plan) -> None:
    """Load and check the edited workspace in a temporary folder; raise if it has new errors.

    ``parsed`` is what each file gave when ``ws`` was loaded (see :func:`load_workspace`): the files left as
    they were are not parsed again.
    """
    if not plan.edits:
        return
    if not texts:  # the plan's edits left every file as it was: the workspace must give what they asked
        after, found = ws, []
    else:
        with tempfile.TemporaryDirectory(prefix="orgmodel-import-") as tmp:
            root = Path(tmp)
            for name in set(ws.files) | set(texts):
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(texts[name] if name in texts else (ws.root / name).read_bytes())
            try:
                after = load_workspace(root / ws.manifest_file, dict(parsed), versions=False)
            except UnreadableInputError as error:
                raise WorkbookError(sheet, _unreadable_after(plan, rows, error)) from None
            found = after.problems or _new_integrity_errors(ws, after)
    where = {row.id: f"{row.sheet}, row {row.number}" for row in rows}
    if found:
        raise WorkbookError(sheet, [one_line(f"{where.get(f.entity, f.location)}: {f.message} (after the import, "
                                             f"at {f.location})") for f in found])
    unwritten = _not_as_asked(plan, after)
    if unwritten:
        raise WorkbookError(sheet, [one_line(
            f"{where.get(entity_id, entity_id)}: '{name}' of {entity_id} cannot be written to {file} as the "
            "spreadsheet gives it: the file then reads otherwise (a value taken from a merge key '<<' or an alias, "
            "or a text YAML cannot hold); change it in the YAML file") for file, entity_id, name in unwritten])


def _unreadable_after(plan: _Plan, rows: list[Row], error: UnreadableInputError) -> list[str]:
    """The problem of edits that leave a file YAML cannot read: most often a value other entries take through an
    anchor (``&name``, ``*name``), which the edit replaced. Named at the rows edited in that file."""
    where = {row.id: f"{row.sheet}, row {row.number}" for row in rows}
    problem = error.problem.splitlines()[0]
    file = problem.split(":", 1)[0]
    edited = sorted({where.get(entity_id, entity_id) for name, edit in plan.edits.items() if name == file
                     for entity_id in edit["changes"]})
    return [one_line(f"{', '.join(edited) or file}: the edit cannot be written to {file}: the file would no longer "
                     f"read ({problem}); most often the value edited is one other entries take through an "
                     "anchor (&name) and alias (*name) or a merge key '<<'; change it in the YAML file")]


def _not_as_asked(plan: _Plan, after: Workspace) -> list[tuple[str, str, str]]:
    """The fields of the changed and added entries that the edited files, read again, do not give as the plan
    asked: ``(file, id, field)``. A writer that cannot write a value as asked must not leave another in silence."""
    found = []
    for file, edit in sorted(plan.edits.items()):
        asked = [(entity_id, entry, changed) for entity_id, (entry, changed) in sorted(edit["changes"].items())]
        asked += [(entry["id"], entry, set(entry)) for entries in edit["additions"].values() for entry in entries]
        for entity_id, entry, changed in asked:
            record = after.records.get(entity_id)
            if record is None:
                found.append((file, entity_id, "id"))
                continue
            try:
                intended = type(record.entity).model_validate(entry)
            except ValidationError:  # the rows' checks passed: a field the writer left out is not of the plan
                continue
            found += [(file, entity_id, name) for name in sorted(changed)
                      if getattr(intended, name, None) != getattr(record.entity, name, None)]
    return found


def _new_integrity_errors(before: Workspace, after: Workspace) -> list[Finding]:
    if after.duplicates:
        return [Finding("error", dup.file, dup.line, "id.duplicate", dup.id, f"the id '{dup.id}' is used twice")
                for dup, _ in after.duplicates]
    if only_labels_differ(before, after):
        return []

    from orgmodel.check import check  # the rules load only when there is an edit to check (0.3 s)

    def errors(ws):
        return [f for f in check(ws, categories=("integrity",)).findings
                if f.category == "integrity" and f.severity == "error"]

    found = errors(after)
    if not found:  # nothing can be new: the workspace as it was need not be checked (half the time of an edit)
        return []
    known = {(f.rule, f.entity, f.message) for f in errors(before)}
    return [f for f in found if (f.rule, f.entity, f.message) not in known]


def only_labels_differ(before: Workspace, after: Workspace) -> bool:
    """Whether ``after`` holds the entries of ``before``, in the same files and with the same settings, and
    differs only in free text: labels (``name``, ``title``, ``description``) and notes.

    No integrity rule reads them (they judge ids, references, areas, terms, ages, dates and ignores), so such
    an edit cannot bring a new integrity error: the rules need not run. Unchanged files' records are the very
    objects of ``before`` (see :func:`load_workspace`), so only the edited files' entries are compared.
    """
    if (after.manifest != before.manifest or after.files != before.files or after.records.keys() !=
            before.records.keys() or after.part_of_file != before.part_of_file or
            {n: p.manifest for n, p in after.parts.items()} != {n: p.manifest for n, p in before.parts.items()}):
        return False
    for entity_id, new in after.records.items():
        old = before.records[entity_id]
        if new is old:
            continue
        if (new.kind, new.file, new.unreadable) != (old.kind, old.file, old.unreadable):
            return False
        labels, fields, was = _LABELS[new.kind], new.entity.__dict__, old.entity.__dict__
        if fields.keys() != was.keys() or any(v != was[k] for k, v in fields.items() if k not in labels):
            return False
    return True


_LABELS = {KIND_OF_SECTION[s]: frozenset(c.field for c in section_columns(s) if c.kind == "label") | {"note"}
           for s in SECTIONS}
"""The free-text fields of each kind of entry: its labels (whose text is given per language) and its note."""


def _write_all(root: Path, texts: dict[str, bytes]) -> None:
    """Write every file to a temporary file beside it, then rename them all."""
    with contextlib.ExitStack() as stack:
        for name, data in sorted(texts.items()):
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(atomic_path(path)).write_bytes(data)

