import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from orgmodel.cli import cli
from orgmodel.graph import build_graph
from orgmodel.model import kommuner_of
from orgmodel.queries import gaps_coverage
from orgmodel.queries.coverage import coverage
from orgmodel.queries.lookup import path, show, who
from orgmodel.queries.partners import forum_type_rows, partner_rows
from orgmodel.queries.stats import brokers
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE
from .districts import bornholm, find, write

PSP = {"id": "psp", "type": "psp", "under": "lokalraad", "members": ["bornholm-social", "bornholms-politi"],
       "covers": {"ages": "18+", "groups": ["voksne", "psykisk-saarbare"], "crimes": ["vold"]}}
KSP = {"id": "ksp", "type": "ksp", "under": "lokalraad", "members": ["bornholm-social", "bornholms-politi"],
       "covers": {"ages": ["15+"], "groups": ["loesladte"]}}


def ssp_only() -> dict:
    """The clean district with SSP as its only forum in the kommune: the coverage tests add the rest."""
    data = bornholm()
    data["forums"] = [f for f in data["forums"] if f["id"] in ("sekretariat", "ssp")]
    return data


def graph(make_ws, data, manifest=None, as_of=None):
    root = write(make_ws, data, manifest) if manifest else write(make_ws, data)
    ws = load_workspace(root)
    return ws, build_graph(ws, as_of=as_of)


def ages(G, area="bornholm", **kw):
    return [(r.item, r.status, r.bodies) for r in coverage(G, "ages", areas=[area], **kw)]


def test_ages_with_an_open_end(make_ws):
    data = ssp_only()
    data["forums"].append(dict(PSP))
    _, G = graph(make_ws, data)
    assert ages(G) == [("0-5", "uncovered", ()), ("6-17", "covered", ("ssp",)), ("18+", "covered", ("psp",))]


def test_overlapping_ranges(make_ws):
    data = ssp_only()
    data["forums"] += [dict(PSP), dict(KSP)]
    _, G = graph(make_ws, data)
    assert ages(G) == [("0-5", "uncovered", ()), ("6-14", "covered", ("ssp",)),
                       ("15-17", "overlap", ("ksp", "ssp")), ("18+", "overlap", ("ksp", "psp"))]


def test_sub_forums_inherit_area_and_are_one_structure(make_ws):
    data = ssp_only()
    data["forums"].append({"id": "skolegruppe", "type": "lokalgruppe", "under": "ssp",
                           "members": ["bornholm-skole"], "covers": {"ages": "10-12"}})
    _, G = graph(make_ws, data)
    assert G.nodes["skolegruppe"]["area"] == "bornholm"
    assert ages(G) == [("0-5", "uncovered", ()), ("6-9", "covered", ("ssp",)),
                       ("10-12", "covered", ("skolegruppe", "ssp")), ("13-17", "covered", ("ssp",)),
                       ("18+", "uncovered", ())]


def test_forum_without_covers_covers_its_types_defaults_as_assumed(make_ws):
    data = ssp_only()
    del find(data, "ssp")["covers"]
    _, G = graph(make_ws, data)
    assert ages(G)[1] == ("6-17", "covered", ("ssp",))
    assert coverage(G, "ages", areas=["bornholm"])[1].assumed == ("ssp",)
    groups = {r.item: r.assumed for r in coverage(G, "groups", areas=["bornholm"]) if r.bodies}
    assert groups == {"boern": ("ssp",), "unge": ("ssp",)}


def test_expired_body_under_as_of(make_ws):
    data = ssp_only()
    data["forums"].append({**PSP, "valid_to": "2025-12-31"})
    _, G_2026 = graph(make_ws, data, as_of=dt.date(2026, 1, 1))
    _, G_2025 = graph(make_ws, data, as_of=dt.date(2025, 6, 1))
    assert ages(G_2026)[-1] == ("18+", "uncovered", ())
    assert ages(G_2025)[-1] == ("18+", "covered", ("psp",))


def test_a_kommune_with_no_forums(make_ws):
    manifest = "name: B\nscope: {politikredse: [kreds-bornholm], kommuner: [odense]}\n"
    _, G = graph(make_ws, bornholm(), manifest)
    assert ages(G, "odense") == [("0+", "uncovered", ())]
    rows = coverage(G, "groups", scope_areas=["bornholm", "odense"])
    assert {r.area for r in rows} == {"bornholm", "odense"}
    assert all(r.status == "uncovered" for r in rows if r.area == "odense")


