"""The rows of an imported workbook, read and checked before anything is written.

Every problem is collected with its sheet, row and column, so one run names
them all: unknown sheets and columns, cells of the wrong type, empty required
cells, duplicate ids, unknown ids, terms and areas, bad age ranges.

>>> book = {"forums": Sheet("forums", ["id", "type"], [(2, [("ssp-ny", False), ("ssp", False)])])}
>>> read = read_rows(book)
>>> [(r.sheet, r.number, r.id, r.values) for r in read.rows], read.problems
([('forums', 2, 'ssp-ny', {'id': 'ssp-ny', 'type': 'ssp'})], [])
"""

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from orgmodel.errors import CellError
from orgmodel.model import (
    ID_PATTERN,
    KIND_OF_SECTION,
    REFERENCES,
    SECTION_NAMES,
    SECTIONS,
    TERM_FIELDS,
    area_suggestion,
    lookup_area,
    parse_age_range,
    slugify,
)
from orgmodel.tables import one_line, visible
from orgmodel.workspace import Workspace

from .columns import (
    CELL_LIMIT,
    ITEM_BREAK,
    Column,
    as_exported,
    by_field,
    entity_cells,
    field_value,
    hint,
    lower_hint,
    number_in_text,
    parse_cell,
    section_columns,
    spreadsheet_text,
    values_without_header,
)
from .sheetxml import ErrorValue
from .workbook import Sheet


@dataclass(frozen=True, order=True)
class Problem:
    """One bad cell (or header, or sheet), sortable in workbook order."""

    sheet_index: int
    row: int
    column_index: int
    text: str


class Row:
    """One row of a section sheet: where it stands, its id and the values of its cells.

    ``cells``: what each cell of ``values`` held before it was parsed, by column name. ``entry`` and ``changed``
    are filled in by :meth:`RowChecker.check`; until then they are empty and read-only (a national workbook has
    a hundred thousand rows, most of which change nothing: slots, and no dict or set made per row for nothing).
    """

    __slots__ = ("sheet", "number", "section", "id", "values", "sheet_index", "column_positions", "cells", "entry",
                 "changed")

    def __init__(self, sheet: str, number: int, section: str, id: str, values: dict, sheet_index: int,
                 column_positions: dict, cells: dict):
        self.sheet, self.number, self.section, self.id, self.values = sheet, number, section, id, values
        self.sheet_index, self.column_positions, self.cells = sheet_index, column_positions, cells
        self.entry: Mapping = _NOTHING
        self.changed: AbstractSet[str] = frozenset()

    def __repr__(self) -> str:
        return f"Row({self.sheet!r}, {self.number}, {self.id!r})"


_NOTHING: Mapping = MappingProxyType({})


