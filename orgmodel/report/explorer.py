"""The explorer page of ``orgmodel report``: the network to pan, zoom and click, as plain data.

:func:`explorer_data` gathers what the page's script draws and says: every
council, forum, organisation, role, goal and document with the kommuner in
scope (bodies and kommuner only when there are more than :data:`LIMIT`
nodes), the graph's own edges between them, positions laid out once by
Graphviz's ``sfdp`` (the same positions every run), each node's card (what
``orgmodel show`` prints), the values of the filters and the coverage
statuses of ``orgmodel gaps``. The page finds paths with the same breadth
first search as ``orgmodel path`` over the same edges, neighbours in id order.

The graph library, cytoscape.js, is fetched from the npm registry by
``make cytoscape`` into ``vendor/`` (checked against its pinned integrity);
:func:`library` finds it, or says why the page is left out.

>>> site = Site.of(load_workspace("examples/midt-og-vestjylland"), today=dt.date(2026, 11, 22))
>>> data = explorer_data(site, lambda v: v, positions=False)
>>> [n for n in data["nodes"] if n["id"] == "ssp-silkeborg"][0]["kommune"]
'silkeborg'
"""

import datetime as dt  # noqa: F401  (doctest)
import shlex
from collections.abc import Callable
from importlib import resources
from typing import NamedTuple

from orgmodel import graph as g
from orgmodel.diagram import dot, views
from orgmodel.model import AREAS, BODY_KINDS, KIND_OF_SECTION, parse_age_range
from orgmodel.queries import coverage, lookup
from orgmodel.tables import cell_text
from orgmodel.workspace import load_workspace  # noqa: F401  (doctest)

from .pages import Site, url_of

LIMIT = 5000
"""Above this many nodes the page shows bodies and kommuner only (and says so): a canvas stays readable."""
KINDS = tuple(KIND_OF_SECTION.values())
"""Every kind of entry a workspace writes: the page leaves none out (a new section is drawn too)."""
SKIP = ("area",)
"""Kinds a path reaches but never runs through, as in ``orgmodel path`` (:data:`orgmodel.graph.NON_ENTITY_KINDS`)."""
GOAL_FILL = {"strategisk": "#dce6f5", "operativ": "#e3f1e3", "handling": "#fdf1d8"}
OTHER_FILL = "#eeeeee"
"""Plans and policies, which have no level."""
STATUSES = ("uncovered", "goal-only", "partial", "covered", "overlap")
VENDOR = "vendor"
"""The package folder ``make cytoscape`` fills (gitignored; package data, so a ``pip install`` carries it)."""
LIBRARY = "cytoscape.min.js"
LICENCE = "cytoscape-LICENSE.txt"


FACETS = ("kommune", "level", "type", "category")
"""The filters of every explorer page; a national one offers the district first."""


class Districts(NamedTuple):
    """Of a national report (:func:`.national.node_districts`): the district folder each node's page lives in,
    and each district's title. A node's link goes to ``<district>/<its page>``; the filter offers the districts."""

    of: dict[str, str]
    titles: dict[str, str]


class Library(NamedTuple):
    """cytoscape.js as ``make cytoscape`` left it in the package: its code, licence text and version."""

    script: bytes
    licence: str
    version: str


def library() -> Library | None:
    """The packaged cytoscape.js, or None when ``make cytoscape`` has not fetched it (the page is left out)."""
    vendor = resources.files(__package__).joinpath(VENDOR)
    try:
        return Library(vendor.joinpath(LIBRARY).read_bytes(), vendor.joinpath(LICENCE).read_text("utf-8"),
                       vendor.joinpath("cytoscape-VERSION.txt").read_text("utf-8").strip())
    except (FileNotFoundError, NotADirectoryError):
        return None


def explorer_nodes(site: Site) -> tuple[list[str], list[str]]:
    """(node ids by id, kinds left out): entities and the kommuner in scope; bodies and kommuner only above
    :data:`LIMIT`."""
    G = site.G
    nodes = sorted(n for kind in KINDS for n in g.nodes_of_kind(G, kind)) + sorted(k for k in site.kommuner if k in G)
    if len(nodes) <= LIMIT:
        return nodes, []
    left_out = sorted({G.nodes[n]["kind"] for n in nodes} - {*BODY_KINDS, "area"})
    return [n for n in nodes if G.nodes[n]["kind"] in (*BODY_KINDS, "area")], left_out


def explorer_edges(site: Site, nodes: list[str]) -> list[tuple[str, str, str]]:
    """Every edge of the graph between two shown nodes as (from, to, relation), sorted."""
    shown = set(nodes)
    return sorted((u, v, k) for u in nodes for v, keys in g.edges_from(site.G, u) if v in shown for k in keys)


