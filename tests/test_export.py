import csv
import io
import json
import re

import networkx as nx
import pytest

from orgmodel.cli import cli
from orgmodel.export.formats import export, export_graph, to_cypher
from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE
from .districts import bornholm, find, write


@pytest.fixture(scope="module")
def G():
    return build_graph(load_workspace(EXAMPLE))


def _edges(graph):
    return sorted((u, v, k) for u, v, k in graph.edges(keys=True))


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_back_with_the_same_nodes_and_edges(G, tmp_path, fmt, reader):
    path = tmp_path / f"x.{fmt}"
    export(G, fmt, path)
    back = reader(path)
    assert sorted(back.nodes) == sorted(G.nodes)
    relations = sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True))
    assert relations == _edges(G)
    assert back.nodes["ssp-silkeborg"]["kind"] == "forum"
    assert back.nodes["ssp-silkeborg"]["label"] == "SSP Silkeborg"


def test_json_node_link_loads_back(G, tmp_path):
    path = tmp_path / "x.json"
    export(G, "json", path)
    back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert sorted(back.nodes) == sorted(G.nodes)
    assert sorted((u, v, k) for u, v, k in back.edges(keys=True)) == _edges(G)


def test_csv_for_kumu(G, tmp_path):
    written = export(G, "csv", tmp_path / "kumu")
    assert [p.name for p in written] == ["elements.csv", "connections.csv"]
    elements = list(csv.DictReader(io.StringIO((tmp_path / "kumu" / "elements.csv").read_text(encoding="utf-8"))))
    connections = list(csv.DictReader(io.StringIO((tmp_path / "kumu" / "connections.csv").read_text(encoding="utf-8"))))
    assert len(elements) == G.number_of_nodes() and len(connections) == G.number_of_edges()
    row = next(r for r in elements if r["Id"] == "kredsraad-mvj")
    assert row["Label"] == "Kredsrådet i Midt- og Vestjylland" and row["Type"] == "council"
    assert {"From": "lokalraad-silkeborg", "To": "kredsraad-mvj", "Type": "reports_to"} in connections


INJECTION = "x'}) DETACH DELETE n //\n=cmd|' /C calc'!A0 `"


def test_cypher_and_csv_keep_hostile_text_as_text(make_ws, tmp_path):
    data = bornholm()
    find(data, "ssp")["name"] = INJECTION
    G = build_graph(load_workspace(write(make_ws, data)))
    script = to_cypher(export_graph(G))
    line = next(s for s in script.splitlines() if "{id: 'ssp'}" in s)
    assert "'x\\'}) DETACH DELETE n //\\u000a=cmd|\\' /C calc\\'!A0 `'" in line
    assert script.count("DETACH") == script.count("\\'}) DETACH") >= 1
    export(G, "csv", tmp_path / "out")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "elements.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["Id"] == "ssp")["Label"] == INJECTION
    find(data, "ssp")["name"] = "=HYPERLINK(\"http://x\")"
    G = build_graph(load_workspace(write(make_ws, data)))
    export(G, "csv", tmp_path / "out2")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out2" / "elements.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["Id"] == "ssp")["Label"] == "'=HYPERLINK(\"http://x\")"


def test_cypher_uses_only_known_labels_and_types(G):
    script = to_cypher(export_graph(G))
    labels = set(re.findall(r"\((?:n|a|b):(\w+)", script))
    assert labels <= {"Organisation", "Role", "Council", "Forum", "Goal", "Document", "Area", "PersonGroup",
                      "CrimeType"}
    assert "MERGE (a)-[:REPORTS_TO]->(b);" in script
    assert ("MATCH (a:Document {id: 'samarbejdsplan-mvj-2026'}), (b:Goal {id: 'mvj-2026-indbrud'}) "
            "MERGE (a)-[:INCLUDES]->(b);") in script


def test_public_export_has_no_holder(make_ws, tmp_path):
    data = bornholm()
    find(data, "borgmester-bornholm")["holder"] = {"name": "Jens Hansen"}
    root = write(make_ws, data)
    G = build_graph(load_workspace(root))
    assert "Jens Hansen" in to_cypher(export_graph(G))
    for fmt in ("graphml", "gexf", "json", "cypher"):
        export(G, fmt, tmp_path / f"p.{fmt}", public=True)
        assert "Jens Hansen" not in (tmp_path / f"p.{fmt}").read_text(encoding="utf-8")


def test_export_cli(runner, tmp_path):
    out = tmp_path / "mvj.graphml"
    result = runner.invoke(cli, ["export", str(EXAMPLE), "--format", "graphml", "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == f"Wrote {out}\n"
    assert nx.read_graphml(out).number_of_nodes() > 200
    missing = runner.invoke(cli, ["export", str(EXAMPLE), "--format", "json"], catch_exceptions=False)
    assert missing.exit_code == 2 and "Missing option '-o'" in missing.output
