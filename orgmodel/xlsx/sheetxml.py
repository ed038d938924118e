"""The sheets of a workbook read straight from its XML, for the cell shapes orgmodel's export writes.

openpyxl makes an element, a dict and a cell object per cell, and importing it imports numpy; this reader
streams each sheet's XML with :func:`xml.etree.ElementTree.iterparse` and reads the cells a workbook of
``orgmodel export --format xlsx`` holds, or one saved again by Excel or LibreOffice: inline and shared
strings, numbers, booleans, errors, empty cells, plain formulas, and whole-day dates in a date format. It
reads them as openpyxl's read-only walk does (the same values and types, rows as wide as the sheet's
dimension). Anything else (rich text, shared or array formulas, a number format it does not know to be a
date or not, the 1904 calendar, a cell outside the sheet's dimension, rows out of order) makes
:func:`read_sheets` return ``None`` for the whole workbook, and the caller reads it with openpyxl: a value
is never read other than openpyxl reads it.

>>> import tempfile, pathlib
>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> from orgmodel.xlsx import write_workbook
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mvj.xlsx"
>>> write_workbook(build_graph(load_workspace("examples/midt-og-vestjylland")), path)
>>> sheets = read_sheets(path, skip=("Vejledning - Guide",))
>>> [title for title, _ in sheets][:3]
['organisations', 'roles', 'councils']
>>> sheets[0][1][0][1][:2]
[('id', False), ('name.da', False)]
"""

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree.ElementTree import Element, fromstring, iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_OTHER_BOOKS = ("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                "application/vnd.ms-excel.template.macroEnabled.main+xml")
_SHARED = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_CHARTSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"
_ROW, _CELL, _IS, _T, _V, _F = (_MAIN + tag for tag in ("row", "c", "is", "t", "v", "f"))
_DIMENSION, _SI, _SHEET_DATA = _MAIN + "dimension", _MAIN + "si", _MAIN + "sheetData"

_BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
            12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 49: "@"}
"""The built-in number formats whose meaning this reader knows (openpyxl's codes for them)."""
_UNKNOWN_BUILTIN = {*range(5, 9), *range(18, 23), *range(37, 49)}
"""Built-in formats openpyxl knows and this reader does not: a number in them is read by openpyxl."""
_PLAIN_DATE = re.compile(r"[dmy][dmy/.\- ]*")
"""A date format without a time: ``yyyy-mm-dd``, ``dd.mm.yyyy``, ``d-mmm-yy`` (openpyxl reads it as a date)."""
_EPOCH = dt.datetime(1899, 12, 30)
_FIRST_DAY, _LAST_DAY = 61, 2_958_465
"""Whole days read as dates: from 1900-03-01 (before it the 1900 calendar has its leap-year quirk) to 9999-12-31."""
_COORDINATE = re.compile(r"([A-Z]{1,3})[0-9]+")

Cells = list[tuple[object, bool]]


class _UnreadError(Exception):
    """A private signal: the workbook holds something this reader does not read exactly; never leaves the module."""