def positions_of(nodes: list[str], edges: list[tuple[str, str, str]], timeout: float = 60) -> dict[str, list[float]]:
    """Where each node sits, laid out by Graphviz's ``sfdp`` (deterministic: the same input, the same places).

    >>> positions_of(["a", "b"], [("a", "b", "member")])["a"] != positions_of(["a", "b"], [])["b"]
    True
    """
    def q(node: str) -> str:
        return '"' + node.replace("\\", "\\\\").replace('"', '\\"') + '"'

    pairs = sorted({tuple(sorted((u, v))) for u, v, _ in edges if u != v})
    text = "\n".join(["graph {", "graph [overlap=prism, sep=\"+8\"];",
                      "node [shape=circle, fixedsize=true, width=0.6, label=\"\"];", *(f"{q(n)};" for n in nodes),
                      *(f"{q(u)} -- {q(v)};" for u, v in pairs), "}"])
    plain = dot.layout(text, "plain", timeout, program="sfdp").decode("utf-8")
    places = {}
    for line in plain.splitlines():
        if line.startswith("node "):
            parts = shlex.split(line)
            places[parts[1]] = [round(float(parts[2]) * 72, 1), round(-float(parts[3]) * 72, 1)]
    return places


def _facets(site: Site, node: str) -> dict:
    """The values the filters and the styles read: kommune, level, body type and top organisation category."""
    G = site.G
    data = G.nodes[node]
    kind = data["kind"]
    area = node if kind == "area" else data.get("area")
    top, colour = views.category_colour(G, node) if kind in ("organisation", "role") else ("", "")
    if kind == "area":
        colour = KOMMUNE_FILL
    return {"kommune": area if area in AREAS and AREAS[area].kind == "kommune" else "",
            "level": data.get("level") or "" if kind in BODY_KINDS else "",
            "type": data["type"] if kind in BODY_KINDS else "", "category": top,
            "fill": (views.LEVEL_FILL.get(data.get("level"), views.LEVEL_FILL[None]) if kind in BODY_KINDS
                     else GOAL_FILL.get(data.get("level"), OTHER_FILL) if kind in ("goal", "document", "policy")
                     else colour or "#9e9e9e")}


def card(site: Site, node: str, redact: Callable) -> dict:
    """What ``orgmodel show`` prints of a node (without personal data unless names are shown; never notes)."""
    attributes, relations = lookup.show(site.G, node, site.lang, public=not site.with_names)
    return {"attributes": [[key, redact(cell_text(value))] for key, value in attributes.items()
                           if key != "note"],  # notes are never published, names or not
            "relations": [[r.direction, r.relation, r.other, redact(r.other_label)] for r in relations]}


def _node(site: Site, node: str, redact: Callable, place: list[float] | None,
          districts: Districts | None = None, label: str | None = None) -> dict:
    """A node as the page draws and lists it; ``label`` tells apart nodes that would read the same."""
    G, t = site.G, site.t
    kind = G.nodes[node]["kind"]
    text = site.area_name(node) if kind == "area" else label or site.text(node)
    url = url_of(G, node) or ""
    where = {}
    if districts is not None:
        district = districts.of.get(node, "")
        url, where = f"{district}/{url}" if url and district else "", {"district": district}
    return {"id": node, "label": redact(text), "kind": kind, "kind_label": t[f"explorer_kind_{kind}"],
            "url": url, "x": place[0] if place else 0, "y": place[1] if place else 0,
            **_facets(site, node), **where, "card": card(site, node, redact)}


def _age_items(site: Site, kommuner: list[str]) -> list[dict]:
    """Per age band of ``gaps ages --matrix``: each kommune's status and share, and the bodies that cover it."""
    G = site.G
    max_age = g.max_age(G)
    rows = coverage.coverage(G, "ages", "kommune", kommuner or None, kommuner)
    items = []
    for first, last in coverage.age_bands(max_age):
        end = max_age if last is None else last
        statuses: dict[str, list[str]] = {}
        bodies: set[str] = set()
        for k in kommuner:
            own = [r for r in rows if r.area == k]
            overlapping = [r for r in own if _span(r.item, max_age)[0] <= end and _span(r.item, max_age)[1] >= first]
            found = {r.status for r in overlapping}
            share = coverage.percent(coverage.band_share(own, first, last, max_age))
            status = found.pop() if len(found) == 1 else "partial" if share else \
                "goal-only" if "goal-only" in found else "uncovered"
            statuses[k] = [status, f"{share} %"]
            bodies.update(b for r in overlapping for b in r.bodies)
        label = f"{first}-{last}" if last is not None else f"{first}+"
        items.append({"id": label, "label": f"{label} {site.t['years']}", "kommuner": statuses,
                      "bodies": sorted(bodies)})
    return items


def _span(item: str, max_age: int) -> tuple[int, int]:
    first, last = parse_age_range(item)
    return first, max_age if last is None else last


