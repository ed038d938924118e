"""`orgmodel export`: the graph for Gephi, yEd, Kumu, arrows, Neo4j and spreadsheets.

``xlsx`` is different: one sheet per section with the entries as written, for
editing and ``orgmodel import`` (see :mod:`orgmodel.xlsx.workbook`).

Every export has the workspace graph's entities and edges (keyed by
relationship), with plain attribute values: lists are joined with ``; ``,
mappings written as JSON. Of the built-in areas and the vocabulary's groups and
crimes it has those the entries use (see :func:`used_nodes`), or all of them
with ``include_unused``. ``public`` drops personal data
(:data:`orgmodel.model.PERSONAL_FIELDS`: ``holder`` and ``note``).

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> H = export_graph(build_graph(load_workspace("examples/midt-og-vestjylland")))
>>> H.nodes["ssp-silkeborg"]["kind"], H.nodes["ssp-silkeborg"]["area"]
('forum', 'silkeborg')
"""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from orgmodel.errors import UsageError
from orgmodel.files import (
    atomic_path,
    format_of_output,
    is_stdout,
    made_folder,
    write_text_atomic,
    write_texts_atomic,
)
from orgmodel.graph import area_of, seat_dates, targets
from orgmodel.model import label_text, written_fields
from orgmodel.tables import cell_text, csv_safe

from . import cypher

FORMATS = ("graphml", "gexf", "json", "cypher", "csv", "xlsx")
STREAM_FORMATS = ("graphml", "gexf", "json", "cypher")
LIST_SEPARATOR = "; "
"""Between the items of a list written as one attribute."""
SUFFIXES = {"graphml": "graphml", "gexf": "gexf", "json": "json", "cypher": "cypher", "cql": "cypher", "xlsx": "xlsx"}
"""The suffixes of ``-o`` and the format each one means (csv writes a folder: no suffix names it)."""
"""The formats that are one text, so they can go to standard output (``-o -``); csv is a folder, xlsx binary."""


def _scalar(value):
    """A value as one attribute: a list joined with ``; ``, a mapping in it (a dated seat, a status) as JSON; the
    whole list as a JSON array when an item's text holds that separator itself (two tags would otherwise read as
    three) or the text would start with ``[`` (it would read as a JSON array).

    >>> _scalar(["a", "b"]), _scalar(["Tryg by; natteliv", "SSP"]), _scalar(["[udkast]"])
    ('a; b', '["Tryg by; natteliv", "SSP"]', '["[udkast]"]')
    """
    if isinstance(value, (list, tuple)):
        items = [json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict) else cell_text(v)
                 for v in value]
        if any(LIST_SEPARATOR in item for item in items) or (items and items[0].startswith("[")):
            return json.dumps(list(value), ensure_ascii=False, sort_keys=True, default=str)
        return LIST_SEPARATOR.join(items)
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
    for key in ("type", "level", "area", "code", "area_kind", "workspace"):
        if data.get(key) not in (None, ""):
            attrs[key] = data[key]
    if "record" in data:
        record = data["record"]
        attrs["file"], attrs["line"] = record.file, record.line
        fields = fields if fields is not None else written_fields(record.entity, public)
        attrs.update({k: _scalar(v) for k, v in fields.items() if k not in attrs and k not in ("id", "name", "title")})
    return {k: v for k, v in attrs.items() if v not in (None, "")}


_BUILT_IN_KINDS = ("area", "group", "crime")


def used_nodes(G: nx.MultiDiGraph) -> set[str]:
    """The entities, and the areas, groups and crimes they use.

    Used are the areas and terms an entry references (``area``, ``covers``) or
    takes its area from, and the politikreds of every used kommune, so its
    ``part_of`` edge stays in the export.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> used = used_nodes(G)
    >>> "silkeborg" in used, "kreds-midt-og-vestjylland" in used, "koebenhavn" in used
    (True, True, False)
    """
    used = {n for n, data in G.nodes(data=True) if data["kind"] not in _BUILT_IN_KINDS}
    referenced = {v for u, v in G.edges() if u in used} | {area_of(G, n) for n in used}
    used |= {n for n in referenced if n is not None and G.nodes[n]["kind"] in _BUILT_IN_KINDS}
    used |= {kreds for n in list(used) if G.nodes[n]["kind"] == "area" for kreds in targets(G, n, "part_of")}
    return used