def test_district_wide_body_applies_to_each_kommune_and_goals_do_not_close_gaps(make_ws):
    data = ssp_only()
    data["forums"].append({"id": "ungesamraad", "type": "ungesamraad", "under": "kredsraad",
                           "members": ["bornholm-social", "bornholms-politi"]})
    find(data, "s1")["covers"] = {"ages": "65+", "crimes": ["indbrud"]}
    _, G = graph(make_ws, data)
    assert G.nodes["ungesamraad"]["area"] == "kreds-bornholm"
    assert ages(G) == [("0-5", "uncovered", ()), ("6-14", "covered", ("ssp",)),
                       ("15-17", "overlap", ("ssp", "ungesamraad")), ("18-64", "uncovered", ()),
                       ("65+", "goal-only", ())]
    crimes = {r.item: (r.status, r.goals) for r in coverage(G, "crimes", areas=["bornholm"])}
    assert crimes["indbrud"] == ("goal-only", ("s1",))
    assert crimes["vold"] == ("covered", ())


def test_max_age_from_the_manifest(make_ws):
    _, G = graph(make_ws, ssp_only(), "name: B\nmax_age: 80\n")
    assert ages(G)[-1] == ("18+", "uncovered", ())
    assert coverage(G, "ages", areas=["bornholm"])[-1].item == "18+"


def test_groups_by_kreds_and_scope(make_ws):
    data = ssp_only()
    data["forums"].append(dict(PSP))
    _, G = graph(make_ws, data)
    by_kreds = coverage(G, "groups", by="kreds", scope_areas=["bornholm"])
    assert {r.area for r in by_kreds} == {"kreds-bornholm"}
    by_scope = coverage(G, "groups", by="scope", scope_areas=["bornholm"])
    covered = {r.item: r.bodies for r in by_scope if r.status != "uncovered"}
    assert covered == {"boern": ("ssp",), "unge": ("ssp",), "voksne": ("psp",), "psykisk-saarbare": ("psp",)}


def test_pooled_rows_count_kommuner_and_two_kommuners_ssps_are_no_overlap():
    G = build_graph(load_workspace(EXAMPLE))
    pooled = {r.item: r for r in coverage(G, "ages", by="kreds", scope_areas=kommuner_of("kreds-midt-og-vestjylland"))}
    assert (pooled["6-9"].status, pooled["6-9"].covered_in, pooled["6-9"].kommuner) == ("partial", 1, 11)
    assert (pooled["18-25"].status, pooled["18-25"].covered_in) == ("partial", 2)
    assert pooled["0-5"].status == "uncovered" and pooled["0-5"].covered_in == 0
    assert all(r.status != "overlap" for r in pooled.values())


def test_pooled_overlap_needs_two_structures_in_one_kommune(make_ws):
    data = ssp_only()
    data["forums"] += [dict(PSP), dict(KSP)]
    _, G = graph(make_ws, data)
    pooled = {r.item: (r.status, r.covered_in, r.kommuner)
              for r in coverage(G, "ages", by="scope", scope_areas=["bornholm"])}
    assert pooled == {"0-5": ("uncovered", 0, 1), "6-14": ("covered", 1, 1), "15-17": ("overlap", 1, 1),
                      "18+": ("overlap", 1, 1)}
    assert all(r.kommuner is None for r in coverage(G, "ages", areas=["bornholm"]))


def test_gaps_by_kreds_says_in_how_many_kommuner(runner):
    result = runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--by", "kreds", "--format", "csv"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "area,ages,status,covered_in,bodies,goals,assumed"
    assert lines[1] == "kreds-midt-og-vestjylland,0-5,uncovered,0 of 11 kommuner,,,"
    assert lines[2].startswith("kreds-midt-og-vestjylland,6-9,partial,1 of 11 kommuner,")
    assert "overlap" not in result.output
    kommune = runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--area", "silkeborg", "--format", "csv"])
    assert kommune.output.splitlines()[0] == "area,ages,status,bodies,goals,assumed"


