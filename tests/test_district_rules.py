"""A district's own rules (``district_rules:`` in orgmodel.yaml) and dated seats (``{id, since, until}``)."""

import datetime as dt
import json

import yaml
from click.testing import CliRunner

from orgmodel import graph as g
from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.diff.compare import compare
from orgmodel.export import export
from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace
from orgmodel.xlsx import columns as xcols

from .conftest import TODAY
from .districts import bornholm, find, write

MANIFEST = "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n"
SOURCE = "Bornholms Politi: Lokalrådets sammensætning (eksempel)"


def rule_manifest(rule: str, extra: str = "") -> str:
    """The Bornholm manifest with one district rule ``r`` (its body given as YAML lines, indented 4)."""
    return MANIFEST + extra + f"district_rules:\n  r:\n    source: '{SOURCE}'\n" + rule


def run(make_ws, data, manifest, today=TODAY):
    return check(load_workspace(write(make_ws, data, manifest)), today)


def found(result, rule_id="district.r"):
    return [(f.severity, f.file, f.line, f.entity, f.message) for f in result.findings if f.rule == rule_id]


def test_seats_per_sector_at_least_and_at_most(make_ws):
    # the lokalråd has the politikommissær (police) as chair and the kommune as member
    manifest = rule_manifest("    body: lokalraad\n    members:\n      police: {min: 2}\n      kommune: {max: 0}\n")
    result = run(make_ws, bornholm(), manifest)
    where = f"(the district's rule 'r', source: {SOURCE})"
    line = find_line(result, "lokalraad", "members")
    assert found(result) == [
        ("warning", "data.yaml", line, "lokalraad", "'lokalraad' has 1 kommune seat(s) "
         f"(bornholm-kommune); it may have at most 0 {where}"),
        ("warning", "data.yaml", line, "lokalraad", "'lokalraad' has 1 police seat(s) "
         f"(politikommissaer); it should have at least 2 {where}"),
    ]
    assert {f.source for f in result.findings if f.rule == "district.r"} == {SOURCE}


def find_line(result, entity, field):
    record = result.workspace.records[entity]
    return result.workspace.line_of(record, field, None)


def test_a_rule_met_gives_no_finding_and_a_category_counts_its_sub_categories(make_ws):
    data = bornholm()
    find(data, "lokalraad")["members"] = ["bornholm-kommune", "bornholm-skoler"]
    manifest = rule_manifest("    body: lokalraad\n    members:\n      kommune: {min: 2, max: 2}\n"
                             "      police: {min: 1, max: 1}\n      politi: {min: 1}\n")
    assert found(run(make_ws, data, manifest)) == []
    find(data, "lokalraad")["members"] = ["bornholm-skoler"]
    assert [m for *_, m in found(run(make_ws, data, manifest))] == [
        "'lokalraad' has 1 kommune seat(s) (bornholm-skoler); it should have at least 2 "
        f"(the district's rule 'r', source: {SOURCE})"]


def test_a_type_rule_checks_every_body_of_the_type(make_ws):
    manifest = rule_manifest("    type: psp\n    members:\n      community: {min: 1}\n")
    result = run(make_ws, bornholm(), manifest)
    assert [(e, m.split(";")[0]) for *_, e, m in found(result)] == [
        ("psp-bornholm", "'psp-bornholm' has 0 community seat(s) (none)")]


def test_severity_override_off_and_ignore(make_ws):
    rule = "    body: lokalraad\n    members:\n      police: {min: 2}\n"
    result = run(make_ws, bornholm(), rule_manifest(rule, "rules: {district.r: error}\n"))
    assert [f[0] for f in found(result)] == ["error"]
    assert result.fails()
    assert found(run(make_ws, bornholm(), rule_manifest(rule, "rules: {district.r: 'off'}\n"))) == []
    data = bornholm()
    find(data, "lokalraad")["ignore"] = [{"rule": "district.r", "reason": "under nyvalg"}]
    result = run(make_ws, data, rule_manifest(rule))
    assert found(result) == [] and [f.rule for f in result.ignored] == ["district.r"]
    assert found(result, "rule.unknown-id") == []


