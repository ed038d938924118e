"""The explorer page of ``orgmodel report``: its data, the packaged cytoscape.js, and the page left out without it.

What the page does in a browser is tested in tests/test_explorer_browser.py.
"""

import json
import os
import re
import shutil
from collections import Counter

import pytest

from orgmodel.cli import cli
from orgmodel.graph import build_graph
from orgmodel.queries import gaps_coverage, lookup, scope
from orgmodel.report import explorer
from orgmodel.report.build import NO_LIBRARY, build_report
from orgmodel.report.pages import Site
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE, ROOT, TODAY
from .districts import bornholm, find, national, write
from .test_report import NO_STATEMENT

HOLDER = "Jensine Testesen-Hansen"
pytestmark = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                                reason="Graphviz is not installed (make test installs it; CI requires it)")


def _data(out) -> dict:
    text = (out / "assets" / "explorer-data.js").read_text(encoding="utf-8")
    prefix = "// The network of this orgmodel report, read by explorer.js.\nwindow.ORGMODEL_EXPLORER = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("explorer") / "report"
    build_report(load_workspace(EXAMPLE), out, today=TODAY)
    return out, _data(out)


def test_the_network_holds_every_entity_and_kommune_with_the_graphs_own_edges(example):
    _, data = example
    G = build_graph(load_workspace(EXAMPLE), as_of=TODAY)
    kinds = ("council", "forum", "organisation", "role", "goal", "document", "policy")
    kommuner = ["herning", "holstebro", "ikast-brande", "lemvig", "morsoe", "ringkoebing-skjern", "silkeborg",
                "skive", "struer", "thisted", "viborg"]
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(n for n, d in G.nodes(data=True) if d["kind"] in kinds) + kommuner
    assert len(ids) == 46 + 48 + 12 + 17 + 12 + 2 + 3 + 11
    shown = set(ids)
    assert data["edges"] == sorted([u, v, k] for u, v, k in G.edges(keys=True) if u in shown and v in shown)
    assert data["left_out"] == []
    node = {n["id"]: n for n in data["nodes"]}
    assert {k: node["ssp-silkeborg"][k] for k in ("kind", "kommune", "level", "type", "category", "url", "fill")} \
        == {"kind": "forum", "kommune": "silkeborg", "level": "taktisk", "type": "ssp", "category": "",
            "url": "bodies/ssp-silkeborg.html", "fill": "#e3f1e3"}
    assert node["silkeborg-lokalpoliti"]["category"] == "politi"
    assert node["silkeborg-lokalpoliti"]["fill"] == "#1f4e9a"


def test_the_card_is_what_show_prints(example):
    _, data = example
    G = build_graph(load_workspace(EXAMPLE), as_of=TODAY)
    card = {n["id"]: n["card"] for n in data["nodes"]}["ssp-silkeborg"]
    attributes, relations = lookup.show(G, "ssp-silkeborg", "da", public=True)
    assert [key for key, _ in card["attributes"]] == list(attributes)
    assert ["level", "taktisk"] in card["attributes"] and ["file", "forums/silkeborg.yaml:14"] in card["attributes"]
    assert card["relations"] == [[r.direction, r.relation, r.other, r.other_label] for r in relations]
    assert ["out", "under", "lokalraad-silkeborg", "Lokalrådet i Silkeborg Kommune"] in card["relations"]


def test_places_are_the_same_from_run_to_run(example, tmp_path):
    out, data = example
    again = tmp_path / "again"
    build_report(load_workspace(EXAMPLE), again, today=TODAY)
    assert (again / "assets" / "explorer-data.js").read_bytes() == (out / "assets" / "explorer-data.js").read_bytes()
    places = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(places) == len(data["nodes"])  # no two nodes on one spot


def test_coverage_mode_says_what_gaps_says(example):
    _, data = example
    table = gaps_coverage(load_workspace(EXAMPLE), "groups", as_of=TODAY)
    wanted = {(row[0], row[1]): row[3] for row in table.rows}
    got = {(k, item["id"]): status[0] for item in data["coverage"]["groups"] for k, status in item["kommuner"].items()}
    assert got == wanted
    bands = {item["id"]: item for item in data["coverage"]["ages"]}
    assert list(bands) == ["0-5", "6-9", "10-14", "15-17", "18-25", "26-64", "65-79", "80+"]
    assert bands["0-5"]["kommuner"]["silkeborg"] == ["uncovered", "0 %"]
    assert bands["6-9"]["kommuner"]["silkeborg"] == ["covered", "100 %"]
    assert "ssp-silkeborg" in bands["6-9"]["bodies"] and "ssp-silkeborg" not in bands["0-5"]["bodies"]