def test_group_overlap_between_two_structures(make_ws):
    data = ssp_only()
    data["forums"].append({**PSP, "covers": {"groups": ["unge"]}})
    _, G = graph(make_ws, data)
    unge = [r for r in coverage(G, "groups", areas=["bornholm"]) if r.item == "unge"]
    assert [(r.status, r.bodies) for r in unge] == [("overlap", ("psp", "ssp"))]


def test_matrix(make_ws):
    data = ssp_only()
    data["forums"].append(dict(PSP))
    root = write(make_ws, data, "name: B\nscope: {politikredse: [kreds-bornholm], kommuner: [odense]}\n")
    table = gaps_coverage(load_workspace(root), "ages", as_matrix=True)
    assert table.headers == ["area", "0-5", "6-9", "10-14", "15-17", "18-25", "26-64", "65-79", "80+"]
    assert table.rows == [["bornholm", 0, 100, 100, 100, 100, 100, 100, 100],
                          ["odense", 0, 0, 0, 0, 0, 0, 0, 0]]
    groups = gaps_coverage(load_workspace(root), "groups", as_matrix=True)
    assert groups.rows[0][groups.headers.index("voksne")] == 1
    assert groups.rows[0][groups.headers.index("aeldre")] == 0


# --- issue 15, also seen: the matrix in percentages, its terms by label ------------------------------

def _matrix_ws(make_ws):
    data = ssp_only()
    data["forums"] = [f for f in data["forums"] if f["id"] != "ssp"]
    data["forums"].append({**PSP, "covers": {"ages": ["12-13", "80+"], "groups": ["voksne"], "crimes": ["vold"]}})
    return write(make_ws, data)


def test_age_matrix_shows_whole_percentages_and_keeps_numbers_in_json_and_csv(make_ws, runner):
    root = _matrix_ws(make_ws)
    text = runner.invoke(cli, ["gaps", "ages", str(root), "--matrix"], catch_exceptions=False)
    assert (text.exit_code, text.stdout) == (0, (
        "area       0-5   6-9   10-14   15-17   18-25   26-64   65-79   80+\n"
        "────────────────────────────────────────────────────────────────────\n"
        "bornholm   0 %   0 %   40 %    0 %     0 %     0 %     0 %     100 %\n"))
    data = runner.invoke(cli, ["gaps", "ages", str(root), "--matrix", "--format", "json"], catch_exceptions=False)
    assert json.loads(data.stdout) == [{"area": "bornholm", "0-5": 0, "6-9": 0, "10-14": 40, "15-17": 0,
                                        "18-25": 0, "26-64": 0, "65-79": 0, "80+": 100}]
    csv = runner.invoke(cli, ["gaps", "ages", str(root), "--matrix", "--format", "csv"], catch_exceptions=False)
    assert csv.stdout == "area,0-5,6-9,10-14,15-17,18-25,26-64,65-79,80+\nbornholm,0,0,40,0,0,0,0,100\n"


def test_a_sliver_is_not_rounded_to_nothing_nor_to_everything():
    from orgmodel.queries.coverage import percent

    assert [percent(s) for s in (0.0, 0.004, 2 / 3, 0.996, 1.0)] == [0, 1, 67, 99, 100]


@pytest.mark.parametrize(("lang", "label"), [("en", "Adults"), ("da", "Voksne")])
def test_term_matrix_heads_its_columns_with_labels_and_keeps_ids_as_keys(make_ws, runner, lang, label):
    root = _matrix_ws(make_ws)
    text = runner.invoke(cli, ["gaps", "groups", str(root), "--matrix", "--lang", lang], catch_exceptions=False)
    assert text.exit_code == 0
    header = text.stdout.splitlines()[0].split("   ")
    assert label in [h.strip() for h in header]
    assert not {"aeldre", "voksne", "unge-voksne"} & {h.strip() for h in header}
    data = runner.invoke(cli, ["gaps", "groups", str(root), "--matrix", "--lang", lang, "--format", "json"],
                         catch_exceptions=False)
    assert json.loads(data.stdout)[0]["voksne"] == 1
    csv = runner.invoke(cli, ["gaps", "groups", str(root), "--matrix", "--lang", lang, "--format", "csv"],
                        catch_exceptions=False)
    assert csv.stdout.splitlines()[0].split(",")[:3] == ["area", "aeldre", "bandemedlemmer"]


