"""Injection corpus: ids and texts with quotes, backticks, braces, <script>, %, newlines, RTL marks,
zero-width characters, formula starts, DOT and Mermaid syntax and Danish letters, pushed through every
output in tests/outputs.py. Each output stays valid in its own format and shows the text as text.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.diagram import Style
from orgmodel.diagram import dot as render_dot
from orgmodel.diagram.mermaid import WORD_JOINER
from orgmodel.diagram.render import make_view
from orgmodel.export import export_graph
from orgmodel.model import label_text
from orgmodel.workspace import load_workspace

from .injection_corpus import CORPUS, TEXTS
from .outputs import build_outputs, leftovers, render
from .schemas import validate_sarif, validate_xml

OUTPUTS = build_outputs(body="row-0", role="edge", org="graph", other="x-", document="match")


def normal(text: str) -> str:
    """Whitespace as every output writes it: runs of spaces, tabs and newlines become one space."""
    return " ".join(str(text).split())


def test_the_corpus_is_read_as_written(corpus):
    _, ws, _ = corpus
    for entries in CORPUS.values():
        for entry in entries:
            written = ws.records[entry["id"]].entity
            assert getattr(written, "name", None) == entry.get("name") or written.title == entry.get("title")
    assert ws.records["edge"].entity.holder.name == TEXTS["braces"]
    assert ws.manifest.name == TEXTS["dot"]


# --- validators per kind ---------------------------------------------------------------------------------

def _svg_texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return normal(" ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text")))


def _svg_graph(svg: bytes) -> tuple[set, set]:
    """Node names and edges (as "a->b") that Graphviz drew, from the titles of its groups."""
    root = ET.fromstring(svg)
    nodes, edges = set(), set()
    for group in root.iter():
        kind = group.get("class")
        title = next((t.text for t in group if t.tag.endswith("}title")), None)
        if kind == "node":
            nodes.add(title)
        elif kind == "edge":
            edges.add(title)
    return nodes, edges


def _diagram(output, ws, G):
    argv = list(output.argv)
    option = lambda name: argv[argv.index(name) + 1] if name in argv else None  # noqa: E731
    style = Style("da", option("--member-label") or "{name}", False)
    return make_view(G, option("--view"), option("--kommune"), None, style)


def _expected_texts(diagram) -> list[str]:
    texts = [diagram.title] + [c.title for c in diagram.clusters]
    for box in diagram.boxes.values():
        texts += [box.title, box.subtitle] + [line.text for line in box.lines]
    return [normal(t) for t in texts if normal(t)]


def check_svg_drawing(svg: bytes, diagram) -> None:
    """Valid SVG that shows every text of the diagram as text, with exactly its boxes and lines."""
    shown = _svg_texts(svg)
    for text in _expected_texts(diagram):
        assert text in shown, f"{text!r} is not shown as text"
    nodes, edges = _svg_graph(svg)
    rows = {f"{render_dot.ROW}{n}" for n in range(len(diagram.rows))}
    expected_nodes = set(diagram.boxes) | rows | ({render_dot.LEGEND} if diagram.legend else set())
    assert nodes == expected_nodes, "Graphviz drew other boxes than the diagram has"
    links = {f"{link.source}->{link.target}" for link in diagram.links}
    assert links <= edges, links - edges


def validate_svg(files, output, ctx):
    check_svg_drawing(files[next(k for k in files if k.endswith(".svg"))], _diagram(output, ctx.ws, ctx.G))


def validate_dot(files, output, ctx):
    dot_text = files["stdout"].decode("utf-8")
    proc = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, check=False)
    assert proc.returncode == 0 and b"rror" not in proc.stderr, proc.stderr.decode()
    check_svg_drawing(proc.stdout, _diagram(output, ctx.ws, ctx.G))


def validate_drawn(files, output, ctx):
    """PNG and PDF: the right magic bytes, drawn by Graphviz from DOT that passes the DOT checks."""
    data = files[next(k for k in files if k.startswith("diagram."))]
    assert data.startswith(b"\x89PNG" if output.kind == "png" else b"%PDF")
    validate_dot({"stdout": files["drawn.dot"]}, output, ctx)


_MERMAID_LINE = [re.compile(p) for p in (
    r"flowchart TB", r"    %% [^\n]*",
    r" {4,8}(?P<node>n_[a-z0-9_]+)\[\"(?P<label>[^\"\[\]{}|`]*)\"\]",
    r"    subgraph (?P<sub>c_[a-z0-9_]+)\[\"(?P<label>[^\"\[\]{}|`]*)\"\]", r"    end",
    r"    (?P<a>n_[a-z0-9_]+) (?:-->|-\.->)(?:\|(?P<label>[^\"\[\]{}|`]*)\|)? (?P<b>n_[a-z0-9_]+)",
    r"    classDef fill\d+ fill:#[0-9a-f]{6},stroke:#555555", r"    class (?P<members>[a-z0-9_,]+) fill\d+")]
_MERMAID_ENTITY = re.compile(r"#(\d+|[a-z]+);")


def _unmermaid(label: str) -> str:
    named = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}
    text = re.sub(r"<br/>", " ", label).replace(WORD_JOINER, "")
    text = re.sub(r"</?[bi]>", "", text)
    assert "<" not in text and ">" not in text, f"raw angle bracket in {label!r}"
    return _MERMAID_ENTITY.sub(lambda m: chr(int(m[1])) if m[1].isdigit() else named[m[1]], text)


def validate_mermaid(files, output, ctx):
    """Every line is one of the forms orgmodel writes; labels hold no raw quote, bracket, brace, pipe or
    backtick; node and subgraph ids are unique; lines join defined nodes; the texts read back."""
    text = files["stdout"].decode("utf-8")
    nodes, subgraphs, labels = [], [], []
    for line in text.splitlines():
        found = next((m for m in (p.fullmatch(line) for p in _MERMAID_LINE) if m), None)
        assert found, f"not Mermaid that orgmodel writes: {line!r}"
        groups = found.groupdict()
        if groups.get("node"):
            nodes.append(groups["node"])
        if groups.get("sub"):
            subgraphs.append(groups["sub"])
        if groups.get("label"):
            labels.append(_unmermaid(groups["label"]))
        if groups.get("a"):
            assert groups["a"] in nodes and groups["b"] in nodes, line
    assert len(set(nodes)) == len(nodes) and not set(nodes) & set(subgraphs), "a Mermaid id is used twice"
    shown = normal(" ".join(labels))
    diagram = _diagram(output, ctx.ws, ctx.G)
    for expected in _expected_texts(diagram)[1:]:
        assert expected.replace("▪ ", "") in shown.replace("▪ ", ""), f"{expected!r} is not in the Mermaid labels"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _uncsv(cell: str) -> str:
    """A cell as the user wrote it: the guarding quote before a formula start removed."""
    assert not cell.startswith(FORMULA_START), f"a spreadsheet would run {cell!r}"
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _cell(value) -> str:
    """A JSON value as the CSV format writes it (lists joined with ', ', mappings as 'key: value; …')."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return str(value)