@dataclass
class ReadRows:
    """The rows of every section sheet, the columns each sheet has, and the problems found."""

    rows: list[Row]
    columns: dict[str, list[Column]]
    problems: list[Problem]
    duplicates: list[Row] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _a(noun: str) -> str:
    """``a role``, ``an organisation``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


_ID = re.compile(ID_PATTERN)
_PLAIN_TEXT = ("text", "label")
"""The kinds of column whose text :func:`parse_cell` reads as the text stripped (or ``None`` when blank)."""


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.rows: list[Row] = []
        self.columns: dict[str, list[Column]] = {}
        self.seen: dict[str, Row] = {}
        self.duplicates: list[Row] = []
        self.warnings: list[Problem] = []

    def problem(self, sheet_index, sheet, row, column_index, column, text) -> None:
        where = f"{sheet}, row {row}" + (f", column {column}" if column else "")
        self.problems.append(Problem(sheet_index, row, column_index, one_line(f"{where}: {text}")))

    def sheet(self, index: int, sheet: Sheet) -> None:
        if sheet.name not in SECTIONS:
            self.problems.append(Problem(index, 0, 0, f"{sheet.name}: unknown sheet{hint(sheet.name, SECTIONS)} "
                                         f"(the sheets are {', '.join(SECTIONS)})"))
            return
        known = {c.name: c for c in section_columns(sheet.name)}
        columns: dict[int, Column] = {}
        for number, position, text in values_without_header(sheet.headers, sheet.rows):
            self.problem(index, sheet.name, number, position, _letter(position), text)
        for position, header in enumerate(sheet.headers, 1):
            if header is None:
                continue
            if header not in known:
                self.problem(index, sheet.name, 1, position, header, f"unknown column{hint(header, known)}")
            elif header in (c.name for c in columns.values()):
                self.problem(index, sheet.name, 1, position, header, "the column appears twice; keep one")
            else:
                columns[position] = known[header]
        if "id" not in (c.name for c in columns.values()):
            self.problem(index, sheet.name, 1, 0, "", "there is no column 'id'; every sheet needs it")
            return
        self.columns[sheet.name] = list(columns.values())
        positions = {c.name: p for p, c in columns.items()}  # read, never changed: one for all the sheet's rows
        for number, cells in sheet.rows:
            self.row(index, sheet.name, number, cells, columns, positions)

    def row(self, index, name, number, cells, columns: dict[int, Column], positions: dict[str, int]) -> None:
        # every column starts empty (what parse_cell makes of an empty cell); then the cells that hold a value
        values, raw = dict.fromkeys(positions), dict.fromkeys(positions)
        for position, (value, is_formula) in enumerate(cells, 1):
            if value is None or (column := columns.get(position)) is None:
                continue
            if isinstance(value, ErrorValue):
                self.problem(index, name, number, position, column.name, f"the cell holds the error {value}, not a "
                             "value (a formula's result pasted as a value?); type the value itself")
                del values[column.name], raw[column.name]
                continue
            if type(value) is str and "_x" in value:
                value = spreadsheet_text(value)
            if type(value) is str and not is_formula and column.kind in _PLAIN_TEXT and value.isprintable():
                # what parse_cell gives text in a text column (number_in_text warns of no text), without the calls;
                # a text with a line break or a control character goes to parse_cell, which refuses the latter
                values[column.name] = value.strip() or None
                raw[column.name] = value
                continue
            if is_formula:
                self.problem(index, name, number, position, column.name,
                             f"the cell holds a formula ({value}); type the value itself")
                del values[column.name], raw[column.name]
                continue
            try:
                values[column.name] = parse_cell(column, value)
                raw[column.name] = value
            except CellError as exc:
                self.problem(index, name, number, position, column.name, str(exc))
                del values[column.name], raw[column.name]
                continue
            warning = number_in_text(column, value)
            if warning:
                where = f"{name}, row {number}, column {column.name}"
                self.warnings.append(Problem(index, number, position, one_line(f"{where}: {warning}")))
        id_position = positions["id"]
        entity_id = values.get("id")
        if entity_id is None:
            if "id" in values:
                self.problem(index, name, number, id_position, "id",
                             "the cell is empty, but every row needs an id (a-z, 0-9 and '-')")
            return
        if not _ID.match(entity_id):
            self.problem(index, name, number, id_position, "id", f"'{entity_id}' is not a valid id; use only "
                         f"a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), e.g. '{slugify(entity_id)}'")
            return
        row = Row(name, number, name, entity_id, values, index, positions, raw)
        first = self.seen.get(entity_id)
        if first is not None:
            where = f"row {first.number}" if first.sheet == name else f"{first.sheet}, row {first.number}"
            self.problem(index, name, number, id_position, "id", f"duplicate id '{entity_id}' (also in {where})")
            self.duplicates.append(row)
            return
        self.seen[entity_id] = row
        self.rows.append(row)


def read_rows(book: dict[str, Sheet]) -> ReadRows:
    """Parse every section sheet; the rows that have a valid, unique id, the problems found, and warnings
    (a number in a text column)."""
    reader = _Reader()
    for index, sheet in enumerate(book.values()):
        reader.sheet(index, sheet)
    return ReadRows(reader.rows, reader.columns, reader.problems, reader.duplicates, reader.warnings)


class RowChecker:
    """Checks rows against the workspace they will change: kinds, ids, terms, areas, ages, shape."""

    def __init__(self, ws: Workspace, read: ReadRows, removed: set[str]):
        self.ws = ws
        self.lang = ws.manifest.language
        self.read = read
        self.removed = removed
        self.problems: list[Problem] = []

    @cached_property
    def kinds(self) -> dict[str, str]:
        """The kind of every id after the import: made when a reference is first checked (an unchanged row's
        references are not checked)."""
        kinds = {i: r.kind for i, r in self.ws.records.items() if i not in self.removed}
        kinds.update({row.id: KIND_OF_SECTION[row.section] for row in self.read.rows})
        return kinds

    def _problem(self, row: Row, column: str, text: str) -> None:
        position = row.column_positions.get(column, 0)
        self.problems.append(Problem(row.sheet_index, row.number, position,
                                     one_line(f"{row.sheet}, row {row.number}, column {column}: {text}")))

    def check(self, row: Row, alone: bool = False) -> None:
        """Fill in ``row.changed`` and ``row.entry`` (left empty when an existing entry's row changes nothing) and
        record every problem of the row.

        ``alone`` checks every cell as if the row were new (for a duplicate row).
        """
        kind = KIND_OF_SECTION[row.section]
        record = None if alone else self.ws.records.get(row.id)
        if record is not None and record.kind != kind:
            section = next(s for s, k in KIND_OF_SECTION.items() if k == record.kind)
            self._problem(row, "id", f"'{row.id}' is {_a(record.kind)} ({record.file}:{record.line}); "
                          f"move the row to the sheet '{section}'")
            return
        columns = section_columns(row.section)
        if record is not None and as_exported(row.cells, record.entity, columns, self.lang):
            current = row.cells  # most rows: told unchanged without building the cells the entry exports to
        else:
            current = entity_cells(record.entity, columns, self.lang) if record else {}
        if current is not row.cells and not _as_exported(row.cells, current):
            changed = set()
            for c in columns:  # _differs' first test inline: most cells hold just what the export wrote
                if c.name in row.values:
                    cell, now = row.cells.get(c.name, _differs), current.get(c.name)
                    if not (type(cell) is type(now) and cell == now) and _differs(row, c, now):
                        changed.add(c.field)
            row.changed = changed
        if record is not None and not row.changed:
            # an unchanged row of an existing entry: only its references can be wrong (one removed by --remove);
            # its entry is never written, so it is not built
            if self.removed:
                self._references(row, kind, {})
            return
        merged = {**{c.name: parse_cell(c, current.get(c.name)) for c in columns}, **row.values}
        entry = {name: field_value(cols, merged, self.lang) for name, cols in by_field(columns).items()}
        if record is not None:
            self._kept_as_written(row, record, columns, entry)
        row.entry = {k: v for k, v in entry.items() if v is not None}
        checked = {c.field for c in columns} if record is None else row.changed
        values = {c.name: row.values[c.name] for c in columns if c.name in row.values and c.field in checked}
        self._references(row, kind, values if checked else {})
        if not checked:
            return
        missing = self._required(row, columns, kind)
        self._terms(row, kind, values)
        self._area_and_ages(row, values)
        self._shape(row, kind, columns, missing | (set(row.entry) - checked))

    def _kept_as_written(self, row: Row, record, columns: Sequence[Column], entry: dict) -> None:
        """Set the fields of ``entry`` whose cells did not change to the entry's own values: a cell may not hold a
        value exactly (a list item holding ``;``, a reason's line breaks), so an edit of another cell of the row
        must not write it back as the cell shows it. A changed list whose items the cell cannot hold is a problem."""
        written = record.entity.model_dump(exclude_none=True, exclude_defaults=True)
        for name in by_field(columns):
            if name not in row.changed:
                entry[name] = written.get(name)
        cut: list[str] = []
        entity_cells(record.entity, columns, self.lang, cut)
        field_of = {c.name: c.field for c in columns}
        for name in cut:
            if field_of[name] in row.changed:
                self._problem(row, name, f"the text is longer than a cell holds, so the sheet shows only its first "
                              f"{CELL_LIMIT:,} characters and cannot change it; edit it in {record.file}:"
                              f"{record.line}, and put back the cell as it was")
        for c in columns:
            if c.part is not None or c.field not in row.changed or c.kind not in ("list", "ignore"):
                continue
            items = written.get(c.field) or ()
            texts = [i for i in items if isinstance(i, str)] if c.kind == "list" else [
                str(i.get("reason", "")) for i in items]
            split = next((t for t in texts if (ITEM_BREAK.search(t) if c.kind == "list" else len(t.splitlines()) > 1)),
                         None)
            if split is not None:
                what = (f"the item {visible(split)!r} of '{c.field}' holds ';' or a line break, which the sheet reads "
                        "between items" if c.kind == "list" else f"the reason {visible(split)!r} holds a line break, "
                        "which the sheet reads between rules")
                self._problem(row, c.name, f"{what}, so the cell cannot be edited here; edit it in {record.file}:"
                              f"{record.line}, and put back the cell as it was")

    def _required(self, row: Row, columns: Sequence[Column], kind: str) -> set[str]:
        missing = set()
        for name, cols in by_field(columns).items():
            first = cols[0]
            if first.required and (first.part is None or first.kind == "label") and name not in row.entry:
                column = f"{name}.{self.lang}" if first.kind == "label" else name
                what = "empty required cell" if column in row.values else "missing required column"
                self._problem(row, column, f"{what}; every {kind} needs {_a(name)}")
                missing.add(name)
        return missing

    def _terms(self, row: Row, kind: str, values: dict) -> None:
        vocab = self.ws.vocabulary
        checks = [(name, section, [values.get(name)]) for name, section in TERM_FIELDS[kind]]
        checks += [(f"covers.{s}", s, list(values.get(f"covers.{s}") or ())) for s in ("groups", "crimes")]
        for column, section, terms in checks:
            for term in terms:
                if term is not None and not vocab.has(section, term):
                    self._problem(row, column, f"unknown {SECTION_NAMES[section]} '{term}'"
                                  f"{hint(term, vocab[section])} (see `orgmodel vocabulary {section}`)")

    def _references(self, row: Row, kind: str, values: dict) -> None:
        for ref in REFERENCES[kind]:
            value = row.values.get(ref.field)
            for target in ref.ids(value):
                if ref.field not in values and target not in self.removed:
                    continue
                if target in self.removed:
                    self._problem(row, ref.field, f"'{target}' is removed by this import (--remove), "
                                  "but this row still names it")
                elif target not in self.kinds:
                    self._problem(row, ref.field, f"unknown id '{target}'{hint(target, self.kinds)}")
                elif self.kinds[target] not in ref.kinds:
                    self._problem(row, ref.field, f"'{target}' is {_a(self.kinds[target])}; {ref.field} must "
                                  f"name {_a(' or '.join(ref.kinds))}")

    def _area_and_ages(self, row: Row, values: dict) -> None:
        area = values.get("area")
        if area is not None and lookup_area(area) is None:
            self._problem(row, "area", f"unknown area '{area}'{lower_hint(area_suggestion(area))} "
                          "(see `orgmodel areas`)")
        for text in values.get("covers.ages") or ():
            try:
                parse_age_range(text, self.ws.manifest.max_age)
            except ValueError as exc:
                self._problem(row, "covers.ages", str(exc))

    def _shape(self, row: Row, kind: str, columns: Sequence[Column], skipped: set[str]) -> None:
        try:
            SECTIONS[row.section].model_validate(row.entry)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = [p for p in err["loc"] if isinstance(p, str) and p not in ("str", "Text", "int")]
                if not loc or loc[0] in skipped or loc[0] == "id":
                    continue
                self._problem(row, _column_of(loc, columns, self.lang), _explain(err, loc))


def _as_exported(cells: dict, current: dict) -> bool:
    """Whether a row's ``cells`` are every cell the export writes for its entry (``current``), in its order, each
    equal and of the same type: then no cell :func:`_differs`, which this tells for the whole row at once.

    >>> _as_exported({"id": "a", "n": 1}, {"id": "a", "n": 1}), _as_exported({"id": "a", "n": 1.0}, {"id": "a", "n": 1})
    (True, False)
    """
    return (cells == current and list(cells) == list(current)
            and list(map(type, cells.values())) == list(map(type, current.values())))


def _differs(row: Row, column: Column, current) -> bool:
    """Whether the row's value of ``column`` differs from ``current``, the cell the entry exports to.

    A cell that holds exactly what the export wrote is the same value without parsing ``current`` again.
    """
    raw = row.cells.get(column.name, _differs)  # a row made without its cells compares parsed values
    if type(raw) is type(current) and raw == current:
        return False
    return row.values[column.name] != parse_cell(column, current)


def _column_of(loc: list[str], columns: Sequence[Column], lang: str) -> str:
    cols = [c for c in columns if c.field == loc[0]]
    if cols and cols[0].kind == "label":
        return f"{loc[0]}.{lang}"
    if len(loc) > 1 and any(c.part == loc[1] for c in cols):
        return f"{loc[0]}.{loc[1]}"
    return cols[0].name if cols else loc[0]


def _explain(err: ErrorDetails, loc: list[str]) -> str:
    if err["type"] == "missing":
        return f"empty required cell; it is needed when the other {loc[0]} columns are filled in"
    if err["type"] == "string_pattern_mismatch":
        got = str(err.get("input"))
        return f"'{got}' is not a valid id; use only a-z, 0-9 and '-', e.g. '{slugify(got)}'"
    return f"{err['msg'][0].lower()}{err['msg'][1:]} (got {err.get('input')!r})"
