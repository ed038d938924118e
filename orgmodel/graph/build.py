"""The workspace as one networkx ``MultiDiGraph``: the only module that knows its layout.

Nodes are entity ids (plus the built-in areas and the coverage terms
``group:ID`` / ``crime:ID``). Each node has ``kind`` (organisation, role,
council, forum, goal, area, group, crime) and ``label``; entity nodes also
have ``type``, ``area`` (effective, inherited when not written), ``record``.
An edge runs from the entity that holds a reference to its target, with the
relationship as key (member, chair, invited, secretariat, under, reports_to,
parent, area, organisation, substitute_for, owner, derives_from, covers, part_of).

>>> from orgmodel.workspace import load_workspace
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> targets(G, "lokalraad-silkeborg", "reports_to")
['kredsraad-mvj']
"""

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from orgmodel.gcpause import paused_gc
from orgmodel.model import AREAS, lookup_area, parse_age_range
from orgmodel.workspace import Record, Workspace

BODY_KINDS = ("council", "forum")


class CoverageSource(NamedTuple):
    """What a body or goal covers, kept on its node as ``source`` (see :mod:`orgmodel.queries.coverage`)."""

    id: str
    is_body: bool
    ages: tuple[tuple[int, int], ...]
    groups: tuple[str, ...]
    crimes: tuple[str, ...]
    structure: str


MEMBER_KINDS = ("role", "organisation")
SEAT_KEYS = ("chair", "member", "invited", "secretariat")
"""Edge keys by which a role or organisation sits in a body."""


@dataclass(frozen=True)
class Reference:
    """A field that names other entities: its edge key and the kinds it may point to."""

    field: str
    key: str
    kinds: tuple[str, ...]
    many: bool = False


REFERENCES: dict[str, tuple[Reference, ...]] = {
    "organisation": (Reference("parent", "parent", ("organisation",)),),
    "role": (
        Reference("organisation", "organisation", ("organisation",)),
        Reference("substitute_for", "substitute_for", ("role",)),
    ),
    "council": (
        Reference("chair", "chair", ("role",)),
        Reference("members", "member", MEMBER_KINDS, many=True),
        Reference("invited", "invited", MEMBER_KINDS, many=True),
        Reference("secretariat", "secretariat", ("forum", "organisation", "role")),
        Reference("reports_to", "reports_to", ("council",)),
    ),
    "forum": (
        Reference("chair", "chair", ("role",)),
        Reference("members", "member", MEMBER_KINDS, many=True),
        Reference("invited", "invited", MEMBER_KINDS, many=True),
        Reference("secretariat", "secretariat", ("forum", "organisation", "role")),
        Reference("under", "under", BODY_KINDS),
    ),
    "goal": (
        Reference("owner", "owner", BODY_KINDS),
        Reference("derives_from", "derives_from", ("goal",), many=True),
    ),
}
"""Every reference field per entity kind. Integrity rules check records against it."""

HIERARCHY_KEYS = ("parent", "under", "reports_to", "derives_from", "substitute_for")
"""Edge keys that must not form cycles."""


def written_area(ws: Workspace, record: Record) -> str | None:
    """The area id a record writes itself (a name or code resolved), or ``None``.

    A council's type decides between a politikreds and a kommune of the same name.
    """
    written = record.get("area")
    if written is None:
        return None
    prefer = None
    if record.kind == "council":
        term = ws.vocabulary["council_types"].get(record.entity.type)
        prefer = term.area_kind if term else None
    return lookup_area(written, prefer)


def is_active(entity, as_of: dt.date | None) -> bool:
    """Whether an entity is valid on ``as_of`` (always, when ``as_of`` is None)."""
    if as_of is None:
        return True
    starts, ends = entity.valid_from, entity.valid_to
    return (starts is None or starts <= as_of) and (ends is None or as_of <= ends)


def closes(old, new) -> bool:
    """Whether a later version ``new`` of an entity gives an end date that ``old`` did not (or an earlier one)."""
    return new.valid_to is not None and (old.valid_to is None or new.valid_to < old.valid_to)