def validate_table_csv(files, output, ctx):
    """CSV cells are the JSON format's values, with formula starts guarded."""
    rows = list(csv.reader(io.StringIO(files["stdout"].decode("utf-8"))))
    twin = ctx.render(next(o for o in OUTPUTS if o.name == output.name.replace("--format csv", "--format json")))
    records = json.loads(twin["stdout"])
    assert rows[0] == (list(records[0]) if records else rows[0])
    assert [[_uncsv(c) for c in row] for row in rows[1:]] == [[_cell(v) for v in r.values()] for r in records]


def validate_table_json(files, output, ctx):
    records = json.loads(files["stdout"])
    assert isinstance(records, list)
    text = json.dumps(records, ensure_ascii=False)
    if output.name.startswith("show "):
        entity = output.argv[1]
        written = ctx.ws.records[entity].entity
        for key in ("name", "title"):
            if isinstance(getattr(written, key, None), str):
                assert json.dumps(getattr(written, key), ensure_ascii=False) in text


def validate_table_table(files, output, ctx):
    """The terminal table lists every row of the JSON format, each starting with its first value."""
    table = files["stdout"].decode("utf-8").splitlines()
    json_name = output.name.replace("--format table", "--format json").replace("--format text", "--format json")
    twin = ctx.render(next(o for o in OUTPUTS if o.name == json_name))
    firsts = [_cell(next(iter(r.values()))) for r in json.loads(twin["stdout"])]
    starts = [line.split("  ")[0].strip() for line in table]
    for first in firsts:
        assert normal(first).split(" ")[0] in starts or not first, f"{first!r} is not a row of the table"


def validate_chart(files, output, ctx):
    """A chart SVG is valid XML and every text placed on the chart is in it as text."""
    svg = files[next(k for k in files if k.endswith(".svg"))]
    shown = _svg_texts(svg)
    drawn = [normal(t) for t in files["drawn.chart"].decode("utf-8").split("\n") if normal(t)]
    assert drawn
    for text in drawn:
        assert text in shown, f"{text!r} is not shown as text (matplotlib read it as something else)"


