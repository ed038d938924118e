"""Workspaces as Excel workbooks (.xlsx): one sheet per section, read back by ``orgmodel import``.

The first sheet is a guide in Danish and English; then one sheet per section
(organisations, roles, councils, forums, goals, documents, policies) with ``id`` first and the
columns of :mod:`orgmodel.xlsx.columns`. Every text is stored as text, never
as a formula, even when it starts with ``=``, and text columns are formatted as
text. Every sheet prints on A4 landscape, fitted to the page's width.

>>> import tempfile, pathlib
>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mvj.xlsx"
>>> write_workbook(build_graph(load_workspace("examples/midt-og-vestjylland")), path)  # no text too long for a cell
[]
>>> book = read_workbook(path)
>>> list(book)
['organisations', 'roles', 'councils', 'forums', 'goals', 'documents', 'policies', 'status']
>>> book["forums"].headers[:3]
['id', 'type', 'name.da']
"""

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from orgmodel.errors import UnreadableInputError
from orgmodel.files import atomic_path
from orgmodel.model import KIND_OF_SECTION, SECTIONS

from .columns import CELL_LIMIT, entity_cells, section_columns, spreadsheet_escaped
from .sheetxml import ErrorValue, Percentage, percent_format, percent_shown, read_sheets
from .status import COLUMNS as STATUS_COLUMNS
from .status import READ as STATUS_READ
from .status import STATUS_SHEET, fits_a_cell, status_rows

if TYPE_CHECKING:  # the graph loads only to write a workbook: an import reads one without it
    import networkx as nx

GUIDE_SHEET = "Vejledning - Guide"
"""The name of the guide sheet (Excel allows no '/' in sheet names); import skips it."""

MIN_WIDTH, MAX_WIDTH = 8, 60
GUIDE_WIDTH = 70
TEXT_FORMAT = "@"
"""The number format of text columns: what is typed there stays text (``007`` is not the number 7)."""

GUIDE = [
    ("Sådan bruger du regnearket", "How to use this workbook"),
    ("Hvert ark er en sektion af workspacet: organisations, roles, councils, forums og goals. "
     "Hver række er én post, og kolonnen id er dens nøgle.",
     "Each sheet is one section of the workspace: organisations, roles, councils, forums and goals. "
     "Each row is one entry, and its id column is its key."),
    ("Ret en celle for at ændre posten. En tom celle fjerner værdien.",
     "Edit a cell to change the entry. An empty cell removes the value."),
    ("Tilføj en række med et nyt id for at tilføje en post. Ids skrives med a-z, 0-9 og '-' "
     "(æ→ae, ø→oe, å→aa), fx ssp-silkeborg.",
     "Add a row with a new id to add an entry. Ids use a-z, 0-9 and '-' "
     "(æ→ae, ø→oe, å→aa), e.g. ssp-silkeborg."),
    ("Ændr ikke id'et på en eksisterende række: et nyt id er en ny post.",
     "Do not change the id of an existing row: a new id is a new entry."),
    ("En slettet række slettes kun i workspacet, når du importerer med --remove.",
     "A deleted row is only deleted from the workspace when you import with --remove."),
    ("Lister (members, invited, derives_from, tags, covers.*) adskilles med semikolon eller linjeskift "
     "(Alt+Enter): a; b; c.",
     "Lists (members, invited, derives_from, tags, covers.*) are separated by semicolons or line breaks "
     "(Alt+Enter): a; b; c."),
    ("Et medlems pladsdatoer står i parentes efter id'et: skolechef (since 2025-01-01, until 2026-12-31).",
     "A member's seat dates follow its id in brackets: skolechef (since 2025-01-01, until 2026-12-31)."),
    ("Tekstkolonner er formateret som tekst, så 007 forbliver 007. Importen advarer om et tal i en "
     "tekstkolonne.",
     "Text columns are formatted as text, so 007 stays 007. The import warns of a number in a text column."),
    ("name.da og name.en er navnet på dansk og engelsk (det samme for title og description).",
     "name.da and name.en are the name in Danish and English (the same for title and description)."),
    ("Datoer skrives ÅÅÅÅ-MM-DD, fx 2026-03-01.", "Dates are written YYYY-MM-DD, e.g. 2026-03-01."),
    ("ignore: én regel pr. linje som 'regel: begrundelse'.",
     "ignore: one rule per line as 'rule: reason'."),
    ("Kategorier, typer og niveauer skal findes i ordforrådet: se `orgmodel vocabulary`.",
     "Categories, types and levels must be in the vocabulary: see `orgmodel vocabulary`."),
    ("En kolonne, du sletter, lader værdierne i workspacet være som de er.",
     "A column you delete leaves those values in the workspace as they are."),
    ("Arket status er lokalrådenes opfølgning: én række pr. mål, indikator og år. Udfyld status (planlagt, "
     "i-gang, gennemfoert, udgaaet) med status_date, og value med value_source og value_date for året. En ny "
     "status føjes til målets historik; en tom status lader den være. De grå kolonner læses ikke.",
     "The sheet status is the lokalråd's follow-up: one row per goal, indicator and year. Fill in status "
     "(planlagt, i-gang, gennemfoert, udgaaet) with status_date, and value with value_source and value_date for "
     "the year. A new status is added to the goal's history; an empty status leaves it as it is. The grey "
     "columns are not read."),
    ("Indlæs ændringerne igen (prøv først med --dry-run):",
     "Import the changes again (try --dry-run first):"),
    ("orgmodel import FIL.xlsx WORKSPACE --dry-run", "orgmodel import FILE.xlsx WORKSPACE --dry-run"),
    ("orgmodel import FIL.xlsx WORKSPACE", "orgmodel import FILE.xlsx WORKSPACE"),
    ("Importen tjekker alle rækker først og skriver intet, hvis en række har fejl; den viser ark, "
     "række og kolonne for hver fejl. Kommentarer i YAML-filerne bevares.",
     "The import checks every row first and writes nothing when a row has errors; it names sheet, "
     "row and column of each. Comments in the YAML files are kept."),
    ("Dette ark læses ikke ved import.", "This sheet is not read by the import."),
]