def test_an_override_of_an_unknown_district_rule_is_still_reported(make_ws):
    rule = "    body: lokalraad\n    members:\n      police: {min: 1}\n"
    result = run(make_ws, bornholm(), rule_manifest(rule, "rules: {district.rr: error}\n"))
    assert [m for *_, m in found(result, "rule.unknown-id")] == [
        "'rules:' names 'district.rr', which is not a rule. Did you mean 'district.r'?"]


def test_a_typo_in_a_rule_is_an_error_never_a_rule_that_matches_nothing(make_ws):
    manifest = rule_manifest("    body: lokalrad\n    members:\n      polise: {min: 1}\n    term_years: {comunity: 2}\n"
                             "    partners: [skolee]\n    forums_per_kommune: [sspp]\n")
    result = run(make_ws, bornholm(), manifest)
    assert [(sev, file, line, msg) for sev, file, line, _, msg in found(result, "district.bad-rule")] == [
        ("error", "orgmodel.yaml", 6, "district rule 'r' names the body 'lokalrad', which is no council or forum. "
         "Did you mean 'lokalraad'?"),
        ("error", "orgmodel.yaml", 8, "district rule 'r' names the unknown category 'polise' in 'members'. "
         "Did you mean 'police'?"),
        ("error", "orgmodel.yaml", 9, "district rule 'r' names the unknown category 'comunity' in 'term_years'. "
         "Did you mean 'community'?"),
        ("error", "orgmodel.yaml", 10, "district rule 'r' names the unknown category 'skolee' in 'partners'. "
         "Did you mean 'skole'?"),
        ("error", "orgmodel.yaml", 11, "district rule 'r' requires the unknown forum type 'sspp'. "
         "Did you mean 'ssp'?"),
    ]


def test_unknown_type_both_body_and_type_and_min_above_max(make_ws):
    manifest = rule_manifest("    body: lokalraad\n    type: lokalrad\n    members:\n      police: {min: 3, max: 2}\n")
    messages = [m for *_, m in found(run(make_ws, bornholm(), manifest), "district.bad-rule")]
    assert messages == ["district rule 'r' names both 'body' and 'type'",
                        "district rule 'r' names the unknown body type 'lokalrad'. Did you mean 'lokalraad'?",
                        "district rule 'r' asks for at least 3 and at most 2 'police' seats"]


def test_counting_needs_a_body_or_a_type(make_ws):
    manifest = rule_manifest("    members:\n      police: {min: 3}\n")
    assert [m for *_, m in found(run(make_ws, bornholm(), manifest), "district.bad-rule")] == [
        "district rule 'r' counts seats, terms or partners but names no 'body' or 'type'"]


def test_a_rule_for_a_body_not_valid_on_the_date_says_it_judges_nothing(make_ws):
    """A rule whose one body has ended (or not begun) would count no seats, silently: it names the body instead."""
    manifest = rule_manifest("    body: lokalraad\n    members:\n      police: {min: 2}\n")
    data = bornholm()
    find(data, "lokalraad")["valid_to"] = "2025-12-31"
    result = run(make_ws, data, manifest)
    assert [(sev, file, line, msg) for sev, file, line, _, msg in found(result, "district.bad-rule")] == [
        ("error", "orgmodel.yaml", 6, "district rule 'r' names the body 'lokalraad', which ended 2025-12-31, before "
         "2026-11-22; the rule judges nothing")]
    assert [f.fix for f in result.findings if f.rule == "district.bad-rule"] == [
        "point 'body:' at the council or forum that took its place"]
    assert found(check(result.workspace, TODAY, as_of=dt.date(2025, 6, 1)), "district.bad-rule") == []
    del find(data, "lokalraad")["valid_to"]
    find(data, "lokalraad")["valid_from"] = "2027-01-01"
    assert [m for *_, m in found(run(make_ws, data, manifest), "district.bad-rule")] == [
        "district rule 'r' names the body 'lokalraad', which begins 2027-01-01, after 2026-11-22; the rule judges "
        "nothing"]