@paused_gc()
def build_graph(ws: Workspace, as_of: dt.date | None = None) -> nx.MultiDiGraph:
    """Build the graph of ``ws``; with ``as_of``, only entities valid on that date.

    References to unknown ids or ids of the wrong kind are left out; the
    integrity rules report them.
    """
    G = nx.MultiDiGraph(name=ws.manifest.name, as_of=as_of, max_age=ws.manifest.max_age,
                        language=ws.manifest.language,
                        terms={"groups": sorted(ws.vocabulary["groups"]), "crimes": sorted(ws.vocabulary["crimes"])},
                        vocabulary=ws.vocabulary)
    _add_areas(G)
    _add_terms(G, ws)
    active = sorted((r for r in ws.records.values() if is_active(r.entity, as_of)), key=lambda r: r.id)
    _add_nodes(G, ((record.id, _node_attributes(ws, record)) for record in active))
    nodes = G._node
    _add_edges(G, (edge for record in active for edge in _reference_edges(nodes, record)))
    _add_edges(G, (edge for record in active for edge in _coverage_edges(nodes, record)))
    areas: dict[str, str | None] = {}
    for record in active:
        nodes[record.id]["area"] = _effective_area(G, record.id, areas)
    _add_edges(G, ((r.id, nodes[r.id]["area"], "area") for r in active
                   if nodes[r.id]["area"] and nodes[r.id]["written_area"]))
    for record in active:
        if record.kind in BODY_KINDS:
            G.nodes[record.id]["structure"] = structure_of(G, record.id)
    _add_indexes(G)
    return G


def _add_indexes(G: nx.MultiDiGraph) -> None:
    """Node ids per kind, and coverage sources (bodies and goals with ages or ``covers``) per area."""
    kinds: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        kinds.setdefault(data["kind"], []).append(node)
        if data["kind"] in ("council", "forum", "goal") and (data["ages"] or data["has_covers"]) and data["area"]:
            sources.setdefault(data["area"], []).append(node)
            data["source"] = CoverageSource(node, data["kind"] != "goal", data["ages"], data["groups"],
                                            data["crimes"], data.get("structure", node))
    G.graph["kinds"] = {kind: tuple(sorted(nodes)) for kind, nodes in kinds.items()}
    G.graph["coverage_sources"] = {area: tuple(sorted(nodes)) for area, nodes in sources.items()}


def _node_attributes(ws: Workspace, record: Record) -> dict:
    fields = record.entity.__dict__
    covers = fields.get("covers")
    kind = record.kind
    return {"kind": kind, "record": record, "label": fields.get("name") or fields.get("title"),
            "type": fields["category"] if kind == "organisation" else fields.get("type"),
            "level": _level_of(ws, record), "written_area": written_area(ws, record),
            "ages": _age_spans(ws, record, covers),
            "groups": tuple(covers.groups) if covers else (), "crimes": tuple(covers.crimes) if covers else (),
            "has_covers": covers is not None}


def _age_spans(ws: Workspace, record: Record, covers) -> tuple[tuple[int, int], ...]:
    """Covered ages as (first, last) whole years; the type's typical ages when a body states none."""
    texts = list(covers.ages) if covers else []
    if not texts and record.kind in BODY_KINDS:
        term = ws.vocabulary.body_type(record.kind, record.entity.type)
        texts = [term.ages] if term and term.ages else []
    max_age = ws.manifest.max_age
    spans = []
    for text in texts:
        try:
            first, last = parse_age_range(text, max_age)
        except ValueError:
            continue
        spans.append((first, max_age if last is None else last))
    return tuple(spans)


def _level_of(ws: Workspace, record: Record) -> str | None:
    """The written level, else the body type's default level."""
    written = record.get("level")
    if written is not None or record.kind not in BODY_KINDS:
        return written
    term = ws.vocabulary.body_type(record.kind, record.entity.type)
    return term.level if term else None


def _add_areas(G: nx.MultiDiGraph) -> None:
    for area in AREAS.values():
        G.add_node(area.id, kind="area", area_kind=area.kind, label=area.name,
                   code=area.code, area=area.id)
    for area in AREAS.values():
        if area.kreds:
            G.add_edge(area.id, area.kreds, key="part_of")