CHART_TEXT = {"ages": TEXTS["minus"], "groups": TEXTS["math"], "crimes": "Bornholm"}
"""A text each coverage chart of the corpus draws: the SSP's name, the workspace's own group, the kommune."""


def validate_chart_binary(files, output, ctx):
    """PNG and PDF charts: the right magic bytes, drawn with the texts the SVG chart shows as text."""
    data = files[next(k for k in files if k.startswith("coverage."))]
    assert data.startswith(b"\x89PNG" if output.kind == "chart-png" else b"%PDF")
    dimension = output.argv[output.argv.index("--dimension") + 1]
    assert CHART_TEXT[dimension] in files["drawn.chart"].decode("utf-8").split("\n")


def validate_map_binary(files, output, ctx):
    """PNG and PDF maps: the right magic bytes, drawn with the attribution of the boundaries."""
    data = files[next(k for k in files if k.startswith("map."))]
    assert data.startswith(b"\x89PNG" if output.kind == "map-png" else b"%PDF")
    assert "Kommunegrænser: DAGI, Geodatastyrelsen og Danske Kommuner (2014)" in \
        files["drawn.chart"].decode("utf-8")


def _entity_labels(G) -> dict[str, str]:
    return {n: label_text(d.get("label"), "da") or n for n, d in G.nodes(data=True) if "record" in d}


def validate_export_json(files, output, ctx):
    back = nx.node_link_graph(json.loads(files["x.json"]), edges="edges")
    assert sorted(back.nodes) == sorted(export_graph(ctx.G).nodes)
    for node, label in _entity_labels(ctx.G).items():
        assert back.nodes[node]["label"] == label


def validate_export_xml(files, output, ctx):
    name = next(k for k in files if k.startswith("x."))
    ET.fromstring(files[name])
    validate_xml(name.split(".")[-1], files[name])
    path = ctx.tmp / name
    path.write_bytes(files[name])
    back = (nx.read_graphml if name.endswith("graphml") else nx.read_gexf)(path)
    assert sorted(back.nodes) == sorted(export_graph(ctx.G).nodes)
    for node, label in _entity_labels(ctx.G).items():
        assert back.nodes[node]["label"] == label, node
    assert back.nodes["edge"]["label"] == TEXTS["dot"]


def validate_export_csv(files, output, ctx):
    elements = list(csv.DictReader(io.StringIO(files["kumu/elements.csv"].decode("utf-8"))))
    labels = {row["Id"]: _uncsv(row["Label"]) for row in elements}
    for row in elements:
        for cell in row.values():
            _uncsv(cell)
    for node, label in _entity_labels(ctx.G).items():
        assert labels[node] == label, node
    connections = list(csv.reader(io.StringIO(files["kumu/connections.csv"].decode("utf-8"))))
    assert len(connections) - 1 == export_graph(ctx.G).number_of_edges()


_CYPHER_STRING = re.compile(r"'(?:[^'\\]|\\.)*'")
_CYPHER_LINES = [re.compile(p) for p in (
    r"// orgmodel export: run in Neo4j Browser or cypher-shell",
    r"CREATE CONSTRAINT IF NOT EXISTS FOR \(n:[A-Za-z]+\) REQUIRE n\.id IS UNIQUE;",
    r"MERGE \(n:[A-Za-z]+ \{id: \?\}\) SET n \+= \{(`[a-z_]+`: (\?|-?\d+|true|false)(, )?)*\};",
    r"MATCH \(a:[A-Za-z]+ \{id: \?\}\), \(b:[A-Za-z]+ \{id: \?\}\) MERGE \(a\)-\[:[A-Z_]+\]->\(b\);")]


def cypher_literal(text: str) -> str:
    """The value of a Cypher string literal."""
    body = text[1:-1]
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "u" and len(m[1]) == 5
                  else {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), body)


def validate_export_cypher(files, output, ctx):
    """Outside string literals each line is one of the statements orgmodel writes; the literals hold the texts."""
    script = files["x.cypher"].decode("utf-8")
    literals = []
    for line in script.splitlines():
        skeleton = _CYPHER_STRING.sub("?", line)
        assert any(p.fullmatch(skeleton) for p in _CYPHER_LINES), f"not a statement orgmodel writes: {skeleton!r}"
        literals += [cypher_literal(m) for m in _CYPHER_STRING.findall(line)]
    for label in _entity_labels(ctx.G).values():
        assert label in literals, label
    if os.environ.get("NEO4J_URI"):
        _run_cypher_script(script, ctx)


