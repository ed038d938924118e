"""What ``orgmodel import`` checks after an edit: the integrity rules run only when an edit can bring a new error,
and the workspace as it was is checked only when the edited one has errors."""

import shutil

import pytest
from click.testing import CliRunner

import orgmodel.check
from orgmodel.cli import cli
from orgmodel.export import export
from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace
from orgmodel.xlsx import importer

from .conftest import EXAMPLE
from .test_spreadsheet import Book


@pytest.fixture
def mvj(tmp_path):
    return shutil.copytree(EXAMPLE, tmp_path / "mvj")


@pytest.fixture
def sheet(mvj, tmp_path):
    path = tmp_path / "mvj.xlsx"
    export(build_graph(load_workspace(mvj)), "xlsx", path)
    return path


@pytest.fixture
def checks(monkeypatch):
    """The workspaces the integrity rules were run on, by their folder's name."""
    seen = []
    real = orgmodel.check.check

    def counted(ws, *args, **kwargs):
        seen.append(ws.root.name)
        return real(ws, *args, **kwargs)

    monkeypatch.setattr(orgmodel.check, "check", counted)
    return seen


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_an_edit_of_titles_only_runs_no_rule(mvj, sheet, checks):
    Book(sheet).set("roles", "chefpolitiinspektoer-mvj", "title.da", "Chefpolitiinspektør (ny)").save()
    result = run("import", sheet, mvj)
    assert result.output == ("roles.yaml:15: changed chefpolitiinspektoer-mvj (title)\n"
                             "Updated 1 file(s): roles.yaml\n")
    assert checks == []
    assert load_workspace(mvj).records["chefpolitiinspektoer-mvj"].entity.title == "Chefpolitiinspektør (ny)"


def test_an_edit_of_a_reference_is_checked_once_when_it_brings_no_error(mvj, sheet, checks):
    Book(sheet).set("roles", "chefpolitiinspektoer-mvj", "organisation", "mvj-politi-forebyggelse").save()
    result = run("import", sheet, mvj)
    assert result.output == ("roles.yaml:15: changed chefpolitiinspektoer-mvj (organisation)\n"
                             "Updated 1 file(s): roles.yaml\n")
    assert len(checks) == 1 and checks[0].startswith("orgmodel-import-")


def test_an_edit_that_brings_a_loop_is_refused_after_checking_both(mvj, sheet, checks):
    Book(sheet).set("organisations", "mvj-politi", "parent", "silkeborg-lokalpoliti").save()
    result = run("import", sheet, mvj)
    assert result.exit_code == 1
    assert "mvj-politi → silkeborg-lokalpoliti → mvj-politi form a loop through parent" in result.output
    assert len(checks) == 2 and checks[0].startswith("orgmodel-import-") and checks[1] == "mvj"


def _copy_with(mvj, tmp_path, old, new, name="after"):
    """A copy of the workspace with ``old`` replaced by ``new`` in roles.yaml, loaded reusing ``mvj``'s other
    files as the import does."""
    parsed: dict = {}
    before = load_workspace(mvj, parsed)
    after = shutil.copytree(mvj, tmp_path / name)
    text = (after / "roles.yaml").read_text(encoding="utf-8")
    assert old in text
    (after / "roles.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return before, load_workspace(after, dict(parsed))


@pytest.mark.parametrize("old, new, same", [
    ("title: Chefpolitiinspektør\n", "title: {da: Chefpolitiinspektør, en: Chief superintendent}\n", True),
    ("title: Chefpolitiinspektør\n", "title: Chefpolitiinspektør\n    note: ny\n", True),
    ("title: Chefpolitiinspektør\n", "title: Chefpolitiinspektør\n    tags: [ny]\n", False),
    ("title: Chefpolitiinspektør\n", "title: Chefpolitiinspektør\n    source: ny\n", False),
    ("organisation: mvj-politi\n\n  - id: politiinspektoer", "organisation: mvj-politi-forebyggelse\n\n"
     "  - id: politiinspektoer", False),
    ("type: politiinspektoer\n    organisation: mvj-politi\n",
     "type: politiinspektoer\n    organisation: mvj-politi\n    ignore: [{rule: x, reason: y}]\n", False),
    ("  - id: chefpolitiinspektoer-mvj\n", "  - id: chefpolitiinspektoer-mvj-2\n", False),
])
def test_only_labels_differ_sees_every_change_but_a_label(mvj, tmp_path, old, new, same):
    roles = mvj / "roles.yaml"  # integrity errors the workspace holds already: a dangling reference, a bad term
    roles.write_text(roles.read_text(encoding="utf-8").replace("organisation: herning-kommune\n", "organisation: "
                     "herning-kommunen\n", 1).replace("type: sekretaer\n", "type: sekretaerr\n", 1), encoding="utf-8")
    before, after = _copy_with(mvj, tmp_path, old, new)
    assert not after.problems
    assert importer.only_labels_differ(before, after) is same
    assert importer.only_labels_differ(before, load_workspace(mvj, {}))
    if same:  # what the shortcut stands for: the rules find the same integrity errors
        def errors(ws):
            return sorted((f.rule, f.entity, f.message) for f in orgmodel.check.check(ws, categories=("integrity",))
                          .findings if f.severity == "error")
        assert {rule for rule, _, _ in errors(before)} == {"ref.dangling", "vocabulary.unknown-term"}
        assert errors(after) == errors(before)


def test_the_cells_of_an_entry_are_those_of_its_dump_and_a_plain_entry_is_not_dumped(monkeypatch):
    from orgmodel.model import KIND_OF_SECTION, schema
    from orgmodel.xlsx.columns import _part, cell_value, entity_cells, section_columns

    ws = load_workspace(EXAMPLE)
    section_of = {kind: section for section, kind in KIND_OF_SECTION.items()}
    for record in ws.records.values():
        columns = section_columns(section_of[record.kind])
        data = record.entity.model_dump(exclude_none=True)
        dumped = {c.name: cell_value(c, _part(data.get(c.field), c, "da")) for c in columns}
        cells = entity_cells(record.entity, columns, "da")
        assert cells == dumped and [type(v) for v in cells.values()] == [type(v) for v in dumped.values()]

    def no_dump(*args, **kwargs):
        raise AssertionError("dumped")

    monkeypatch.setattr(schema.Role, "model_dump", no_dump)
    role = ws.records["chefpolitiinspektoer-mvj"].entity
    assert entity_cells(role, section_columns("roles"), "da")["title.da"] == "Chefpolitiinspektør"


def test_an_import_reads_no_layout_digest_which_only_the_versions_of_the_check_cache_need(mvj, sheet, monkeypatch):
    from orgmodel.workspace import loader

    def refused(raw):
        raise AssertionError("the import computed a layout digest")

    monkeypatch.setattr(loader, "layout_digest", refused)
    Book(sheet).set("roles", "chefpolitiinspektoer-mvj", "title.da", "Chefpolitiinspektør (ny)").save()
    result = run("import", sheet, mvj)
    assert result.output == ("roles.yaml:15: changed chefpolitiinspektoer-mvj (title)\n"
                             "Updated 1 file(s): roles.yaml\n")
    with pytest.raises(AssertionError, match="layout digest"):  # a load for the check cache still reads them
        load_workspace(mvj, {})
