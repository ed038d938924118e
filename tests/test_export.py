import csv
import io
import json
import os
import re

import networkx as nx
import pytest

from orgmodel.cli import cli
from orgmodel.export.formats import export, export_graph, export_text, to_cypher
from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE
from .districts import bornholm, find, write
from .schemas import validate_xml


@pytest.fixture(scope="module")
def G():
    return build_graph(load_workspace(EXAMPLE))


def _edges(graph):
    return sorted((u, v, k) for u, v, k in graph.edges(keys=True))


@pytest.mark.parametrize("include_unused", [False, True])
@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_are_valid_and_load_back_with_the_same_nodes_and_edges(G, tmp_path, fmt, reader,
                                                                                 include_unused):
    """Valid by the formats' own schemas (GraphML 1.0: unique edge ids; GEXF 1.2: no name on <graph>)."""
    path = tmp_path / f"x.{fmt}"
    export(G, fmt, path, include_unused=include_unused)
    validate_xml(fmt, path)
    back = reader(path)
    H = export_graph(G, include_unused=include_unused)
    assert sorted(back.nodes) == sorted(H.nodes)
    relations = sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True))
    assert relations == _edges(H)
    if include_unused:
        assert sorted(back.nodes) == sorted(G.nodes) and relations == _edges(G)
    assert back.nodes["ssp-silkeborg"]["kind"] == "forum"
    assert back.nodes["ssp-silkeborg"]["label"] == "SSP Silkeborg"


def test_graphml_edge_ids_are_unique_and_gexf_is_the_same_every_day(G, tmp_path):
    export(G, "graphml", tmp_path / "x.graphml")
    ids = re.findall(r'<edge [^>]*\bid="([^"]+)"', (tmp_path / "x.graphml").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)) == export_graph(G).number_of_edges()
    export(G, "gexf", tmp_path / "x.gexf")
    text = (tmp_path / "x.gexf").read_text(encoding="utf-8")
    assert "<graph " in text and " name=" not in text.split("<graph ")[1].split(">")[0]
    assert "lastmodifieddate" not in text


def test_graphml_loads_in_igraph(G, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "x.graphml"
    export(G, "graphml", path)
    back = igraph.Graph.Read_GraphML(str(path))
    H = export_graph(G)
    assert sorted(back.vs["id"]) == sorted(H.nodes)
    names = back.vs["id"]
    assert sorted((names[e.source], names[e.target], e["relation"]) for e in back.es) == _edges(H)


def test_json_node_link_loads_back(G, tmp_path):
    path = tmp_path / "x.json"
    export(G, "json", path)
    back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    H = export_graph(G)
    assert sorted(back.nodes) == sorted(H.nodes)
    assert sorted((u, v, k) for u, v, k in back.edges(keys=True)) == _edges(H)


def test_exports_carry_only_the_areas_and_terms_the_workspace_uses(G):
    """Not all 110 areas and 30 terms: only those the entries reference, with the kreds of each kommune."""
    H = export_graph(G)
    entities = {n for n, d in G.nodes(data=True) if "record" in d}
    assert entities <= set(H)
    areas = {n for n, d in H.nodes(data=True) if d["kind"] == "area"}
    assert areas == {"herning", "holstebro", "ikast-brande", "lemvig", "morsoe", "ringkoebing-skjern", "silkeborg",
                     "skive", "struer", "thisted", "viborg", "kreds-midt-og-vestjylland"}
    assert ("silkeborg", "kreds-midt-og-vestjylland", "part_of") in _edges(H)
    covered = {v for u, v, k in G.edges(keys=True) if k == "covers"}
    assert {n for n, d in H.nodes(data=True) if d["kind"] in ("group", "crime")} == covered
    assert "crime:faerdsel" in G and "crime:faerdsel" not in H
    everything = export_graph(G, include_unused=True)
    assert sorted(everything.nodes) == sorted(G.nodes) and _edges(everything) == _edges(G)
    assert sum(d["kind"] == "area" for _, d in everything.nodes(data=True)) == 110


def test_a_used_politikreds_comes_without_its_kommuner(make_ws):
    data = bornholm()
    G = build_graph(load_workspace(write(make_ws, data)))
    areas = {n for n, d in export_graph(G).nodes(data=True) if d["kind"] == "area"}
    assert areas == {"bornholm", "kreds-bornholm"}


def _read_csv(path) -> tuple[list[str], list[dict]]:
    """The header and rows of a CSV file, read with pandas when it is installed (as a data person would)."""
    try:
        import pandas
    except ImportError:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames or []), list(reader)
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    return list(frame.columns), frame.to_dict("records")


