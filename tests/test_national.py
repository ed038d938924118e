"""Several workspaces on the command line, read as one national model (issue 17)."""

import datetime as dt
import json
import re

import pytest
import yaml

from orgmodel.cli import cli

from .conftest import EXAMPLE
from .districts import national
from .schemas import validate_sarif


def invoke(runner, args):
    return runner.invoke(cli, args, catch_exceptions=False)


@pytest.fixture
def land(tmp_path):
    return national(tmp_path / "national")


def _summary(runner, *paths) -> str:
    return invoke(runner, ["check", *map(str, paths), "--today", "2026-11-22"]).output.splitlines()[-1]


def test_check_a_folder_of_workspaces_is_the_sum_of_each(runner, land):
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert result.exit_code == 0
    assert result.output.startswith("Alle 3 arbejdsområder samlet: bornholm, fyn, mvj: 214 entities in 19 files, "
                                    "checked as of 2026-11-22\n")
    assert result.output.endswith("0 errors, 30 warnings, 49 information. The check passes.\n")
    counts = [re.match(r"(\d+) errors, (\d+) warnings, (\d+) information", _summary(runner, land / name)).groups()
              for name in ("bornholm", "fyn", "mvj")]
    assert [sum(int(c[i]) for c in counts) for i in range(3)] == [0, 30, 49]
    places = re.findall(r"^    (\S+):\d+  ", result.output, re.MULTILINE)
    assert places and all(p.split("/")[0] in ("fyn", "mvj") for p in places)


def test_check_several_paths_equals_their_folder(runner, land):
    given = [str(land / name) for name in ("bornholm", "fyn", "mvj")]
    assert invoke(runner, ["check", *given, "--today", "2026-11-22"]).output == \
        invoke(runner, ["check", str(land), "--today", "2026-11-22"]).output
    assert invoke(runner, ["check", "-w", given[0], "-w", given[1], "--today", "2026-11-22"]).output == \
        invoke(runner, ["check", given[0], given[1], "--today", "2026-11-22"]).output


