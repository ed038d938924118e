"""The import's own sheet reader (orgmodel/xlsx/sheetxml.py) reads every cell as openpyxl does, or leaves the
workbook to openpyxl."""

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace
from orgmodel.xlsx import write_workbook
from orgmodel.xlsx.columns import spreadsheet_text
from orgmodel.xlsx.sheetxml import read_sheets
from orgmodel.xlsx.workbook import GUIDE_SHEET, read_workbook, read_workbook_openpyxl

from .conftest import EXAMPLE

VALUES = ["=1+1", 7, -3, 2.5, 1e-7, True, False, dt.date(2026, 1, 2), "  spaced  ", "linje\nto", " ", "",
          "a & b < c > d \"e\" 'f'", "a_x005F_b", "_x000D_", "æøå ☃ 𝄞", "007", "=tekst", "#N/A"]
"""Cells of every shape the export writes, and some a person types in Excel."""


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "mvj.xlsx"
    write_workbook(build_graph(load_workspace(EXAMPLE)), path)
    return path


def _resaved(exported, tmp_path, *rows, name="resaved.xlsx"):
    """The export opened and saved again by openpyxl (styles kept), with ``rows`` appended to the roles sheet."""
    book = openpyxl.load_workbook(exported)
    for row in rows:
        book["roles"].append(row)
        for cell in book["roles"][book["roles"].max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "0.00"  # a built-in format: still a plain number
    path = tmp_path / name
    book.save(path)
    return path


def _rewrite(path, out, change):
    """Copy the workbook ``path`` to ``out``, each part's text passed through ``change(name, text)``."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        parts = {item.filename: src.read(item).decode("utf-8") for item in src.infolist()}
        changed = change(dict(parts))
        assert changed != parts, "the change found nothing to change"
        for name, text in changed.items():
            dst.writestr(name, text.encode("utf-8"))
    return out


def _shared(parts):
    """Inline strings moved into a shared strings table, and the sheets' dates given the built-in date format 14,
    as Excel saves a workbook."""
    strings: dict[str, int] = {}

    def share(match):
        index = strings.setdefault(match[3], len(strings))
        return f'<c{match[1]}t="s"{match[2]}><v>{index}</v></c>'

    inline = re.compile(r'<c([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
    changed = {name: inline.sub(share, text) if name.startswith("xl/worksheets/") else text
               for name, text in parts.items()}
    table = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    changed["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                       f'count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>')
    changed["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    changed["xl/styles.xml"] = re.sub(r'<numFmt numFmtId="(\d+)" formatCode="yyyy-mm-dd"',
                                      r'<numFmt numFmtId="\1" formatCode="dd.mm.yyyy"', parts["xl/styles.xml"])
    return changed


def _meant(rows):
    """The rows with each text as the spreadsheet means it (the import reads every text cell so)."""
    return [(n, [(spreadsheet_text(v) if isinstance(v, str) else v, f) for v, f in cells]) for n, cells in rows]


def _same_through_both(path):
    """The workbook read by both readers, which must give the same values. The texts are compared as the
    spreadsheet means them: openpyxl drops each ``x005F_`` of a shared string, where this reader keeps the
    escapes, as it does in an inline string, for :func:`spreadsheet_text` to decode once."""
    ours, theirs = read_workbook(path), read_workbook_openpyxl(path)
    assert list(ours) == list(theirs)
    for title in ours:
        assert ours[title].headers == theirs[title].headers, title
        assert _meant(ours[title].rows) == _meant(theirs[title].rows), title
        for (_, mine), (_, reference) in zip(ours[title].rows, theirs[title].rows, strict=True):
            assert [type(v) for v, _ in mine] == [type(v) for v, _ in reference], title
    return ours


def test_the_exported_workbook_is_read_from_its_xml_as_openpyxl_reads_it(exported):
    assert read_sheets(exported) is not None
    book = _same_through_both(exported)
    kinds = {type(value) for sheet in book.values() for _, cells in sheet.rows for value, _ in cells}
    assert kinds == {str, int, dt.datetime, type(None)}


def test_a_workbook_saved_again_with_typed_values_is_read_as_openpyxl_reads_it(exported, tmp_path):
    path = _resaved(exported, tmp_path, ["ny-rolle", *VALUES], [None, None, "=A2&\"x\""], [], ["sidste"])
    assert read_sheets(path) is not None
    book = _same_through_both(path)
    row = book["roles"].rows[-3][1]
    assert row[:9] == [("ny-rolle", False), ("=1+1", True), (7, False), (-3, False), (2.5, False),
                       (1e-7, False), (True, False), (False, False), (dt.datetime(2026, 1, 2), False)]


def test_a_workbook_with_shared_strings_and_other_date_formats_is_read_as_openpyxl_reads_it(exported, tmp_path):
    typed = _resaved(exported, tmp_path, ["ny-rolle", *VALUES])
    path = _rewrite(typed, tmp_path / "shared.xlsx", _shared)
    with zipfile.ZipFile(path) as archive:
        assert b't="s"' in archive.read("xl/worksheets/sheet3.xml")
        assert b"dd.mm.yyyy" in archive.read("xl/styles.xml")
    assert read_sheets(path) is not None
    book = _same_through_both(path)
    assert ("a_x005F_b", False) in book["roles"].rows[-1][1]  # kept as written: spreadsheet_text reads it as a_b


def test_an_escaped_escape_in_a_shared_string_is_decoded_once(exported, tmp_path):
    """Excel writes the text ``_x000D_`` as ``_x005F_x000D_`` (a carriage return is ``_x000D_``): openpyxl drops
    ``x005F_`` from a shared string, and decoded again, the text read as a line break."""
    typed = _resaved(exported, tmp_path, ["ny-rolle", "_x005F_x000D_ tekst", "_x000D_"])
    path = _rewrite(typed, tmp_path / "shared.xlsx", _shared)
    row = _meant(read_workbook(path)["roles"].rows)[-1][1]
    assert row[1:3] == [("_x000D_ tekst", False), ("\n", False)]


def _sheet3(change):
    return lambda parts: {**parts, "xl/worksheets/sheet3.xml": change(parts["xl/worksheets/sheet3.xml"])}


UNREAD = {
    "rich text": None,
    "a date with a time": None,
    "a shared formula": _sheet3(lambda t: t.replace("<f>1+1</f>", '<f t="shared" ref="B50" si="0">1+1</f>', 1)),
    "an ISO date cell": _sheet3(lambda t: t.replace('t="n"><v>46024</v>', 't="d"><v>2026-01-02T00:00:00</v>', 1)),
    "the 1904 calendar": lambda p: {**p, "xl/workbook.xml": p["xl/workbook.xml"].replace(
        "<workbookPr", '<workbookPr date1904="1"', 1)},
    "a format of its own": lambda p: {**p, "xl/styles.xml": p["xl/styles.xml"].replace(
        'formatCode="yyyy-mm-dd"', 'formatCode="[$-406]d. mmmm yyyy"')},
    "a row out of order": _sheet3(lambda t: t.replace('<row r="2">', '<row r="99999">', 1)),
    "a cell outside the dimension": _sheet3(lambda t: re.sub(r'<dimension ref="A1:[A-Z]+', '<dimension ref="A1:B',
                                                            t)),
    "no dimension": _sheet3(lambda t: re.sub(r"<dimension [^>]*/>", "", t)),
    "a document type": _sheet3(lambda t: '<!DOCTYPE worksheet [<!ENTITY e "x">]>' + t),
    "a sheet in strict Open XML": _sheet3(lambda t: t.replace(
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")),
    "a workbook in strict Open XML": lambda p: {**p, "xl/workbook.xml": p["xl/workbook.xml"].replace(
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")},
}


@pytest.mark.parametrize("shape", UNREAD)
def test_a_workbook_with_a_shape_the_reader_does_not_know_goes_to_openpyxl(exported, tmp_path, shape):
    rows = [["ny-rolle", *VALUES]]
    if shape == "rich text":
        rows.append(["fed", CellRichText([TextBlock(InlineFont(b=True), "fed"), " tekst"])])
    if shape == "a date with a time":
        rows.append(["tid", dt.datetime(2026, 1, 2, 12, 30)])
    path = _resaved(exported, tmp_path, *rows)
    if UNREAD[shape] is not None:
        path = _rewrite(path, tmp_path / "changed.xlsx", UNREAD[shape])
    assert read_sheets(path) is None
    try:
        expected = read_workbook_openpyxl(path)
    except Exception as exc:  # a file openpyxl refuses is refused the same way
        with pytest.raises(type(exc)):
            read_workbook(path)
        return
    assert read_workbook(path) == expected


PERCENT_CELLS = [(0.95, "0%", 95), (0.955, "0.00%", 95.5), (0.07, "0%", 7), (1, "0%", 100), (0, "0%", 0),
                 (-0.125, "0.0%;-0.0%", -12.5), (0.5, "0.0 %", 50), (2 / 3, "0%", 66.6666666666667)]
"""A number, the percent format it is typed in, and the percentage the cell shows (to 15 significant digits)."""
NOT_PERCENT_CELLS = [(6, '0" %"'), (6, "0\\%"), (0.95, "0.00"), (0.95, "General")]
"""A number, and a format with no percent sign or one it shows as a character: the number is as it is."""


def test_a_number_in_a_percent_format_is_the_percentage_it_shows_by_every_reader(exported, tmp_path, monkeypatch):
    """A cell showing 95 % holds 0.95; both readers, and openpyxl's public walk, read the 95 the user sees, exactly."""
    from orgmodel.xlsx import workbook
    from orgmodel.xlsx.sheetxml import Percentage

    book = openpyxl.load_workbook(exported)
    roles = book["roles"]
    cells = [(value, number_format) for value, number_format, _ in PERCENT_CELLS] + NOT_PERCENT_CELLS
    roles.append(["ny-rolle", *(value for value, _ in cells)])
    for cell, (_, number_format) in zip(roles[roles.max_row][1:len(cells) + 1], cells, strict=True):
        cell.number_format = number_format
    path = tmp_path / "percent.xlsx"
    book.save(path)
    assert read_sheets(path) is not None
    read = _same_through_both(path)
    row = [value for value, _ in read["roles"].rows[-1][1][1:len(cells) + 1]]
    assert row == [Percentage(shown) for _, _, shown in PERCENT_CELLS] + [value for value, _ in NOT_PERCENT_CELLS]
    assert [type(value.number) for value in row[:len(PERCENT_CELLS)]] == [type(s) for _, _, s in PERCENT_CELLS]
    monkeypatch.setattr(workbook, "_fast_walk_fits", lambda _: False)  # its rows are as wide as their last cell
    assert [value for value, _ in read_workbook_openpyxl(path)["roles"].rows[-1][1][1:len(cells) + 1]] == row


def test_a_file_that_is_no_workbook_is_left_to_openpyxl_to_refuse(tmp_path):
    path = tmp_path / "not.xlsx"
    path.write_text("id;type\n", encoding="utf-8")
    assert read_sheets(path) is None


def test_the_guide_sheet_is_not_read(exported):
    assert GUIDE_SHEET not in read_workbook(exported)
    assert [title for title, _ in read_sheets(exported, skip=(GUIDE_SHEET,))][0] == "organisations"


def _sheet_parts(path):
    """Each worksheet's XML in ``path``, and a reader of its cells (the workbook's shared strings and styles)."""
    from orgmodel.xlsx.sheetxml import _Book, _Sheet

    with zipfile.ZipFile(path) as archive:
        book = _Book(archive)
        names = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        return [(name, archive.read(name)) for name in names], lambda: _Sheet(book)


def _typed(rows):
    return [(number, [(value, type(value), formula) for value, formula in cells]) for number, cells in rows]


@pytest.mark.parametrize("shape", ["exported", "typed", "shared"])
def test_each_sheet_read_plainly_holds_the_cells_its_elements_hold(exported, tmp_path, shape):
    path = exported
    if shape != "exported":
        path = _resaved(exported, tmp_path, ["ny-rolle", *VALUES], ["a&b", "<tag>", "x > y", "\"q\" 'a'"])
    if shape == "shared":
        path = _rewrite(path, tmp_path / "shared.xlsx", _shared)
    parts, sheet = _sheet_parts(path)
    plain = {name: sheet().plain_rows(data) for name, data in parts}
    if shape == "exported":  # the export's every sheet is read plainly, but the guide (rows of a set height)
        assert [name for name, rows in plain.items() if rows is None] == ["xl/worksheets/sheet1.xml"]
    elif shape == "typed":  # a formula or a boolean sends the sheet it is in to the elements, not the others
        assert plain["xl/worksheets/sheet3.xml"] is None and plain["xl/worksheets/sheet2.xml"]
    else:  # a shared string is read by the elements
        assert set(plain.values()) == {None}
    for name, data in parts:
        if plain[name] is not None:
            assert _typed(plain[name]) == _typed(sheet().element_rows(data)), name


_HEAD = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:{ref}"/>'
         "<sheetData>")