def test_csv_for_kumu(G, tmp_path):
    written = export(G, "csv", tmp_path / "kumu")
    assert [p.name for p in written] == ["elements.csv", "connections.csv"]
    header, elements = _read_csv(tmp_path / "kumu" / "elements.csv")
    _, connections = _read_csv(tmp_path / "kumu" / "connections.csv")
    H = export_graph(G)
    assert len(elements) == H.number_of_nodes() and len(connections) == H.number_of_edges()
    row = next(r for r in elements if r["Id"] == "kredsraad-mvj")
    assert row["Label"] == "Kredsrådet i Midt- og Vestjylland" and row["Type"] == "council"
    assert {"From": "lokalraad-silkeborg", "To": "kredsraad-mvj", "Type": "reports_to", "since": ""} in connections
    assert {"From": "lokalraad-silkeborg", "To": "skolechef-silkeborg", "Type": "member",
            "since": "2025-01-01"} in connections


def test_kumu_columns_have_one_meaning_each(make_ws, tmp_path):
    """Kumu reads Type (and Tags) whatever their case: the kind is Type, the entity's own type Subtype."""
    data = bornholm()
    find(data, "ssp")["tags"] = ["unge", "skole"]
    export(build_graph(load_workspace(write(make_ws, data))), "csv", tmp_path / "kumu")
    header, elements = _read_csv(tmp_path / "kumu" / "elements.csv")
    assert header[:3] == ["Id", "Label", "Type"]
    assert len({h.lower() for h in header}) == len(header), header
    ssp = next(r for r in elements if r["Id"] == "ssp")
    assert (ssp["Type"], ssp["Subtype"], ssp["Tags"]) == ("forum", "ssp", "unge|skole")
    area = next(r for r in elements if r["Id"] == "bornholm")
    assert (area["Type"], area["Subtype"], area["area_kind"]) == ("area", "", "kommune")


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
    assert labels <= {"Organisation", "Role", "Council", "Forum", "Goal", "Document", "Policy", "Area",
                      "PersonGroup", "CrimeType"}
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
    G = build_graph(load_workspace(EXAMPLE))
    assert nx.read_graphml(out).number_of_nodes() == export_graph(G).number_of_nodes() < G.number_of_nodes() - 100
    every = runner.invoke(cli, ["export", str(EXAMPLE), "--format", "graphml", "-o", str(out), "--include-unused"],
                          catch_exceptions=False)
    assert every.exit_code == 0 and nx.read_graphml(out).number_of_nodes() == G.number_of_nodes()
    missing = runner.invoke(cli, ["export", str(EXAMPLE), "--format", "json"], catch_exceptions=False)
    assert missing.exit_code == 2 and "Missing option '-o'" in missing.output


@pytest.mark.parametrize(("name", "reader"), [("mvj.graphml", nx.read_graphml), ("mvj.GEXF", nx.read_gexf),
                                              ("mvj.json", lambda p: json.loads(p.read_text(encoding="utf-8"))),
                                              ("mvj.cql", lambda p: p.read_text(encoding="utf-8"))])
def test_export_format_from_the_suffix(runner, tmp_path, name, reader):
    out = tmp_path / name
    result = runner.invoke(cli, ["export", str(EXAMPLE), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == f"Wrote {out}\n"
    fmt = {"graphml": "graphml", "gexf": "gexf", "json": "json", "cql": "cypher"}[out.suffix[1:].lower()]
    named = runner.invoke(cli, ["export", str(EXAMPLE), "--format", fmt, "-o", "-"], catch_exceptions=False)
    assert named.exit_code == 0 and out.read_text(encoding="utf-8") == named.stdout
    reader(out)


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "graphml", "-o", "{tmp}/mvj.gexf"],
     "Error: -o {tmp}/mvj.gexf names gexf but --format is graphml; give a file ending in the format's suffix, or "
     "leave out --format\n"),
    (["-o", "{tmp}/mvj.txt"],
     "Error: cannot tell the format of -o {tmp}/mvj.txt from its suffix '.txt'; use one of .graphml, .gexf, .json, "
     ".cypher, .cql, .xlsx, or give --format (graphml, gexf, json, cypher, csv, xlsx)\n"),
    (["-o", "{tmp}/kumu"],
     "Error: cannot tell the format of -o {tmp}/kumu from its suffix '(none)'; use one of .graphml, .gexf, .json, "
     ".cypher, .cql, .xlsx, or give --format (graphml, gexf, json, cypher, csv, xlsx)\n"),
    (["-o", "-"], "Error: cannot tell the format of standard output; give --format (graphml, gexf, json, cypher)\n"),
    (["--format", "xlsx", "-o", "-"],
     "Error: --format xlsx writes a binary workbook, not one stream; give a file name ending in .xlsx with -o\n"),
])
def test_export_format_refused_before_any_work(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["export", str(tmp_path / "no-workspace"), *[a.format(tmp=tmp_path) for a in args]],
                           catch_exceptions=False)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message.format(tmp=tmp_path), "")
    assert list(tmp_path.iterdir()) == []