def test_json_and_sarif_name_the_workspace_of_each_finding(runner, land):
    data = json.loads(invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"]).output)
    assert data["workspaces"] == ["bornholm", "fyn", "mvj"]
    assert {f["workspace"] for f in data["findings"]} == {"fyn", "mvj"}
    assert all(f["file"].startswith(f["workspace"] + "/") for f in data["findings"])
    sarif = json.loads(invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "sarif"]).output)
    validate_sarif(sarif)
    results = sarif["runs"][0]["results"]
    assert all(r["properties"]["workspace"] == r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               .split("/")[0] for r in results)
    single = json.loads(invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--format", "json"]).output)
    assert "workspaces" not in single and all("workspace" not in f for f in single["findings"])


def test_each_workspace_keeps_its_own_rule_severities_and_scope(runner, land):
    manifest = land / "fyn" / "orgmodel.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "rules:\n  ssp.each-kommune: 'off'\n",
                        encoding="utf-8")
    data = json.loads(invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"]).output)
    ssp = {f["workspace"] for f in data["findings"] if f["rule"] == "ssp.each-kommune"}
    assert ssp == {"mvj"}  # fyn turned it off for its own entities only
    # bornholm writes a clean structure for its own scope; the others' kommuner are not counted against it
    assert not [f for f in data["findings"] if f["workspace"] == "bornholm"]


def test_an_id_in_two_workspaces_names_both_places(runner, land):
    data = yaml.safe_load((land / "bornholm" / "data.yaml").read_text(encoding="utf-8"))
    data["forums"][0]["id"] = "ssp-silkeborg"
    (land / "bornholm" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert result.exit_code == 1
    assert re.search(r"the id 'ssp-silkeborg' of the forum at bornholm/data\.yaml:\d+ is used again by the forum "
                     r"at mvj/forums/silkeborg\.yaml:\d+", result.output), result.output


def test_a_reference_into_another_workspace_is_allowed(runner, land):
    data = yaml.safe_load((land / "bornholm" / "data.yaml").read_text(encoding="utf-8"))
    psp = next(f for f in data["forums"] if f["id"] == "psp-bornholm")
    psp["members"].append("mvj-politi")  # a body of one district may take a member from another's workspace
    (land / "bornholm" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    assert "mvj-politi" in (EXAMPLE / "organisations.yaml").read_text(encoding="utf-8")
    alone = invoke(runner, ["check", str(land / "bornholm"), "--today", "2026-11-22"])
    assert alone.exit_code == 1 and "ref.dangling" in alone.output
    together = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert together.exit_code == 0 and "ref.dangling" not in together.output


def test_an_ignored_reference_into_another_workspace_is_not_called_an_unused_ignore(runner, land):
    data = yaml.safe_load((land / "bornholm" / "data.yaml").read_text(encoding="utf-8"))
    psp = next(f for f in data["forums"] if f["id"] == "psp-bornholm")
    psp["members"].append("mvj-politi")
    psp["ignore"] = [{"rule": "ref.dangling", "reason": "mvj-politi is in the mvj workspace"}]
    (land / "bornholm" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    alone = invoke(runner, ["check", str(land / "bornholm"), "--today", "2026-11-22"])
    assert alone.exit_code == 0 and "(1 ignored)" in alone.output
    together = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert together.exit_code == 0 and "ignore.unused" not in together.output


def test_a_term_two_workspaces_define_differently_is_an_error(runner, land):
    for name, label in (("bornholm", "Natteravne"), ("mvj", "Natravne")):
        manifest = land / name / "orgmodel.yaml"
        text = manifest.read_text(encoding="utf-8")
        assert "vocabulary:" not in text
        manifest.write_text(text + f"vocabulary:\n  groups:\n    natteravne: {{da: {label}, en: Night ravens}}\n",
                            encoding="utf-8")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: bornholm/orgmodel.yaml:5 and mvj/orgmodel.yaml:")
    assert "define the vocabulary term 'natteravne' of 'groups' differently" in result.output


def _add_vocabulary(land, name: str, text: str) -> None:
    manifest = land / name / "orgmodel.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "vocabulary:\n" + text, encoding="utf-8")


def _seat_mvj_organisation(land, category: str, organisation: str, seats: str) -> None:
    """mvj adds the organisation category ``category`` (its YAML) and ``organisation`` (its YAML) of it; Bornholm's
    PSP seats ``seats`` in place of its psychiatry."""
    _add_vocabulary(land, "mvj", f"  categories:\n    {category}\n")
    (land / "mvj" / "shared.yaml").write_text(f"organisations:\n  - {organisation}\n", encoding="utf-8")
    data = land / "bornholm" / "data.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("- psykiatrien\n", seats, 1), encoding="utf-8")


def test_a_member_from_another_workspace_counts_with_the_categories_of_its_own(runner, land):
    _seat_mvj_organisation(land, "regionspsykiatri: {da: Regionspsykiatri, en: Regional psychiatry, parent: "
                           "behandlingspsykiatri}", "{id: region-psykiatri, name: Psykiatrien i Regionen, category: "
                           "regionspsykiatri}", "- region-psykiatri\n")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"])
    assert not [f for f in json.loads(result.output)["findings"] if f["entity"] == "psp-bornholm"]
    rows = invoke(runner, ["gaps", "partners", str(land), "--format", "csv"]).output.splitlines()
    assert [row.split(",")[-2:] for row in rows if ",psp-bornholm," in row and "psykiatri|" in row] == \
        [["present", "region-psykiatri"]]


def test_a_member_of_a_category_another_workspace_defines_is_judged_by_the_115_rule(runner, land):
    """Judged with the checked part's vocabulary, the category read as unknown and the error went missing."""
    _seat_mvj_organisation(land, "natteravne: {da: Natteravne, en: Night ravens, parent: frivillig}",
                           "{id: ravne, name: Natteravnene, category: natteravne}", "- psykiatrien\n  - ravne\n")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"])
    assert [f["message"] for f in json.loads(result.output)["findings"]
            if f["rule"] == "individual-cases.authorities"] == [
        "'ravne' (Natteravnene) sits here (members) and is of category Natteravne (natteravne), not a public "
        "authority nor an institution of retsplejeloven § 115, stk. 3; the body discusses individual persons "
        "(its type psp does so unless it says 'individual_cases: false')"]


def test_a_forum_type_one_workspace_expects_is_missing_only_in_its_own_kommuner(runner, land):
    _add_vocabulary(land, "bornholm", "  forum_types:\n    nabohjaelp: {da: Nabohjælp, en: Neighbourhood watch, "
                                      "expected: true}\n")
    rows = invoke(runner, ["gaps", "partners", str(land), "--by", "kommune", "--format", "csv"]).output.splitlines()
    assert [row.split(",")[:4] for row in rows if ",nabohjaelp," in row] == [["bornholm", "bornholm", "nabohjaelp",
                                                                             "missing"]]


@pytest.mark.parametrize("both", [False, True])
def test_a_built_in_term_one_workspace_changes_is_changed_in_all_or_refused(runner, land, both):
    for name in ("mvj", "fyn", "bornholm") if both else ("mvj",):
        _add_vocabulary(land, name, "  forum_types:\n    ksp: {da: KSP, en: KSP, expected: false}\n")
    result = invoke(runner, ["gaps", "partners", str(land), "--by", "kommune"])
    if both:  # not expected anywhere: listed only where one exists
        assert result.exit_code == 0 and re.search(r" ksp +exists ", result.output)
        assert not re.search(r" ksp +missing ", result.output)
        return
    assert result.exit_code == 2
    assert re.fullmatch(r"Error: mvj/orgmodel.yaml:\d+: the workspace changes the built-in vocabulary term 'ksp' of "
                        r"'forum_types', and bornholm/orgmodel.yaml keeps it as built in, so they cannot be read as "
                        r"one: read as one, they share one vocabulary, and bornholm's entries would be counted with "
                        r"mvj's change\n  Fix: write the same change in bornholm/orgmodel.yaml, or give the changed "
                        r"term an id of its own in mvj/orgmodel.yaml \(and use that id in its entries\)\n",
                        result.output)


@pytest.mark.parametrize("stray", ["lokalraad-aa-silkeborg", "lokalraad-zz-silkeborg"])
def test_a_lokalraad_one_workspace_writes_for_another_s_kommune_is_reported_on_it(runner, land, stray):
    (land / "fyn" / "extra.yaml").write_text(
        f"councils:\n  - {{id: {stray}, type: lokalraad, area: silkeborg, reports_to: kredsraad-fyn}}\n",
        encoding="utf-8")
    data = json.loads(invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"]).output)
    found = {(f["workspace"], f["file"], f["rule"]) for f in data["findings"] if f["entity"] == stray}
    assert {("fyn", "fyn/extra.yaml", "lokalraad.one-per-kommune"),
            ("fyn", "fyn/extra.yaml", "lokalraad.reports-to")} <= found
    assert not [f for f in data["findings"] if f["rule"] == "lokalraad.one-per-kommune" and f["entity"] != stray]


def test_the_same_term_in_two_workspaces_merges(runner, land):
    for name in ("bornholm", "mvj"):
        manifest = land / name / "orgmodel.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8")
                            + "vocabulary:\n  groups:\n    natteravne: {da: Natteravne, en: Night ravens}\n",
                            encoding="utf-8")
    assert invoke(runner, ["check", str(land), "--today", "2026-11-22"]).exit_code == 0


def test_a_folder_without_workspaces_is_refused(runner, tmp_path):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    result = invoke(runner, ["check", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path / 'empty'}: no orgmodel.yaml in this folder nor in any folder "
                             "directly below it, so it holds no orgmodel workspace\n"
                             "  Fix: give a workspace folder (one that holds orgmodel.yaml), or a folder whose "
                             "subfolders are workspaces, one per politikreds\n")


def test_a_workspace_given_twice_is_refused(runner, land):
    result = invoke(runner, ["check", str(land), str(land / "fyn")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {land / 'fyn'}: the workspace is given twice")


def test_gaps_rows_name_their_workspace(runner, land):
    rows = json.loads(invoke(runner, ["gaps", "partners", str(land), "--by", "kommune", "--format", "json"]).output)
    owner = {r["area"]: r["workspace"] for r in rows}
    assert (owner["aeroe"], owner["silkeborg"], owner["bornholm"]) == ("fyn", "mvj", "bornholm")
    assert len(owner) == 1 + 10 + 11  # Bornholm, Fyn's 10 kommuner, Midt- og Vestjylland's 11
    bodies = json.loads(invoke(runner, ["gaps", "partners", str(land), "--format", "json"]).output)
    assert {(r["body"], r["workspace"]) for r in bodies} >= {("ssp", "bornholm"), ("psp-fyn", "fyn"),
                                                            ("ssp-silkeborg", "mvj")}
    ages = json.loads(invoke(runner, ["gaps", "ages", str(land), "--by", "kreds", "--format", "json"]).stdout)
    assert {(r["area"], r["workspace"]) for r in ages} == {("kreds-bornholm", "bornholm"), ("kreds-fyn", "fyn"),
                                                           ("kreds-midt-og-vestjylland", "mvj")}
    single = json.loads(invoke(runner, ["gaps", "partners", str(EXAMPLE), "--format", "json"]).output)
    assert "workspace" not in single[0]


def test_export_and_diagram_take_several_workspaces(runner, land, tmp_path):
    exported = json.loads(invoke(runner, ["export", str(land), "--format", "json", "-o", "-"]).output)
    nodes = {n["id"]: n for n in exported["nodes"]}
    assert (nodes["ssp"]["workspace"], nodes["ssp-silkeborg"]["workspace"]) == ("bornholm", "mvj")
    assert nodes["ssp-silkeborg"]["file"] == "mvj/forums/silkeborg.yaml"
    dot = invoke(runner, ["diagram", str(land / "bornholm"), str(land / "mvj"), "--format", "dot"])
    assert dot.exit_code == 0
    assert '"kredsraad"' in dot.output and '"kredsraad-mvj"' in dot.output


def _page_text(path) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_national_report_links_each_district_report(runner, land, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, ["report", str(land), "-o", str(out), "--today", "2026-11-22"])
    assert result.exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("bornholm", "fyn", "mvj"):
        assert f'href="{name}/index.html"' in index and (out / name / "index.html").is_file()
        assert f'href="{name}/check.html"' in index and (out / name / "check.html").is_file()
    text = _page_text(out / "index.html")
    assert "Kredsrådet på Fyn fyn Fyn 10 10 3 11 0 18 30" in text  # figures and findings of Fyn's own check
    assert "I alt: 0 fejl, 30 advarsler og 49 oplysninger" in text
    tables, maps = index.split('<section aria-labelledby="map-forums">')
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(?:<a href="(\w+)/index.html">)?', tables)
    assert len(rows) == 1 + 10 + 11 and ("Silkeborg", "mvj") in rows and ("Ærø", "fyn") in rows
    for measure in ("forums", "partners", "findings"):  # the maps of the coverage page, for the whole country
        assert f'src="img/map-{measure}.svg"' in index and (out / "img" / f"map-{measure}.svg").is_file()
    forums = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>', maps.split("</section>")[0])
    assert len(forums) == 1 + 10 + 11 and ("Silkeborg", "SSP + PSP + KSP") in forums
    assert "SSP Silkeborg" in text and 'href="mvj/bodies/ssp-silkeborg.html"' in index
    assert "structure.svg" not in index  # no org chart of the whole country: each district draws its own
    assert (out / "mvj" / "img" / "structure.svg").is_file()
    search = (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert '"mvj/bodies/ssp-silkeborg.html"' in search and '"fyn/index.html"' in search


def test_a_district_report_takes_the_national_check(runner, land, tmp_path):
    data = yaml.safe_load((land / "bornholm" / "data.yaml").read_text(encoding="utf-8"))
    next(f for f in data["forums"] if f["id"] == "psp-bornholm")["members"].append("mvj-politi")
    (land / "bornholm" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    out = tmp_path / "out"
    assert invoke(runner, ["report", str(land), "-o", str(out), "--today", "2026-11-22"]).exit_code == 0
    assert "ref.dangling" not in (out / "bornholm" / "check.html").read_text(encoding="utf-8")
    alone = tmp_path / "alone"
    invoke(runner, ["report", str(land / "bornholm"), "-o", str(alone), "--today", "2026-11-22"])
    assert "ref.dangling" in (alone / "check.html").read_text(encoding="utf-8")


def test_repeated_titles_are_named_with_their_organisation(make_ws, tmp_path):
    from orgmodel.report import build_report
    from orgmodel.workspace import load_workspace

    from .conftest import TODAY
    from .districts import add_role, bornholm, find, write

    data = bornholm()
    add_role(data, "borgmester-x", "Borgmester", "borgmester", "x-kommune", "Christiansø Kommune", "kommune",
             "bornholm")
    find(data, "kredsraad")["members"].append("borgmester-x")
    out = tmp_path / "out"
    build_report(load_workspace(write(make_ws, data)), out, today=TODAY)
    text = _page_text(out / "index.html")
    assert "Borgmester, Bornholms Regionskommune" in text and "Borgmester, Christiansø Kommune" in text
    assert "Politidirektør, Bornholms Politi" not in text  # a title named once stays as it is
    assert "Politidirektør" in text


def test_a_national_structure_chart_is_drawn_at_a_readable_size(runner, tmp_path):
    from orgmodel.diagram.dot import MIN_SCALE, svg_scale
    from orgmodel.model import AREAS
    from orgmodel.workspace import init_workspace

    for kreds in sorted(a.id for a in AREAS.values() if a.kind == "politikreds"):
        init_workspace(kreds, tmp_path / "dk" / kreds, 2026)
    out = tmp_path / "dk.svg"
    result = invoke(runner, ["diagram", str(tmp_path / "dk"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_bytes()
    height = float(re.search(rb'<svg width="[0-9.]+pt" height="([0-9.]+)pt"', svg).group(1))
    assert svg_scale(svg) >= MIN_SCALE and height > 200  # fitted to A3 it was a strip 16 pt high
    assert svg.count(b'class="node"') > 12 + 98


def test_the_national_model_is_named_in_both_languages(land):
    from orgmodel.model import label_text
    from orgmodel.workspace import open_workspaces

    ws = open_workspaces([land])
    assert label_text(ws.manifest.name, "en") == "All 3 workspaces together: bornholm, fyn, mvj"
    assert label_text(ws.manifest.name, "da") == "Alle 3 arbejdsområder samlet: bornholm, fyn, mvj"
    assert sorted(ws.parts) == ["bornholm", "fyn", "mvj"] and ws.own(ws.records["ssp"]) is ws.parts["bornholm"]


def test_unreadable_files_of_several_workspaces_are_named_with_their_folder(runner, land):
    (land / "fyn" / "broken.yaml").write_text("forums:\n  - id: x\n   bad: [\n", encoding="utf-8")
    (land / "mvj" / "broken.yaml").write_text("roles:\n  - id: y\n   bad: [\n", encoding="utf-8")
    result = invoke(runner, ["check", str(land)])
    assert result.exit_code == 2
    problem = "broken.yaml:3: YAML syntax error (did not find expected '-' indicator)\n" \
              "  Fix: check the indentation and quotes on this line\n"
    assert result.output == f"Error: {land / 'fyn'}/{problem}{land / 'mvj'}/{problem}"


def test_a_bad_scope_in_one_workspace_names_its_manifest(runner, land):
    manifest = land / "fyn" / "orgmodel.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("[kreds-fyn]", "[kreds-fyn, kreds-fynn]"),
                        encoding="utf-8")
    result = invoke(runner, ["gaps", "partners", str(land), "--by", "kommune"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: fyn/orgmodel.yaml:8: the scope lists 'kreds-fynn' under 'politikredse'")


def test_a_copy_of_an_organisation_another_district_defines_is_no_duplicate(runner, land):
    """`defined_in` marks a district's copy of another's organisation (for Neo4j): read together, the owner's
    entry stands and the copy is not an id used twice; a real second definition still is."""
    copy = {"id": "bornholms-politi", "name": "Bornholms Politi", "category": "politi", "defined_in": "bornholm"}
    (land / "fyn" / "shared.yaml").write_text(yaml.safe_dump({"organisations": [copy]}, allow_unicode=True),
                                              encoding="utf-8")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert "id.duplicate" not in result.output and result.exit_code == 0
    from orgmodel.workspace import open_workspaces

    ws = open_workspaces([land])
    assert ws.records["bornholms-politi"].file == "bornholm/data.yaml"
    del copy["defined_in"]
    (land / "fyn" / "shared.yaml").write_text(yaml.safe_dump({"organisations": [copy]}, allow_unicode=True),
                                              encoding="utf-8")
    again = invoke(runner, ["check", str(land), "--today", "2026-11-22"])
    assert again.exit_code == 1 and "is used again by the organisation at fyn/shared.yaml:2" in again.output


def test_a_copy_whose_owner_read_with_it_does_not_define_it_is_an_error(runner, land):
    """A copy stands for the entry of the workspace its `defined_in` names: when that workspace is read too and
    does not define the organisation, the copy stood in for nothing without a word (`neo4j push` refused it)."""
    copies = [{"id": "fyns-psykiatri", "name": "Psykiatrien", "category": "psykiatri", "defined_in": "bornholm"},
              {"id": "bornholms-politi", "name": "Bornholms Politi", "category": "politi",
               "defined_in": "midt-og-vestjylland"},
              {"id": "rigspolitiet", "name": "Rigspolitiet", "category": "politi", "defined_in": "rigspolitiet"}]
    (land / "fyn" / "shared.yaml").write_text(yaml.safe_dump({"organisations": copies}, allow_unicode=True,
                                                             sort_keys=False), encoding="utf-8")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"])
    found = [(f["file"], f["line"], f["entity"], f["message"], f["fix"]) for f in json.loads(result.output)["findings"]
             if f["rule"] == "ref.defined-in"]
    assert result.exit_code == 1
    assert found == [
        ("fyn/shared.yaml", 5, "fyns-psykiatri", "'defined_in' says the organisation 'fyns-psykiatri' is defined in "
         "the workspace 'bornholm', but that workspace does not define it", "add the organisation 'fyns-psykiatri' "
         "to the workspace 'bornholm', or remove 'defined_in' to keep it in this workspace"),
        ("fyn/shared.yaml", 9, "bornholms-politi", "'defined_in' says the organisation 'bornholms-politi' is defined "
         "in the workspace 'midt-og-vestjylland' (the folder mvj), but that workspace does not define it; the "
         "workspace 'bornholm' does", "write 'defined_in: bornholm'")]
    alone = invoke(runner, ["check", str(land / "fyn"), "--today", "2026-11-22"])
    assert "ref.defined-in" not in alone.output  # read alone, the owners cannot be asked


def test_a_district_page_shows_a_member_from_another_district(land, tmp_path):
    from orgmodel.report.build import build_report
    from orgmodel.workspace import open_workspaces

    path = land / "bornholm" / "data.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(f for f in data["forums"] if f["id"] == "psp-bornholm")["members"].append("kriminalforsorgen-nord-midt")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_report(open_workspaces([land]), tmp_path / "report", today=dt.date(2026, 11, 22))
    page = (tmp_path / "report" / "bornholm" / "bodies" / "psp-bornholm.html").read_text(encoding="utf-8")
    assert "Kriminalforsorgen Nord- og Midtjylland" in page


def test_a_workspace_of_national_units_without_a_scope_is_no_scope_error(runner, land):
    """A part without 'scope:' is seen with the scope its own councils give; with none, that empty scope was judged
    as one written empty ('scope.unknown-area', whose fix said to remove a 'scope:' not there)."""
    (land / "nationalt").mkdir()
    (land / "nationalt" / "orgmodel.yaml").write_text("name: Nationale enheder\nid: nationalt\n", encoding="utf-8")
    (land / "nationalt" / "data.yaml").write_text("organisations:\n  - {id: nc3, name: NC3, category: politi}\n",
                                                   encoding="utf-8")
    result = invoke(runner, ["check", str(land), "--today", "2026-11-22", "--format", "json"])
    assert not [f for f in json.loads(result.output)["findings"] if f["rule"] == "scope.unknown-area"]


def test_gaps_policies_takes_several_workspaces_and_names_each_row_s(runner, land):
    """It took one workspace only, though the README lists it with the gap tables that take several."""
    alone = invoke(runner, ["gaps", "policies", str(land / "mvj"), "--format", "csv"]).output.splitlines()
    result = invoke(runner, ["gaps", "policies", str(land), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["workspace," + alone[0], *("mvj," + row for row in alone[1:])]
    assert len(alone) > 1


def test_the_front_page_counts_each_district_s_own_forums(land):
    """A forum under another workspace's shared forum brought that forum into the district's figures too, and the
    column summed to more forums than the model holds."""
    from orgmodel.report.national import district_sites, national_page
    from orgmodel.workspace import open_workspaces

    (land / "nationalt").mkdir()
    (land / "nationalt" / "orgmodel.yaml").write_text("name: Nationale enheder\nid: nationalt\n", encoding="utf-8")
    (land / "nationalt" / "data.yaml").write_text("forums:\n  - {id: infohus-netvaerk-national, type: "
                                                   "infohus-netvaerk, name: Infohus-netværket}\n", encoding="utf-8")
    (land / "bornholm" / "infohus.yaml").write_text("forums:\n  - {id: infohus-bornholm, type: infohus-kommune, "
                                                     "under: infohus-netvaerk-national, area: bornholm}\n",
                                                     encoding="utf-8")
    ws = open_workspaces([land])
    result, sites = district_sites(ws, None, False, None, dt.date(2026, 11, 22))
    rows = {r["name"]: r["forums"] for r in national_page(ws, result, sites, "da")["districts"]}
    own = {name: sum(1 for r in part.records.values() if r.kind == "forum") for name, part in ws.parts.items()}
    assert rows == own and rows["nationalt"] == 1


def test_the_front_page_judges_each_kommune_by_its_own_workspace_s_expected_types(land):
    """A forum type only fyn expects was 'Mangler' in every district's kommuner, unlike `gaps partners`."""
    from orgmodel.report.national import district_sites, national_page
    from orgmodel.workspace import open_workspaces

    _add_vocabulary(land, "fyn", "  forum_types:\n    tryghedsforum: {da: Tryghedsforum, en: Safety forum, "
                                 "expected: true}\n")
    ws = open_workspaces([land])
    result, sites = district_sites(ws, None, False, None, dt.date(2026, 11, 22))
    cells = {(row["name"], cell["type"]): cell["missing"] for row in national_page(ws, result, sites, "da")["kommuner"]
             for cell in row["types"]}
    assert cells[("Odense", "tryghedsforum")] and not cells[("Bornholm", "tryghedsforum")]