def read_sheets(path: Path, skip: Iterable[str] = ()) -> list[tuple[str, list[tuple[int, Cells]]]] | None:
    """Every worksheet but those named in ``skip``, in workbook order, as ``(title, rows)``; ``None`` when the
    workbook holds anything this reader does not read exactly as openpyxl does (see the module's docstring), or
    cannot be read at all (openpyxl then says why).

    ``rows`` are ``(number, cells)`` for each row the sheet's XML holds; ``cells`` is ``[(value, is_formula), …]``
    as wide as the sheet's dimension.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            return _Book(archive).sheets(set(skip))
    except (_UnreadError, OSError, zipfile.BadZipFile, KeyError, ValueError, IndexError, SyntaxError, EOFError):
        return None  # ParseError is a SyntaxError; a damaged or unusual file is openpyxl's to read or refuse


class _Book:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        types = _xml(archive.read("[Content_Types].xml"))
        overrides = [(o.get("PartName", ""), o.get("ContentType")) for o in types.iter(_TYPES + "Override")]
        books = [part for part, kind in overrides if kind in (_XLSX, *_OTHER_BOOKS)]
        if len(books) != 1 or dict(overrides)[books[0]] != _XLSX:
            raise _UnreadError("not one plain workbook part")
        self.workbook = books[0].removeprefix("/")
        shared = next((part for part, kind in overrides if kind == _SHARED), None)
        self.shared = _shared_strings(archive.read(shared[1:])) if shared else []
        self.date_styles, self.plain_styles = _styles(archive.read("xl/styles.xml"))

    def sheets(self, skip: set[str]) -> list[tuple[str, list[tuple[int, Cells]]]]:
        book = _xml(self.archive.read(self.workbook))
        if book.tag != _MAIN + "workbook":
            raise _UnreadError("a workbook in another namespace (strict Open XML)")
        properties = book.find(_MAIN + "workbookPr")
        if properties is not None and properties.get("date1904", "0") not in ("0", "false"):
            raise _UnreadError("the 1904 calendar")
        targets = self._relationships()
        found = []
        for sheet in book.iter(_MAIN + "sheet"):
            kind, target = targets[sheet.get(_REL + "id") or ""]
            if kind == _CHARTSHEET:
                continue
            if kind != _WORKSHEET or target not in self.names:
                raise _UnreadError("a sheet that is not a worksheet")
            title = sheet.get("name")
            if title is None:
                raise _UnreadError("a sheet without a name")
            if title not in skip:
                with self.archive.open(target) as source:
                    found.append((title, _Sheet(self).rows(source)))
        return found

    def _relationships(self) -> dict[str, tuple[str | None, str]]:
        """The workbook's relationships by id: their type and the path of their target in the archive."""
        folder = posixpath.dirname(self.workbook)
        rels = _xml(self.archive.read(posixpath.join(folder, "_rels", posixpath.basename(self.workbook) + ".rels")))
        found = {}
        for rel in rels.iter(_PACKAGE_REL + "Relationship"):
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type"), path)
        return found


def _xml(data: bytes) -> Element:
    if b"<!DOCTYPE" in data:
        raise _UnreadError("a document type declaration")
    return fromstring(data)


def _shared_strings(data: bytes) -> list[str]:
    """The shared strings, each a plain ``<si><t>…</t></si>``; rich text and phonetic runs are openpyxl's."""
    strings = []
    for item in _xml(data).iter(_SI):
        if len(item) != 1 or item[0].tag != _T or len(item[0]):
            raise _UnreadError("a shared string that is not plain text")
        strings.append((item[0].text or "").replace("x005F_", ""))  # as openpyxl's read_string_table
    return strings


def _styles(data: bytes) -> tuple[set[int], set[int]]:
    """The cell styles (indexes of ``cellXfs``) whose number format is a date, and those that show a plain number.

    A style in neither makes a number in its cells openpyxl's to read.
    """
    root = _xml(data)
    custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(_MAIN + "numFmt")}
    dates, plain = set(), set()
    cell_formats = root.find(_MAIN + "cellXfs")
    for index, xf in enumerate(cell_formats if cell_formats is not None else ()):
        number = int(xf.get("numFmtId", "-1"))
        code = custom.get(number) if number in custom else _BUILTIN.get(number)
        if code is None:
            if number >= 0 and number not in _UNKNOWN_BUILTIN:
                plain.add(index)  # an id openpyxl has no format for: it reads a number
        elif _PLAIN_DATE.fullmatch(code):
            dates.add(index)
        elif not any(letter in code for letter in "dmhysDMHYS"):
            plain.add(index)
    return dates, plain