def test_the_page_names_the_library_and_its_licence(example):
    out, _ = example
    page = (out / "explorer.html").read_text(encoding="utf-8")
    version = (ROOT / "orgmodel" / "report" / "vendor" / "cytoscape-VERSION.txt").read_text(encoding="utf-8")
    assert version == f"{re.search(r'^CYTOSCAPE_VERSION := (.+)$', (ROOT / 'Makefile').read_text(), re.M)[1]}\n"
    assert f"cytoscape.js {version.strip()} fra The Cytoscape Consortium under MIT-licensen" in page
    assert '<a href="assets/cytoscape-LICENSE.txt">Licensteksten</a>' in page
    assert (out / "assets" / "cytoscape-LICENSE.txt").read_text(encoding="utf-8").startswith(
        "Copyright (c) 2016-2026, The Cytoscape Consortium.")
    vendor = ROOT / "orgmodel" / "report" / "vendor" / "cytoscape.min.js"
    assert (out / "assets" / "cytoscape.min.js").read_bytes() == vendor.read_bytes()
    assert '<li><a href="explorer.html">Netværk</a></li>' in (out / "index.html").read_text(encoding="utf-8")


def test_without_the_library_the_page_is_left_out_and_the_command_says_so(monkeypatch, tmp_path, runner):
    monkeypatch.setattr(explorer, "VENDOR", "no-such-folder")
    out = tmp_path / "report"
    result = runner.invoke(cli, ["report", str(EXAMPLE), "-o", str(out), "--today", "2026-11-22"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == (f"Wrote 36 pages to {out}\n"
                             f"Open {out / 'index.html'} in a browser, or publish the folder as it is.\n")
    assert result.stderr == f"{NO_STATEMENT}Note: {NO_LIBRARY}\n"
    assert "make cytoscape" in NO_LIBRARY
    assert not (out / "explorer.html").exists() and not (out / "assets" / "cytoscape.min.js").exists()
    assert not [p for p in out.rglob("*.html") if "explorer.html" in p.read_text(encoding="utf-8")]


def test_above_the_limit_only_bodies_and_kommuner_are_shown_with_a_word(monkeypatch, tmp_path):
    monkeypatch.setattr(explorer, "LIMIT", 100)
    out = tmp_path / "report"
    build_report(load_workspace(EXAMPLE), out, today=TODAY)
    data = _data(out)
    assert {n["kind"] for n in data["nodes"]} == {"council", "forum", "area"}
    assert len(data["nodes"]) == 12 + 16 + 11
    assert data["left_out"] == ["Plan", "Mål", "Organisation", "Politik", "Stilling"]
    page = (out / "explorer.html").read_text(encoding="utf-8")
    assert ("Netværket har mere end 100 knuder, så kun råd, fora og kommuner vises; Plan, Mål, Organisation, "
            "Politik, Stilling er udeladt.") in page


def test_names_of_holders_stay_out_of_the_network_unless_asked_for(make_ws, tmp_path):
    data = bornholm()
    find(data, "politikommissaer")["holder"] = {"name": HOLDER, "verified": "2026-06-01"}
    ws = load_workspace(write(make_ws, data))
    build_report(ws, tmp_path / "public", today=TODAY)
    build_report(ws, tmp_path / "named", today=TODAY, with_names=True)
    assert HOLDER not in json.dumps(_data(tmp_path / "public"), ensure_ascii=False)
    named = {n["id"]: n for n in _data(tmp_path / "named")["nodes"]}["politikommissaer"]
    assert HOLDER in named["label"] and any(HOLDER in value for _, value in named["card"]["attributes"])


def test_the_network_of_a_site_in_english_uses_english_words():
    site = Site.of(load_workspace(EXAMPLE), "en", today=TODAY)
    data = explorer.explorer_data(site, lambda v: v, positions=False)
    assert {n["kind_label"] for n in data["nodes"]} == {"Council", "Forum", "Organisation", "Position", "Goal",
                                                        "Plan", "Policy", "Kommune"}
    assert ["strategisk", "Strategic level"] in data["choices"]["level"]


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    from orgmodel.workspace import open_workspaces

    ws = open_workspaces([national(tmp_path_factory.mktemp("land") / "national")])
    out = tmp_path_factory.mktemp("national-explorer") / "report"
    build_report(ws, out, today=TODAY)
    return ws, out, _data(out)


def _district_pages_hold_their_nodes(out, data, G) -> None:
    """Every node's link leads into the folder of its own workspace, to a file that exists and shows it."""
    for node in data["nodes"]:
        district = G.nodes[node["id"]].get("workspace")
        if node["kind"] == "area":
            assert node["url"] == "" and node["district"] in ("bornholm", "fyn", "mvj"), node["id"]
            continue
        assert node["district"] == district and node["url"].startswith(f"{district}/"), node["id"]
        page, _, anchor = node["url"].partition("#")
        text = (out / page).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in text, node["url"]


def test_the_national_explorer_draws_the_nation_and_links_each_node_into_its_district(nation):
    ws, out, data = nation
    G = build_graph(ws, as_of=TODAY)
    kinds = ("council", "forum", "organisation", "role", "goal", "document", "policy")
    kommuner = sorted(scope.workspace_of_areas(G, ws).keys() - {"kreds-bornholm", "kreds-fyn",
                                                                 "kreds-midt-og-vestjylland"})
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(n for n, d in G.nodes(data=True) if d["kind"] in kinds) + kommuner
    assert len(ids) == 214 + 22 and data["left_out"] == []
    assert {n["district"] for n in data["nodes"]} == {"bornholm", "fyn", "mvj"}
    _district_pages_hold_their_nodes(out, data, G)
    node = {n["id"]: n for n in data["nodes"]}
    assert node["ssp-silkeborg"]["url"] == "mvj/bodies/ssp-silkeborg.html"
    assert node["silkeborg"]["district"] == "mvj" and node["aeroe"]["district"] == "fyn"
    assert data["choices"]["district"] == [["bornholm", "Bornholm"], ["mvj", "Kredsrådet i Midt- og Vestjylland"],
                                           ["fyn", "Kredsrådet på Fyn"]]
    page = (out / "explorer.html").read_text(encoding="utf-8")
    assert '<select id="filter-district" data-facet="district">' in page
    assert "linket på en knudes kort fører til siden om den i arbejdsområdets egen rapport" in page
    assert '<li><a href="explorer.html">Netværk</a></li>' in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "assets" / "cytoscape.min.js").is_file() and (out / "mvj" / "explorer.html").is_file()
    assert "filter-district" not in (out / "mvj" / "explorer.html").read_text(encoding="utf-8")


def test_the_national_explorer_above_the_limit_shows_bodies_and_kommuner_and_says_so(nation, monkeypatch,
                                                                                      tmp_path):
    ws, _, _ = nation
    monkeypatch.setattr(explorer, "LIMIT", 100)
    out = tmp_path / "report"
    build_report(ws, out, today=TODAY)
    data = _data(out)
    G = build_graph(ws, as_of=TODAY)
    bodies = sorted(n for n, d in G.nodes(data=True) if d["kind"] in ("council", "forum"))
    assert [n["id"] for n in data["nodes"]] == bodies + sorted(n["id"] for n in data["nodes"] if n["kind"] == "area")
    assert len(data["nodes"]) == len(bodies) + 22 == 49 + 22
    _district_pages_hold_their_nodes(out, data, G)
    assert "Netværket har mere end 100 knuder, så kun råd, fora og kommuner vises" in \
        (out / "explorer.html").read_text(encoding="utf-8")


def test_names_of_holders_stay_out_of_the_national_network_unless_asked_for(tmp_path):
    import yaml

    from orgmodel.workspace import open_workspaces

    land = national(tmp_path / "national")
    data = bornholm()
    find(data, "politikommissaer")["holder"] = {"name": HOLDER, "verified": "2026-06-01"}
    (land / "bornholm" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    ws = open_workspaces([land])
    build_report(ws, tmp_path / "public", today=TODAY)
    build_report(ws, tmp_path / "named", today=TODAY, with_names=True)
    assert HOLDER not in json.dumps(_data(tmp_path / "public"), ensure_ascii=False)
    named = {n["id"]: n for n in _data(tmp_path / "named")["nodes"]}["politikommissaer"]
    assert HOLDER in named["label"] and named["url"] == "bornholm/participants.html#politikommissaer"


def test_roles_that_read_the_same_are_named_with_their_organisation(nation):
    """A whole country holds a borgmester per kommune: each is told apart in the list and on the canvas."""
    _, _, data = nation
    labels = [n["label"] for n in data["nodes"] if n["kind"] == "role"]
    assert "Borgmester, Silkeborg Kommune" in labels
    assert not [label for label, count in Counter(labels).items() if count > 1]