_TAIL = "</sheetData></worksheet>"


def _sheet_xml(rows, ref="D9"):
    body = "".join(f'<row r="{number}">{"".join(cells)}</row>' for number, cells in rows)
    return (_HEAD.format(ref=ref) + body + _TAIL).encode("utf-8")


def _reader():
    from orgmodel.xlsx.sheetxml import _Sheet

    class Book:
        shared = ["geteilt", "delt"]
        date_styles, plain_styles, percent_styles = {1}, {0, 2}, set()

    return _Sheet(Book())  # type: ignore[arg-type]


def _elements(data):
    from orgmodel.xlsx.sheetxml import _UnreadError

    try:
        return _typed(_reader().element_rows(data))
    except (_UnreadError, SyntaxError, ValueError, IndexError) as exc:
        return type(exc).__name__


PLAIN_TEXTS = ["Rolle", "a &amp; b", "&lt;x&gt; &quot;q&quot; &apos;a&apos;", "linje\nto", "  ", "æøå ☃ 𝄞", "x > y",
               "_x000D_", ""]
"""Texts of cells the plain reader reads (as written in the XML)."""
OTHER_TEXTS = ["a\rb", "a\r\nb", "&#13;", "&#65;", "&nbsp;", "]]>", "a & b", "\x01", "<b>fed</b>", "<![CDATA[x]]>",
               "<!-- c -->", "\ufffe"]