def _term_items(site: Site, dimension: str, kommuner: list[str]) -> list[dict]:
    rows = coverage.coverage(site.G, dimension, "kommune", kommuner or None, kommuner)
    items: dict[str, dict] = {}
    for r in rows:
        item = items.setdefault(r.item, {"id": r.item, "label": site.label(dimension, r.item), "kommuner": {},
                                         "bodies": set()})
        item["kommuner"][r.area] = [r.status, ""]
        item["bodies"].update(r.bodies)
    return [{**item, "bodies": sorted(item["bodies"])} for item in items.values()]


def coverage_items(site: Site) -> dict[str, list[dict]]:
    """The answers of ``gaps ages|groups|crimes`` per kommune in scope, for the page's coverage mode."""
    kommuner = sorted(site.kommuner)
    return {"ages": _age_items(site, kommuner), "groups": _term_items(site, "groups", kommuner),
            "crimes": _term_items(site, "crimes", kommuner)}


def _choices(site: Site, nodes: list[dict], districts: Districts | None = None) -> dict[str, list[list[str]]]:
    """The values each filter offers: those the shown nodes have, with their labels, by label."""
    labels = {"kommune": site.area_name, "level": lambda v: site.label("levels", v),
              "category": lambda v: site.label("categories", v),
              "type": lambda v: site.label("council_types", v) or site.label("forum_types", v)}
    if districts is not None:
        labels["district"] = lambda v: districts.titles.get(v, v)
    return {facet: sorted(([v, label(v) or v] for v in {n[facet] for n in nodes} if v),
                          key=lambda pair: (pair[1].casefold(), pair[0]))
            for facet, label in labels.items()}


STATUS_COLOUR = {"uncovered": "#c62828", "goal-only": "#ef6c00", "partial": "#f9a825", "covered": "#2e7d32",
                 "overlap": "#1565c0"}
KOMMUNE_FILL = "#ffffff"


def legend(site: Site) -> list[tuple[str, str, str]]:
    """(label, colour, shape) of every colour the drawing uses: levels, categories, goals, kommuner, statuses."""
    t = site.t
    rows = [(site.label("levels", lvl), views.LEVEL_FILL[lvl], "round") for lvl in ("strategisk", "taktisk",
                                                                                  "operationel")]
    rows += [(site.label("categories", cat), colour, "square") for cat, colour in views.CATEGORY_COLOUR.items()]
    rows += [(site.label("goal_levels", lvl), colour, "diamond") for lvl, colour in GOAL_FILL.items()]
    rows += [(f"{t['explorer_kind_document']}, {t['explorer_kind_policy']}", OTHER_FILL, "diamond")]
    rows += [(t["explorer_kind_area"], KOMMUNE_FILL, "hexagon")]
    rows += [(f"{t['explorer_coverage']}: {t['explorer_status_' + s]}", colour, "round")
             for s, colour in STATUS_COLOUR.items()]
    return rows


def explorer_page(site: Site, data: dict, lib: Library) -> dict:
    """The values of explorer.html: the filters' choices, what was left out, the legend and the library's version."""
    limit = f"{LIMIT:,}".replace(",", "." if site.lang == "da" else ",")
    national = "district" in data["choices"]
    return {"choices": data["choices"], "left_out": data["left_out"], "limit": limit, "statuses": STATUSES,
            "legend": legend(site), "version": lib.version, "national": national,
            "facets": ("district", *FACETS) if national else FACETS}


def explorer_layout(site: Site, timeout: float = 60) -> Callable[[], dict[str, list[float]]]:
    """The explorer's nodes and edges, read from the graph now; and the function that lays them out
    (:func:`positions_of`), which reads nothing else, so it may run in another thread."""
    nodes, _ = explorer_nodes(site)
    edges = explorer_edges(site, nodes)
    return lambda: positions_of(nodes, edges, timeout)


def explorer_data(site: Site, redact: Callable, timeout: float = 60, positions: bool = True,
                  districts: Districts | None = None, places: dict[str, list[float]] | None = None) -> dict:
    """Everything the explorer page's script reads: nodes (with place, style, filter values and card), edges,
    the filters' choices, the coverage answers and what was left out. With ``districts`` (the national
    report's front page) each node's link leads into its district's folder and the filters offer the district.
    ``places``: what :func:`explorer_layout` gave, when the nodes were laid out beforehand."""
    nodes, left_out = explorer_nodes(site)
    edges = explorer_edges(site, nodes)
    if places is None:
        places = positions_of(nodes, edges, timeout) if positions else {}
    labels = {r.id: r.text for r in site.refs(n for n in nodes if site.G.nodes[n]["kind"] != "area")}
    shown = [_node(site, n, redact, places.get(n), districts, labels.get(n)) for n in nodes]
    return {"nodes": shown, "edges": [list(e) for e in edges], "skip": list(SKIP), "status_colour": STATUS_COLOUR,
            "choices": _choices(site, shown, districts), "coverage": coverage_items(site),
            "left_out": [site.t[f"explorer_kind_{k}"] for k in left_out]}
