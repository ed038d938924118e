"""The sheets of a workbook read straight from its XML, for the cell shapes orgmodel's export writes.

openpyxl makes an element, a dict and a cell object per cell, and importing it imports numpy; this reader
streams each sheet's XML with :func:`xml.etree.ElementTree.iterparse` and reads the cells a workbook of
``orgmodel export --format xlsx`` holds, or one saved again by Excel or LibreOffice: inline and shared
strings, numbers, booleans, errors, empty cells, plain formulas, and whole-day dates in a date format. It
reads them as openpyxl's read-only walk does (the same values and types, rows as wide as the sheet's
dimension), but for two things: a shared string is kept as written, as an inline string is, where openpyxl drops
each ``x005F_`` of it, so that :func:`~orgmodel.xlsx.columns.spreadsheet_text` decodes its escapes once; and a
number in a percent format is read as the :class:`Percentage` it shows (95 for the 0.95 of a cell showing 95 %),
as :mod:`.workbook` reads it through openpyxl too. Anything
else (rich text, shared or array formulas, a number format it does not know to be a
date or not, the 1904 calendar, a cell outside the sheet's dimension, rows out of order) makes
:func:`read_sheets` return ``None`` for the whole workbook, and the caller reads it with openpyxl: a value
is never read other than openpyxl reads it. A sheet whose XML holds exactly the shapes the export writes is read
faster still, with regular expressions (:meth:`_Sheet.plain_rows`), to the same rows.

>>> import tempfile, pathlib
>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> from orgmodel.xlsx import write_workbook
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mvj.xlsx"
>>> write_workbook(build_graph(load_workspace("examples/midt-og-vestjylland")), path)  # no text too long for a cell
[]
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
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache
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


class ErrorValue(str):
    """The value of an error cell (``#N/A``, ``#REF!``, …), as its text: every reader of a workbook gives it so, for
    the import to refuse it, where it was read as that text (a lookup's ``#N/A`` pasted as a value became a name).

    >>> ErrorValue("#N/A") == "#N/A", type(ErrorValue("#N/A")) is str
    (True, False)
    """

    __slots__ = ()


class Percentage:
    """The value of a number cell in a percent format, as the user typed it and the cell shows it: a cell showing
    95 % holds 0.95 (Excel stores a percentage divided by 100), read as ``Percentage(95)``. ``number`` is that
    number (see :func:`percent_shown`); its text (``str()``) is the number with ``%``, as a text column takes it.

    Neither a number nor text, so that each reader of a cell decides what it is in its column (the number in a
    column of numbers, ``95%`` in one of text), and a place that does not is refused, not read as 0.95.

    >>> Percentage(95), str(Percentage(95.5)), Percentage(95) == Percentage(95), Percentage(95) == 95
    (Percentage(95), '95.5%', True, False)
    """

    __slots__ = ("number",)

    def __init__(self, number: int | float) -> None:
        self.number = number

    def __eq__(self, other: object) -> bool:
        return type(other) is Percentage and other.number == self.number

    def __hash__(self) -> int:
        return hash((Percentage, self.number))

    def __repr__(self) -> str:
        return f"Percentage({self.number!r})"

    def __str__(self) -> str:
        return f"{self.number}%"


_SHOWN = Context(prec=15, rounding=ROUND_HALF_UP)
"""The 15 significant digits a spreadsheet keeps and shows of a number, rounded as Excel rounds (half away from 0)."""


def percent_shown(number: int | float) -> int | float:
    """The percentage a cell in a percent format shows for the ``number`` it holds: the number times 100, computed
    in decimal from the text the number reads as, to the 15 significant digits a spreadsheet shows; an ``int`` when
    whole.

    The cell's number is taken as its shortest decimal text (``repr``), the same for every text that reads as it:
    Excel writes 17 digits (0.0796 as ``7.9600000000000004E-2``), openpyxl 16 (``0.07000000000000001``), and a
    percentage typed in a spreadsheet that divides it by 100 in binary may be a neighbour of the decimal typed
    (7 % as ``0.06999999999999999``); rounded to 15 digits, each is the percentage typed. Never multiplied in
    binary, where 0.07 × 100 is 7.000000000000001.

    >>> [percent_shown(n) for n in (0.95, 0.955, 0.07, 7.9600000000000004e-2, 0.06999999999999999, 1, 0, -0.125)]
    [95, 95.5, 7, 7.96, 7, 100, 0, -12.5]
    >>> percent_shown(2 / 3), percent_shown(float("inf"))
    (66.6666666666667, inf)
    """
    exact = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    if not exact.is_finite():
        return number
    shown = _SHOWN.plus(exact).scaleb(2)
    return int(shown) if shown == shown.to_integral_value() else float(shown)


_LITERAL = re.compile(r'"[^"]*"?|\\.|[_*].|\[[^\]]*\]?', re.S)
"""The parts of a number format shown as written, or no character at all: a quoted text, a character after ``\\``,
after ``_`` (a space as wide as it) or ``*`` (repeated to fill the cell), and a bracket (``[Red]``, ``[$-406]``)."""


@cache
def percent_format(code: str | None) -> bool:
    """Whether a number format (its code) shows a number as a percentage, times 100: a ``%`` in one of its
    sections for numbers (the first three of ``positive;negative;zero;text``), not quoted or shown as a character
    (``0"%"`` and ``0\\%`` show the number as it is, with a percent sign after it).

    >>> [percent_format(code) for code in ("0%", "0.00%", "0.0 %", "#,##0%;-#,##0%", "[Red]0%", "0%;;")]
    [True, True, True, True, True, True]
    >>> [percent_format(code) for code in (None, "General", "0.00", '0"%"', "0\\\\%", "0_%", "0;0;0;@%", "[$%-406]0")]
    [False, False, False, False, False, False, False, False]
    """
    if not code or "%" not in code:
        return False
    return "%" in ";".join(_LITERAL.sub("", code).split(";")[:3])


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
        self.date_styles, self.plain_styles, self.percent_styles = _styles(archive.read("xl/styles.xml"))

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
        # as written, escapes and all, as an inline string is: openpyxl's read_string_table drops each "x005F_", so
        # an escaped "_x000D_" (text) reads as a carriage return once columns.spreadsheet_text decodes it
        strings.append(item[0].text or "")
    return strings


def _styles(data: bytes) -> tuple[set[int], set[int], set[int]]:
    """The cell styles (indexes of ``cellXfs``) whose number format is a date, those that show a plain number, and
    those of the latter that show it as a percentage (:func:`percent_format`).

    A style in neither of the first two makes a number in its cells openpyxl's to read.
    """
    root = _xml(data)
    custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(_MAIN + "numFmt")}
    dates, plain, percent = set(), set(), set()
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
            if percent_format(code):
                percent.add(index)
    return dates, plain, percent


class _Sheet:
    def __init__(self, book: _Book) -> None:
        self.shared = book.shared
        self.date_styles, self.plain_styles, self.percent_styles = book.date_styles, book.plain_styles, \
            book.percent_styles
        self.columns: dict[str, int] = {}

    def rows(self, source) -> list[tuple[int, Cells]]:
        """The sheet's rows as ``(number, cells)``: by :meth:`plain_rows` when it can, else by :meth:`element_rows`."""
        data = source.read()
        if b"<!DOCTYPE" in data:
            raise _UnreadError("a document type declaration")
        plain = self.plain_rows(data)
        return plain if plain is not None else self.element_rows(data)

    def element_rows(self, data: bytes) -> list[tuple[int, Cells]]:
        """The rows of a sheet's XML ``data``, element by element, each row's elements cleared once read."""
        width = height = None
        previous = 0
        rows: list[tuple[int, Cells]] = []
        data_seen = False
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

    def plain_rows(self, data: bytes) -> list[tuple[int, Cells]] | None:
        """The rows of a sheet's XML ``data`` as :meth:`element_rows` reads them, for a sheet whose rows hold only
        the cells the export writes, read with regular expressions (about twice as fast as building the elements);
        ``None`` for any other sheet, which :meth:`rows` then reads element by element.

        Only an exact shape is taken: the data between the one ``<sheetData>`` and ``</sheetData>`` made of rows
        ``<row r="2">`` of cells ``<c r="B2" s="3" t="inlineStr"><is><t>text</t></is></c>``, ``<c r="J2"
        t="n"><v>4</v></c>`` or an empty ``<c r="C2"/>``, and nothing else, not even a blank between them; no
        character XML reads otherwise than written (a carriage return) or refuses, and no entity but the five
        predefined ones. The rest of the sheet, with an empty ``<sheetData/>`` in place of the rows, is parsed as
        XML for its dimension and to prove it is a worksheet of the main namespace. Anything doubtful (a number in
        a format not known, a row out of order) is left to :meth:`element_rows`, which then decides.
        """
        try:
            return self._plain_rows(data)
        except (_UnreadError, ValueError, SyntaxError):  # ParseError is a SyntaxError, UnicodeDecodeError a ValueError
            return None

    def _plain_rows(self, data: bytes) -> list[tuple[int, Cells]] | None:
        skeleton = _skeleton(data)
        if skeleton is None:
            return None
        (width, height), start, end = skeleton
        part = data[start:end]
        if (len(part.translate(None, _SUSPECT_BYTES)) != len(part) or b"]]>" in part or b"\xef\xbf\xbe" in part
                or b"\xef\xbf\xbf" in part or (b"&" in part and _UNKNOWN_ENTITY.search(part))):
            return None
        pieces = part.decode("utf-8").split("</row>")
        if pieces.pop() != "":
            return None
        rows: list[tuple[int, Cells]] = []
        previous = 0
        for piece in pieces:
            opening = _PLAIN_ROW.match(piece)
            if opening is None:
                return None
            number = int(opening[1])
            cells = self.plain_cells(piece, opening.end(), width)
            if cells is None or number <= previous or number > height:
                return None
            rows.append((number, cells))
            previous = number
        return rows

    def plain_cells(self, piece: str, start: int, width: int) -> Cells | None:
        """The cells of one row for :meth:`plain_rows`, from ``piece[start:]``; ``None`` when one of them is not of
        the shapes it reads, or something else stands between them."""
        cells: Cells = [(None, False)] * width
        known = self.columns
        length = start
        for whole, letters, style, kind, body, inline, number in _PLAIN_CELL.findall(piece, start):
            length += len(whole)
            column = known.get(letters) or self._column(letters + "1")
            if column > width:
                return None
            if body == "/>" or body == "></c>":  # an empty cell; one named twice in a row is read as its last
                cells[column - 1] = (None, False)
            elif body[2] == "i":  # <is><t>…</t></is>
                if kind != "inlineStr":
                    return None
                cells[column - 1] = (_unescaped(inline) if "&" in inline else inline), False
            elif kind in ("", "n") and number and "&" not in number:  # <v>…</v>
                cells[column - 1] = self._number(number, style or "0"), False
            else:
                return None
        return cells if length == len(piece) else None

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
        if kind == "str":
            return value, False
        if kind == "e":
            return ErrorValue(value), False
        raise _UnreadError(f"a cell of type {kind!r}")

    def _number(self, text: str, style: str) -> object:
        number = float(text) if "." in text or "E" in text or "e" in text else int(text)
        index = int(style)
        if index in self.plain_styles:
            return Percentage(percent_shown(number)) if index in self.percent_styles else number
        if index in self.date_styles and type(number) is int and _FIRST_DAY <= number <= _LAST_DAY:
            return _EPOCH + dt.timedelta(days=number)
        raise _UnreadError("a number in a format this reader does not know")


_PLAIN_ROW = re.compile(r'<row r="([0-9]+)">')
_PLAIN_CELL = re.compile(r'(<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")?'
                         r'(/>|></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|><v>([^<]*)</v></c>))')
"""The cells the export writes: ``(whole, letters, style, type, what follows the attributes, text, number)``."""
_SUSPECT_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]) + b"\r"
"""The characters XML refuses, and the carriage return it reads as a line break (with U+FFFE, U+FFFF and ``]]>``)."""
_UNKNOWN_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DECLARATION = re.compile(rb'<\?xml version="1\.0"(?: encoding="(?i:utf-8)")?(?: standalone="(?:yes|no)")? ?\?>')
_MARK = "orgmodel-rows-read-apart"