# --- partners ----------------------------------------------------------------

def test_partners_count_through_the_category_hierarchy(make_ws):
    _, G = graph(make_ws, bornholm())
    rows = {(r.which, r.requirement): (r.status, r.members) for r in partner_rows(G) if r.body == "ssp"}
    assert rows[("required", "skoleforvaltning")] == ("present", ("bornholm-skole",))
    assert rows[("required", "politi")] == ("present", ("bornholms-politi",))
    assert rows[("recommended", "klub")] == ("present", ("bornholm-klub",))


def test_partners_through_a_role_and_any_of(make_ws):
    data = bornholm()
    data["forums"].append({"id": "ssp-plus", "type": "ssp-plus", "under": "lokalraad",
                           "members": ["bornholm-social", "politikommissaer"]})
    _, G = graph(make_ws, data)
    rows = {(r.which, r.requirement): (r.status, r.members) for r in partner_rows(G) if r.body == "ssp-plus"}
    assert rows[("required", "politi")] == ("present", ("politikommissaer",))
    assert rows[("required", "jobcenter|kommunal-ungeindsats|ungdomsuddannelse|fgu")] == ("missing", ())


def test_an_alias_category_meets_the_requirement_of_its_current_term(make_ws):
    """An organisation written with the outdated category uu-vejledning counts as kommunal-ungeindsats."""
    data = bornholm()
    data["organisations"].append({"id": "old-uu", "name": "UU", "category": "uu-vejledning",
                                  "parent": "bornholm-kommune"})
    data["forums"].append({"id": "ssp-plus", "type": "ssp-plus", "under": "lokalraad",
                           "members": ["bornholm-social", "politikommissaer", "old-uu"]})
    _, G = graph(make_ws, data)
    rows = {(r.which, r.requirement): (r.status, r.members) for r in partner_rows(G) if r.body == "ssp-plus"}
    assert rows[("required", "jobcenter|kommunal-ungeindsats|ungdomsuddannelse|fgu")] == ("present", ("old-uu",))


def test_psp_is_met_by_social_or_treatment_psychiatry(make_ws):
    """Retsplejeloven § 115: PSP's partner is social- og behandlingspsykiatrien, the kommune's or the region's."""
    data = bornholm()
    data["organisations"] += [
        {"id": "socialpsyk", "name": "Socialpsykiatrien", "category": "socialpsykiatri", "parent": "bornholm-kommune"},
        {"id": "regionspsyk", "name": "Psykiatrien", "category": "psykiatri"}]
    data["forums"] += [{"id": "psp-a", "type": "psp", "under": "lokalraad", "members": ["socialpsyk"]},
                       {"id": "psp-b", "type": "psp", "under": "lokalraad", "members": ["regionspsyk"]},
                       {"id": "psp-c", "type": "psp", "under": "lokalraad", "members": ["bornholm-social"]}]
    _, G = graph(make_ws, data)
    met = {r.body: r.status for r in partner_rows(G, ["psp-a", "psp-b", "psp-c"])
           if r.requirement == "socialpsykiatri|behandlingspsykiatri"}
    assert met == {"psp-a": "present", "psp-b": "present", "psp-c": "missing"}


def test_forum_types_per_kommune(make_ws):
    data = bornholm()
    data["forums"].append(dict(PSP))
    _, G = graph(make_ws, data)
    rows = [(r.type, r.status, r.bodies) for r in forum_type_rows(G, ["bornholm"])]
    assert rows == [("ksp", "exists", ("ksp-bornholm",)), ("psp", "exists", ("psp", "psp-bornholm")),
                    ("ssp", "exists", ("ssp",)), ("ssp-plus", "missing", ())]


# --- show, who, path, stats ----------------------------------------------------

def test_who_directly_through_roles_and_sub_organisations(make_ws):
    _, G = graph(make_ws, bornholm())
    seats = [(s.body, s.relation, s.via) for s in who(G, "bornholm-kommune")]
    assert seats == [("kredsraad", "member", "borgmester-bornholm"), ("ksp-bornholm", "member", "bornholm-job"),
                     ("ksp-bornholm", "member", "bornholm-social"), ("lokalraad", "member", ""),
                     ("psp-bornholm", "member", "bornholm-social"),
                     ("ssp", "member", "bornholm-klub"), ("ssp", "member", "bornholm-skole"),
                     ("ssp", "member", "bornholm-social"), ("ssp", "member", "bornholm-uu"),
                     ("ukn-bornholm", "member", "")]
    assert [(s.body, s.relation, s.level) for s in who(G, "politikommissaer")] == [("lokalraad", "chair", "taktisk")]