def test_a_rule_that_asks_for_nothing_is_reported(make_ws):
    """A seat count with neither 'min' nor 'max', or a rule with only its source, could never fail."""
    manifest = rule_manifest("    body: lokalraad\n    members:\n      kommune: {}\n      police: {min: 1}\n")
    result = run(make_ws, bornholm(), manifest + "  s:\n    source: 'Kredsrådets beslutning'\n")
    assert [(line, m) for _, _, line, _, m in found(result, "district.bad-rule")] == [
        (8, "district rule 'r' gives no 'min' or 'max' for the 'kommune' seats, so it never counts them"),
        (10, "district rule 's' asks for nothing, so it never finds anything")]
    assert [f.fix for f in result.findings if f.rule == "district.bad-rule"] == [
        "add 'min: N' and/or 'max: N' to 'kommune', or remove it",
        "add what it requires ('members', 'term_years', 'partners' or 'forums_per_kommune'), or remove the rule"]


def test_a_rule_for_a_type_no_body_of_which_is_valid_is_reported(make_ws):
    """A rule for every `kontaktudvalg` where the district records none judged nothing, and `rules -w` listed it as
    running."""
    manifest = rule_manifest("    type: kontaktudvalg\n    members:\n      police: {min: 1}\n")
    result = run(make_ws, bornholm(), manifest)
    assert [m for *_, m in found(result, "district.bad-rule")] == [
        f"district rule 'r' is for every body of type 'kontaktudvalg', and none is valid on {TODAY.isoformat()}; the "
        "rule judges nothing"]
    assert found(run(make_ws, bornholm(), rule_manifest("    type: psp\n    members:\n      police: {min: 1}\n")),
                 "district.bad-rule") == []


def test_required_forum_per_kommune(make_ws):
    manifest = rule_manifest("    forums_per_kommune: [ssp, ssp-plus]\n")
    assert found(run(make_ws, bornholm(), manifest)) == [
        ("warning", "orgmodel.yaml", 6, "", f"Bornholm has no ssp-plus (the district's rule 'r', source: {SOURCE})")]


def test_partner_categories_beyond_the_types(make_ws):
    manifest = rule_manifest("    type: lokalraad\n    partners: [[skole, jobcenter], kommune]\n")
    assert [m for *_, m in found(run(make_ws, bornholm(), manifest))] == [
        "'lokalraad' has no member of the category skole or jobcenter "
        f"(the district's rule 'r', source: {SOURCE})"]


def test_a_partner_category_that_is_also_a_sector_is_checked(make_ws):
    # `kommune` is a category and a sector; partners name categories, so the rule must not skip it
    data = bornholm()
    find(data, "lokalraad")["members"] = []
    manifest = rule_manifest("    type: lokalraad\n    partners: [kommune]\n")
    assert [m for *_, m in found(run(make_ws, data, manifest))] == [
        f"'lokalraad' has no member of the category kommune (the district's rule 'r', source: {SOURCE})"]
    assert found(run(make_ws, bornholm(), manifest)) == []


TERM = "    body: lokalraad\n    term_years: {kommune: 2}\n"


def test_a_term_that_has_run_out_points_at_the_members_line(make_ws):
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": dt.date(2024, 11, 22)}]
    result = run(make_ws, data, rule_manifest(TERM))
    record = result.workspace.records["lokalraad"]
    assert found(result) == [
        ("warning", "data.yaml", result.workspace.line_of(record, "members", 0), "lokalraad",
         "the kommune seat of 'bornholm-kommune' began 2024-11-22, so its term of 2 year(s) ran out on 2026-11-22 "
         f"(the district's rule 'r', source: {SOURCE})")]
    assert found(run(make_ws, data, rule_manifest(TERM), today=dt.date(2026, 11, 21))) == []