def _unescaped(text: str) -> str:
    """Text with the five predefined entities read (the only ones :meth:`_Sheet.plain_rows` takes).

    >>> _unescaped("a &amp;lt; b &gt; c")
    'a &lt; b > c'
    """
    return _ENTITY.sub(lambda match: _ENTITIES[match[1]], text)


def _skeleton(data: bytes) -> tuple[tuple[int, int], int, int] | None:
    """The dimension of a sheet and where the text of its one ``<sheetData>`` starts and ends, when the sheet with
    that data left out is a well-formed worksheet of the main namespace in UTF-8, with one dimension before the
    data, and no rows or cells outside it; else ``None``.

    The data is replaced by an empty element with an attribute of its own, so the element found in the parsed
    rest is known to stand where the data stood (not in a comment), and in the main namespace.
    """
    bare = data.removeprefix(b"\xef\xbb\xbf")
    if bare.startswith(b"<?xml") and not _DECLARATION.match(bare):
        return None  # another encoding, or a declaration this reader does not know
    if data.count(b"<sheetData>") != 1 or data.count(b"</sheetData>") != 1:
        return None
    start = data.index(b"<sheetData>") + len(b"<sheetData>")
    end = data.index(b"</sheetData>", start)
    root = fromstring(data[:start - 1] + f' {_MARK}="1"/>'.encode() + data[end + len(b"</sheetData>"):])
    if root.tag != _MAIN + "worksheet":
        return None
    found = [element for element in root.iter() if element.tag.rpartition("}")[2] in
             ("sheetData", "dimension", "row", "c")]
    if [e.tag for e in found] != [_DIMENSION, _SHEET_DATA] or found[1].get(_MARK) != "1" or len(found[1].attrib) != 1:
        return None
    return _size(found[0].get("ref", "")), start, end


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