class _Sheet:
    def __init__(self, book: _Book) -> None:
        self.shared = book.shared
        self.date_styles, self.plain_styles = book.date_styles, book.plain_styles
        self.columns: dict[str, int] = {}

    def rows(self, source) -> list[tuple[int, Cells]]:
        """The sheet's rows as ``(number, cells)``; row by row, each row's elements cleared once read."""
        width = height = None
        previous = 0
        rows: list[tuple[int, Cells]] = []
        data_seen = False
        data = source.read()
        if b"<!DOCTYPE" in data:
            raise _UnreadError("a document type declaration")
        for _, element in iterparse(io.BytesIO(data)):
            tag = element.tag
            if tag == _ROW:
                number = int(element.get("r") or previous + 1)
                if width is None or height is None or number <= previous or number > height:
                    raise _UnreadError("a row outside the sheet's dimension or out of order")
                rows.append((number, self.cells(element, width)))
                previous = number
                element.clear()
            elif tag == _DIMENSION:
                width, height = _size(element.get("ref", ""))
            elif tag == _SHEET_DATA:
                data_seen = True
        if not data_seen:
            raise _UnreadError("no sheetData of the main namespace")
        return rows

    def cells(self, row: Element, width: int) -> Cells:
        """One row's cells, placed by their column, as openpyxl's ``_get_row`` places them."""
        cells: Cells = [(None, False)] * width
        known = self.columns
        column = 0
        for cell in row:
            reference = cell.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                column = known.get(letters, 0) if letters != reference else 0
                column = column or self._column(reference)
            else:
                column += 1
            if column > width:
                raise _UnreadError("a cell outside the sheet's dimension")
            if cell.get("t") == "inlineStr" and len(cell) == 1:
                text = cell[0]
                if text.tag == _IS and len(text) == 1 and text[0].tag == _T and not len(text[0]):
                    cells[column - 1] = (text[0].text or "", False)
                    continue
            cells[column - 1] = self.value(cell)
        return cells

    def _column(self, reference: str) -> int:
        """The column of a reference ``B12`` not seen before in the sheet (then kept by its letters)."""
        match = _COORDINATE.fullmatch(reference)
        if not match:
            raise _UnreadError(f"the cell reference {reference!r}")
        number = self.columns[match[1]] = _column_number(match[1])
        return number

    def value(self, cell: Element) -> tuple[object, bool]:
        """Any other cell, in the order openpyxl's ``WorkSheetParser.parse_cell`` reads it."""
        kind = cell.get("t", "n")
        formula = cell.find(_F)
        if formula is not None:
            if formula.get("t") is not None:
                raise _UnreadError("a shared, array or data-table formula")
            return "=" + (formula.text or ""), True
        if kind == "inlineStr":
            if cell.find(_IS) is not None:
                raise _UnreadError("rich text in a cell")
            return None, False
        value = cell.findtext(_V, None) or None
        if value is None:
            return None, False
        if kind == "n":
            return self._number(value, cell.get("s", "0")), False
        if kind == "s":
            return self.shared[int(value)], False
        if kind == "b":
            return bool(int(value)), False
        if kind in ("str", "e"):
            return value, False
        raise _UnreadError(f"a cell of type {kind!r}")

    def _number(self, text: str, style: str) -> object:
        number = float(text) if "." in text or "E" in text or "e" in text else int(text)
        index = int(style)
        if index in self.plain_styles:
            return number
        if index in self.date_styles and type(number) is int and _FIRST_DAY <= number <= _LAST_DAY:
            return _EPOCH + dt.timedelta(days=number)
        raise _UnreadError("a number in a format this reader does not know")


def _size(reference: str) -> tuple[int, int]:
    """The width and height of a sheet's dimension ``A1:P11185`` (a sheet read by openpyxl starts at A1)."""
    last = reference.rpartition(":")[2].replace("$", "")
    match = _COORDINATE.fullmatch(last)
    if not match:
        raise _UnreadError(f"the dimension {reference!r}")
    return _column_number(match[1]), int(last[len(match[1]):])


def _column_number(letters: str) -> int:
    """The number of a column from its letters, counted from 1.

    >>> _column_number("A"), _column_number("Z"), _column_number("AA"), _column_number("XFD")
    (1, 26, 27, 16384)
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
