"""Assumed coverage: a type's default ages and person groups are assumptions, shown as assumed everywhere."""

import json
from xml.etree import ElementTree as ET

import pytest
import yaml

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.graph import build_graph
from orgmodel.model import Manifest, assumed_coverage, builtin_vocabulary, parse_age_range, source_register
from orgmodel.queries import coverage as cov
from orgmodel.queries import gaps_coverage
from orgmodel.workspace import load_workspace

from .conftest import TODAY

MANIFEST = "name: Bornholm\nscope: {kommuner: [bornholm]}\n"
ORGS = [
    {"id": "politi", "name": "Bornholms Politi", "category": "politi", "area": "kreds-bornholm"},
    {"id": "skoler", "name": "Skoler", "category": "skoleforvaltning", "area": "bornholm"},
    {"id": "social", "name": "Socialforvaltningen", "category": "socialforvaltning", "area": "bornholm"},
]
LOKALRAAD = {"id": "lokalraad", "type": "lokalraad", "area": "bornholm", "members": ["politi", "social"]}


def district(*forums) -> dict:
    """A kommune with a lokalråd and the given forums under it (SSP and PSP, unless told otherwise)."""
    forums = forums or ({"id": "ssp", "type": "ssp"}, {"id": "psp", "type": "psp"})
    return {"organisations": ORGS, "councils": [LOKALRAAD],
            "forums": [{**f, "under": f.get("under", "lokalraad"),
                        "members": f.get("members", ["skoler", "social", "politi"])} for f in forums]}