def _run_cypher_script(script: str, ctx) -> None:
    """Run the exported script on the test server and read every label back unchanged."""
    from orgmodel.neo4j import Connection, query

    conn = Connection(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                      os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
    query(conn, "MATCH (n) DETACH DELETE n", write=True)
    for statement in script.splitlines()[1:]:
        query(conn, statement.rstrip(";"), write=True)
    _, rows = query(conn, "MATCH (n) WHERE n.file IS NOT NULL RETURN n.id, n.label")
    assert dict(map(tuple, rows)) == _entity_labels(ctx.G)
    query(conn, "MATCH (n) DETACH DELETE n", write=True)


def validate_plan(files, output, ctx):
    """The dry-run plan holds statements with $rows only: no value of the workspace at all."""
    plan = files["stdout"].decode("utf-8")
    for text in TEXTS.values():
        assert normal(text) not in normal(plan)
    for line in plan.splitlines():
        assert line.startswith("//") or \
            re.fullmatch(r"(CREATE CONSTRAINT|CREATE INDEX|UNWIND \$rows AS row) [^'\"`]*;", line), line


def validate_check_text(files, output, ctx):
    assert normal(_check_message(ctx)) in normal(files["stdout"].decode())


def _check_message(ctx) -> str:
    return "'source' is still a placeholder: TODO " + TEXTS["script"]


def validate_check_json(files, output, ctx):
    data = json.loads(files["stdout"])
    assert _check_message(ctx) in [f["message"] for f in data["findings"]]


def validate_check_junit(files, output, ctx):
    validate_xml("junit", files["stdout"])
    root = ET.fromstring(files["stdout"])
    assert _check_message(ctx) in "".join(root.itertext())


def validate_check_sarif(files, output, ctx):
    data = json.loads(files.get("check.sarif") or files["stdout"])
    validate_sarif(data)
    assert any(_check_message(ctx) in r["message"]["text"] for r in data["runs"][0]["results"])


class _Page(HTMLParser):
    """The text a browser shows of a page, and its script tags."""

    def __init__(self):
        super().__init__()
        self.text, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def validate_report(files, output, ctx):
    """Every page shows the corpus as text and runs only the report's own script files; the search
    index is one JavaScript assignment of JSON that holds every entity's name as written."""
    pages = {k: v.decode("utf-8") for k, v in files.items() if k.endswith(".html")}
    assert len(pages) > 5
    shown = ""
    for name, page in pages.items():
        parser = _Page()
        parser.feed(page)
        assert all(set(s) == {"src"} and s["src"].endswith(".js") for s in parser.scripts), name
        assert TEXTS["script"] not in page, name
        shown += " " + normal(" ".join(parser.text))
    index_js = files["report/assets/search-index.js"].decode("utf-8")
    assignment = index_js[index_js.index("window.ORGMODEL_SEARCH = "):].strip()
    assert assignment.endswith(";") and assignment.count("window.") == 1
    entries = json.loads(assignment.removeprefix("window.ORGMODEL_SEARCH = ").removesuffix(";"))
    indexed = {entry[1] for entry in entries}
    holders = {r.entity.holder.name for r in ctx.ws.records.values() if r.get("holder")}
    for node, label in _entity_labels(ctx.G).items():
        if label in holders:
            continue  # the report removes a holder's name from every text unless --with-names
        if ctx.G.nodes[node]["kind"] in ("council", "forum"):
            assert normal(label) in shown, f"{label!r} is not shown as text"
        assert label in indexed, f"{label!r} is not in the search index as written"


def validate_xlsx(files, output, ctx):
    """The workbook holds no formula and every entry's name exactly as written; importing it
    back changes nothing."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(files["x.xlsx"]))
    names = {}
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            assert all(c.data_type != "f" for c in row), f"a formula in {sheet.title}"
            if "id" in header and ("name.da" in header or "title.da" in header):
                column = header.index("name.da" if "name.da" in header else "title.da")
                names[row[header.index("id")].value] = row[column].value
    for entries in CORPUS.values():
        for entry in entries:
            written = entry.get("name", entry.get("title"))
            if isinstance(written, str):
                assert names[entry["id"]] == written
    path = ctx.tmp / "x.xlsx"
    path.write_bytes(files["x.xlsx"])
    result = CliRunner().invoke(cli, ["import", str(path), str(ctx.root), "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("No changes"), "re-importing changed something"


def _changed_texts(ctx) -> list[str]:
    """The texts the changed copy of the corpus has (tests/outputs.py: changed_copy): each name and title."""
    return [label + " (ny)" for node, label in _entity_labels(ctx.G).items()
            if isinstance(ctx.G.nodes[node]["label"], str)]


def validate_diff_text(files, output, ctx):
    """Each changed text is in the diff as text, on one line: its line breaks, tabs and invisible characters as
    escapes (``orgmodel.tables.one_line``), so no name can print a line that reads as the diff's own."""
    from orgmodel.tables import one_line

    shown = files["stdout"].decode("utf-8")
    for text in _changed_texts(ctx):
        assert one_line(text) in shown, f"{text!r} is not in the diff"


def validate_diff_json(files, output, ctx):
    text = json.dumps(json.loads(files["stdout"]), ensure_ascii=False)
    for changed in _changed_texts(ctx):
        assert json.dumps(changed, ensure_ascii=False)[1:-1] in text, f"{changed!r} is not in the diff"


VALIDATORS = {
    "svg": validate_svg, "dot": validate_dot, "png": validate_drawn, "pdf": validate_drawn,
    "mermaid": validate_mermaid, "chart": validate_chart, "chart-png": validate_chart_binary,
    "chart-pdf": validate_chart_binary, "map-png": validate_map_binary, "map-pdf": validate_map_binary,
    "table-table": validate_table_table, "table-json": validate_table_json,
    "table-csv": validate_table_csv, "export-json": validate_export_json, "export-graphml": validate_export_xml,
    "export-gexf": validate_export_xml, "export-csv": validate_export_csv, "export-cypher": validate_export_cypher,
    "plan": validate_plan, "check-text": validate_check_text, "check-json": validate_check_json,
    "check-junit": validate_check_junit, "check-sarif": validate_check_sarif,
    "report": validate_report, "xlsx": validate_xlsx, "diff-text": validate_diff_text, "diff-json": validate_diff_json,
}
"""How each kind of output is validated. A new kind in tests/outputs.py needs an entry here."""


class Context:
    def __init__(self, root, ws, G, tmp, monkeypatch):
        self.root, self.ws, self.G, self.tmp, self.monkeypatch = root, ws, G, tmp, monkeypatch

    def render(self, output):
        folder = self.tmp / f"run-{abs(hash(output.name))}"
        return render(output, self.root, folder, False, self.monkeypatch)


needs_dot = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                               reason="Graphviz is not installed (make test installs it)")