def export_graph(G: nx.MultiDiGraph, public: bool = False, include_unused: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph with only plain attributes, ready for GraphML, GEXF and JSON writers.

    Built-in areas and terms no entry uses are left out unless ``include_unused``.
    """
    keep = set(G) if include_unused else used_nodes(G)
    H = nx.MultiDiGraph()
    for node in sorted(keep):
        H.add_node(node, **node_attributes(G, node, public))
    for u, v, key in sorted(G.edges(keys=True)):
        if u in keep and v in keep:
            dates = {k: d.isoformat() for k, d in seat_dates(G, u, v).items()} if key == "member" else {}
            H.add_edge(u, v, key=key, relation=key, **dates)
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
    for u, v, key, attrs in H.edges(keys=True, data=True):
        rel = cypher.rel_type(key)
        dates = {d: attrs[d] for d in _SEAT_DATES if d in attrs}
        tail = f" SET r += {cypher.literal_map(dates)}" if dates else ""
        lines.append(f"MATCH (a:{cypher.LABELS[H.nodes[u]['kind']]} {{id: {cypher.literal(u)}}}), "
                     f"(b:{cypher.LABELS[H.nodes[v]['kind']]} {{id: {cypher.literal(v)}}}) "
                     f"MERGE (a)-[{'r' if dates else ''}:{rel}]->(b){tail};")
    return "\n".join(lines) + "\n"


def _csv(rows: list[dict], headers: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, headers, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(row.get(k)) for k in headers})
    return out.getvalue()


_KUMU_COLUMNS = {"type": "Subtype", "tags": "Tags"}
"""Attributes whose name is one of Kumu's own fields (which it reads regardless of case), and the column each
gets: Kumu's ``Type`` is the kind of node, so an entity's own type is ``Subtype``; its tags are Kumu's ``Tags``."""


def _kumu_element(node: str, attrs: dict) -> dict:
    row = {"Id": node, "Label": attrs["label"], "Type": attrs["kind"]}
    for key, value in attrs.items():
        if key not in ("label", "kind"):
            row[_KUMU_COLUMNS.get(key, key)] = value
    if "Tags" in row:
        text = str(row["Tags"])
        tags = json.loads(text) if text.startswith("[") else text.split(LIST_SEPARATOR)  # as _scalar writes them
        split = next((tag for tag in tags if "|" in tag), None)
        if split is not None:
            raise UsageError(f"the tag '{split}' of '{node}' holds '|', which Kumu reads between tags, so it would "
                             "read as several\n  Fix: write the tag without '|' (e.g. with '/'), or export another "
                             "format")
        row["Tags"] = "|".join(tags)
    return row


def to_csv(H: nx.MultiDiGraph) -> dict[str, str]:
    """``elements.csv`` (Id, Label, Type, Subtype, …) and ``connections.csv`` (From, To, Type) as Kumu reads them.

    Each column has one meaning: ``Type`` is the kind of node (forum, role, area, …), ``Subtype`` the entity's
    own type (ssp, borgmester, …), ``Tags`` its tags separated by ``|`` as Kumu reads several values.
    """
    elements = [_kumu_element(n, a) for n, a in H.nodes(data=True)]
    keys = sorted({k for row in elements for k in row} - {"Id", "Label", "Type"}, key=str.lower)
    connections = [{"From": u, "To": v, "Type": k, **{d: a[d] for d in _SEAT_DATES if d in a}}
                   for u, v, k, a in H.edges(keys=True, data=True)]
    dates = [d for d in _SEAT_DATES if any(d in row for row in connections)]
    return {"elements.csv": _csv(elements, ["Id", "Label", "Type", *keys]),
            "connections.csv": _csv(connections, ["From", "To", "Type", *dates])}


_SEAT_DATES = ("since", "until")
"""The attributes of a ``member`` edge of a dated seat."""


def _write_graphml(H: nx.MultiDiGraph, path) -> None:
    """GraphML with an id of its own for every edge (``e0``, ``e1``, …): the schema wants them unique, and
    the relationship is the edge's ``relation``."""
    numbered = nx.MultiDiGraph()
    numbered.add_nodes_from(H.nodes(data=True))
    numbered.add_edges_from((u, v, f"e{i}", data) for i, (u, v, data) in enumerate(H.edges(data=True)))
    nx.write_graphml(numbered, path)


def _write_gexf(H: nx.MultiDiGraph, path) -> None:
    """GEXF 1.2 as its schema allows: no ``name`` on ``<graph>``, and no date of writing, so the same
    workspace always gives the same file."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(version="1.2draft")
    writer.add_graph(H)
    writer.graph_element.attrib.pop("name", None)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    writer.write(path)


def output_format(output: Path, fmt: str | None) -> str:
    """The format to write to ``output`` (``-`` for standard output): ``fmt`` when given, else the one the
    suffix names (:func:`orgmodel.files.format_of_output`); a stream takes only the :data:`STREAM_FORMATS`.

    >>> output_format(Path("mvj.graphml"), None), output_format(Path("kumu"), "csv")
    ('graphml', 'csv')
    >>> output_format(Path("mvj.gexf"), "graphml")
    Traceback (most recent call last):
    ...
    orgmodel.errors.UsageError: -o mvj.gexf names gexf but --format is graphml; give a file ending in the \
format's suffix, or leave out --format
    """
    stream = is_stdout(output)
    chosen = format_of_output(None if stream else output, fmt, SUFFIXES,
                              STREAM_FORMATS if stream and fmt is None else FORMATS)
    if stream:
        check_stream_format(chosen)
    return chosen


def check_stream_format(fmt: str) -> None:
    """Refuse standard output (``-o -``) for a format that is not one text stream (csv and xlsx)."""
    if fmt not in STREAM_FORMATS:
        what = "a folder of files" if fmt == "csv" else "a binary workbook"
        where = "a folder" if fmt == "csv" else "a file name ending in .xlsx"
        raise UsageError(f"--format {fmt} writes {what}, not one stream; give {where} with -o")


def export_text(G: nx.MultiDiGraph, fmt: str, public: bool = False, include_unused: bool = False) -> str:
    """The export in one of the :data:`STREAM_FORMATS` as text: the same as :func:`export` writes to a file.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> export_text(build_graph(load_workspace("examples/midt-og-vestjylland")), "csv")
    Traceback (most recent call last):
    ...
    orgmodel.errors.UsageError: --format csv writes a folder of files, not one stream; give a folder with -o
    """
    check_stream_format(fmt)
    H = export_graph(G, public, include_unused)
    if fmt == "cypher":
        return to_cypher(H)
    if fmt == "json":
        return json.dumps(nx.node_link_data(H, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    buffer = io.BytesIO()
    (_write_graphml if fmt == "graphml" else _write_gexf)(H, buffer)
    return buffer.getvalue().decode("utf-8")


def export(G: nx.MultiDiGraph, fmt: str, output: Path, public: bool = False,
           include_unused: bool = False, note: Callable[[str], None] | None = None) -> list[Path]:
    """Write the export to ``output`` (a folder for ``csv``, a file otherwise); return the paths written.

    ``include_unused`` keeps every built-in area and term, not only those the entries use (not for ``xlsx``,
    which holds the entries only). ``note`` is told what the workbook shows other than written (a text too long
    for a cell, a number with more digits than a cell holds).
    """
    output = Path(output)
    if fmt == "xlsx":
        from orgmodel.xlsx import write_workbook

        for text in write_workbook(G, output, public):
            if note is not None:
                note(text)
        return [output]
    H = export_graph(G, public, include_unused)
    if fmt == "csv":
        with made_folder(output) as folder:
            texts = {folder / name: text for name, text in to_csv(H).items()}
            write_texts_atomic(texts)
        return list(texts)
    if fmt == "cypher":
        write_text_atomic(output, to_cypher(H))
    elif fmt == "json":
        data = nx.node_link_data(H, edges="edges")
        write_text_atomic(output, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    else:
        writer = _write_graphml if fmt == "graphml" else _write_gexf
        with atomic_path(output) as tmp:
            writer(H, tmp)
    return [output]
