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


def _same_through_both(path):
    ours, theirs = read_workbook(path), read_workbook_openpyxl(path)
    assert list(ours) == list(theirs)
    for title in ours:
        assert ours[title].headers == theirs[title].headers, title
        assert ours[title].rows == theirs[title].rows, title
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
    assert ("a_b", False) in book["roles"].rows[-1][1]  # openpyxl drops "x005F_" from a shared string


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


def test_a_file_that_is_no_workbook_is_left_to_openpyxl_to_refuse(tmp_path):
    path = tmp_path / "not.xlsx"
    path.write_text("id;type\n", encoding="utf-8")
    assert read_sheets(path) is None


def test_the_guide_sheet_is_not_read(exported):
    assert GUIDE_SHEET not in read_workbook(exported)
    assert [title for title, _ in read_sheets(exported, skip=(GUIDE_SHEET,))][0] == "organisations"