def test_who_gives_a_dated_seat_its_dates_so_one_that_ended_shows(make_ws, runner):
    """A seat that ended ({id, until: 2025-06-30}) was listed by who like a current one, in the table and in JSON
    (found by a review); --as-of leaves it out."""
    data = bornholm()
    find(data, "ssp")["members"][0] = {"id": "bornholm-skole", "until": "2025-06-30"}
    find(data, "psp-bornholm")["members"][1] = {"id": "bornholm-social", "since": "2025-01-01"}
    root = write(make_ws, data)
    args = ["who", "bornholm-kommune", "-w", str(root), "--format"]
    rows = [(r["body"], r["via"], r["since"], r["until"])
            for r in json.loads(runner.invoke(cli, [*args, "json"], catch_exceptions=False).stdout)]
    assert ("ssp", "bornholm-skole", None, "2025-06-30") in rows and ("ssp", "bornholm-klub", None, None) in rows
    assert ("psp-bornholm", "bornholm-social", "2025-01-01", None) in rows
    csv = runner.invoke(cli, [*args, "csv"], catch_exceptions=False).stdout.splitlines()
    assert csv[0] == "body,type,level,area,as,via,since,until"
    assert "ssp,ssp,operationel,bornholm,member,bornholm-skole,,2025-06-30" in csv
    table = runner.invoke(cli, [*args, "table"], catch_exceptions=False).stdout.splitlines()
    assert table[0].split() == ["body", "type", "level", "area", "as", "via", "since", "until"]
    assert [line.split()[-1] for line in table if "bornholm-skole" in line] == ["2025-06-30"]
    now = runner.invoke(cli, [*args, "csv", "--as-of", "2026-11-22"], catch_exceptions=False).stdout
    assert "bornholm-skole" not in now

def test_show_lists_attributes_and_relations(make_ws):
    _, G = graph(make_ws, bornholm())
    attributes, relations = show(G, "lokalraad")
    assert attributes["area"] == "bornholm" and attributes["file"] == "data.yaml:67"
    assert ("out", "reports_to", "kredsraad") in [(r.direction, r.relation, r.other) for r in relations]
    assert ("in", "owner", "o1") in [(r.direction, r.relation, r.other) for r in relations]


def test_path(make_ws):
    _, G = graph(make_ws, bornholm())
    assert path(G, "borgmester-bornholm", "politikommissaer") == [
        ("borgmester-bornholm", "organisation", "bornholm-kommune", "→"),
        ("bornholm-kommune", "member", "lokalraad", "←"),
        ("lokalraad", "chair", "politikommissaer", "→")]
    assert path(G, "s1", "sekretariat") == [("s1", "owner", "kredsraad", "→"),
                                            ("kredsraad", "secretariat", "sekretariat", "→")]


def test_brokers(make_ws):
    _, G = graph(make_ws, bornholm())
    top = brokers(G, top=2)
    # counted as `who` counts: an organisation sits through its roles and sub-organisations too (issue 15)
    assert [(b.id, b.bodies) for b in top] == [("bornholms-politi", 7), ("bornholm-kommune", 6)]
    assert top[0].betweenness > 0
    for b in brokers(G):
        seats = who(G, b.id)
        assert (b.bodies, b.seats) == (len({s.body for s in seats}), len(seats)), b.id
    assert sorted(b.id for b in brokers(G, risk_at=1) if b.key_person_risk) == [
        "borgmester-bornholm", "politidirektoer", "politikommissaer"]