"""Texts that XML reads otherwise than written, or refuses: the plain reader leaves them to the elements."""


def _cells(good_only: bool):
    """A cell of a shape the plain reader reads, or (unless ``good_only``) now and then one of another shape."""
    from hypothesis import strategies as st

    letters = st.sampled_from(["A", "B", "C", "D", "E", "AA"])
    style = st.sampled_from(["", ' s="0"', ' s="1"', ' s="2"', ' s="3"'])
    good_inline = st.builds(lambda c, s, sp, t: f'<c r="{c}2"{s} t="inlineStr"><is><t{sp}>{t}</t></is></c>',
                            letters, style, st.sampled_from(["", ' xml:space="preserve"']),
                            st.sampled_from(PLAIN_TEXTS))
    good_value = st.builds(lambda c, s, k, n: f'<c r="{c}2"{s}{k}><v>{n}</v></c>', letters,
                           st.sampled_from(["", ' s="0"', ' s="2"']), st.sampled_from(["", ' t="n"']),
                           st.sampled_from(["4", "-3", "2.5", "1E-7", "46024", "0"]))
    good_date = st.builds(lambda c, n: f'<c r="{c}2" s="1" t="n"><v>{n}</v></c>', letters,
                          st.sampled_from(["46024", "61", "2958465"]))
    good_empty = st.builds(lambda c, s, close: f'<c r="{c}2"{s}{close}', letters, style,
                           st.sampled_from(["/>", "></c>"]))
    kind = st.sampled_from(["", ' t="n"', ' t="s"', ' t="b"', ' t="e"', ' t="str"', ' t="inlineStr"', ' t="d"'])
    other_inline = st.builds(lambda c, s, k, sp, t: f'<c r="{c}2"{s}{k}><is><t{sp}>{t}</t></is></c>', letters,
                             st.sampled_from(["", ' s="3"', ' s=""']), kind,
                             st.sampled_from(["", ' xml:space="default"']), st.sampled_from(PLAIN_TEXTS + OTHER_TEXTS))
    other_value = st.builds(lambda c, s, k, n: f'<c r="{c}2"{s}{k}><v>{n}</v></c>', letters, style, kind,
                            st.sampled_from(["1", "x", "", "1&amp;", " 7", "46024.5", "1e400", "60", "-3"]))
    odd = st.sampled_from(['<c r="B2"><f>1+1</f><v>2</v></c>', '<c t="inlineStr"><is><t>ohne r</t></is></c>',
                          " ", '<c r="B2" t="inlineStr"><is><r><t>rig</t></r></is></c>', "tekst",
                          '<c r="b2" t="inlineStr"><is><t>lille</t></is></c>', '<c r="C2" t="inlineStr"/>',
                          '<c  r="C2"/>', "<c r='C2'/>", '<c r="C2" s="4"><v>1</v></c>'])
    good = st.one_of(good_inline, good_inline, good_value, good_date, good_empty)
    return good if good_only else st.one_of(good, good, good, good, other_inline, other_value, odd)