def _add_terms(G: nx.MultiDiGraph, ws: Workspace) -> None:
    for kind, section in (("group", "groups"), ("crime", "crimes")):
        for term_id, term in ws.vocabulary[section].items():
            G.add_node(f"{kind}:{term_id}", kind=kind, label=term, term=term_id)


def _add_nodes(G: nx.MultiDiGraph, nodes) -> None:
    """Add new ``(id, attributes)`` nodes, as ``G.add_nodes_from`` would, without copying the attributes."""
    for node, attrs in nodes:
        G._node[node] = attrs
        G._succ[node] = {}
        G._pred[node] = {}


def _add_edges(G: nx.MultiDiGraph, edges) -> None:
    """Add ``(u, v, key)`` edges between existing nodes, as ``G.add_edge`` would, at a third of its cost."""
    succ, pred = G._succ, G._pred
    for u, v, key in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys.setdefault(key, {})


def _reference_edges(nodes: dict, record: Record):
    fields = record.entity.__dict__
    for ref in REFERENCES[record.kind]:
        value = fields.get(ref.field)
        if value is None:
            continue
        for target in value if ref.many else (value,):
            if target in nodes and nodes[target]["kind"] in ref.kinds:
                yield record.id, target, ref.key


def _coverage_edges(nodes: dict, record: Record):
    covers = record.get("covers")
    if covers is None:
        return
    for kind, terms in (("group", covers.groups), ("crime", covers.crimes)):
        for term in terms:
            if f"{kind}:{term}" in nodes:
                yield record.id, f"{kind}:{term}", "covers"


_AREA_FROM = ("under", "parent", "organisation", "owner")


def _effective_area(G: nx.MultiDiGraph, node: str, found: dict) -> str | None:
    """The written area, else the first area found through under, parent, organisation, owner.

    ``found`` memoises the answer per node (``None`` while a node is being
    looked at, which also stops a loop of references).
    """
    if node in found:
        return found[node]
    data = G._node[node]
    if data["kind"] == "area":
        return node
    found[node] = area = data["written_area"]
    if area is None:
        successors = G._succ[node]
        for key in _AREA_FROM if successors else ():
            for target in sorted(v for v, keys in successors.items() if key in keys):
                area = _effective_area(G, target, found)
                if area:
                    found[node] = area
                    return area
    return area


def structure_of(G: nx.MultiDiGraph, body: str) -> str:
    """The topmost forum above a forum before a council (a council is its own structure)."""
    seen = {body}
    current = body
    while G.nodes[current]["kind"] == "forum":
        above = [t for t in targets(G, current, "under") if G.nodes[t]["kind"] == "forum" and t not in seen]
        if not above:
            break
        current = above[0]
        seen.add(current)
    return current