def test_a_workspace_term_id_with_a_space_is_refused_and_the_graphml_stays_valid(make_ws, tmp_path):
    root = make_ws({"orgmodel.yaml": "name: T\nvocabulary:\n  groups:\n    unge voksne: {da: Unge voksne x, en: x}\n",
                    "data.yaml": "forums:\n  - {id: f, type: ssp, area: odense, covers: {groups: [unge voksne]}}\n"})
    ws = load_workspace(root)
    assert [(p.rule, p.line) for p in ws.problems] == [("schema.bad-id", 4)]
    export(build_graph(ws), "graphml", tmp_path / "t.graphml")
    validate_xml("graphml", tmp_path / "t.graphml")


def test_a_tag_holding_the_list_separator_stays_one_tag(make_ws, tmp_path):
    data = bornholm()
    find(data, "bornholm-kommune")["tags"] = ["Tryg by; natteliv", "SSP"]
    find(data, "bornholms-politi")["tags"] = ["Tryg by", "natteliv", "SSP"]
    G = build_graph(load_workspace(write(make_ws, data)))
    export(G, "csv", tmp_path / "kumu")
    rows = {r["Id"]: r["Tags"] for r in csv.DictReader(io.StringIO((tmp_path / "kumu" / "elements.csv").read_text(
        encoding="utf-8")))}
    assert rows["bornholm-kommune"] == "Tryg by; natteliv|SSP" and rows["bornholms-politi"] == "Tryg by|natteliv|SSP"
    nodes = {n["id"]: n for n in json.loads(export_text(G, "json"))["nodes"]}
    assert json.loads(nodes["bornholm-kommune"]["tags"]) == ["Tryg by; natteliv", "SSP"]
    assert nodes["bornholms-politi"]["tags"] == "Tryg by; natteliv; SSP"


def _read_list(text: str) -> list:
    """A list attribute as the README tells a reader to read it: a JSON array, else the items between `; `."""
    return json.loads(text) if text.startswith("[") else text.split("; ")


def test_a_list_reads_back_as_written_whatever_its_items_hold(make_ws, tmp_path, runner):
    data = bornholm()
    find(data, "bornholm-kommune")["tags"] = ["[udkast]"]
    find(data, "bornholms-politi")["tags"] = ['["a", "b"]']
    h1 = find(data, "h1")
    h1["status"] = [{"status": "i-gang", "date": "2026-03-01", "source": "Rapport; bilag 2"}]
    h1["indicators"] = [{"measure": "Møder; antal", "target": 4}, {"measure": "Andet", "target": 2}]
    root = write(make_ws, data)
    nodes = {n["id"]: n for n in json.loads(export_text(build_graph(load_workspace(root)), "json"))["nodes"]}
    assert _read_list(nodes["bornholm-kommune"]["tags"]) == ["[udkast]"]
    assert _read_list(nodes["bornholms-politi"]["tags"]) == ['["a", "b"]']
    assert _read_list(nodes["h1"]["status"]) == [h1["status"][0]]
    assert [i["measure"] for i in _read_list(nodes["h1"]["indicators"])] == ["Møder; antal", "Andet"]
    result = runner.invoke(cli, ["export", str(root), "--format", "csv", "-o", str(tmp_path / "kumu")],
                           catch_exceptions=False)
    assert result.exit_code == 0
    rows = {r["Id"]: r["Tags"] for r in csv.DictReader(io.StringIO((tmp_path / "kumu" / "elements.csv").read_text(
        encoding="utf-8")))}
    assert rows["bornholm-kommune"] == "[udkast]" and rows["bornholms-politi"] == '["a", "b"]'


def test_a_tag_holding_kumus_separator_is_refused_for_kumu(make_ws, tmp_path, runner):
    data = bornholm()
    find(data, "bornholm-kommune")["tags"] = ["skole|fritid", "tryg"]
    result = runner.invoke(cli, ["export", str(write(make_ws, data)), "--format", "csv", "-o", str(tmp_path / "k")],
                           catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: the tag 'skole|fritid' of 'bornholm-kommune' holds '|', which Kumu reads between "
                             "tags, so it would read as several\n  Fix: write the tag without '|' (e.g. with '/'), or "
                             "export another format\n")
    assert not (tmp_path / "k").exists()


@pytest.mark.parametrize("suffix", ["xlsx", "graphml", "csv"])
def test_a_write_error_is_one_error_line_and_leaves_no_file(tmp_path, suffix):
    """openpyxl's zip file, failing inside, printed a traceback when it was freed ("Exception ignored in …"); the
    csv export left the folders it made."""
    import resource
    import subprocess
    import sys

    out = tmp_path / "new" / "kumu" if suffix == "csv" else tmp_path / f"mvj.{suffix}"
    written = str(out / "elements.csv") if suffix == "csv" else str(out)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run([sys.executable, "-m", "orgmodel", "export", str(EXAMPLE), "-o", str(out),
                             *(["--format", "csv"] if suffix == "csv" else [])],
                            capture_output=True, text=True, preexec_fn=small_files,
                            env={**os.environ, "ORGMODEL_CACHE": "off"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"Error: cannot write {written}: File too large. Check that the folder exists, that you "
                             "may write to it and that the disk has room\n")
    assert list(tmp_path.iterdir()) == []