def test_every_output_has_a_validator():
    assert not {o.kind for o in OUTPUTS} - set(VALIDATORS)


@needs_dot
@pytest.mark.parametrize("output", OUTPUTS, ids=[o.name for o in OUTPUTS])
def test_output_stays_valid_and_shows_text_as_text(output, corpus, tmp_path, monkeypatch):
    root, ws, G = corpus
    ctx = Context(root, ws, G, tmp_path, monkeypatch)
    files = render(output, root, tmp_path / "out", False, monkeypatch)
    VALIDATORS[output.kind](files, output, ctx)
    assert leftovers(tmp_path / "out") == []


def test_a_carriage_return_escape_is_refused_at_its_line(make_ws):
    from orgmodel.errors import UnreadableInputError

    root = make_ws({"a.yaml": 'roles:\n  - id: a\n    title: "linje 1\\rlinje 2"\n'})
    with pytest.raises(UnreadableInputError, match=r"^a\.yaml:3: the text 'linje 1\\rlinje 2' holds the control "
                                              r"character U\+000D"):
        load_workspace(root)


def test_windows_line_ends_are_plain_line_breaks(make_ws):
    root = make_ws({})
    (root / "a.yaml").write_bytes(b'roles:\r\n  - id: a\r\n    title: |\r\n      linje 1\r\n      linje 2\r\n')
    assert load_workspace(root).records["a"].entity.title == "linje 1\nlinje 2\n"


@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="no Neo4j server (make test starts one)")
def test_push_keeps_every_text(corpus):
    """`neo4j push` sends values only as parameters: every text and entry reads back unchanged."""
    from orgmodel.neo4j import Connection, push, query
    from orgmodel.neo4j.planner import desired_state

    _, ws, G = corpus
    conn = Connection(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                      os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
    query(conn, "MATCH (n) DETACH DELETE n", write=True)
    push(conn, ws, G)
    _, rows = query(conn, "MATCH (n) WHERE n._entity IS NOT NULL RETURN n.id, n.label, n._entity")
    entities = {props["id"]: props["_entity"] for nodes in desired_state(G, ws)[0].values()
                for props in nodes.values() if "_entity" in props}
    assert {row[0]: row[1] for row in rows} == _entity_labels(G)
    assert {row[0]: row[2] for row in rows} == entities
    _, rows = query(conn, "MATCH (n) WHERE NOT n:OrgmodelLock RETURN count(n)")  # the lock serialises pushes
    assert rows[0][0] == G.number_of_nodes() + 1