def test_the_plain_reader_reads_a_sheet_as_its_elements_do_or_leaves_it_to_them():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    numbers = st.one_of(*[st.lists(st.integers(1, 9), unique=True, min_size=1, max_size=4).map(sorted)] * 3,
                        st.lists(st.sampled_from([1, 2, 3, 5, 9, 10]), max_size=4))
    taken = []

    rows = st.one_of(*(st.lists(st.lists(_cells(good), max_size=5), min_size=4, max_size=4) for good in (True, False)))

    @settings(max_examples=500, deadline=None, derandomize=True)
    @given(numbers, rows, st.sampled_from(["AA9", "AA12", "E9", "AA9", "D9", "C3"]))
    def same(numbers, cells, ref):
        data = _sheet_xml(list(zip(numbers, cells, strict=False)), ref)
        plain = _reader().plain_rows(data)
        if plain is not None:
            assert _typed(plain) == _elements(data), data
            taken.append(data)
        else:
            assert _elements(data) is not None

    same()
    read = [data for data in taken if b"</c>" in data]
    assert len(read) > 60 and sum(b"&amp;" in data for data in read) > 5, "too few sheets read plainly"


@pytest.mark.parametrize("data", [
    _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>a</t></is></c>'])]).replace(b"<sheetData>", b"<sheetData >"),
    _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>a</t></is></c>'])]).replace(b"</row>", b"</row> "),
    _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>a</t></is></c>'])]).replace(b"<row", b"<!-- <sheetData> --><row"),
    _sheet_xml([(2, [])]).replace(b"<sheetData>", b'<x:sheetData xmlns:x="urn:other"/><sheetData>'),
    _sheet_xml([(2, [])]).replace(b"main", b"mainly"),
    _sheet_xml([(2, [])]).replace(b"<dimension", b"<row/><dimension"),
    b'<?xml version="1.0" encoding="ISO-8859-1"?>' + _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>a</t></is></c>'])
                                                                 ]),
    _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>\xe6</t></is></c>'])]).replace(b"\xc3\xa6", b"\xe6"),
    b'<?xml version="1.1"?>' + _sheet_xml([(2, ['<c r="A2" t="inlineStr"><is><t>a\u2028b</t></is></c>'])]),
])
def test_a_sheet_of_another_shape_is_left_to_the_elements(data):
    assert _reader().plain_rows(data) is None


@pytest.mark.parametrize("text", OTHER_TEXTS)
def test_a_text_xml_reads_otherwise_than_written_is_left_to_the_elements(text):
    data = _sheet_xml([(2, [f'<c r="A2" t="inlineStr"><is><t>{text}</t></is></c>'])])
    assert _reader().plain_rows(data) is None
    assert _elements(data) != [(2, [(text, str, False)] + [(None, type(None), False)] * 3)]


@pytest.mark.parametrize("cell", ['<c r="A2" t="n"><is><t>a</t></is></c>', '<c r="A2"><is><t>a</t></is></c>',
                                  '<c r="A2" t="s"><v>0</v></c>', '<c r="A2" t="b"><v>1</v></c>',
                                  '<c r="A2" t="inlineStr"><v>1</v></c>', '<c r="E2"/>',
                                  '<c r="A2" s="3"><v>1</v></c>'])
def test_a_cell_of_another_shape_is_left_to_the_elements(cell):
    """Text under a number's type and a number under a text's are read as empty by the elements, a shared string
    and a boolean as their values, a cell outside the dimension and a number in an unknown format are refused."""
    assert _reader().plain_rows(_sheet_xml([(2, [cell])])) is None
