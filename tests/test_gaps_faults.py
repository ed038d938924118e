"""Gap queries that answered wrongly without a word (found by a review): each test fails without its fix."""

import json

from orgmodel.cli import cli


def _run(runner, *args):
    """``orgmodel gaps ARGS``, which must succeed."""
    result = runner.invoke(cli, ["gaps", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _workspace(make_ws, manifest: str, *forums: str, **where):
    """A workspace of ``manifest`` (the text of orgmodel.yaml) and ``forums``, each the inside of a ``{…}`` entry."""
    return make_ws({"orgmodel.yaml": manifest, "data.yaml": "forums:\n" + "".join(f"  - {{{f}}}\n" for f in forums)},
                   **where)


def _gaps(runner, *args):
    return json.loads(_run(runner, *args, "--format", "json").stdout)


def test_an_alias_in_covers_is_read_as_its_current_term(runner, make_ws):
    root = make_ws({
        "orgmodel.yaml": "name: T\nscope: {kommuner: [odense]}\nvocabulary:\n  groups:\n"
                         "    skoleboern: {da: Skolebørn, en: School children, alias_of: boern}\n",
        "data.yaml": "forums:\n  - {id: ssp-odense, type: ssp, area: odense, covers: {groups: [skoleboern]}}\n"})
    rows = {r["item"]: (r["status"], r["bodies"]) for r in _gaps(runner, "groups", str(root))}
    assert rows["boern"] == ("covered", ["ssp-odense"]) and "skoleboern" not in rows
    check = runner.invoke(cli, ["check", str(root), "--format", "json"], catch_exceptions=False)
    aliases = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "vocabulary.alias"]
    assert [(f["entity"], f["message"]) for f in aliases] == [
        ("ssp-odense", "the person group 'skoleboern' (Skolebørn) is ambiguous; it is read as 'boern' (Børn)")]


def test_an_area_named_twice_is_one_row(runner, make_ws):
    root = make_ws({"data.yaml": "forums:\n  - {id: ssp-silkeborg, type: ssp, area: silkeborg, "
                                 "covers: {ages: [0+]}}\n"})
    once = _gaps(runner, "ages", str(root), "--area", "silkeborg")
    assert _gaps(runner, "ages", str(root), "--area", "silkeborg", "--area", "740", "--area", "Silkeborg") == once
    matrix = _gaps(runner, "ages", str(root), "--area", "silkeborg", "--area", "740", "--matrix")
    assert len(matrix) == 1 and set(matrix[0].values()) - {"silkeborg"} == {100}


def test_the_matrix_leaves_out_bands_past_max_age(runner, make_ws):
    root = _workspace(make_ws, "name: T\nmax_age: 70\n", "id: f, type: ssp, area: odense, covers: {ages: [0+]}")
    assert _gaps(runner, "ages", str(root), "--matrix") == [
        {"area": "odense", "0-5": 100, "6-9": 100, "10-14": 100, "15-17": 100, "18-25": 100, "26-64": 100,
         "65-79": 100}]


def test_an_open_range_of_a_workspace_with_a_lower_max_age_runs_to_the_national_table_end(runner, make_ws, tmp_path):
    (tmp_path / "national").mkdir()
    fyn = _workspace(make_ws, "name: Fyn\nmax_age: 90\nscope: {kommuner: [odense]}\n",
                     "id: aeldre-odense, type: andet, area: odense, covers: {ages: 65+}", name="national/fyn")
    make_ws({"orgmodel.yaml": "name: Aarhus\nscope: {kommuner: [aarhus]}\n"}, name="national/aarhus")
    rows = _gaps(runner, "ages", str(fyn.parent), "--area", "odense")
    assert [(r["ages"], r["status"]) for r in rows] == [("0-64", "uncovered"), ("65+", "covered")]


def test_a_query_notes_an_id_written_twice(runner, make_ws):
    root = make_ws({"data.yaml": "forums:\n  - {id: f, type: ssp, area: odense, covers: {ages: [0+]}}\n"
                                 "  - {id: f, type: psp, area: odense}\n"})
    assert _run(runner, "ages", str(root)).stderr == (
        "Note: 1 id(s) are written twice: 'f' (data.yaml:2 and data.yaml:3); only the first entry of each is used. "
        "Run `orgmodel check` for details.\n")


def test_coverage_that_cannot_be_read_is_named_not_silently_a_gap(runner, make_ws):
    root = _workspace(make_ws, "name: T\nscope: {kommuner: [odense]}\n",
                      "id: ssp-odense, type: ssp, area: odense, covers: {ages: '6 til 17', groups: [Unge]}",
                      "id: psp-odense, type: PSP, area: odense")
    assert _run(runner, "ages", str(root)).stderr == (
        "not read, so counted for nothing: psp-odense: the default ages of the forum type 'PSP'; ssp-odense: the age "
        "range '6 til 17'. Run `orgmodel check` for the fix of each\n")
    assert "ssp-odense: the person group 'Unge'" in _run(runner, "groups", str(root), "--matrix").stderr
    assert _run(runner, "partners", str(root), "--by", "kommune").stderr == (
        "not read, so counted for nothing: psp-odense: the forum type 'PSP'. Run `orgmodel check` for the fix of "
        "each\n")


def test_a_forum_for_the_whole_kreds_serves_each_of_its_kommuner(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense, svendborg]}\n",
                      "id: psp-fyn, type: psp, area: kreds-fyn", "id: ssp-odense, type: ssp, area: odense")
    rows = _gaps(runner, "partners", str(root), "--by", "kommune")
    assert [(r["area"], r["status"], r["bodies"]) for r in rows if r["forum_type"] == "psp"] == [
        ("odense", "exists", ["psp-fyn"]), ("svendborg", "exists", ["psp-fyn"])]
    assert [(r["area"], r["status"]) for r in rows if r["forum_type"] == "ssp"] == [
        ("odense", "exists"), ("svendborg", "missing")]


