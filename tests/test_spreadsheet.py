import datetime as dt
import difflib
import re
import shutil
import zipfile

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.errors import UnreadableInputError, WorkbookError
from orgmodel.export import export
from orgmodel.graph import build_graph
from orgmodel.model import label_text
from orgmodel.workspace import load_workspace
from orgmodel.xlsx.importer import import_spreadsheet
from orgmodel.xlsx.workbook import GUIDE_SHEET

from .conftest import EXAMPLE
from .districts import bornholm, find, write

FIX = ("  Fix: correct these cells and import again "
       "(ids and terms: `orgmodel vocabulary`, areas: `orgmodel areas`).\n")


@pytest.fixture
def mvj(tmp_path):
    """A copy of the example workspace to import into."""
    return shutil.copytree(EXAMPLE, tmp_path / "mvj")


def _export(ws, path, public=False):
    export(build_graph(load_workspace(ws)), "xlsx", path, public)
    return path


@pytest.fixture
def sheet(mvj, tmp_path):
    return _export(mvj, tmp_path / "mvj.xlsx")


def snapshot(root):
    """Every file below ``root`` with its bytes and modification time."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


class Book:
    """An exported workbook opened for editing as a person would in Excel."""

    def __init__(self, path):
        self.path = path
        self.book = openpyxl.load_workbook(path)

    def _row(self, sheet, entity_id):
        for row in self.book[sheet].iter_rows(min_row=2):
            if row[0].value == entity_id:
                return row
        raise KeyError(entity_id)

    def column(self, sheet, name):
        return [c.value for c in self.book[sheet][1]].index(name)

    def set(self, sheet, entity_id, name, value):
        cell = self._row(sheet, entity_id)[self.column(sheet, name)]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        return self

    def add(self, sheet, **values):
        headers = [c.value for c in self.book[sheet][1]]
        self.book[sheet].append([values.get(h.replace(".", "_")) if h else None for h in headers])
        return self

    def delete(self, sheet, entity_id):
        self.book[sheet].delete_rows(self._row(sheet, entity_id)[0].row)
        return self

    def save(self, path=None):
        self.book.save(path or self.path)
        return path or self.path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# --- export -----------------------------------------------------------------------------------

def test_export_has_a_guide_and_one_sheet_per_section(sheet):
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames == [GUIDE_SHEET, "organisations", "roles", "councils", "forums", "goals", "documents",
                               "policies", "status"]
    guide = book[GUIDE_SHEET]
    assert guide["A1"].value == "orgmodel: Kredsrådet i Midt- og Vestjylland"
    assert guide["B1"].value == "orgmodel: Midt- og Vestjylland District Council"
    assert guide["A2"].value == "Sådan bruger du regnearket" and guide["B2"].value == "How to use this workbook"
    assert any("orgmodel import FILE.xlsx WORKSPACE" == c.value for c in guide["B"])
    forums = book["forums"]
    assert [c.value for c in forums[1]] == [
        "id", "type", "name.da", "name.en", "area", "chair", "members", "invited", "secretariat",
        "meetings_per_year", "covers.ages", "covers.groups", "covers.crimes", "individual_cases", "level", "under",
        "ssp_level", "tags", "source", "verified", "valid_from", "valid_to", "ignore", "note"]
    assert forums.freeze_panes == "B2"
    documents = book["documents"]
    assert [c.value for c in documents[1]][:13] == [
        "id", "type", "title.da", "title.en", "year", "owner", "council", "discussed", "published", "approved",
        "where",
        "goals", "tags"]
    plan = dict(zip([c.value for c in documents[1]], [c.value for c in documents[3]], strict=True))
    assert (plan["id"], plan["year"], plan["discussed"].date(), plan["goals"]) == (
        "samarbejdsplan-mvj-2026", "2026", dt.date(2025, 12, 9),
        "mvj-2026-indbrud; mvj-2026-natteliv; mvj-2026-tryg-ungdom")
    assert [c.value for c in book["roles"][1]][:9] == [
        "id", "title.da", "title.en", "type", "organisation", "area", "substitute_for", "holder.name",
        "holder.verified"]
    councils = {row[0].value: [c.value for c in row] for row in book["councils"].iter_rows(min_row=2)}
    headers = [c.value for c in book["councils"][1]]
    kredsraad = dict(zip(headers, councils["kredsraad-mvj"], strict=True))
    assert kredsraad["name.da"] == "Kredsrådet i Midt- og Vestjylland"
    assert kredsraad["name.en"] == "Midt- og Vestjylland District Council"
    assert kredsraad["invited"] == "kriminalforsorgen-nord-midt; regionspsykiatrien-midt; ssp-samraadet-mvj"
    assert kredsraad["meetings_per_year"] == 4
    assert kredsraad["verified"] == dt.datetime(2026, 3, 1)
    assert list(councils) == sorted(councils)
    widths = [d.width for d in book["councils"].column_dimensions.values()]
    assert widths and all(8 <= w <= 60 for w in widths)


def test_text_that_looks_like_a_formula_is_stored_as_text(make_ws, tmp_path):
    data = bornholm()
    find(data, "bornholm-klub")["name"] = "=HYPERLINK(\"http://x\",\"klik\")"
    find(data, "bornholm-klub")["note"] = "+45 12 34 56 78"
    find(data, "bornholm-skole")["short_name"] = "-skole"
    find(data, "ssp")["source"] = "@kilde"
    ws = write(make_ws, data)
    path = _export(ws, tmp_path / "b.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)
    book = openpyxl.load_workbook(path)
    assert not [c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
    cells = {c.value: c for row in book["organisations"].iter_rows() for c in row}
    assert cells["=HYPERLINK(\"http://x\",\"klik\")"].data_type == "s"
    assert cells["=HYPERLINK(\"http://x\",\"klik\")"].quotePrefix
    before = snapshot(ws)
    assert run("import", path, ws).output.endswith("No changes: the workspace already matches the spreadsheet.\n")
    assert snapshot(ws) == before


def test_public_export_leaves_out_holders_and_import_keeps_them(make_ws, tmp_path):
    data = bornholm()
    find(data, "borgmester-bornholm")["holder"] = {"name": "Jens Jensen", "verified": "2026-01-15"}
    find(data, "borgmester-bornholm")["note"] = "ring til Jens"
    ws = write(make_ws, data)
    path = _export(ws, tmp_path / "public.xlsx", public=True)
    with zipfile.ZipFile(path) as archive:
        everything = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    guide = ("Personoplysninger (holder, note)", "Personal data (holder, note)")
    for column in ("holder", "note"):
        assert column not in everything.replace(guide[0], "").replace(guide[1], "")
    assert "Jens" not in everything
    before = snapshot(ws)
    Book(path).set("roles", "borgmester-bornholm", "title.da", "Borgmester for Bornholm").save()
    assert run("import", path, ws).exit_code == 0
    entity = load_workspace(ws).records["borgmester-bornholm"].entity
    assert entity.holder.name == "Jens Jensen" and entity.holder.verified == dt.date(2026, 1, 15)
    assert entity.note == "ring til Jens"
    assert snapshot(ws) != before


def test_export_command_writes_xlsx(mvj, tmp_path):
    out = tmp_path / "x.xlsx"
    result = run("export", mvj, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0 and result.stderr == f"Wrote {out}\n"
    assert openpyxl.load_workbook(out).sheetnames[1:] == ["organisations", "roles", "councils", "forums", "goals",
                                                          "documents", "policies", "status"]


# --- round trip ---------------------------------------------------------------------------------

def test_importing_an_unchanged_export_touches_no_file(mvj, sheet):
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, "No changes: the workspace already matches the spreadsheet.\n")
    assert snapshot(mvj) == before


def test_one_changed_cell_changes_only_that_line(mvj, sheet):
    original = load_workspace(mvj)
    before = snapshot(mvj)
    Book(sheet).set("councils", "kredsraad-mvj", "meetings_per_year", 6).save()
    result = run("import", sheet, mvj)
    assert result.exit_code == 0
    assert result.output == ("councils.yaml:9: changed kredsraad-mvj (meetings_per_year)\n"
                             "Updated 1 file(s): councils.yaml\n")
    after = snapshot(mvj)
    assert {k for k in before if before[k] != after[k]} == {"councils.yaml"}
    old, new = (s["councils.yaml"][0].decode().splitlines() for s in (before, after))
    changed = [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]
    assert changed == ["-     meetings_per_year: 4", "+     meetings_per_year: 6"]
    reloaded = load_workspace(mvj)
    expected = original.records["kredsraad-mvj"].entity.model_copy(update={"meetings_per_year": 6})
    assert reloaded.records["kredsraad-mvj"].entity == expected
    assert {i: r.entity for i, r in reloaded.records.items() if i != "kredsraad-mvj"} == \
        {i: r.entity for i, r in original.records.items() if i != "kredsraad-mvj"}


def test_changes_keep_comments_and_stay_inside_the_entity(mvj, sheet):
    original = load_workspace(mvj)
    text = (mvj / "councils.yaml").read_text(encoding="utf-8")
    (Book(sheet).set("councils", "kredsraad-mvj", "invited", "kriminalforsorgen-nord-midt")
     .set("councils", "kredsraad-mvj", "name.en", None)
     .set("councils", "kredsraad-mvj", "note", "Mødes i Viborg")
     .set("forums", "ssp-silkeborg", "covers.ages", "6-18").save())
    result = run("import", sheet, mvj)
    assert result.output == ("councils.yaml:9: changed kredsraad-mvj (name, invited, note)\n"
                             "forums/silkeborg.yaml:14: changed ssp-silkeborg (covers)\n"
                             "Updated 2 file(s): councils.yaml, forums/silkeborg.yaml\n")
    new = (mvj / "councils.yaml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if "#" in line] == [line for line in new.splitlines() if "#" in line]
    assert "  - id: kredsraad-mvj\n    type: kredsraad\n    name: Kredsrådet i Midt- og Vestjylland\n" in new
    assert ("    # these three are invited in this district is illustrative: hence the tag.\n"
            "    invited: [kriminalforsorgen-nord-midt]\n") in new
    assert "    verified: 2026-03-01\n    note: Mødes i Viborg\n\n  # --- Lokalråd" in new
    start = text.index("  - id: lokalraad-silkeborg")
    assert new[new.index("  - id: lokalraad-silkeborg"):] == text[start:]
    reloaded = load_workspace(mvj)
    assert reloaded.records["kredsraad-mvj"].entity == original.records["kredsraad-mvj"].entity.model_copy(
        update={"invited": ["kriminalforsorgen-nord-midt"], "name": "Kredsrådet i Midt- og Vestjylland",
                "note": "Mødes i Viborg"})
    assert reloaded.records["ssp-silkeborg"].entity.covers.ages == ["6-18"]
    assert "    covers:\n      ages: 6-18\n      groups: [boern, unge, familier]\n" in \
        (mvj / "forums/silkeborg.yaml").read_text(encoding="utf-8")


# --- adds and removes ---------------------------------------------------------------------------

def test_new_rows_go_beside_their_umbrella_or_their_section(mvj, sheet):
    (Book(sheet).add("forums", id="psp-viborg-styregruppe", type="styregruppe", name_da="PSP-styregruppen",
                     under="lokalraad-viborg", members="viborg-lokalpoliti; viborg-socialforvaltning")
     .add("organisations", id="viborg-nyt-vaersted", name_da="Værestedet", category="frivillig",
          area="viborg").save())
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 0
    assert result.output == ("organisations.yaml:298: added viborg-nyt-vaersted\n"
                             "forums/viborg.yaml:30: added psp-viborg-styregruppe\n"
                             "Updated 2 file(s): forums/viborg.yaml, organisations.yaml\n")
    viborg = (mvj / "forums/viborg.yaml").read_bytes()
    assert viborg.startswith(before["forums/viborg.yaml"][0])
    # in the order and shape of the file's other forum: under before members, members as a block list
    assert viborg[len(before["forums/viborg.yaml"][0]):].decode() == (
        "  - id: psp-viborg-styregruppe\n    type: styregruppe\n    name: PSP-styregruppen\n"
        "    under: lokalraad-viborg\n    members:\n      - viborg-lokalpoliti\n      - viborg-socialforvaltning\n")
    ws = load_workspace(mvj)
    assert ws.records["viborg-nyt-vaersted"].file == "organisations.yaml"
    assert ws.records["psp-viborg-styregruppe"].entity.under == "lokalraad-viborg"
    assert not ws.problems


def test_a_plan_added_in_the_sheet_keeps_its_year_a_number(mvj, sheet):
    (Book(sheet).add("documents", id="handleplan-viborg-2026", type="handleplan", year="2026",
                     council="lokalraad-viborg", title_da="Handleplan 2026")
     .set("documents", "samarbejdsplan-mvj-2026", "where", "https://politi.dk/").save())
    result = run("import", sheet, mvj)
    assert result.output == ("documents.yaml:15: changed samarbejdsplan-mvj-2026 (where)\n"
                             "documents.yaml:40: added handleplan-viborg-2026\n"
                             "Updated 1 file(s): documents.yaml\n")
    assert (mvj / "documents.yaml").read_text(encoding="utf-8").endswith(
        "  - id: handleplan-viborg-2026\n    type: handleplan\n    title: Handleplan 2026\n    year: 2026\n"
        "    council: lokalraad-viborg\n")
    plan = load_workspace(mvj).records["samarbejdsplan-mvj-2026"].entity
    assert (plan.where, plan.year) == ("https://politi.dk/", "2026")


def test_a_section_without_entries_gets_its_own_file(make_ws, tmp_path):
    ws = write(make_ws, bornholm(goals=[]))
    path = _export(ws, tmp_path / "b.xlsx")
    Book(path).add("goals", id="s1", level="strategisk", owner="kredsraad", title_da="Færre indbrud",
                   title_en="Fewer burglaries", period="2026").save()
    result = run("import", path, ws)
    assert result.output == "goals.yaml:2: added s1\nUpdated 1 file(s): goals.yaml\n"
    assert (ws / "goals.yaml").read_text(encoding="utf-8") == (
        "goals:\n  - id: s1\n    level: strategisk\n    title: {da: Færre indbrud, en: Fewer burglaries}\n"
        "    owner: kredsraad\n    period: 2026\n")
    assert load_workspace(ws).records["s1"].entity.period == "2026"


def test_missing_rows_are_kept_unless_remove_is_given(mvj, sheet):
    goal = "silkeborg-2026-ungenet-samtaler"
    Book(sheet).delete("goals", goal).save()
    before = snapshot(mvj)
    kept = run("import", sheet, mvj)
    assert (kept.exit_code, kept.output) == (0, (
        f"goals.yaml:149: kept {goal}: not in the spreadsheet; use --remove to delete it\n"
        "No changes: the workspace already matches the spreadsheet.\n"))
    assert snapshot(mvj) == before
    removed = run("import", sheet, mvj, "--remove")
    assert (removed.exit_code, removed.output) == (0, (
        f"goals.yaml:149: removed {goal}\nUpdated 1 file(s): goals.yaml\n"))
    old = before["goals.yaml"][0].decode()
    new = (mvj / "goals.yaml").read_text(encoding="utf-8")
    entry = old[old.index(f"  - id: {goal}"):old.index("  - id: silkeborg-2026-natteliv-patruljer")]
    assert entry.endswith("inden for 14 dage\n    tags: [illustrativ]\n\n")
    assert new == old.replace(entry, "")
    assert goal not in load_workspace(mvj).records


def test_remove_refuses_when_a_row_still_names_the_removed_entry(mvj, sheet):
    Book(sheet).delete("roles", "sekretaer-kredsraad-mvj").save()
    before = snapshot(mvj)
    result = run("import", sheet, mvj, "--remove")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {sheet} has 1 problem(s); nothing was written:\n"
        "  forums, row 7, column members: 'sekretaer-kredsraad-mvj' is removed by this import (--remove), "
        "but this row still names it\n" + FIX)
    assert snapshot(mvj) == before


def test_dry_run_lists_the_changes_and_writes_nothing(mvj, sheet):
    Book(sheet).set("forums", "psp-viborg", "meetings_per_year", 10) \
        .delete("roles", "stedfortraeder-borgmester-lemvig") \
        .add("roles", id="analytiker-mvj", title_da="Analytiker", organisation="mvj-politi").save()
    before = snapshot(mvj)
    result = run("import", sheet, mvj, "--dry-run", "--remove")
    assert result.exit_code == 0
    assert result.output == (
        "roles.yaml:264: added analytiker-mvj\n"
        "forums/viborg.yaml:9: changed psp-viborg (meetings_per_year)\n"
        "roles.yaml:70: removed stedfortraeder-borgmester-lemvig\n"
        "Dry run: would update 2 file(s): forums/viborg.yaml, roles.yaml; nothing was written.\n")
    assert snapshot(mvj) == before


# --- bad rows -----------------------------------------------------------------------------------

def test_bad_rows_are_all_named_and_nothing_is_written(mvj, sheet):
    (Book(sheet).set("forums", "ssp-silkeborg", "members", "silkeborg-skoleforvaltning; ssp-silkebrog")
     .set("organisations", "mvj-politi", "category", "polit")
     .set("organisations", "herning-lokalpoliti", "id", "holstebro-lokalpoliti")
     .set("goals", "mvj-2026-natteliv", "level", None)
     .set("roles", "borgmester-herning", "verified", 42).save())
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {sheet} has 5 problem(s); nothing was written:\n"
        "  organisations, row 5, column id: duplicate id 'holstebro-lokalpoliti' (also in row 3)\n"
        "  organisations, row 14, column category: unknown organisation category 'polit'; did you mean "
        "'politi'? (see `orgmodel vocabulary categories`)\n"
        "  roles, row 2, column verified: expected a date (YYYY-MM-DD), not 42\n"
        "  forums, row 13, column members: unknown id 'ssp-silkebrog'; did you mean 'ssp-silkeborg'?\n"
        "  goals, row 3, column level: empty required cell; every goal needs a level\n" + FIX)
    assert snapshot(mvj) == before


def test_unknown_sheets_columns_formulas_and_wrong_kinds(mvj, sheet):
    book = Book(sheet)
    book.book.create_sheet("forumz")
    book.book["councils"].cell(1, 30).value = "memberz"
    book.set("councils", "lokalraad-herning", "chair", "herning-kommune")
    book.set("councils", "lokalraad-silkeborg", "note", None)
    book._row("councils", "lokalraad-silkeborg")[book.column("councils", "note")].value = "=1+1"
    book.add("councils", id="ssp-silkeborg", type="lokalraad")
    book.add("forums", id="SSP Ny", type="ssp").add("forums", id="ssp-ny", type="sspp", area="silkebrog")
    book.save()
    before = snapshot(mvj)
    with pytest.raises(WorkbookError) as caught:
        import_spreadsheet(sheet, mvj)
    assert caught.value.problems == [
        "councils, row 1, column memberz: unknown column; did you mean 'members'?",
        "councils, row 3, column chair: 'herning-kommune' is an organisation; chair must name a role",
        "councils, row 9, column note: the cell holds a formula (=1+1); type the value itself",
        "councils, row 14, column id: 'ssp-silkeborg' is a forum (forums/silkeborg.yaml:14); "
        "move the row to the sheet 'forums'",
        "forums, row 13, column id: duplicate id 'ssp-silkeborg' (also in councils, row 14)",
        "forums, row 18, column id: 'SSP Ny' is not a valid id; use only a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), "
        "e.g. 'ssp-ny'",
        "forums, row 19, column type: unknown forum type 'sspp'; did you mean 'ssp'? "
        "(see `orgmodel vocabulary forum_types`)",
        "forums, row 19, column area: unknown area 'silkebrog'; did you mean 'silkeborg'? (see `orgmodel areas`)",
        "forumz: unknown sheet; did you mean 'forums'? (the sheets are organisations, roles, councils, "
        "forums, goals, documents, policies)",
    ]
    assert snapshot(mvj) == before


def test_a_value_in_a_column_without_a_header_is_refused_at_its_cell(mvj, sheet):
    """A value typed right of the last column was left out without a word ("No changes")."""
    book = Book(sheet)
    organisations, status = book.book["organisations"], book.book["status"]
    after = organisations.max_column + 1
    row = book._row("organisations", "mvj-politi")[0].row
    organisations.cell(row, after).value = "Ny adresse: Vestergade 1"
    organisations.cell(row + 1, after).value = "  "  # blank: no value
    organisations.cell(row + 2, after).value = 7
    status.cell(3, status.max_column + 2).value = "i-gang"
    book.save()
    letter = openpyxl.utils.get_column_letter
    what = ("which the import does not read; move it to the column it belongs in, give the column its header, or "
            "delete it")
    _refused(sheet, mvj,
             f"  organisations, row {row}, column {letter(after)}: a value in a column without a header (and in row "
             f"{row + 2}), {what}\n",
             f"  status, row 3, column {letter(status.max_column)}: a value in a column without a header, {what}\n")
    book = Book(sheet)
    book.book["organisations"].cell(row, after).value = book.book["organisations"].cell(row + 2, after).value = None
    book.book["status"].cell(3, status.max_column).value = None
    book.save()
    assert run("import", sheet, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"


def test_an_edit_that_breaks_the_workspace_is_caught_in_a_copy(mvj, sheet):
    Book(sheet).set("organisations", "mvj-politi", "parent", "silkeborg-lokalpoliti").save()
    before = snapshot(mvj)
    with pytest.raises(WorkbookError) as caught:
        import_spreadsheet(sheet, mvj)
    assert caught.value.problems == [
        "organisations, row 14: mvj-politi → silkeborg-lokalpoliti → mvj-politi form a loop through parent "
        "(after the import, at organisations.yaml:12)"]
    assert snapshot(mvj) == before


def test_a_file_that_is_not_a_workbook_is_unreadable(mvj, tmp_path):
    fake = tmp_path / "x.xlsx"
    fake.write_text("id,name\n", encoding="utf-8")
    result = run("import", fake, mvj)
    assert (result.exit_code, result.output) == (2, (
        f"Error: {fake}: not an Excel workbook (.xlsx) that can be read (BadZipFile)\n"
        "  Fix: save the spreadsheet as an Excel workbook (.xlsx) and import that file\n"))
    with pytest.raises(UnreadableInputError):
        import_spreadsheet(tmp_path / "missing.xlsx", mvj)


def _damaged(sheet, part: str, cut: bool):
    """A copy of the workbook ``sheet`` whose ``part`` (a sheet's XML) is cut in half, or left out."""
    damaged = sheet.with_name(f"damaged-{sheet.name}")
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                if not cut:
                    continue
                data = data[:len(data) // 2]
            target.writestr(info, data)
    return damaged


@pytest.mark.parametrize(("cut", "message"), [
    (True, "the sheet 'roles' is damaged: its data cannot be read (ParseError), so its edits cannot be read; nothing "
           "was written\n  Fix: export the workspace again (`orgmodel export WORKSPACE --format xlsx -o FILE.xlsx`) "
           "and make the edits there; or open the workbook in Excel or LibreOffice, check that the sheet's rows are "
           "all there, save it and import again\n"),
    (False, "the workbook lists the sheet 'roles', but the data is missing from the file, so the edits there cannot "
            "be read; nothing was written\n  Fix: export the workspace again (`orgmodel export WORKSPACE --format "
            "xlsx -o FILE.xlsx`) and make the edits there: the rows are not in this file\n"),
])
def test_a_sheet_cut_short_or_missing_from_the_file_is_named(mvj, sheet, cut, message):
    """A sheet's XML cut short ended in a traceback; one missing from the zip was left out, and its edits with it."""
    Book(sheet).set("roles", "chefpolitiinspektoer-mvj", "title.da", "Ny titel").save()
    assert openpyxl.load_workbook(sheet, read_only=True).sheetnames[2] == "roles"
    damaged = _damaged(sheet, "xl/worksheets/sheet3.xml", cut)
    before = snapshot(mvj)
    result = run("import", damaged, mvj)
    assert (result.exit_code, result.output) == (2, f"Error: {damaged}: {message}")
    assert snapshot(mvj) == before


def test_a_workspace_with_errors_is_not_imported_into(make_ws, tmp_path):
    ws = write(make_ws, bornholm())
    path = _export(ws, tmp_path / "b.xlsx")
    data = yaml.safe_load((ws / "data.yaml").read_text(encoding="utf-8"))
    data["roles"][0]["titel"] = "x"
    (ws / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("import", path, ws)
    assert result.exit_code == 1 and result.output.startswith("Error: the workspace has 1 error(s):\n")
    assert "unknown key 'titel'" in result.output


# --- the line editor ----------------------------------------------------------------------------

ORDER = ["id", "type", "name", "members", "under", "note"]


def test_crlf_and_byte_order_mark_are_kept(make_ws, tmp_path):
    ws = make_ws({"forums.yaml": ""})
    text = ("# SSP\r\nforums:\r\n  - id: ssp-a\r\n    type: ssp\r\n    area: bornholm\r\n"
            "\r\n  - id: ssp-b\r\n    type: ssp\r\n    area: bornholm\r\n")
    (ws / "forums.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    path = _export(ws, tmp_path / "x.xlsx")
    Book(path).set("forums", "ssp-a", "note", "Ny").add("forums", id="ssp-c", type="ssp", area="bornholm").save()
    assert run("import", path, ws).exit_code == 0
    assert (ws / "forums.yaml").read_bytes() == b"\xef\xbb\xbf" + (
        b"# SSP\r\nforums:\r\n  - id: ssp-a\r\n    type: ssp\r\n    area: bornholm\r\n    note: Ny\r\n"
        b"\r\n  - id: ssp-b\r\n    type: ssp\r\n    area: bornholm\r\n"
        b"\r\n  - id: ssp-c\r\n    type: ssp\r\n    area: bornholm\r\n")


def test_entries_written_inline_are_rewritten_as_blocks_and_others_stay():
    from orgmodel.workspace import edit_text

    text = "forums:\n  - {id: a, type: ssp}  # inline\n  - id: b\n    type: ssp\n"
    new = edit_text(text, {"a": ({"id": "a", "type": "psp", "note": "x: y"}, {"type", "note"})}, set(), {}, ORDER)
    assert new == "forums:\n  - id: a\n    type: psp\n    note: 'x: y'\n  - id: b\n    type: ssp\n"


def test_a_removed_first_key_hands_its_dash_to_the_next():
    from orgmodel.workspace import edit_text

    text = "forums:\n  - type: ssp\n    id: a\n    name: A\n"
    new = edit_text(text, {"a": ({"id": "a", "name": "A"}, {"type"})}, set(), {}, ORDER)
    assert new == "forums:\n  - id: a\n    name: A\n"


def test_sections_written_in_brackets_are_not_edited():
    from orgmodel.errors import YamlEditError
    from orgmodel.workspace import edit_text

    with pytest.raises(YamlEditError, match="line 1: the section 'forums' is written on one line in brackets"):
        edit_text("forums: [{id: a, type: ssp}]\n", {}, {"a"}, {}, ORDER)
    assert edit_text("forums: []  # none yet\n", {}, set(), {"forums": [{"id": "a", "type": "ssp"}]}, ORDER) == \
        "forums:\n  - id: a\n    type: ssp\n"


def test_values_are_quoted_so_they_read_back_the_same():
    from orgmodel.workspace import edit_text

    values = {"id": "a", "type": "ssp", "name": {"da": "Ja", "en": "#1, [x]"},
              "members": ["b", "c"], "note": "yes"}
    text = edit_text("forums:\n  - id: a\n    type: ssp\n", {"a": (values, set(values))}, set(), {}, ORDER)
    assert yaml.safe_load(text) == {"forums": [values]}
    assert "note: 'yes'" in text and "name: {da: Ja, en: '#1, [x]'}" in text


def test_an_inline_section_is_named_with_its_file_and_line(make_ws, tmp_path):
    ws = make_ws({"forums.yaml": "# SSP\nforums: [{id: ssp-a, type: ssp, area: bornholm}]\n"})
    path = _export(ws, tmp_path / "x.xlsx")
    Book(path).set("forums", "ssp-a", "note", "Ny").save()
    before = snapshot(ws)
    result = run("import", path, ws)
    assert (result.exit_code, result.output) == (1, (
        f"Error: {path} has 1 problem(s); nothing was written:\n"
        "  forums.yaml:2: the section 'forums' is written on one line in brackets, which import does not edit; "
        "write each entry as '- id: …' on lines of its own\n" + FIX))
    assert snapshot(ws) == before


def test_ignores_holders_and_dates_round_trip(make_ws, tmp_path):
    data = bornholm()
    find(data, "ssp")["ignore"] = [{"rule": "forum.recommended-partners", "reason": "aftalt med DKR"}]
    ws = write(make_ws, data)
    path = _export(ws, tmp_path / "b.xlsx")
    assert run("import", path, ws).output == "No changes: the workspace already matches the spreadsheet.\n"
    (Book(path).set("forums", "ssp", "ignore", "forum.recommended-partners: aftalt med DKR\nhygiene.stale: ok")
     .set("roles", "politidirektoer", "holder.name", "Anne Andersen")
     .set("roles", "politidirektoer", "holder.verified", dt.datetime(2026, 2, 1))
     .set("organisations", "bornholm-klub", "valid_from", "2025-08-01").save())
    result = run("import", path, ws)
    assert result.exit_code == 0, result.output
    text = (ws / "data.yaml").read_text(encoding="utf-8")
    assert ("  ignore:\n  - rule: forum.recommended-partners\n    reason: aftalt med DKR\n"
            "  - rule: hygiene.stale\n    reason: ok\n") in text
    assert "  holder: {name: Anne Andersen, verified: 2026-02-01}\n" in text
    records = load_workspace(ws).records
    assert [i.rule for i in records["ssp"].entity.ignore] == ["forum.recommended-partners", "hygiene.stale"]
    assert records["politidirektoer"].entity.holder.verified == dt.date(2026, 2, 1)
    assert records["bornholm-klub"].entity.valid_from == dt.date(2025, 8, 1)
    assert run("import", path, ws).output == "No changes: the workspace already matches the spreadsheet.\n"


def test_import_keeps_quoting_blocks_single_values_and_the_files_key_order(make_ws, tmp_path):
    ws = make_ws({"forums.yaml": (
        "forums:\n"
        "  - id: ssp-a\n    type: ssp\n    area: bornholm\n    source: \"https://a.dk/ssp\"\n"
        "    covers:\n      ages: 6-17\n    note: >-\n      En lang note\n      over to linjer.\n"
        "  - id: ssp-b\n    type: ssp\n    name: 'SSP B'\n    area: bornholm\n"
        "    note: |-\n      første\n      anden\n")})
    path = _export(ws, tmp_path / "x.xlsx")
    (Book(path).set("forums", "ssp-a", "source", "https://a.dk/ny: side").set("forums", "ssp-a", "covers.ages", "6-18")
     .set("forums", "ssp-a", "note", "En ny note").set("forums", "ssp-b", "name.da", "SSP B's")
     .set("forums", "ssp-b", "note", "først\nsidst")
     .add("forums", id="ssp-c", type="ssp", area="bornholm", covers_ages="12-17", source="https://c.dk",
          name_da="SSP C").save())
    result = run("import", path, ws)
    assert result.exit_code == 0, result.output
    assert (ws / "forums.yaml").read_text(encoding="utf-8") == (
        "forums:\n"
        "  - id: ssp-a\n    type: ssp\n    area: bornholm\n    source: \"https://a.dk/ny: side\"\n"
        "    covers:\n      ages: 6-18\n    note: >-\n      En ny note\n"
        "  - id: ssp-b\n    type: ssp\n    name: 'SSP B''s'\n    area: bornholm\n"
        "    note: |-\n      først\n      sidst\n"
        "  - id: ssp-c\n    type: ssp\n    name: 'SSP C'\n    area: bornholm\n    source: \"https://c.dk\"\n"
        "    covers:\n      ages: 12-17\n")
    assert run("import", path, ws).output == "No changes: the workspace already matches the spreadsheet.\n"


def test_block_texts_fold_long_lines_and_fall_back_to_quotes_when_a_block_cannot_hold_the_text():
    from orgmodel.workspace import edit_text

    text = "forums:\n  - id: a\n    note: >-\n      x\n    source: |-\n      y\n    tags: [t]\n"
    long = " ".join(["ord"] * 40)
    values = {"id": "a", "note": long + "\n\nslut", "source": "  indrykket\nlinje", "tags": ["t", "u"]}
    new = edit_text(text, {"a": (values, {"note", "source", "tags"})}, set(), {}, ORDER)
    assert new == ("forums:\n  - id: a\n    note: >-\n      " + " ".join(["ord"] * 23) + "\n      "
                   + " ".join(["ord"] * 17) + "\n\n\n      slut\n"
                   "    source: \"  indrykket\\nlinje\"\n    tags: [t, u]\n")
    assert yaml.safe_load(new)["forums"][0] == values


def test_text_columns_are_formatted_as_text_and_numbers_typed_there_are_named(mvj, sheet):
    book = openpyxl.load_workbook(sheet)
    organisations = book["organisations"]
    headers = [c.value for c in organisations[1]]
    short_name = headers.index("short_name") + 1
    letter = openpyxl.utils.get_column_letter(short_name)
    assert organisations.column_dimensions[letter].number_format == "@"
    assert {organisations.cell(r, short_name).number_format for r in range(2, organisations.max_row + 1)
            if organisations.cell(r, short_name).value is not None} == {"@"}
    councils = book["councils"]
    meetings = [c.value for c in councils[1]].index("meetings_per_year") + 1
    assert councils.column_dimensions[openpyxl.utils.get_column_letter(meetings)].number_format == "General"
    Book(sheet).set("organisations", "mvj-politi", "short_name", 7) \
        .set("forums", "ssp-silkeborg", "source", 46023).save()
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, (
        "Warning: organisations, row 14, column short_name: the spreadsheet holds the number 7 here, imported as "
        "'7'; if you typed something else (007, a date), format the column as text (Format Cells → Text), type "
        "it again and import again\n"
        "Warning: forums, row 13, column source: the spreadsheet holds the number 46023 here, imported as "
        "'46023'; if you typed something else (007, or the date 2026-01-01, which a spreadsheet stores as "
        "46023), format the column as text (Format Cells → Text), type it again and import again\n"
        "organisations.yaml:8: changed mvj-politi (short_name)\n"
        "forums/silkeborg.yaml:14: changed ssp-silkeborg (source)\n"
        "Updated 2 file(s): forums/silkeborg.yaml, organisations.yaml\n"))
    assert load_workspace(mvj).records["mvj-politi"].entity.short_name == "7"


def test_line_breaks_in_a_list_cell_separate_items_and_messages_stay_on_one_line(mvj, sheet):
    Book(sheet).set("forums", "ssp-silkeborg", "members",
                    "silkeborg-skoleforvaltning\nsilkeborg-lokalpoliti;\r\nsilkeborg-klubber\n").save()
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, (
        "forums/silkeborg.yaml:14: changed ssp-silkeborg (members)\n"
        "Updated 1 file(s): forums/silkeborg.yaml\n"))
    assert load_workspace(mvj).records["ssp-silkeborg"].entity.members == [
        "silkeborg-skoleforvaltning", "silkeborg-lokalpoliti", "silkeborg-klubber"]
    Book(sheet).set("forums", "ssp-silkeborg", "type", "ss\np") \
        .set("forums", "ssp-silkeborg", "members", "silkeborg-klubber\nssp-silkebrog").save()
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (1, (
        f"Error: {sheet} has 2 problem(s); nothing was written:\n"
        "  forums, row 13, column type: unknown forum type 'ss\\np'; did you mean 'ssp'? "
        "(see `orgmodel vocabulary forum_types`)\n"
        "  forums, row 13, column members: unknown id 'ssp-silkebrog'; did you mean 'ssp-silkeborg'?\n" + FIX))


def test_the_workbook_prints_as_a_document(make_ws, tmp_path):
    data = bornholm()
    find(data, "ssp")["ignore"] = [{"rule": "forum.recommended-partners", "reason": "aftalt"},
                                   {"rule": "hygiene.stale", "reason": "ok"}]
    book = openpyxl.load_workbook(_export(write(make_ws, data), tmp_path / "b.xlsx"))
    for sheet in book:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        titles = (None, None) if sheet.title == GUIDE_SHEET else ("$1:$1", "$A:$A")
        assert (sheet.print_title_rows, sheet.print_title_cols) == titles
    guide = book[GUIDE_SHEET]
    for row in range(1, guide.max_row + 1):
        longest = max(len(str(guide.cell(row, column).value or "")) for column in (1, 2))
        assert guide.row_dimensions[row].height >= 15 * -(-longest // 66), row
    assert guide.row_dimensions[3].height == 45
    forums = book["forums"]
    row = next(c.row for c in forums["A"] if c.value == "ssp")
    assert forums.row_dimensions[row].height == 30


# --- the status sheet (issue 16) ----------------------------------------------------------------


def _status_row(book, goal, indicator=None):
    """The cells of the status sheet's row of ``goal`` (and ``indicator``), by column name."""
    sheet = book["status"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(headers, row, strict=False))
        if cells["goal"].value == goal and (indicator is None or cells["indicator"].value == indicator):
            return cells
    raise KeyError(goal)


def test_the_status_sheet_lists_each_goal_indicator_and_year(sheet):
    book = openpyxl.load_workbook(sheet)
    assert [c.value for c in book["status"][1]] == [
        "goal", "level", "lokalraad", "title", "status", "status_date", "indicator", "unit", "target", "year",
        "value", "value_source", "value_date"]
    row = {k: c.value for k, c in _status_row(book, "silkeborg-2026-nabohjaelp-moeder").items()}
    assert row == {"goal": "silkeborg-2026-nabohjaelp-moeder", "level": "handling", "lokalraad": "lokalraad-silkeborg",
                   "title": "Informationsmøder om indbrud, Nabohjælp og telefonsvindel for ældre",
                   "status": "gennemfoert", "status_date": dt.datetime(2026, 10, 28), "indicator":
                   "Informationsmøder afholdt", "unit": "antal", "target": 4, "year": 2026, "value": 5,
                   "value_source": "Status fra tryghedsgruppen (eksempel)", "value_date": dt.datetime(2026, 10, 28)}
    assert "status" not in [c.value for c in book["goals"][1]]


def test_the_status_sheet_round_trip(mvj, sheet):
    book = openpyxl.load_workbook(sheet)
    row = _status_row(book, "silkeborg-2026-tryghedsvandring")
    row["status"].value, row["status_date"].value = "gennemfoert", dt.date(2026, 11, 15)
    row["value"].value, row["value_source"].value, row["value_date"].value = 3, "Boligsocial status", \
        dt.date(2026, 11, 15)
    late = _status_row(book, "silkeborg-2025-foraeldrefolder")
    late["value"].value = 20
    book.save(sheet)
    before = (mvj / "goals.yaml").read_text(encoding="utf-8")
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, (
        "goals.yaml:170: changed silkeborg-2025-foraeldrefolder (indicators)\n"
        "goals.yaml:106: changed silkeborg-2026-tryghedsvandring (indicators, status)\n"
        "Updated 1 file(s): goals.yaml\n"))
    goals = load_workspace(mvj).records
    walk = goals["silkeborg-2026-tryghedsvandring"].entity
    assert [(s.status, s.date) for s in walk.status] == [("i-gang", None), ("gennemfoert", dt.date(2026, 11, 15))]
    assert [(v.year, v.value, v.source, v.date) for v in walk.indicators[0].values] == [
        (2026, 3, "Boligsocial status", dt.date(2026, 11, 15))]
    assert [(v.year, v.value) for v in goals["silkeborg-2025-foraeldrefolder"].entity.indicators[0].values] \
        == [(2025, 20)]
    after = (mvj / "goals.yaml").read_text(encoding="utf-8")
    assert "# Follow-up (status and indicators)" in after  # the comments are kept
    assert len(after.splitlines()) - len(before.splitlines()) == 9
    again = _export(mvj, sheet.parent / "again.xlsx")
    assert run("import", again, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"


def test_an_emptied_value_is_removed_and_an_unchanged_sheet_changes_nothing(mvj, sheet):
    assert run("import", sheet, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    book = openpyxl.load_workbook(sheet)
    row = _status_row(book, "silkeborg-2026-ssp-undervisning")
    for name in ("value", "value_source", "value_date"):
        row[name].value = None
    book.save(sheet)
    assert run("import", sheet, mvj).exit_code == 0
    assert load_workspace(mvj).records["silkeborg-2026-ssp-undervisning"].entity.indicators[0].values == []


@pytest.mark.parametrize(("column", "value", "message"), [
    ("status", "igang", "status, row 5, column status: unknown goal status 'igang'. Did you mean 'i-gang'? (see "
                        "`orgmodel vocabulary goal_statuses`)"),
    ("indicator", "Skoler med folder", "status, row 5, column indicator: the goal 'silkeborg-2025-foraeldrefolder' "
                                       "has no indicator 'Skoler med folder'. Add it under the goal's 'indicators:' "
                                       "in the YAML first, or write its measure as the YAML names it"),
    ("year", "i år", "status, row 5, column year: 'i år' is not a year"),
    ("value", "mange", "status, row 5, column value: 'mange' is not a number"),
    ("value", "nan", "status, row 5, column value: 'nan' is not a number"),
    ("value", "inf", "status, row 5, column value: 'inf' is not a number"),
    ("value", "1_000", "status, row 5, column value: '1_000' is not a number"),
    ("year", "2_026", "status, row 5, column year: '2_026' is not a year"),
    ("value", "1.000", "status, row 5, column value: '1.000' may be a number with a thousands separator or one "
                       "with three decimals; write a whole number without the separator (1000), and a decimal number "
                       "as a number cell, not text"),
    ("value", "-12,500", "status, row 5, column value: '-12,500' may be a number with a thousands separator or one "
                         "with three decimals; write a whole number without the separator (-12500), and a decimal "
                         "number as a number cell, not text"),
    ("goal", "silkeborg-2025-foraeldrefoldr", "status, row 5, column goal: 'silkeborg-2025-foraeldrefoldr' is not a "
                                              "goal of the workspace. Did you mean 'silkeborg-2025-foraeldrefolder'?"),
])
def test_a_bad_status_cell_is_refused_and_nothing_is_written(mvj, sheet, column, value, message):
    book = openpyxl.load_workbook(sheet)
    _status_row(book, "silkeborg-2025-foraeldrefolder")[column].value = value
    book.save(sheet)
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    assert f"  {message}\n" in result.output, result.output
    assert snapshot(mvj) == before


@pytest.mark.parametrize(("change", "messages"), [
    (("delete", "value_source"), ["status: there is no column 'value_source'; the import reads it, and a column left "
                                  "out would remove every value it held. Put it back (`orgmodel export --format xlsx` "
                                  "writes it), or delete the whole status sheet to leave every status and value as "
                                  "it is"]),
    (("delete", "status_date"), ["status: there is no column 'status_date'; the import reads it"]),
    (("rename", "value_source", "kilde"), ["status, row 1, column kilde: unknown column; did you mean 'title'? (the "
                                           "columns are goal, level, lokalraad, title, status, status_date, "
                                           "indicator, unit, target, year, value, value_source, value_date)",
                                           "status: there is no column 'value_source'"]),
    (("rename", "unit", "value"), ["status, row 1, column value: the column appears twice; keep one"]),
])
def test_a_status_column_left_out_renamed_or_doubled_is_refused(mvj, sheet, change, messages):
    """Read as empty cells, a column left out removed every value or source it held (or added undated statuses)."""
    book = openpyxl.load_workbook(sheet)
    status = book["status"]
    position = next(c.column for c in status[1] if c.value == change[1])
    if change[0] == "delete":
        status.delete_cols(position)
    else:
        status.cell(1, position).value = change[2]
    book.save(sheet)
    _refused(sheet, mvj, *(f"  {message}" for message in messages))
    del book["status"]
    book.save(sheet)
    assert run("import", sheet, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"


@pytest.mark.parametrize(("text", "value"), [("2,5", 2.5), ("2.5", 2.5), ("0,125", 0.125), ("1000", 1000),
                                              ("-3", -3), ("12,50", 12.5), ("1,0000", 1)])
def test_a_number_written_as_text_is_read_as_written(mvj, sheet, text, value):
    book = openpyxl.load_workbook(sheet)
    row = _status_row(book, "silkeborg-2025-foraeldrefolder")
    row["value"].value = text
    book.save(sheet)
    result = run("import", sheet, mvj)
    assert result.exit_code == 0, result.output
    values = load_workspace(mvj).records["silkeborg-2025-foraeldrefolder"].entity.indicators[0].values
    assert [(v.value, type(v.value)) for v in values] == [(value, type(value))]


def test_a_value_a_cell_cannot_hold_exactly_is_kept_as_written_and_an_edit_to_one_is_refused(mvj, tmp_path):
    """An untouched workbook changed `value: 12345678901234567890` to 12345678901234569216: the cell holds 15
    significant digits, and the export wrote it rounded."""
    goals = mvj / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "{year: 2026, value: 5,", "{year: 2026, value: 12345678901234567890,"), encoding="utf-8")
    path = tmp_path / "big.xlsx"
    exported = run("export", mvj, "-o", path)
    assert exported.stderr.endswith(
        "Note: status, row 8, column value: the value 12345678901234567890 of 'silkeborg-2026-nabohjaelp-moeder' for "
        "2026 has more digits than a cell holds exactly, so the sheet shows it rounded; the import keeps the value as "
        "written unless the cell is edited\n")
    before = snapshot(mvj)
    assert run("import", path, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    book = openpyxl.load_workbook(path)
    _status_row(book, "silkeborg-2026-nabohjaelp-moeder")["value"].value = 1.23456789012346e19  # as Excel rounds it
    book.save(path)
    assert run("import", path, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    assert snapshot(mvj) == before
    message = ("status, row {row}, column value: a spreadsheet cell does not hold {shown} exactly (it holds 15 "
               "significant digits, and whole numbers up to 9,007,199,254,740,992), so it cannot be imported as "
               "typed; {fix}")
    for shown, value in (("'12345678901234567891'", "12345678901234567891"), ("1.5e+19", 1.5e19)):
        _status_row(book, "silkeborg-2026-nabohjaelp-moeder")["value"].value = value
        book.save(path)
        _refused(path, mvj, message.format(row=8, shown=shown, fix="put back the cell as it was, and change the "
                                           "value (12345678901234567890) in goals.yaml:87"))
    _status_row(book, "silkeborg-2026-nabohjaelp-moeder")["value"].value = 1.234567890123457e19
    _status_row(book, "silkeborg-2025-foraeldrefolder")["value"].value = "0,1234567890123456789"  # float() rounds it
    book.save(path)
    _refused(path, mvj, message.format(row=5, shown="'0,1234567890123456789'", fix="write the value under the goal's "
                                       "indicator in goals.yaml:"))
    _status_row(book, "silkeborg-2025-foraeldrefolder")["value"].value = None
    _status_row(book, "silkeborg-2026-nabohjaelp-moeder")["value_source"].value = "Ny kilde"
    book.save(path)
    assert run("import", path, mvj).exit_code == 0
    value = load_workspace(mvj).records["silkeborg-2026-nabohjaelp-moeder"].entity.indicators[0].values[0]
    assert (value.value, value.source) == (12345678901234567890, "Ny kilde")


def test_a_number_cell_with_more_than_15_digits_is_imported_as_it_holds(mvj, tmp_path):
    """A share computed in the sheet and pasted as a value (66.66666666666667) is exactly what its cell holds; it
    was refused as a value "a cell does not hold exactly"."""
    path = tmp_path / "share.xlsx"
    run("export", mvj, "-o", path)
    book = openpyxl.load_workbook(path)
    _status_row(book, "silkeborg-2026-nabohjaelp-moeder")["value"].value = 200 / 3
    book.save(path)
    assert run("import", path, mvj).exit_code == 0
    value = load_workspace(mvj).records["silkeborg-2026-nabohjaelp-moeder"].entity.indicators[0].values[0]
    assert value.value == 200 / 3


def _with_second_row(sheet, goal: str, first: str, second: str) -> None:
    """The goal's row of the status sheet with status ``first``, and a second row of the goal (as a goal with
    more indicators or years has) with status ``second``."""
    book = openpyxl.load_workbook(sheet)
    row = _status_row(book, goal)
    copy = [cell.value for cell in row.values()]
    row["status"].value = first
    copy[list(row).index("status")] = second
    book["status"].append(copy)
    book.save(sheet)


def test_a_status_changed_in_one_of_a_goals_rows_is_its_new_status(mvj, sheet):
    """The other rows still show the old status: that is no second change back."""
    goal = "silkeborg-2026-tryghedsvandring"
    _with_second_row(sheet, goal, "gennemfoert", "i-gang")
    assert run("import", sheet, mvj).exit_code == 0
    assert [s.status for s in load_workspace(mvj).records[goal].entity.status] == ["i-gang", "gennemfoert"]


def test_rows_of_one_goal_with_different_new_statuses_are_refused(mvj, sheet):
    _with_second_row(sheet, "silkeborg-2026-tryghedsvandring", "gennemfoert", "udgaaet")
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    assert ("the rows of goal 'silkeborg-2026-tryghedsvandring' give it different new statuses: 'gennemfoert' in "
            "row ") in result.output and "; 'udgaaet' in row " in result.output
    assert snapshot(mvj) == before


def test_a_goal_changed_in_both_sheets_gets_both_changes(mvj, sheet):
    Book(sheet).set("goals", "silkeborg-2026-tryghedsvandring", "title.da", "Tryghedsvandringer").save()
    book = openpyxl.load_workbook(sheet)
    _status_row(book, "silkeborg-2026-tryghedsvandring")["status"].value = "udgaaet"
    book.save(sheet)
    result = run("import", sheet, mvj)
    assert result.output == ("goals.yaml:106: changed silkeborg-2026-tryghedsvandring (title, status)\n"
                             "Updated 1 file(s): goals.yaml\n")
    goal = load_workspace(mvj).records["silkeborg-2026-tryghedsvandring"].entity
    assert (goal.title, [s.status for s in goal.status]) == ("Tryghedsvandringer", ["i-gang", "udgaaet"])


def test_the_fast_walk_over_cells_reads_what_openpyxls_public_one_reads(sheet):
    """The import reads cells through openpyxl's internals (a third faster); its public walk is the reference.
    A formula, a number, a date, rich text and a shared string are in the sheet too."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from orgmodel.xlsx import workbook

    book = openpyxl.load_workbook(sheet)
    extra = book["roles"]
    extra.append(["=1+1", 7, dt.date(2026, 1, 2), CellRichText([TextBlock(InlineFont(b=True), "fed"), " tekst"]),
                  "  spaced  ", "linje\nto"])
    book.save(sheet)
    read = openpyxl.load_workbook(sheet, read_only=True)
    try:
        for ws in read.worksheets:
            assert workbook._fast_walk_fits(ws)
            fast = [[(v, f) for v, f in row] for row in workbook._cells_by_row(ws)]
            public = [[(v, f) for v, f in row] for row in workbook.public_cells_by_row(ws)]
            assert fast == public, ws.title
    finally:
        read.close()


@pytest.mark.parametrize("reader", ["sheetxml", "openpyxl", "openpyxl-public"])
def test_an_error_cell_is_refused_not_read_as_its_text(mvj, sheet, monkeypatch, reader):
    """A lookup's #N/A pasted as a value was imported as the text '#N/A' (a role's title, say), whichever reader
    read the workbook."""
    from orgmodel.xlsx import workbook

    if reader != "sheetxml":
        monkeypatch.setattr(workbook, "read_sheets", lambda *args, **kwargs: None)
    if reader == "openpyxl-public":
        monkeypatch.setattr(workbook, "_fast_walk_fits", lambda _: False)
    book = Book(sheet)
    title = book._row("roles", "chefpolitiinspektoer-mvj")[book.column("roles", "title.da")]
    title.value, title.data_type = "#N/A", "e"
    status = book.book["status"]
    value = next(row[[c.value for c in status[1]].index("value")] for row in status.iter_rows(min_row=2)
                 if row[[c.value for c in status[1]].index("value")].value is not None)
    value.value, value.data_type = "#DIV/0!", "e"
    book.save()
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 1, result.output
    assert "column title.da: the cell holds the error #N/A, not a value (a formula's result pasted as a value?); " \
           "type the value itself" in result.output
    assert f"status, row {value.row}, column value: the cell holds the error #DIV/0!, not a value" in result.output
    assert snapshot(mvj) == before


def test_without_openpyxls_internals_the_import_reads_the_same(mvj, sheet, monkeypatch):
    from orgmodel.xlsx import workbook

    monkeypatch.setattr(workbook, "_fast_walk_fits", lambda _: False)
    assert run("import", sheet, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    Book(sheet).set("goals", "silkeborg-2026-tryghedsvandring", "title.da", "Tryghedsvandringer").save()
    assert run("import", sheet, mvj).exit_code == 0
    assert label_text(load_workspace(mvj).records["silkeborg-2026-tryghedsvandring"].entity.title) == \
        "Tryghedsvandringer"


def test_an_entry_written_on_one_line_keeps_the_fields_its_sheet_has_no_column_for(mvj, tmp_path):
    # a goal's status and indicators are on the status sheet; the goals sheet's row rewrites the one-line entry
    goals = mvj / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    start = text.index("  - id: silkeborg-2026-tryghedsvandring")
    end = text.index("\n\n", start) + 1
    goals.write_text(text[:start] + "  - {id: silkeborg-2026-tryghedsvandring, level: handling, owner: "
                     "boligsocial-silkeborg, title: Tryghedsvandringer, period: 2026, status: i-gang, indicators: "
                     "[{measure: Boligområder, unit: antal, target: 3, values: [{year: 2026, value: 2}]}]}\n"
                     + text[end:], encoding="utf-8")
    original = load_workspace(mvj).records["silkeborg-2026-tryghedsvandring"].entity
    assert original.status and original.indicators
    sheet = _export(mvj, tmp_path / "one-line.xlsx")
    Book(sheet).set("goals", "silkeborg-2026-tryghedsvandring", "title.da", "Tryghedsvandringer 2").save()
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, "goals.yaml:106: changed silkeborg-2026-tryghedsvandring "
                                                    "(title)\nUpdated 1 file(s): goals.yaml\n")
    after = load_workspace(mvj).records["silkeborg-2026-tryghedsvandring"].entity
    assert after == original.model_copy(update={"title": "Tryghedsvandringer 2"})


def test_a_carriage_return_excel_wrote_as_an_escape_is_a_line_break(mvj, sheet):
    # Excel saves a carriage return (text pasted with Windows line breaks) as _x000D_; openpyxl reads it as written
    Book(sheet).set("organisations", "mvj-politi", "note", "first line_x000D_\nsecond line").save()
    assert run("import", sheet, mvj).exit_code == 0
    assert load_workspace(mvj).records["mvj-politi"].entity.note == "first line\nsecond line"


def test_a_text_that_looks_like_an_excel_escape_goes_out_and_back_as_it_is(mvj, tmp_path):
    text = (mvj / "organisations.yaml").read_text(encoding="utf-8")
    text = text.replace("short_name: MVJ Politi", "short_name: kode _x000D_ og _x0041_", 1)
    (mvj / "organisations.yaml").write_text(text, encoding="utf-8")
    assert load_workspace(mvj).records["mvj-politi"].entity.short_name == "kode _x000D_ og _x0041_"
    sheet = _export(mvj, tmp_path / "escape.xlsx")
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, "No changes: the workspace already matches the spreadsheet.\n")
    opened = openpyxl.load_workbook(sheet)["organisations"]  # as Excel shows it: the escape of '_' read
    column = [c.value for c in opened[1]].index("short_name")
    shown = next(row[column].value for row in opened.iter_rows(min_row=2) if row[0].value == "mvj-politi")
    assert shown == "kode _x005F_x000D_ og _x005F_x0041_"


def test_rows_past_the_size_a_sheet_states_are_read(mvj, sheet):
    # a writer that leaves a stale <dimension>: openpyxl's read-only walk would stop at its last row
    Book(sheet).set("organisations", "viborg-lokalpoliti", "short_name", "Viborg LP").save()
    with zipfile.ZipFile(sheet) as book:
        items = [(item, book.read(item)) for item in book.infolist()]
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as book:
        for item, data in items:
            if item.filename.startswith("xl/worksheets/") and b"viborg-lokalpoliti" in data:
                data, count = re.subn(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:C3"/>', data)
                assert count == 1
            book.writestr(item, data)
    result = run("import", sheet, mvj, "--dry-run")
    assert (result.exit_code, result.output) == (0, "organisations.yaml:85: changed viborg-lokalpoliti (short_name)\n"
                                                    "Dry run: would update 1 file(s): organisations.yaml; nothing was "
                                                    "written.\n")


def test_a_comment_after_an_edited_value_stays(mvj, sheet):
    text = (mvj / "organisations.yaml").read_text(encoding="utf-8")
    text = text.replace("short_name: MVJ Politi", "short_name: MVJ Politi  # i rapporter", 1)
    (mvj / "organisations.yaml").write_text(text, encoding="utf-8")
    Book(sheet).set("organisations", "mvj-politi", "short_name", "MVJ").save()
    assert run("import", sheet, mvj).exit_code == 0
    assert "    short_name: MVJ  # i rapporter\n" in (mvj / "organisations.yaml").read_text(encoding="utf-8")


def test_a_value_the_file_gives_through_a_merge_key_is_not_changed_in_silence(mvj, sheet):
    text = (mvj / "organisations.yaml").read_text(encoding="utf-8")
    text = text.replace("    short_name: MVJ Politi\n", "    short_name: MVJ Politi\n    <<: {note: fælles note}\n", 1)
    (mvj / "organisations.yaml").write_text(text, encoding="utf-8")
    sheet = _export(mvj, sheet)
    before = snapshot(mvj)
    Book(sheet).set("organisations", "mvj-politi", "note", None).save()  # cleared: the merge key would give it again
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    assert ("  organisations, row 14: 'note' of mvj-politi cannot be written to organisations.yaml as the spreadsheet "
            "gives it: the file then reads otherwise (a value taken from a merge key '<<' or an alias, or a text YAML "
            "cannot hold); change it in the YAML file\n") in result.output, result.output
    assert snapshot(mvj) == before


def test_an_edit_of_a_value_another_entry_takes_through_an_anchor_is_refused_at_its_row(mvj, sheet):
    """The writer replaces the anchored value, and the alias of the other entry then names no anchor: the import
    stopped with "councils.yaml:83: an alias with no matching anchor" (exit 2), about a line the user did not
    touch, with a fix that did not apply."""
    text = (mvj / "councils.yaml").read_text(encoding="utf-8")
    for kommune, tags in (("herning", "&faelles [illustrativ]"), ("holstebro", "*faelles")):
        old = (f"    members: [{kommune}-lokalpoliti, {kommune}-kommune]\n    meetings_per_year: 4\n"
               "    tags: [illustrativ]")
        assert old in text
        text = text.replace(old, old.replace("tags: [illustrativ]", f"tags: {tags}"), 1)
    (mvj / "councils.yaml").write_text(text, encoding="utf-8")
    sheet = _export(mvj, sheet)
    before = snapshot(mvj)
    Book(sheet).set("councils", "lokalraad-herning", "tags", "illustrativ; herning").save()
    result = run("import", sheet, mvj)
    assert result.exit_code == 1, result.output
    assert "councils, row 3: the edit cannot be written to councils.yaml: the file would no longer read " \
           "(councils.yaml:" in result.output
    assert "an anchor (&name) and alias (*name) or a merge key '<<'; change it in the YAML file" in result.output
    assert snapshot(mvj) == before


def test_a_date_cell_written_as_a_week_or_without_dashes_is_refused():
    from orgmodel.errors import CellError
    from orgmodel.xlsx.columns import _as_date

    assert _as_date("2026-03-01").isoformat() == "2026-03-01"
    for written in ("2026-W09", "20260301"):
        with pytest.raises(CellError, match=f"expected a date \\(YYYY-MM-DD\\), not '{written}'"):
            _as_date(written)


def _refused(sheet, mvj, *messages: str) -> None:
    """Import ``sheet`` into ``mvj``: refused (exit 1), each of ``messages`` in the output, nothing written."""
    before = snapshot(mvj)
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    for message in messages:
        assert message in result.output, result.output
    assert snapshot(mvj) == before


def _with_fields(mvj, entity_id: str, **fields) -> None:
    """Give the organisation ``entity_id`` of the workspace ``mvj`` these fields, in its YAML file."""
    path = mvj / "organisations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(o for o in data["organisations"] if o["id"] == entity_id).update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_value_a_cell_cannot_hold_is_kept_when_another_cell_of_its_row_is_edited(mvj, tmp_path):
    """A tag holding ';' and an ignore reason with a line break read back from their cells as other values: an edit
    of the name of an entry written on one line (which is written again whole) rewrote them so, without a word."""
    (mvj / "extra.yaml").write_text(
        'organisations:\n  - {id: ny-skole, name: Ny skole, category: skole, area: silkeborg, tags: ["SSP; PSP '
        'samarbejde", ny], ignore: [{rule: hygiene.orphan-organisation, reason: "Linje 1\\nLinje 2"}]}\n',
        encoding="utf-8")
    path = _export(mvj, tmp_path / "kept.xlsx")
    Book(path).set("organisations", "ny-skole", "name.da", "Ny skole (ny)").save()
    assert run("import", path, mvj).exit_code == 0
    entity = load_workspace(mvj).records["ny-skole"].entity
    assert entity.tags == ["SSP; PSP samarbejde", "ny"]
    assert [(i.rule, i.reason) for i in entity.ignore] == [("hygiene.orphan-organisation", "Linje 1\nLinje 2")]
    assert label_text(entity.name, "da") == "Ny skole (ny)"


def test_a_list_whose_item_holds_the_separator_cannot_be_edited_in_the_sheet(mvj, tmp_path):
    _with_fields(mvj, "silkeborg-kommune", tags=["SSP; PSP samarbejde", "ny"])
    path = _export(mvj, tmp_path / "tags.xlsx")
    Book(path).set("organisations", "silkeborg-kommune", "tags", "SSP; PSP samarbejde; ny; tryghed").save()
    _refused(path, mvj, "column tags: the item 'SSP; PSP samarbejde' of 'tags' holds ';' or a line break, which the "
             "sheet reads between items, so the cell cannot be edited here; edit it in organisations.yaml:")


def test_a_text_longer_than_a_cell_is_named_on_export_kept_on_import_and_not_edited_in_the_sheet(mvj, tmp_path):
    _with_fields(mvj, "silkeborg-kommune", note="x" * 40_000)
    path = tmp_path / "long.xlsx"
    exported = run("export", mvj, "-o", path)
    assert exported.exit_code == 0
    assert exported.stderr.endswith(
        "Note: organisations, row 26, column note: the text of 'silkeborg-kommune' is longer than a cell holds, so "
        "the sheet shows its first 32,767 characters; the import keeps the whole text (organisations.yaml:95) "
        "unless the cell is edited\n")
    assert run("import", path, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    Book(path).set("organisations", "silkeborg-kommune", "name.da", "Silkeborg Kommune (ny)").save()
    assert run("import", path, mvj).exit_code == 0
    assert load_workspace(mvj).records["silkeborg-kommune"].entity.note == "x" * 40_000
    Book(path).set("organisations", "silkeborg-kommune", "note", "kort").save()
    _refused(path, mvj, "column note: the text is longer than a cell holds")


def test_a_yes_no_column_is_a_boolean_both_ways(mvj, tmp_path):
    """`individual_cases` was a text column: an untouched TRUE warned on every import, an edit wrote the text
    'False' into the YAML, and 'nej' got pydantic's words."""
    (mvj / "extra.yaml").write_text("forums:\n  - id: psp-ny\n    type: psp\n    under: lokalraad-silkeborg\n"
                                    "    individual_cases: true\n", encoding="utf-8")
    path = _export(mvj, tmp_path / "bools.xlsx")
    book = Book(path)
    cell = book._row("forums", "psp-ny")[book.column("forums", "individual_cases")]
    assert cell.value is True and cell.data_type == "b"
    assert run("import", path, mvj).output == "No changes: the workspace already matches the spreadsheet.\n"
    book.set("forums", "psp-ny", "individual_cases", False).save()
    assert run("import", path, mvj).exit_code == 0
    assert load_workspace(mvj).records["psp-ny"].entity.individual_cases is False
    assert "individual_cases: false" in (mvj / "extra.yaml").read_text(encoding="utf-8")
    book.set("forums", "psp-ny", "individual_cases", "nej").save()
    refused = run("import", path, mvj)
    assert refused.exit_code == 1 and "column individual_cases: expected TRUE or FALSE, not 'nej'" in refused.output


def test_a_control_character_is_refused_at_its_cell(mvj, sheet):
    """It was refused by the YAML written, at a line of a file not written yet, with exit 2."""
    Book(sheet).set("organisations", "silkeborg-kommune", "note", "Kontakt\x85Rådhuset").save()
    _refused(sheet, mvj, "  organisations, row 26, column note: the text holds the control character U+0085, which "
             "no output can show (it often comes with pasted text); delete it, or type the text again\n")


def test_an_ignore_reason_with_a_line_break_cannot_be_edited_in_the_sheet(mvj, tmp_path):
    _with_fields(mvj, "silkeborg-kommune",
                 ignore=[{"rule": "hygiene.orphan-organisation", "reason": "Linje 1\nLinje 2"}])
    path = _export(mvj, tmp_path / "reason.xlsx")
    Book(path).set("organisations", "silkeborg-kommune", "ignore",
                   "hygiene.orphan-organisation: Linje 1 Linje 2\nschema.bad-id: kendt").save()
    _refused(path, mvj, "column ignore: the reason 'Linje 1\\nLinje 2' holds a line break, which the sheet reads "
             "between rules, so the cell cannot be edited here")


def test_a_status_date_with_a_time_is_refused(mvj, sheet):
    book = openpyxl.load_workbook(sheet)
    _status_row(book, "silkeborg-2025-foraeldrefolder")["status_date"].value = dt.datetime(2026, 6, 5, 14, 30)
    book.save(sheet)
    _refused(sheet, mvj, "column status_date: expected a date without a time, not 2026-06-05 14:30:00; write the day "
             "alone")


def test_a_workbook_of_several_workspaces_is_refused_by_the_import(mvj, tmp_path):
    fyn = tmp_path / "fyn"
    fyn.mkdir()
    (fyn / "orgmodel.yaml").write_text("name: Fyn\nscope: {politikredse: [kreds-fyn]}\n", encoding="utf-8")
    (fyn / "data.yaml").write_text("organisations:\n  - {id: fyns-politi, name: Fyns Politi, category: politi, "
                                   "area: kreds-fyn}\n", encoding="utf-8")
    path = tmp_path / "both.xlsx"
    assert run("export", mvj, fyn, "-o", path).exit_code == 0
    before = snapshot(mvj)
    result = run("import", path, mvj)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {path}: the workbook was exported from 2 workspaces read as one (fyn, mvj), so "
                             "an import into one of them would copy the others' entries into it\n  Fix: export the "
                             f"workspace on its own (`orgmodel export {mvj} -o FILE.xlsx`) and edit that workbook\n")
    assert snapshot(mvj) == before
    assert run("export", mvj, "-o", tmp_path / "one.xlsx").exit_code == 0
    assert run("import", tmp_path / "one.xlsx", mvj).exit_code == 0


# --- a number cell formatted as a percentage ----------------------------------------------------------------


def _reading_with(monkeypatch, reader: str, path) -> None:
    """Make the import read the workbook ``path`` with ``reader``: its own XML reader, or openpyxl (its fast walk
    over the cells, or its public one)."""
    from orgmodel.xlsx import workbook
    from orgmodel.xlsx.sheetxml import read_sheets

    if reader == "sheetxml":
        assert read_sheets(path) is not None, "the workbook would not be read by the XML reader"
    else:
        monkeypatch.setattr(workbook, "read_sheets", lambda *args, **kwargs: None)
    if reader == "openpyxl-public":
        monkeypatch.setattr(workbook, "_fast_walk_fits", lambda _: False)


def _typed_as(cell, value, number_format: str) -> None:
    """``cell`` given a number and a number format, as Excel saves a cell the user typed ``95 %`` in (0.95, ``0%``)."""
    cell.value, cell.number_format = value, number_format


@pytest.mark.parametrize("reader", ["sheetxml", "openpyxl", "openpyxl-public"])
def test_a_number_cell_formatted_as_a_percentage_is_imported_as_the_percentage_it_shows(mvj, sheet, monkeypatch,
                                                                                        reader):
    """A cell showing 95 % holds 0.95 (a spreadsheet stores a percentage divided by 100), and was imported as 0.95.
    It is the number the user typed and sees, computed in decimal (7 %, which openpyxl writes as
    0.07000000000000001, is 7, not 7.000000000000001), a whole number when whole, in every sheet, by every
    reader; a ``%`` in quotes is text the format shows, and multiplies nothing."""
    book = Book(sheet)
    meetings = book.column("councils", "meetings_per_year")
    _typed_as(book._row("councils", "kredsraad-mvj")[meetings], 0.06, "0%")
    _typed_as(book._row("councils", "lokalraad-silkeborg")[meetings], 0.05, "0 %")  # a format of its own
    _typed_as(book._row("councils", "lokalraad-herning")[meetings], 6, '0" %"')  # shows "6 %": the number is 6
    _typed_as(_status_row(book.book, "silkeborg-2025-foraeldrefolder")["value"], 0.07, "0%")
    _typed_as(_status_row(book.book, "silkeborg-2026-nabohjaelp-moeder")["value"], 0.955, "0.00%")
    _typed_as(_status_row(book.book, "silkeborg-2026-ssp-undervisning")["value"], 1, "0%")  # 100 %, as it was
    book.save()
    _reading_with(monkeypatch, reader, sheet)
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, (
        "councils.yaml:9: changed kredsraad-mvj (meetings_per_year)\n"
        "councils.yaml:65: changed lokalraad-herning (meetings_per_year)\n"
        "councils.yaml:45: changed lokalraad-silkeborg (meetings_per_year)\n"
        "goals.yaml:170: changed silkeborg-2025-foraeldrefolder (indicators)\n"
        "goals.yaml:87: changed silkeborg-2026-nabohjaelp-moeder (indicators)\n"
        "Updated 2 file(s): councils.yaml, goals.yaml\n"))
    records = load_workspace(mvj).records
    assert [(records[i].entity.meetings_per_year, type(records[i].entity.meetings_per_year))
            for i in ("kredsraad-mvj", "lokalraad-silkeborg", "lokalraad-herning")] == [(6, int), (5, int), (6, int)]
    values = [records[goal].entity.indicators[0].values[0].value for goal in (
        "silkeborg-2025-foraeldrefolder", "silkeborg-2026-nabohjaelp-moeder", "silkeborg-2026-ssp-undervisning")]
    assert [(value, type(value)) for value in values] == [(7, int), (95.5, float), (100, int)]
    goals = (mvj / "goals.yaml").read_text(encoding="utf-8")
    assert "            value: 7\n" in goals and "            value: 95.5\n" in goals
    assert "{year: 2026, value: 100, source: SSP-koordinationsgruppens årsstatus (eksempel)" in goals  # not edited


@pytest.mark.parametrize("reader", ["sheetxml", "openpyxl", "openpyxl-public"])
def test_a_percentage_in_a_text_column_is_imported_as_the_text_it_shows(mvj, sheet, monkeypatch, reader):
    """In a text column a percentage is the text the cell shows, with its sign (``95%``, not 0.95, nor 95), and the
    entries' sheets warn of it as of any number in a text column."""
    book = Book(sheet)
    _typed_as(book._row("organisations", "mvj-politi")[book.column("organisations", "short_name")], 0.95, "0%")
    _typed_as(_status_row(book.book, "silkeborg-2026-nabohjaelp-moeder")["value_source"], 0.955, "0.00%")
    book.save()
    _reading_with(monkeypatch, reader, sheet)
    result = run("import", sheet, mvj)
    assert (result.exit_code, result.output) == (0, (
        "Warning: organisations, row 14, column short_name: the spreadsheet holds the percentage 95% here (the cell "
        "is formatted as a percentage), imported as '95%'; if you typed something else, format the column as text "
        "(Format Cells → Text), type it again and import again\n"
        "organisations.yaml:8: changed mvj-politi (short_name)\n"
        "goals.yaml:87: changed silkeborg-2026-nabohjaelp-moeder (indicators)\n"
        "Updated 2 file(s): goals.yaml, organisations.yaml\n"))
    records = load_workspace(mvj).records
    assert records["mvj-politi"].entity.short_name == "95%"
    assert records["silkeborg-2026-nabohjaelp-moeder"].entity.indicators[0].values[0].source == "95.5%"