def targets(G: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    """Sorted targets of ``node``'s edges with relationship ``key``."""
    return sorted(v for v, keys in G._succ[node].items() if key in keys)


def edges_with_keys(G: nx.MultiDiGraph, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """Every ``(u, v)`` joined by an edge with one of ``keys`` (once per pair), in one pass.

    >>> from orgmodel.workspace import load_workspace
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> ("ssp-silkeborg", "lokalraad-silkeborg") in edges_with_keys(G, ("under",))
    True
    """
    wanted = set(keys)
    return [(u, v) for u, targets_ in G._succ.items() for v, found in targets_.items()
            if not wanted.isdisjoint(found)]


def sources(G: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    """Sorted sources of edges with relationship ``key`` that end at ``node``."""
    return sorted(u for u, keys in G._pred[node].items() if key in keys)


def nodes_of_kind(G: nx.MultiDiGraph, kind: str, type_: str | None = None) -> list[str]:
    """Sorted ids of nodes of one kind (and type, when given).

    Uses the index of node ids per kind made by :func:`build_graph`; the graph
    is read-only once built.
    """
    nodes = G.graph["kinds"].get(kind, ())
    return [n for n in nodes if type_ is None or G.nodes[n].get("type") == type_]


def sub_organisations(G: nx.MultiDiGraph, org: str) -> list[str]:
    """Every organisation below ``org`` through ``parent`` (cycle-safe), sorted."""
    found, stack = set(), [org]
    while stack:
        for child, keys in G._pred[stack.pop()].items():
            if "parent" in keys and child not in found and child != org:
                found.add(child)
                stack.append(child)
    return sorted(found)


def record(G: nx.MultiDiGraph, node: str) -> Record:
    """The workspace record behind an entity node."""
    return G.nodes[node]["record"]


def area_of(G: nx.MultiDiGraph, node: str) -> str | None:
    """The effective area id of an entity (written or inherited)."""
    return G.nodes[node].get("area")


def kreds_of(G: nx.MultiDiGraph, area_id: str | None) -> str | None:
    """The politikreds an area lies in (itself for a politikreds)."""
    if area_id is None:
        return None
    if G.nodes[area_id].get("area_kind") == "politikreds":
        return area_id
    found = targets(G, area_id, "part_of")
    return found[0] if found else None


def organisation_of(G: nx.MultiDiGraph, member: str) -> str | None:
    """The organisation of a member: itself for an organisation, the employer for a role."""
    if G._node[member]["kind"] == "organisation":
        return member
    # A role names one organisation, so there is at most one such edge.
    return next((v for v, keys in G._succ[member].items() if "organisation" in keys), None)


def members_of(G: nx.MultiDiGraph, body: str, include_chair: bool = True) -> list[str]:
    """Sorted member ids of a council or forum (with its chair, by default)."""
    wanted = ("member", "chair") if include_chair else ("member",)
    return sorted(v for v, keys in G._succ[body].items() if any(k in keys for k in wanted))


def seats_of(G: nx.MultiDiGraph, body: str) -> dict[str, list[str]]:
    """The targets of a body's seat edges by relation (chair, member, invited, secretariat), each sorted.

    One pass over the body's edges instead of one :func:`targets` per relation.
    """
    seats: dict[str, list[str]] = {}
    for member, keys in G._succ[body].items():
        for key in keys:
            if key in SEAT_KEYS:
                seats.setdefault(key, []).append(member)
    return {key: sorted(members) for key, members in seats.items()}


def has_members(G: nx.MultiDiGraph, body: str) -> bool:
    """Whether a council or forum has a member or a chair (:func:`members_of` without the sorted list)."""
    return any("member" in keys or "chair" in keys for keys in G._succ[body].values())


def overlay(old: nx.MultiDiGraph, new: nx.MultiDiGraph, compared_with: str) -> nx.MultiDiGraph:
    """``new`` plus what only ``old`` has, marked for drawing the changes between two versions.

    Nodes and edges of one version only get ``change`` = ``added`` (only in
    ``new``) or ``removed`` (only in ``old``, or given an end date by ``new``,
    see :func:`closes`). A removed entity keeps its old edges, so a deleted
    body is drawn at its old place; an entity of both versions keeps only its
    new place, and its old seats (member, chair, invited, secretariat) as
    removed edges. For views only: rules and queries read one version.
    """
    G = new.copy()
    G.graph.pop("category_colour_cache", None)
    G.graph["compared_with"] = compared_with
    for node, data in new.nodes(data=True):
        if node not in old:
            G.nodes[node]["change"] = "added"
        elif "record" in data and "record" in old.nodes[node] and closes(
                old.nodes[node]["record"].entity, data["record"].entity):
            G.nodes[node]["change"] = "removed"
    for node, data in old.nodes(data=True):
        if node not in new:
            G.add_node(node, **{**data, "change": "removed"})
    for u, v, key in new.edges(keys=True):
        if not old.has_edge(u, v, key):
            G.edges[u, v, key]["change"] = "added"
    for u, v, key in old.edges(keys=True):
        if not new.has_edge(u, v, key) and (u not in new or key in SEAT_KEYS):
            G.add_edge(u, v, key=key, change="removed")
    _add_indexes(G)
    return G


def node_change(G: nx.MultiDiGraph, node: str) -> str:
    """``added``, ``removed`` or ``""``: how a node differs between the versions of an :func:`overlay`."""
    return G.nodes[node].get("change", "")


def edge_change(G: nx.MultiDiGraph, u: str, v: str, key: str) -> str:
    """``added``, ``removed`` or ``""`` for an edge of an :func:`overlay` (``""`` when there is no such edge)."""
    data = G.get_edge_data(u, v, key)
    return data.get("change", "") if data else ""
