"""`orgmodel export`: the graph for Gephi, yEd, Kumu, arrows, Neo4j and spreadsheets.

``xlsx`` is different: one sheet per section with the entries as written, for
editing and ``orgmodel import`` (see :mod:`orgmodel.xlsx.workbook`).

Every export has the same nodes (entities, areas, groups, crimes) and edges
(keyed by relationship) as the workspace graph, with plain attribute values:
lists are joined with ``; ``, mappings written as JSON. ``public`` drops
personal data (:data:`orgmodel.model.PERSONAL_FIELDS`: ``holder`` and ``note``).

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> H = export_graph(build_graph(load_workspace("examples/midt-og-vestjylland")))
>>> H.nodes["ssp-silkeborg"]["kind"], H.nodes["ssp-silkeborg"]["area"]
('forum', 'silkeborg')
"""

import csv
import io
import json
from pathlib import Path

import networkx as nx

from orgmodel.files import atomic_path, make_folder, write_text_atomic, write_texts_atomic
from orgmodel.model import label_text, written_fields
from orgmodel.tables import cell_text, csv_safe

from . import cypher

FORMATS = ("graphml", "gexf", "json", "cypher", "csv", "xlsx")


def _scalar(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def entity_fields(G: nx.MultiDiGraph, node: str, public: bool = False) -> dict | None:
    """The entry as written (JSON types), without personal data when ``public``."""
    record = G.nodes[node].get("record")
    if record is None:
        return None
    return written_fields(record.entity, public)


def node_attributes(G: nx.MultiDiGraph, node: str, public: bool = False, fields: dict | None = None) -> dict:
    """Plain attributes of one node: kind, labels, level, area, place in the files and written fields."""
    data = G.nodes[node]
    label = data.get("label")
    attrs = {"kind": data["kind"], "label": label_text(label, "da") or node, "label_en": label_text(label, "en")}
    for key in ("type", "level", "area", "code", "area_kind"):
        if data.get(key) not in (None, ""):
            attrs[key] = data[key]
    if "record" in data:
        record = data["record"]
        attrs["file"], attrs["line"] = record.file, record.line
        fields = fields if fields is not None else written_fields(record.entity, public)
        attrs.update({k: _scalar(v) for k, v in fields.items() if k not in attrs and k not in ("id", "name", "title")})
    return {k: v for k, v in attrs.items() if v not in (None, "")}


def export_graph(G: nx.MultiDiGraph, public: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph with only plain attributes, ready for GraphML, GEXF and JSON writers."""
    H = nx.MultiDiGraph()
    for node in sorted(G):
        H.add_node(node, **node_attributes(G, node, public))
    for u, v, key in sorted(G.edges(keys=True)):
        H.add_edge(u, v, key=key, relation=key)
    return H


def to_cypher(H: nx.MultiDiGraph) -> str:
    """A Cypher script that MERGEs every node and relationship (for arrows, Neo4j Browser, cypher-shell).

    Labels and relationship types come from a fixed list; every value is an
    escaped string literal, so names cannot break out of the script.
    """
    lines = ["// orgmodel export: run in Neo4j Browser or cypher-shell"]
    for label in sorted(set(cypher.LABELS.values())):
        lines.append(f"{cypher.unique_id(label)};")
    for node, attrs in H.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k != "kind"}
        lines.append(f"MERGE (n:{cypher.LABELS[attrs['kind']]} {{id: {cypher.literal(node)}}}) "
                     f"SET n += {cypher.literal_map(props)};")
    for u, v, key in H.edges(keys=True):
        rel = cypher.rel_type(key)
        lines.append(f"MATCH (a:{cypher.LABELS[H.nodes[u]['kind']]} {{id: {cypher.literal(u)}}}), "
                     f"(b:{cypher.LABELS[H.nodes[v]['kind']]} {{id: {cypher.literal(v)}}}) MERGE (a)-[:{rel}]->(b);")
    return "\n".join(lines) + "\n"


def _csv(rows: list[dict], headers: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, headers, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(row.get(k)) for k in headers})
    return out.getvalue()


def to_csv(H: nx.MultiDiGraph) -> dict[str, str]:
    """``elements.csv`` (Id, Label, Type, …) and ``connections.csv`` (From, To, Type) as Kumu reads them."""
    keys = sorted({k for _, attrs in H.nodes(data=True) for k in attrs} - {"label", "kind"})
    elements = [{"Id": n, "Label": a["label"], "Type": a["kind"], **a} for n, a in H.nodes(data=True)]
    connections = [{"From": u, "To": v, "Type": k} for u, v, k in H.edges(keys=True)]
    return {"elements.csv": _csv(elements, ["Id", "Label", "Type", *keys]),
            "connections.csv": _csv(connections, ["From", "To", "Type"])}


def export(G: nx.MultiDiGraph, fmt: str, output: Path, public: bool = False) -> list[Path]:
    """Write the export to ``output`` (a folder for ``csv``, a file otherwise); return the paths written."""
    output = Path(output)
    if fmt == "xlsx":
        from orgmodel.xlsx import write_workbook

        write_workbook(G, output, public)
        return [output]
    H = export_graph(G, public)
    if fmt == "csv":
        texts = {make_folder(output) / name: text for name, text in to_csv(H).items()}
        write_texts_atomic(texts)
        return list(texts)
    if fmt == "cypher":
        write_text_atomic(output, to_cypher(H))
    elif fmt == "json":
        data = nx.node_link_data(H, edges="edges")
        write_text_atomic(output, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    else:
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        with atomic_path(output) as tmp:
            writer(H, tmp)
    return [output]