def _openpyxl():
    import openpyxl

    return openpyxl


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column, value=spreadsheet_escaped(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True
    return cell


LINE_HEIGHT = 15
"""Points per line of wrapped text (the default row height of 11-point Calibri)."""


def _printed(sheet, titles: bool) -> None:
    """Print as a document: A4 landscape, every column on one page's width, and (for a section) the header
    row and the id column repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if titles:
        sheet.print_title_rows = "1:1"
        sheet.print_title_cols = "A:A"


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (a little narrower, as
    a proportional font's widest lines are)."""
    per_line = max(1, int(width) - 4)
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def _guide(book, titles: tuple[str, str], public: bool) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(GUIDE_SHEET, 0)
    rows = [titles] + GUIDE
    if public:
        rows.append(("Personoplysninger (holder, note) er udeladt.",
                     "Personal data (holder, note) is left out."))
    for index, (da, en) in enumerate(rows, 1):
        for column, text in ((1, da), (2, en)):
            cell = _put(sheet, index, column, text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if index <= 2:
                cell.font = Font(bold=True)
        lines = max(_wrapped_lines(da, GUIDE_WIDTH), _wrapped_lines(en, GUIDE_WIDTH))
        sheet.row_dimensions[index].height = LINE_HEIGHT * lines
    sheet.column_dimensions["A"].width = sheet.column_dimensions["B"].width = GUIDE_WIDTH
    _printed(sheet, titles=False)


def _section_sheet(book, section: str, G: "nx.MultiDiGraph", public: bool, notes: list[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from orgmodel import graph as g

    sheet = book.create_sheet(section)
    columns = section_columns(section, public)
    lang = g.language(G)
    kind = KIND_OF_SECTION[section]
    records = sorted((d["record"] for _, d in G.nodes(data=True) if "record" in d and d["kind"] == kind),
                     key=lambda r: r.id)
    widths = [len(c.name) for c in columns]
    text = [column.kind not in ("int", "date", "bool") for column in columns]
    for index, column in enumerate(columns, 1):
        _put(sheet, 1, index, column.name).font = Font(bold=True)
        if text[index - 1]:
            sheet.column_dimensions[get_column_letter(index)].number_format = TEXT_FORMAT
    for row, record in enumerate(records, 2):
        cut: list[str] = []
        cells = entity_cells(record.entity, columns, lang, cut)
        notes += [f"{section}, row {row}, column {name}: the text of '{record.id}' is longer than a cell holds, so "
                  f"the sheet shows its first {CELL_LIMIT:,} characters; the import keeps the whole text "
                  f"({record.file}:{record.line}) unless the cell is edited" for name in cut]
        for index, column in enumerate(columns, 1):
            value = cells[column.name]
            if value is None:
                continue
            cell = _put(sheet, row, index, value)
            if text[index - 1]:
                cell.number_format = TEXT_FORMAT
            if column.kind == "ignore":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines = str(value).count("\n") + 1
                if lines > 1:
                    height = sheet.row_dimensions[row].height or LINE_HEIGHT
                    sheet.row_dimensions[row].height = max(height, LINE_HEIGHT * lines)
            longest = max(len(line) for line in str(value).splitlines() or [""])
            widths[index - 1] = max(widths[index - 1], 10 if column.kind == "date" else longest)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "B2"
    _printed(sheet, titles=True)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(2, len(records) + 1)}"


def _status_sheet(book, G: "nx.MultiDiGraph", notes: list[str]) -> None:
    """The status sheet (see :mod:`.status`): the columns the import does not read are grey. A value a cell cannot
    hold exactly gets a note in ``notes``."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(STATUS_SHEET)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for index, name in enumerate(STATUS_COLUMNS, 1):
        cell = _put(sheet, 1, index, name)
        cell.font = Font(bold=True)
        if name not in STATUS_READ:
            cell.fill = grey
        if name not in ("status_date", "target", "year", "value", "value_date"):
            sheet.column_dimensions[get_column_letter(index)].number_format = TEXT_FORMAT
    widths = [len(name) for name in STATUS_COLUMNS]
    count = 0
    for count, values in enumerate(status_rows(G), 1):
        notes += _rounded_value(count + 1, values)
        for index, value in enumerate(values, 1):
            if value is None:
                continue
            cell = _put(sheet, count + 1, index, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str):
                cell.number_format = TEXT_FORMAT
            widths[index - 1] = max(widths[index - 1], 10 if isinstance(value, dt.date) else len(str(value)))
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "B2"
    _printed(sheet, titles=True)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(STATUS_COLUMNS))}{max(2, count + 1)}"


def _rounded_value(row: int, values: list) -> list[str]:
    """A note for a row of the status sheet whose value a cell cannot hold exactly, so the sheet shows it rounded.

    >>> values = dict.fromkeys(STATUS_COLUMNS) | {"goal": "g", "year": 2026, "value": 12345678901234567890}
    >>> _rounded_value(5, list(values.values()))  # doctest: +NORMALIZE_WHITESPACE
    ["status, row 5, column value: the value 12345678901234567890 of 'g' for 2026 has more digits than a cell holds
    exactly, so the sheet shows it rounded; the import keeps the value as written unless the cell is edited"]
    """
    cells = dict(zip(STATUS_COLUMNS, values, strict=True))
    value = cells["value"]
    if value is None or fits_a_cell(value):
        return []
    return [f"{STATUS_SHEET}, row {row}, column value: the value {value} of '{cells['goal']}' for {cells['year']} has "
            "more digits than a cell holds exactly, so the sheet shows it rounded; the import keeps the value as "
            "written unless the cell is edited"]


def write_workbook(G: "nx.MultiDiGraph", path: Path, public: bool = False) -> list[str]:
    """Write the workspace of graph ``G`` as an .xlsx workbook to ``path`` (atomically); return a note for each
    text cut to fit a cell and each number a cell shows rounded (the import keeps the value as written unless the
    cell is edited; it refuses an edit of the text, and a number a cell cannot hold)."""
    from orgmodel import graph as g
    from orgmodel.model import label_text

    book = _openpyxl().Workbook()
    book.remove(book.active)
    name = g.workspace_name(G)
    _guide(book, (f"orgmodel: {label_text(name, 'da')}", f"orgmodel: {label_text(name, 'en')}"), public)
    parts = sorted({d.get("workspace") or "" for _, d in G.nodes(data=True) if "record" in d} - {""})
    if len(parts) > 1:  # the import of a workbook of several workspaces into one would copy the others' entries
        book.properties.identifier = PARTS_MARK + ", ".join(parts)
    notes: list[str] = []
    for section in SECTIONS:
        _section_sheet(book, section, G, public, notes)
    _status_sheet(book, G, notes)
    data = io.BytesIO()
    book.save(data)  # in memory: a write error inside openpyxl's zip file would print a traceback when it is freed
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data.getvalue())
    return notes


PARTS_MARK = "orgmodel workspaces: "
"""The start of the workbook's identifier (its document properties) when it holds several workspaces."""


def exported_parts(path: Path) -> list[str]:
    """The workspaces a workbook was exported from, when several were read as one (see :data:`PARTS_MARK`); else
    none, also for a workbook whose properties cannot be read.

    >>> exported_parts(Path("no-such.xlsx"))
    []
    """
    try:
        with zipfile.ZipFile(path) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    found = core.find("{http://purl.org/dc/elements/1.1/}identifier")
    text = found.text or "" if found is not None else ""
    return text.removeprefix(PARTS_MARK).split(", ") if text.startswith(PARTS_MARK) else []


@dataclass
class Sheet:
    """One sheet as read: its header texts and its non-empty rows with their row numbers.

    A cell is ``(value, is_formula)``.
    """

    name: str
    headers: list[str | None]
    rows: list[tuple[int, list[tuple[object, bool]]]] = field(default_factory=list)


def read_workbook(path: Path) -> dict[str, Sheet]:
    """Every sheet but the guide, in workbook order. Raises :class:`UnreadableInputError` for a non-xlsx file.

    The sheets are read from their XML (:mod:`.sheetxml`) when they hold only cells it reads exactly, else with
    openpyxl.
    """
    path = Path(path)
    sheets = read_sheets(path, skip=(GUIDE_SHEET,))
    if sheets is not None:
        return {title: _sheet(title, rows) for title, rows in sheets}
    return read_workbook_openpyxl(path)


def read_workbook_openpyxl(path: Path) -> dict[str, Sheet]:
    """:func:`read_workbook` through openpyxl, for any workbook. A sheet the workbook lists whose data is missing
    from the file or cannot be read is an :class:`UnreadableInputError` naming it: left out, its edits would be
    lost in silence."""
    from openpyxl.reader.excel import ExcelReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # of styles and extensions openpyxl does not read, which hold no value
            reader = ExcelReader(path, read_only=True, data_only=False)
            reader.read()
    except FileNotFoundError:
        raise UnreadableInputError(f"{path}: no such file", "give the path of the .xlsx file to import") from None
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a damaged file
        raise UnreadableInputError(f"{path}: not an Excel workbook (.xlsx) that can be read ({type(exc).__name__})",
                              "save the spreadsheet as an Excel workbook (.xlsx) and import that file") from None
    book = reader.wb
    try:
        _require_sheets(path, reader)
        return {s.title: _read_damaged_sheet(path, s) for s in book.worksheets if s.title != GUIDE_SHEET}
    finally:
        book.close()


EXPORT_AGAIN = ("export the workspace again (`orgmodel export WORKSPACE --format xlsx -o FILE.xlsx`) and make the "
                "edits there")
"""The fix for a workbook with a sheet missing or damaged."""


def _require_sheets(path: Path, reader) -> None:
    """Raise :class:`UnreadableInputError` for the sheets the workbook lists whose data is missing from the file:
    openpyxl leaves them out without a word, and their edits would be lost (the guide is never read)."""
    missing = [sheet.name for sheet, rel in reader.parser.find_sheets()
               if rel.target not in reader.valid_files and sheet.name != GUIDE_SHEET]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise UnreadableInputError(f"{path}: the workbook lists the sheet{'s' if len(missing) > 1 else ''} {names}, "
                                   "but the data is missing from the file, so the edits there cannot be read; nothing "
                                   "was written", f"{EXPORT_AGAIN}: the rows are not in this file")


def _read_damaged_sheet(path: Path, sheet) -> Sheet:
    """:func:`_read_sheet`, with a sheet whose XML cannot be read (cut short, a zip entry that fails its
    checksum) an :class:`UnreadableInputError` naming it.

    >>> class Cut:
    ...     title = "roles"
    ...     def reset_dimensions(self): raise EOFError("cut short")
    >>> print(_read_damaged_sheet(Path("mvj.xlsx"), Cut()))
    Traceback (most recent call last):
    ...
    orgmodel.errors.UnreadableInputError: mvj.xlsx: the sheet 'roles' is damaged: its data cannot be read (EOFError), \
so its edits cannot be read; nothing was written
      Fix: export the workspace again (`orgmodel export WORKSPACE --format xlsx -o FILE.xlsx`) and make the edits \
there; or open the workbook in Excel or LibreOffice, check that the sheet's rows are all there, save it and import \
again
    """
    try:
        return _read_sheet(sheet)
    except Exception as exc:  # as on load: a damaged sheet gives XML, zip, zlib and value errors alike
        raise UnreadableInputError(f"{path}: the sheet '{sheet.title}' is damaged: its data cannot be read "
                                   f"({type(exc).__name__}), so its edits cannot be read; nothing was written",
                                   f"{EXPORT_AGAIN}; or open the workbook in Excel or LibreOffice, check that the "
                                   "sheet's rows are all there, save it and import again") from None


def _read_sheet(sheet) -> Sheet:
    """A sheet read by openpyxl. Its read-only walk trusts the size the sheet states (``<dimension>``), and leaves
    out the rows and cells past it: a sheet whose stated size is too small is read again without it."""
    if not _fast_walk_fits(sheet):
        sheet.reset_dimensions()  # the rows are then as wide as their last cell, not padded to the sheet's width
        return _sheet(sheet.title, enumerate(public_cells_by_row(sheet), 1))
    try:
        rows = list(_cells_by_row(sheet))
    except _PastDimensionError:
        sheet.reset_dimensions()
        rows = list(_cells_by_row(sheet))
    return _sheet(sheet.title, enumerate(rows, 1))


class _PastDimensionError(Exception):
    """A row or cell past the size a sheet states (never leaves this module)."""


def _sheet(title: str, rows: Iterable[tuple[int, list[tuple[object, bool]]]]) -> Sheet:
    """A sheet of numbered rows: row 1 the headers, then the rows that hold a value that is not blank."""
    result = Sheet(title, [])
    for number, cells in rows:
        if number == 1:
            result.headers = [_text(value) for value, _ in cells]
        elif (cells and type(cells[0][0]) is str and cells[0][0].strip()) or any(  # most rows: the id is there
                value not in (None, "") and not (isinstance(value, str) and not value.strip()) for value, _ in cells):
            result.rows.append((number, cells))
    while result.headers and result.headers[-1] is None:
        result.headers.pop()
    return result


def public_cells_by_row(sheet):
    """Every row of a sheet as ``[(value, is_formula), …]``, through openpyxl's public ``iter_rows``: an error
    cell's value an :class:`~.sheetxml.ErrorValue`, a number in a percent format the
    :class:`~.sheetxml.Percentage` it shows, as :mod:`.sheetxml` reads them."""
    for row in sheet.iter_rows():
        yield [(_public_value(c), c.data_type == "f") for c in row]


def _public_value(cell) -> object:
    """The value of a cell of openpyxl's public walk, as :mod:`.sheetxml` reads it."""
    if cell.data_type == "e":
        return ErrorValue(cell.value)
    if cell.data_type == "n" and cell.value is not None and percent_format(cell.number_format):
        return Percentage(percent_shown(cell.value))
    return cell.value


def _fast_walk_fits(sheet) -> bool:
    """Whether openpyxl has the internals :func:`_cells_by_row` reads (they are private: pyproject pins the
    minor version they were read from); else the public, slower walk serves."""
    try:
        _fast_parser()
    except (ImportError, AttributeError):
        return False
    return all(hasattr(sheet, name) for name in ("_get_source", "_shared_strings")) and \
        all(hasattr(sheet.parent, name) for name in ("_date_formats", "_timedelta_formats", "epoch", "data_only",
                                                     "_cell_styles", "_number_formats"))


def _percent_styles(book) -> set[int]:
    """The cell styles of a workbook openpyxl read whose number format shows a percentage (as a read-only cell's
    ``number_format`` finds the format of its style)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for index, style in enumerate(book._cell_styles):
        number = style.numFmtId
        code = (BUILTIN_FORMATS.get(number) if number < BUILTIN_FORMATS_MAX_SIZE
                else book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE])
        if percent_format(code):
            found.add(index)
    return found


def _cells_by_row(sheet):
    """Every row of a read-only sheet as ``[(value, is_formula), …]``, as ``sheet.iter_rows()`` gives its cells.

    The same walk as openpyxl's ``ReadOnlyWorksheet._cells_by_row`` (missing rows filled in, each row as wide as the
    sheet's dimension), with :func:`_fast_parser`'s parser, and no cell object per value.
    """
    max_col, max_row = sheet.max_column, sheet.max_row
    empty_row = [(None, False)] * max_col if max_col is not None else []
    counter = 1
    percent = _percent_styles(sheet.parent)
    with sheet._get_source() as src:
        book = sheet.parent
        parser = _fast_parser()(src, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        idx = 1
        for idx, row in parser.parse():
            if max_row is not None and idx > max_row:
                if any(cell["value"] is not None for cell in row):
                    raise _PastDimensionError
                break
            for _ in range(counter, idx):
                counter += 1
                yield empty_row
            if counter <= idx:
                counter += 1
                yield _row_cells(row, max_col, percent)
    if max_row is not None and max_row < idx:
        for _ in range(counter, max_row + 1):
            yield empty_row


def _row_cells(row: list[dict], max_col: int | None, percent: set[int]) -> list[tuple[object, bool]]:
    """One parsed row as wide as ``max_col`` (or its last cell), as openpyxl's ``_get_row`` makes it, with the values
    :func:`public_cells_by_row` gives (``percent``: the styles of :func:`_percent_styles`)."""
    if not row and not max_col:
        return []
    width = max_col or row[-1]["column"]
    cells: list[tuple[object, bool]] = [(None, False)] * width
    for cell in row:
        if 1 <= cell["column"] <= width:
            value, kind = cell["value"], cell["data_type"]
            if kind == "e":
                value = ErrorValue(value)
            elif percent and kind == "n" and value is not None and cell["style_id"] in percent:
                value = Percentage(percent_shown(value))
            cells[cell["column"] - 1] = (value, kind == "f")
        elif max_col and cell["column"] > width and cell["value"] is not None:
            raise _PastDimensionError
    return cells


_PARSER = None


def _fast_parser():
    """openpyxl's sheet parser, with a shortcut for the plain inline text cells our own workbooks hold.

    openpyxl builds a rich-text object for every inline string to read its text, most of the time of reading
    a large workbook; a cell ``<is><t>…</t></is>`` is read straight from the XML instead. Anything else (shared
    strings, numbers, dates, formulas, rich text) goes through openpyxl unchanged.
    """
    global _PARSER
    if _PARSER is None:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
        from openpyxl.xml.constants import SHEET_MAIN_NS

        text_tag = f"{{{SHEET_MAIN_NS}}}t"

        class Parser(WorkSheetParser):
            def parse_cell(self, element):
                child = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
                if (child is None or len(child) != 1 or child[0].tag != text_tag or len(child[0])
                        or (not self.data_only and element.find(FORMULA_TAG) is not None)):
                    return super().parse_cell(element)
                coordinate = element.get("r")
                if coordinate:
                    row, column = coordinate_to_tuple(coordinate)
                    self.col_counter = column
                else:
                    self.col_counter += 1
                    row, column = self.row_counter, self.col_counter
                style_id = element.get("s", 0)
                return {"row": row, "column": column, "value": child[0].text or "", "data_type": "s",
                        "style_id": int(style_id) if style_id else 0}

        _PARSER = Parser
    return _PARSER


def _text(value) -> str | None:
    return str(value).strip() or None if value is not None else None