def test_a_national_view_keeps_the_kommuner_of_each_workspace_s_own_scope(runner, make_ws, tmp_path):
    (tmp_path / "national").mkdir()
    _workspace(make_ws, "name: Fyn\nscope: {kommuner: [svendborg]}\n",
               "id: ssp-svendborg, type: ssp, area: svendborg, covers: {ages: 6-17}", name="national/fyn")
    make_ws({"orgmodel.yaml": "name: Aarhus\n",
             "data.yaml": "councils:\n  - {id: lokalraad-aarhus, type: lokalraad, area: aarhus}\n"},
            name="national/aarhus")
    rows = _gaps(runner, "ages", str(tmp_path / "national"))
    assert sorted({r["area"] for r in rows}) == ["aarhus", "svendborg"]
    partners = _gaps(runner, "partners", str(tmp_path / "national"), "--by", "kommune")
    assert sorted({r["area"] for r in partners}) == ["aarhus", "svendborg"]


def test_without_a_scope_the_kommuner_with_bodies_are_pooled(runner, make_ws):
    root = make_ws({"data.yaml": "forums:\n  - {id: ssp-odense, type: ssp, area: odense, covers: {ages: 6-17}}\n"})
    rows = _gaps(runner, "ages", str(root), "--by", "scope")
    assert [(r["ages"], r["status"], r["covered_in"]) for r in rows] == [
        ("0-5", "uncovered", "0 of 1 kommune"), ("6-17", "covered", "1 of 1 kommune"),
        ("18+", "uncovered", "0 of 1 kommune")]
    partners = _gaps(runner, "partners", str(root), "--by", "kommune")
    assert ("odense", "ssp", "exists") in {(r["area"], r["forum_type"], r["status"]) for r in partners}


def test_a_pooled_row_lists_only_the_bodies_of_its_kommuner(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense, svendborg]}\n",
                      "id: familie-nyborg, type: andet, area: nyborg, covers: {ages: 0-5, groups: [familier]}")
    rows = _gaps(runner, "groups", str(root), "--by", "kreds")
    assert [(r["status"], r["bodies"]) for r in rows if r["item"] == "familier"] == [("uncovered", [])]
    matrix = _gaps(runner, "groups", str(root), "--by", "kreds", "--matrix")
    assert matrix[0]["familier"] == 0