def workspace(make_ws, data, manifest=MANIFEST):
    return make_ws({"orgmodel.yaml": manifest, "data.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)})


def rows(make_ws, dimension, data, manifest=MANIFEST):
    G = build_graph(load_workspace(workspace(make_ws, data, manifest)))
    return [(r.item, r.status, r.bodies, r.assumed) for r in cov.coverage(G, dimension, areas=["bornholm"])
            if r.status != "uncovered"]


# --- gaps: assumed is marked, never passed off as stated -------------------------------------------------


def test_an_ssp_that_writes_no_ages_is_not_reported_as_stated_coverage(make_ws, runner):
    root = workspace(make_ws, district({"id": "ssp", "type": "ssp"}))
    result = runner.invoke(cli, ["gaps", "ages", str(root)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == """\
area       ages   status      bodies   goals   assumed
──────────────────────────────────────────────────────
bornholm   0-5    uncovered
bornholm   6-17   covered     ssp              ssp
bornholm   18+    uncovered
"""
    assert result.stderr == (
        "assumed, not stated: ssp write no covers.ages, so their type's default ages are counted; write "
        "covers.ages as those bodies actually work, or set coverage_defaults in orgmodel.yaml\n")
    as_json = json.loads(runner.invoke(cli, ["gaps", "ages", str(root), "--format", "json"]).stdout)
    assert as_json[1] == {"area": "bornholm", "ages": "6-17", "status": "covered", "bodies": ["ssp"], "goals": [],
                          "assumed": ["ssp"]}
    csv_text = runner.invoke(cli, ["gaps", "ages", str(root), "--format", "csv"]).stdout
    assert csv_text.splitlines()[:3] == ["area,ages,status,bodies,goals,assumed", "bornholm,0-5,uncovered,,,",
                                         "bornholm,6-17,covered,ssp,,ssp"]


def test_written_ages_are_stated_and_have_no_note(make_ws, runner):
    root = workspace(make_ws, district({"id": "ssp", "type": "ssp", "covers": {"ages": "0-18",
                                                                            "groups": ["boern", "unge"]}}))
    result = runner.invoke(cli, ["gaps", "ages", str(root), "--format", "csv"], catch_exceptions=False)
    assert result.stdout.splitlines()[1] == "bornholm,0-18,covered,ssp,,"
    assert result.stderr == ""


def test_forums_without_covers_cover_their_types_groups_as_assumed(make_ws):
    assert rows(make_ws, "groups", district()) == [
        ("boern", "covered", ("ssp",), ("ssp",)),
        ("psykisk-saarbare", "covered", ("psp",), ("psp",)),
        ("socialt-udsatte", "covered", ("psp",), ("psp",)),
        ("unge", "covered", ("ssp",), ("ssp",))]


def test_each_part_of_covers_is_assumed_on_its_own(make_ws):
    data = district({"id": "ssp", "type": "ssp", "covers": {"groups": ["familier"], "crimes": ["vold"]}})
    assert rows(make_ws, "ages", data) == [("6-17", "covered", ("ssp",), ("ssp",))]
    assert rows(make_ws, "groups", data) == [("familier", "covered", ("ssp",), ())]
    assert rows(make_ws, "crimes", data) == [("vold", "covered", ("ssp",), ())]


def test_a_stated_and_an_assumed_body_on_the_same_item(make_ws):
    data = district({"id": "ssp", "type": "ssp"},
                    {"id": "gruppe", "type": "lokalgruppe", "covers": {"ages": "10-12", "groups": ["unge"]}})
    assert ("10-12", "overlap", ("gruppe", "ssp"), ("ssp",)) in rows(make_ws, "ages", data)
    unge = [r for r in cov.coverage(build_graph(load_workspace(workspace(make_ws, data))), "groups",
                                areas=["bornholm"]) if r.item == "unge"][0]
    assert unge.assumed == ("ssp",) and not unge.only_assumed


def test_a_type_without_defaults_assumes_nothing(make_ws):
    data = district({"id": "styregruppe", "type": "styregruppe"})
    assert rows(make_ws, "ages", data) == [] and rows(make_ws, "groups", data) == []
    G = build_graph(load_workspace(workspace(make_ws, data)))
    assert G.nodes["styregruppe"]["assumed"] == () and G.nodes["lokalraad"]["assumed"] == ()


def test_the_matrix_names_the_assumed_bodies_in_a_note(make_ws):
    table = gaps_coverage(load_workspace(workspace(make_ws, district())), "groups", as_matrix=True)
    assert table.notes == ["assumed, not stated: psp, ssp write no covers.groups, so their type's default person "
                           "groups are counted; write covers.groups as those bodies actually work, or set "
                           "coverage_defaults in orgmodel.yaml"]


# --- the workspace's own defaults --------------------------------------------------------------------------


def test_the_workspace_sets_its_own_defaults(make_ws):
    manifest = MANIFEST + ("coverage_defaults:\n  ssp: {ages: 0-18, groups: [boern, unge, familier]}\n"
                           "  psp: {groups: []}\n")
    assert rows(make_ws, "ages", district(), manifest) == [("0-17", "covered", ("ssp",), ("ssp",)),
                                                           ("18", "overlap", ("psp", "ssp"), ("psp", "ssp")),
                                                           ("19+", "covered", ("psp",), ("psp",))]
    assert [r[0] for r in rows(make_ws, "groups", district(), manifest)] == ["boern", "familier", "unge"]


def test_an_alias_in_a_default_is_read_as_its_current_term(make_ws):
    manifest = MANIFEST + ("vocabulary:\n  groups:\n    teenagere: {da: Teenagere, en: Teenagers, alias_of: unge}\n"
                           "coverage_defaults:\n  ssp: {groups: [teenagere]}\n  psp: {groups: []}\n")
    assert rows(make_ws, "groups", district(), manifest) == [("unge", "covered", ("ssp",), ("ssp",))]


def test_where_each_default_comes_from():
    vocab = builtin_vocabulary()
    manifest = Manifest.model_validate({"name": "x", "coverage_defaults": {"ssp": {"groups": ["unge"]}}})
    assumed = assumed_coverage(vocab, manifest, "forum", "ssp", None)
    assert assumed == (("6-17",), ("unge",), "type", "workspace")
    assert assumed.dimensions == ("ages", "groups")
    empty = Manifest.model_validate({"name": "x", "coverage_defaults": {"ssp": {"ages": []}}})
    assert assumed_coverage(vocab, empty, "forum", "ssp", None).dimensions == ("groups",)


@pytest.mark.parametrize(("defaults", "line", "message"), [
    ("  sps: {ages: 0-18}\n", 4,
     "'coverage_defaults' names 'sps', which is not a council or forum type. Did you mean 'ssp'?"),
    ("  ssp: {ages: 18-6}\n", 4,
     "'coverage_defaults.ssp': in the default ages, the range '18-6' starts after it ends; write it as '6-18'"),
    ("  ssp:\n    groups: [boern, ungee]\n", 4,
     "'coverage_defaults.ssp' has the unknown default person group 'ungee'. Did you mean 'unge'?"),
])
def test_bad_defaults_are_errors_with_the_line_and_a_did_you_mean(make_ws, defaults, line, message):
    root = workspace(make_ws, district(), MANIFEST + "coverage_defaults:\n" + defaults)
    found = [f for f in check(load_workspace(root), TODAY).findings if f.rule == "coverage.bad-default"]
    assert [(f.severity, f.file, f.line, f.message) for f in found] == [("error", "orgmodel.yaml", line, message)]


def test_a_workspace_forum_type_with_an_unknown_default_group(make_ws):
    manifest = MANIFEST + ("vocabulary:\n  forum_types:\n    natteravne: {da: Natteravne, en: Night ravens, "
                           "ages: 16-25, groups: [natteliv-gaest]}\n")
    found = [f.message for f in check(load_workspace(workspace(make_ws, district(), manifest)), TODAY).findings
             if f.rule == "coverage.bad-default"]
    assert found == ["forum type 'natteravne' has the unknown default person group 'natteliv-gaest'. "
                     "Did you mean 'natteliv-gaester'?"]


def test_a_key_that_is_not_ages_or_groups_is_a_schema_error(make_ws):
    root = workspace(make_ws, district(), MANIFEST + "coverage_defaults:\n  ssp: {crimes: [vold]}\n")
    found = [(f.rule, f.line) for f in load_workspace(root).problems]
    assert found == [("schema.unknown-key", 4)]


# --- the information finding ---------------------------------------------------------------------------------


def test_a_body_without_covers_gets_an_information_finding(make_ws):
    data = district({"id": "ssp", "type": "ssp"}, {"id": "psp", "type": "psp", "covers": {"ages": "18+"}})
    result = check(load_workspace(workspace(make_ws, data)), TODAY)
    found = [(f.severity, f.entity, f.line, f.message, f.fix) for f in result.findings if f.rule == "coverage.assumed"]
    assert found == [
        ("info", "ssp", 23,
         "the body writes neither covers.ages nor covers.groups, so orgmodel assumes the ages 6-17 (the default of "
         "the type 'ssp', an assumption no source states) and the person groups boern, unge (the default of the "
         "type 'ssp', source: SSP-samarbejde (Det Kriminalpræventive Råd)); coverage shows them as assumed, "
         "not stated",
         "write covers.ages and covers.groups as the body actually works (coverage_defaults in orgmodel.yaml "
         "sets what is assumed for a whole type)"),
        ("info", "psp", 31,
         "the body writes no covers.groups, so orgmodel assumes the person groups psykisk-saarbare, socialt-udsatte "
         "(the default of the type 'psp', source: PSP-samarbejde (Det Kriminalpræventive Råd)); coverage shows "
         "them as assumed, not stated",
         "write covers.groups as the body actually works (coverage_defaults in orgmodel.yaml sets what is "
         "assumed for a whole type)")]


def test_the_finding_names_the_workspace_default_and_can_be_turned_off(make_ws):
    manifest = MANIFEST + "coverage_defaults:\n  ssp: {ages: 0-18, groups: [boern]}\n"
    data = district({"id": "ssp", "type": "ssp"})
    messages = [f.message for f in check(load_workspace(workspace(make_ws, data, manifest)), TODAY).findings
                if f.rule == "coverage.assumed"]
    assert messages == ["the body writes neither covers.ages nor covers.groups, so orgmodel assumes the ages 0-18 "
                        "(coverage_defaults.ssp in orgmodel.yaml) and the person groups boern (coverage_defaults.ssp "
                        "in orgmodel.yaml); coverage shows them as assumed, not stated"]
    off = manifest + "rules: {coverage.assumed: 'off'}\n"
    assert not [f for f in check(load_workspace(workspace(make_ws, data, off)), TODAY).findings
                if f.rule == "coverage.assumed"]


# --- the vocabulary's defaults rest on a source or say they do not --------------------------------------------


def test_every_type_default_is_sourced_or_marked_as_an_unsourced_assumption():
    vocab, register = builtin_vocabulary(), source_register()
    checked = 0
    for section in ("council_types", "forum_types"):
        for type_id, term in vocab[section].items():
            given = {d for d, value in (("ages", term.ages), ("groups", term.groups)) if value}
            assert set(term.defaults_unsourced) <= given, f"{type_id}: marks a default it does not give"
            if given - set(term.defaults_unsourced):
                assert term.defaults_source in register, f"{type_id}: its defaults need a source in the register"
                assert register[term.defaults_source].status == "confirmed", type_id
                checked += 1
            if term.ages:
                parse_age_range(term.ages)
            assert all(vocab.has("groups", group) for group in term.groups), type_id
    assert checked >= 5
    assert builtin_vocabulary()["forum_types"]["ssp"].defaults_unsourced == ["ages"]


# --- charts, report, diff --------------------------------------------------------------------------------------


def _svg_ids(path):
    return [el.get("id") for el in ET.parse(path).getroot().iter() if el.get("id")]


def test_charts_hatch_what_is_assumed(make_ws, runner, tmp_path):
    data = district({"id": "ssp", "type": "ssp"},
                    {"id": "psp", "type": "psp", "covers": {"ages": "18+", "groups": ["voksne"]}})
    root = workspace(make_ws, data)
    ages, groups = tmp_path / "ages.svg", tmp_path / "groups.svg"
    runner.invoke(cli, ["gaps", "ages", str(root), "--chart", str(ages)], catch_exceptions=False)
    ids = _svg_ids(ages)
    assert [i for i in ids if i.startswith(("bar-", "assumed-"))] == ["assumed-bornholm-ssp", "bar-bornholm-psp"]
    assert "Forum (alder antaget ud fra typen, ikke angivet)" in ages.read_text()
    runner.invoke(cli, ["gaps", "groups", str(root), "--chart", str(groups), "--lang", "en"], catch_exceptions=False)
    ids = _svg_ids(groups)
    assert [i for i in ids if i.startswith("assumed-")] == ["assumed-bornholm-boern", "assumed-bornholm-unge"]
    assert "* counts a forum whose person groups are assumed from its type (not stated)" in groups.read_text()


def test_charts_without_assumptions_have_no_assumed_legend(make_ws, runner, tmp_path):
    data = district({"id": "ssp", "type": "ssp", "covers": {"ages": "6-17", "groups": ["unge"]}})
    out = tmp_path / "ages.svg"
    runner.invoke(cli, ["gaps", "ages", str(workspace(make_ws, data)), "--chart", str(out)], catch_exceptions=False)
    assert "antaget" not in out.read_text()
    assert not [i for i in _svg_ids(out) if i.startswith("assumed-")]


def test_the_report_marks_assumed_coverage(make_ws, tmp_path):
    from orgmodel.report import build_report

    out = tmp_path / "site"
    build_report(load_workspace(workspace(make_ws, district())), out, today=TODAY)
    page = (out / "coverage.html").read_text()
    assert "<th scope=\"col\">Kun dækket ved antagelse</th>" in page
    assert ("<td>Børn, Psykisk sårbare, Socialt udsatte, Unge</td><td class=\"number\">4 af 15 "
            "(heraf 4 kun antaget)</td>") in page
    assert "<td>6-17 år, 18+ år</td><td class=\"number\">94 % (heraf 94 % kun antaget)</td>" in page
    body = (out / "bodies" / "ssp.html").read_text()
    assert body.count("(antaget ud fra typen, ikke angivet)") == 2


def test_diff_marks_assumed_bodies(make_ws, runner):
    old = workspace(make_ws, district({"id": "ssp", "type": "ssp"}))
    new = workspace(make_ws, district({"id": "ssp", "type": "ssp", "valid_to": "2020-01-01"}))
    result = runner.invoke(cli, ["diff", str(old), str(new), "--as-of", "2026-01-01"], catch_exceptions=False)
    assert "      Alder 6-17: ssp (antaget ud fra typen)\n" in result.stdout
    assert "      Persongruppe Unge (unge): ssp (antaget ud fra typen)\n" in result.stdout
    as_json = json.loads(runner.invoke(cli, ["diff", str(old), str(new), "--as-of", "2026-01-01", "--format",
                                             "json"], catch_exceptions=False).stdout)
    assert {"area": "bornholm", "area_name": "Bornholm", "dimension": "ages", "item": "6-17", "label": "6-17",
            "change": "lost", "bodies": ["ssp"], "assumed": ["ssp"]} in as_json["coverage"]