def test_a_seat_that_has_ended_has_no_term_to_check(make_ws):
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": dt.date(2020, 1, 1),
                                           "until": dt.date(2021, 12, 31)}]
    assert found(run(make_ws, data, rule_manifest(TERM))) == []


def test_a_member_appointed_again_is_judged_by_the_seat_held(make_ws):
    """The ended seat of an earlier term was judged too, and its fix told the user to do what was done."""
    data = bornholm()
    find(data, "lokalraad")["members"] = [
        {"id": "bornholm-kommune", "since": dt.date(2020, 1, 1), "until": dt.date(2021, 12, 31)},
        {"id": "bornholm-kommune", "since": dt.date(2025, 6, 1)}]
    assert found(run(make_ws, data, rule_manifest(TERM))) == []


def test_a_seat_without_a_start_date_cannot_be_checked_and_says_so(make_ws):
    data = bornholm()
    find(data, "lokalraad")["members"] = ["bornholm-kommune"]
    assert [m.split(",")[0] for *_, m in found(run(make_ws, data, rule_manifest(TERM)))] == [
        "the kommune seat of 'bornholm-kommune' has no start date"]


def test_the_example_states_silkeborgs_3_plus_3(tmp_path):
    ws = load_workspace("examples/midt-og-vestjylland")
    rule = ws.manifest.district_rules["silkeborg-3-3"]
    assert rule.body == "lokalraad-silkeborg"
    assert {k: (v.min, v.max) for k, v in rule.members.items()} == {"police": (3, 3), "kommune": (3, 3)}
    assert found(check(ws, TODAY), "district.silkeborg-3-3") == []
    text = (ws.root / "councils.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "ws"
    changed.mkdir()
    for path in ws.root.iterdir():
        if path.is_file():
            (changed / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (changed / "forums").symlink_to((ws.root / "forums").resolve())
    (changed / "councils.yaml").write_text(
        text.replace("      - {id: politikommissaer-silkeborg, since: 2025-01-01}\n", ""), encoding="utf-8")
    messages = [m for *_, m in found(check(load_workspace(changed), TODAY), "district.silkeborg-3-3")]
    assert len(messages) == 1 and "has 2 police seat(s)" in messages[0] and "Samarbejdsmodel" in messages[0]


def test_check_cli_shows_the_districts_source(make_ws):
    root = write(make_ws, bornholm(), rule_manifest("    body: lokalraad\n    members:\n      police: {min: 2}\n"))
    result = CliRunner().invoke(cli, ["check", str(root), "--today", "2026-11-22", "--strict", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    findings = [f for f in json.loads(result.output)["findings"] if f["rule"] == "district.r"]
    assert [(f["severity"], f["category"], f["source"]) for f in findings] == [("warning", "district", SOURCE)]
    text = CliRunner().invoke(cli, ["check", str(root), "--today", "2026-11-22"], catch_exceptions=False).output
    assert f"  district.r  The district's own rule 'r' for 'lokalraad'\n    Source: {SOURCE}\n" in text


def test_sarif_and_junit_name_the_district_rule(make_ws):
    root = write(make_ws, bornholm(), rule_manifest("    body: lokalraad\n    members:\n      police: {min: 2}\n"))
    sarif = CliRunner().invoke(cli, ["check", str(root), "--today", "2026-11-22", "--format", "sarif"],
                               catch_exceptions=False).output
    run_ = json.loads(sarif)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    result = next(r for r in run_["results"] if r["ruleId"] == "district.r")
    assert rules[result["ruleIndex"]]["id"] == "district.r"
    junit = CliRunner().invoke(cli, ["check", str(root), "--today", "2026-11-22", "--format", "junit", "--strict"],
                               catch_exceptions=False).output
    assert 'classname="orgmodel.district" name="district.r"' in junit


# --- dated seats ---------------------------------------------------------------------------------


def dated(until=None):
    data = bornholm()
    seat = {"id": "bornholm-kommune", "since": dt.date(2025, 1, 1)}
    if until:
        seat["until"] = until
    find(data, "lokalraad")["members"] = [seat]
    return data


def test_a_seats_dates_are_on_its_member_edge(make_ws):
    ws = load_workspace(write(make_ws, dated(dt.date(2025, 12, 31)), MANIFEST))
    G = build_graph(ws)
    assert g.members_of(G, "lokalraad") == ["bornholm-kommune", "politikommissaer"]
    assert g.seat_dates(G, "lokalraad", "bornholm-kommune") == {"since": dt.date(2025, 1, 1),
                                                                 "until": dt.date(2025, 12, 31)}
    assert g.seat_dates(G, "lokalraad", "politikommissaer") == {}
    assert g.members_of(build_graph(ws, as_of=dt.date(2026, 1, 1)), "lokalraad") == ["politikommissaer"]
    assert g.members_of(build_graph(ws, as_of=dt.date(2024, 12, 31)), "lokalraad") == ["politikommissaer"]
    assert check(ws, TODAY).counts["error"] == 0


def test_a_bad_seat_date_is_a_schema_error_at_its_line(make_ws):
    # written as a block: "- id: bornholm-kommune" is 6 lines below "- id: lokalraad", "since: snart" 7
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": "snart"}, 7]
    result = check(load_workspace(write(make_ws, data, MANIFEST)), TODAY)
    record = result.workspace.records["lokalraad"]
    got = [(f.line, f.message) for f in result.findings if f.rule == "schema.wrong-type"]
    assert got == [
        (record.line + 7, "'since' of the first item of 'members' of council 'lokalraad' must be a date, not 'snart'"),
        (record.line + 8, "the second item of 'members' of council 'lokalraad': input should be a valid string "
         "(got 7)")]


def test_exports_carry_the_seat_dates(make_ws, tmp_path):
    ws = load_workspace(write(make_ws, dated(), MANIFEST))
    G = build_graph(ws)
    export(G, "csv", tmp_path / "csv")
    connections = (tmp_path / "csv" / "connections.csv").read_text(encoding="utf-8").splitlines()
    assert connections[0] == "From,To,Type,since"
    assert "lokalraad,bornholm-kommune,member,2025-01-01" in connections
    assert "lokalraad,politikommissaer,chair," in connections
    export(G, "cypher", tmp_path / "x.cypher")
    cypher = (tmp_path / "x.cypher").read_text(encoding="utf-8")
    assert ("MATCH (a:Council {id: 'lokalraad'}), (b:Organisation {id: 'bornholm-kommune'}) "
            "MERGE (a)-[r:MEMBER]->(b) SET r += {`since`: '2025-01-01'};") in cypher
    export(G, "json", tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == "lokalraad")
    assert node["members"] == '{"id": "bornholm-kommune", "since": "2025-01-01"}'
    edge = next(e for e in data["edges"] if e["source"] == "lokalraad" and e["relation"] == "member")
    assert edge["since"] == "2025-01-01"


def test_diff_shows_a_changed_start_date(make_ws):
    old = write(make_ws, dated(), MANIFEST)
    changed = dated()
    find(changed, "lokalraad")["members"][0]["since"] = dt.date(2025, 6, 1)
    new = write(make_ws, changed, MANIFEST)
    result = compare(load_workspace(old), load_workspace(new))
    change = next(e for e in result.entities if e.id == "lokalraad")
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("members.bornholm-kommune", ["since: 2025-01-01"], ["since: 2025-06-01"])]


def test_workbook_cells_write_and_read_seat_dates():
    column = {c.name: c for c in xcols.section_columns("councils")}["members"]
    written = xcols.cell_value(column, ["a", {"id": "b", "since": dt.date(2025, 1, 1), "until": dt.date(2026, 1, 1)}])
    assert written == "a; b (since 2025-01-01, until 2026-01-01)"
    assert xcols.parse_cell(column, written) == (
        "a", {"id": "b", "since": dt.date(2025, 1, 1), "until": dt.date(2026, 1, 1)})
    assert yaml.safe_dump(xcols.field_value([column], {"members": xcols.parse_cell(column, written)}, "da")) == (
        "- a\n- id: b\n  since: 2025-01-01\n  until: 2026-01-01\n")


def test_a_graph_holds_everything_only_while_every_seat_is_held(make_ws):
    """The report reuses its dated graph as the undated one only when no entry and no seat was left out."""
    ws = load_workspace(write(make_ws, dated(dt.date(2025, 12, 31)), MANIFEST))
    assert g.holds_everything(ws, dt.date(2025, 6, 1)) and g.holds_everything(ws, None)
    assert not g.holds_everything(ws, dt.date(2026, 1, 1))
    on_a_day = build_graph(ws, as_of=dt.date(2025, 6, 1))
    assert g.members_of(on_a_day, "lokalraad") == g.members_of(build_graph(ws), "lokalraad")


def test_rules_of_a_workspace_list_its_district_rules_with_its_severities(make_ws):
    """`orgmodel rules --workspace` lists what a check of that workspace runs: the built-in rules with the
    workspace's severities (``off`` included) and its own district rules; without it, the defaults only."""
    manifest = rule_manifest("    body: lokalraad\n    members:\n      police: {min: 2}\n",
                             extra="rules:\n  forum.recommended-partners: info\n  kredsraad.meetings: 'off'\n")
    root = write(make_ws, bornholm(), manifest)
    runner = CliRunner()
    csv = runner.invoke(cli, ["rules", "--workspace", str(root), "--format", "csv"], catch_exceptions=False)
    assert csv.exit_code == 0
    rows = {line.split(",")[0]: line for line in csv.output.splitlines()[1:]}
    assert rows["district.r"] == f"district.r,district,warning,The district's own rule 'r' for 'lokalraad',{SOURCE}"
    assert rows["forum.recommended-partners"].split(",")[:3] == ["forum.recommended-partners", "guidance", "info"]
    assert rows["kredsraad.meetings"].split(",")[:3] == ["kredsraad.meetings", "law", "off"]
    defaults = runner.invoke(cli, ["rules", "--format", "csv"], catch_exceptions=False).output
    assert "district.r," not in defaults and "kredsraad.meetings,law,warning," in defaults
    assert len(csv.output.splitlines()) == len(defaults.splitlines()) + 1
    detail = json.loads(runner.invoke(cli, ["rules", "-w", str(root), "--format", "json"],
                                      catch_exceptions=False).output)
    (own,) = [r for r in detail if r["rule"] == "district.r"]
    assert (own["source"], own["source_ids"], own["sources"]) == (SOURCE, [], [])


def test_rules_of_a_workspace_whose_overrides_cannot_be_read_says_so(make_ws):
    """An override with an unknown severity (`Error`) is left out: the list showed the default without a word."""
    root = write(make_ws, bornholm(), "name: B\nscope: {politikredse: [kreds-bornholm]}\n"
                                      "rules:\n  kredsraad.meetings: Error\n")
    result = CliRunner().invoke(cli, ["rules", "-w", str(root), "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == ("Note: the workspace has 1 error(s) of format, which may leave out a severity its "
                             "orgmodel.yaml asks for; run `orgmodel check` for details\n")


def test_rules_of_a_folder_without_a_workspace_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["rules", "--workspace", str(tmp_path / "nowhere")], catch_exceptions=False)
    assert (result.exit_code, result.output) == (2, f"Error: {tmp_path / 'nowhere'}: no such folder\n"
                                                    "  Fix: give the folder that holds orgmodel.yaml\n")