def test_an_area_outside_the_scope_is_refused_not_reported_as_every_gap(runner):
    from .conftest import EXAMPLE

    for args in (["groups", str(EXAMPLE), "--area", "Aarhus"], ["ages", str(EXAMPLE), "--area", "Fyn"],
                 ["partners", str(EXAMPLE), "--by", "kommune", "--area", "aarhus"]):
        result = runner.invoke(cli, ["gaps", *args], catch_exceptions=False)
        named = "'kreds-fyn' (Fyn)" if "Fyn" in args else "'aarhus' (Aarhus)"
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"Error: --area {named} is outside the workspace's scope, so the workspace does not describe it, and "
            "every row of it would read as a gap\n  Fix: name a kommune or politikreds of the scope (`orgmodel "
            "areas`), or add it to 'scope:' in orgmodel.yaml\n")
    inside = _gaps(runner, "groups", str(EXAMPLE), "--area", "Silkeborg", "--area", "kreds-midt-og-vestjylland")
    assert {row["area"] for row in inside} == {"silkeborg", "kreds-midt-og-vestjylland"}


def test_forum_types_per_kommune_of_a_politikreds_asked_are_its_kommuner_rows(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense, svendborg]}\n",
                      "id: ssp-odense, type: ssp, area: odense")
    rows = _gaps(runner, "partners", str(root), "--by", "kommune", "--area", "kreds-fyn")
    assert {r["area"] for r in rows} == {"odense", "svendborg"}
    assert [(r["area"], r["status"]) for r in rows if r["forum_type"] == "ssp"] == [
        ("odense", "exists"), ("svendborg", "missing")]


def test_partners_and_policies_refuse_an_area_outside_the_scope(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense]}\n", "id: ssp-odense, type: ssp, area: odense")
    for args in (["partners", str(root), "--area", "aarhus"], ["policies", str(root), "--area", "aarhus"]):
        result = runner.invoke(cli, ["gaps", *args], catch_exceptions=False)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("Error: --area 'aarhus' (Aarhus) is outside the workspace's scope")


def test_partners_by_body_name_a_body_of_an_unknown_type_and_list_the_kreds_bodies_of_a_kommune(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense]}\n", "id: spp-odense, type: spp, area: odense",
                      "id: psp-fyn, type: psp, area: kreds-fyn")
    result = _run(runner, "partners", str(root), "--area", "odense", "--format", "json")
    assert {r["body"] for r in json.loads(result.stdout)} == {"psp-fyn"}
    assert result.stderr == ("not read, so counted for nothing: spp-odense: the required partners of the forum type "
                             "'spp'. Run `orgmodel check` for the fix of each\n")
    assert "spp-odense: the default ages of the forum type 'spp'" in _run(runner, "ages", str(root)).stderr


def test_by_given_with_area_is_refused_not_ignored(runner, make_ws):
    root = _workspace(make_ws, "name: Fyn\nscope: {kommuner: [odense]}\n", "id: ssp-odense, type: ssp, area: odense")
    for by in ("kreds", "scope"):
        result = runner.invoke(cli, ["gaps", "ages", str(root), "--area", "odense", "--by", by],
                               catch_exceptions=False)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.endswith(f"Error: --area names the rows itself (a kommune its own row, a politikreds its "
                                      f"pooled row), so --by {by} would go unread; leave out --by, or give the "
                                      "politikreds as --area\n")
    assert _run(runner, "ages", str(root), "--area", "odense", "--by", "kommune").stdout.startswith("area")
    neo4j = runner.invoke(cli, ["neo4j", "gaps", "ages", "--area", "odense", "--by", "kreds"], catch_exceptions=False)
    assert neo4j.exit_code == 2 and "so --by kreds would go unread" in neo4j.stderr