def test_unknown_entity_suggests(make_ws, runner):
    root = write(make_ws, bornholm())
    result = runner.invoke(cli, ["who", "bornholm-komune", "-w", str(root)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == ("Error: no entity with the id 'bornholm-komune'. Did you mean 'bornholm-kommune'?\n"
                             "  Fix: give the id as it is written after 'id:' in the workspace's files (with --as-of, "
                             "of an entry valid on that date)\n")
    result = runner.invoke(cli, ["who", "ssp", "-w", str(root)], catch_exceptions=False)
    assert result.output == ("Error: 'ssp' is a forum; give an organisation or role\n  Fix: give the id of an "
                             "organisation or role, e.g. a member of 'ssp' (`orgmodel show ssp`)\n")


# --- CLI output ---------------------------------------------------------------

def test_gaps_ages_table(make_ws, runner):
    data = ssp_only()
    data["forums"] += [dict(PSP), dict(KSP)]
    root = write(make_ws, data)
    result = runner.invoke(cli, ["gaps", "ages", str(root)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == """\
area       ages    status      bodies     goals   assumed
─────────────────────────────────────────────────────────
bornholm   0-5     uncovered
bornholm   6-14    covered     ssp
bornholm   15-17   overlap     ksp, ssp
bornholm   18+     overlap     ksp, psp
"""


def test_gaps_crimes_json_and_csv(make_ws, runner):
    root = write(make_ws, ssp_only())
    result = runner.invoke(cli, ["gaps", "crimes", str(root), "--format", "json", "--lang", "en"],
                           catch_exceptions=False)
    rows = json.loads(result.output)
    assert rows[0] == {"area": "bornholm", "item": "bandekriminalitet", "label": "Gang crime",
                       "status": "uncovered", "bodies": [], "goals": [], "assumed": []}
    assert {"area": "bornholm", "item": "vold", "label": "Violence", "status": "covered", "bodies": ["ssp"],
            "goals": [], "assumed": []} in rows
    csv_text = runner.invoke(cli, ["gaps", "crimes", str(root), "--format", "csv"]).output
    assert csv_text.splitlines()[:2] == ["area,item,label,status,bodies,goals,assumed",
                                         "bornholm,bandekriminalitet,Bandekriminalitet,uncovered,,,"]


def test_gaps_partners_cli(make_ws, runner):
    root = write(make_ws, bornholm())
    result = runner.invoke(cli, ["gaps", "partners", str(root), "--by", "kommune", "--format", "csv"],
                           catch_exceptions=False)
    assert result.output == ("area,forum_type,status,bodies\nbornholm,ksp,exists,ksp-bornholm\n"
                             "bornholm,psp,exists,psp-bornholm\nbornholm,ssp,exists,ssp\nbornholm,ssp-plus,missing,\n")
    body = runner.invoke(cli, ["gaps", "partners", str(root), "--format", "json"]).output
    assert {"body": "lokalraad", "type": "lokalraad", "area": "bornholm", "which": "required",
            "requirement": "politi", "status": "present", "members": ["politikommissaer"]} in json.loads(body)


def test_as_of_on_queries(make_ws, runner):
    data = ssp_only()
    find(data, "ssp")["valid_from"] = "2027-01-01"
    root = write(make_ws, data)
    now = runner.invoke(cli, ["gaps", "groups", str(root), "--as-of", "2026-06-01", "--format", "json"]).output
    later = runner.invoke(cli, ["gaps", "groups", str(root), "--as-of", "2027-06-01", "--format", "json"]).output
    assert all(r["status"] == "uncovered" for r in json.loads(now))
    assert any(r["status"] == "covered" for r in json.loads(later))
    bad = runner.invoke(cli, ["gaps", "groups", str(root), "--as-of", "juni"])
    assert bad.exit_code == 2
    assert bad.output == "Error: --as-of 'juni' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31\n"


def test_show_who_path_stats_cli_on_the_example(runner, golden):
    outputs = []
    for args in (["show", "ssp-silkeborg"], ["who", "silkeborg-kommune"],
                 ["path", "borgmester-herning", "ssp-konsulent-silkeborg"], ["stats", "--top", "10"]):
        where = ["-w", str(EXAMPLE)] if args[0] != "stats" else [str(EXAMPLE)]
        result = runner.invoke(cli, args + where, catch_exceptions=False)
        assert result.exit_code == 0
        outputs.append(f"$ orgmodel {' '.join(args)}\n{result.output}")
    golden("queries-example.txt", "\n".join(outputs))


@pytest.mark.parametrize("dimension", ["ages", "groups", "crimes"])
def test_gaps_on_the_example(runner, golden, dimension):
    result = runner.invoke(cli, ["gaps", dimension, str(EXAMPLE), "--area", "silkeborg", "--area", "herning"],
                           catch_exceptions=False)
    golden(f"gaps-{dimension}-example.txt", result.output)
    matrix = runner.invoke(cli, ["gaps", dimension, str(EXAMPLE), "--matrix", "--format", "csv"])
    golden(f"gaps-{dimension}-matrix-example.csv", matrix.output)


# --- issue 15, item 15: path of one entity, unconnected path, errors with a fix, --as-of "" ------------------

def test_path_from_an_entity_to_itself_says_so(make_ws, runner):
    root = write(make_ws, bornholm())
    result = runner.invoke(cli, ["path", "ssp", "ssp", "-w", str(root)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == ("Error: 'ssp' is given twice: a path from 'ssp' to 'ssp' is the same entity\n"
                             "  Fix: give two different ids, e.g. `orgmodel show ssp` for its relations\n")


def test_an_unconnected_path_prints_json_that_says_so(make_ws, runner):
    data = bornholm()
    data["organisations"].append({"id": "alene", "name": "Alene", "category": "klub"})
    root = write(make_ws, data)
    result = runner.invoke(cli, ["path", "alene", "ssp", "-w", str(root), "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {"from": "alene", "to": "ssp", "connected": False, "path": []}
    assert result.stderr == ("Error: 'alene' and 'ssp' are not connected\n  Fix: check the ids, or connect them "
                             "through a body they both sit in (`orgmodel who ID` lists where each sits)\n")
    table = runner.invoke(cli, ["path", "alene", "ssp", "-w", str(root)], catch_exceptions=False)
    assert (table.exit_code, table.stdout) == (2, "")


def test_errors_of_path_who_and_diagram_have_a_fix(make_ws, runner):
    root = write(make_ws, bornholm())
    for args, hint in ((["path", "sspp", "lokalraad", "-w", str(root)], " Did you mean 'ssp'?"),
                       (["who", "sspp", "-w", str(root)], ""),  # who suggests only organisations and roles
                       (["diagram", str(root), "--view", "body:sspp"], " Did you mean 'ssp'?")):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 2
        assert result.output == (f"Error: no entity with the id 'sspp'.{hint}\n  Fix: give the id as "
                                 "it is written after 'id:' in the workspace's files (with --as-of, of an entry "
                                 "valid on that date)\n"), args


@pytest.mark.parametrize("command", [["who", "ssp"], ["path", "ssp", "lokalraad"], ["stats"],
                                     ["diff", ".", "."], ["check"]])
def test_an_empty_as_of_is_not_a_date(make_ws, runner, command, monkeypatch):
    root = write(make_ws, bornholm())
    monkeypatch.chdir(root)
    result = runner.invoke(cli, [*command, "--as-of", ""], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == "Error: --as-of '' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31\n"


@pytest.mark.parametrize("args", [["gaps", "ages"], ["gaps", "partners", "--by", "kommune"], ["gaps", "policies"],
                                  ["status", "--today", "2026-11-22"]])
def test_gaps_and_status_read_the_graph_without_networkx(args, tmp_path):
    """These read the graph through its accessors alone (``orgmodel.graph.GraphStore``): importing networkx was a
    tenth of a second of each, and the answer is the same (the tests above)."""
    code = ("import sys\nfrom orgmodel.cli import cli\ntry:\n    cli(sys.argv[1:])\nexcept SystemExit as done:\n"
            "    print(done.code, 'networkx' in sys.modules)")
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, *args, str(EXAMPLE)], capture_output=True, text=True,
                          env=env, check=True)
    assert done.stdout.splitlines()[-1] == "0 False", done.stderr[-2000:]


def test_csv_writes_a_negative_number_as_a_number_and_guards_text():
    """A target of -10 was written '-10 (the formula guard), which a spreadsheet reads as text, where the JSON has
    the number; text starting with '-' or '=' keeps its guard."""
    from orgmodel.tables import render_table

    out = render_table(["target", "value", "note"], [[-10, -12.5, "-x"], [0, 1.5, "=cmd()"]], "csv")
    assert out.splitlines() == ["target,value,note", "-10,-12.5,'-x", "0,1.5,'=cmd()"]


def test_stats_says_how_many_it_leaves_out_and_names_the_key_person_risks_among_them(runner):
    """Two of the example's three key-person risks sat past the default --top 20, unsaid."""
    cut = runner.invoke(cli, ["stats", str(EXAMPLE)], catch_exceptions=False)
    shown = [line.split()[0] for line in cut.stdout.splitlines()[2:]]
    assert len(shown) == 20
    assert cut.stderr.endswith("20 of 94 shown (--top 20); key-person risks among them: "
                               "ssp-konsulent-silkeborg-ungenet, ssp-konsulent-silkeborg\n")
    whole = runner.invoke(cli, ["stats", str(EXAMPLE), "--top", "94"], catch_exceptions=False)
    assert "shown (--top" not in whole.stderr


def test_stats_counts_only_what_holds_today_so_an_ended_seat_is_no_key_person_risk(make_ws, runner, monkeypatch):
    """Without --as-of, stats counted a seat that had ended ({id, until: 2024-06-30}) and a forum closed by its
    valid_to: the politikommissær, in two bodies today, was reported in four and a key-person risk. stats counts
    what holds today (ORGMODEL_TODAY here), as check judges; --as-of counts another day."""
    data = bornholm()
    find(data, "ssp")["members"].append("politikommissaer")
    find(data, "psp-bornholm")["members"].append({"id": "politikommissaer", "until": "2024-06-30"})
    ksp = find(data, "ksp-bornholm")
    ksp["members"].append("politikommissaer")
    ksp["valid_to"] = "2025-12-31"
    root = write(make_ws, data)
    monkeypatch.setenv("ORGMODEL_TODAY", "2026-11-22")
    today = runner.invoke(cli, ["stats", str(root)], catch_exceptions=False)
    assert today.exit_code == 0
    assert today.stdout == """\
id                        kind           bodies   seats   betweenness   key_person_risk
───────────────────────────────────────────────────────────────────────────────────────
bornholms-politi          organisation   6        7       0.561         False
bornholm-kommune          organisation   5        8       0.2005        False
politikommissaer          role           2        2       0.1265        False
bornholm-social           organisation   2        2       0.0441        False
politidirektoer           role           1        1       0.1157        False
borgmester-bornholm       role           1        1       0.0331        False
bornholm-klub             organisation   1        1       0.0           False
bornholm-skole            organisation   1        1       0.0           False
bornholm-skoler           organisation   1        1       0.0           False
bornholm-uu               organisation   1        1       0.0           False
kriminalforsorgen         organisation   1        1       0.0           False
psykiatrien               organisation   1        1       0.0           False
stedfortraeder-bornholm   role           0        0       0.0           False
"""
    assert today.stderr == ("counted on 2026-11-22: the entries and seats not valid that day (ended or not begun) "
                            "are left out; `orgmodel who ID` lists a seat's since and until\n")
    same = runner.invoke(cli, ["stats", str(root), "--as-of", "2026-11-22"], catch_exceptions=False)
    assert (same.exit_code, same.stdout, same.stderr) == (0, today.stdout, today.stderr)
    then = runner.invoke(cli, ["stats", str(root), "--as-of", "2024-01-01", "--format", "csv"],
                         catch_exceptions=False)
    assert then.exit_code == 0
    assert then.stdout.splitlines()[:4] == ["id,kind,bodies,seats,betweenness,key_person_risk",
                                            "bornholms-politi,organisation,7,10,0.461,False",
                                            "bornholm-kommune,organisation,6,10,0.1823,False",
                                            "politikommissaer,role,4,4,0.1988,True"]
    assert then.stderr == ""
    held = runner.invoke(cli, ["who", "politikommissaer", "-w", str(root), "--as-of", "2026-11-22", "--format",
                               "csv"], catch_exceptions=False)
    assert [line.split(",")[0] for line in held.stdout.splitlines()[1:]] == ["lokalraad", "ssp"]


def test_areas_of_kind_politikreds_in_a_kreds_is_that_kreds(runner):
    """`areas --kind politikreds --kreds Fyn` printed an empty table, exit 0."""
    result = runner.invoke(cli, ["areas", "--kind", "politikreds", "--kreds", "Fyn", "--format", "csv"],
                           catch_exceptions=False)
    assert (result.exit_code, result.output.splitlines()[1:]) == (0, ["kreds-fyn,politikreds,Fyns Politi,1465,"])
