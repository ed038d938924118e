"""Looking things up in the graph: ``show`` an entity, ``who`` sits where, the ``path`` between two.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> [(r.body, r.relation) for r in who(G, "borgmester-silkeborg")]
[('kredsraad-mvj', 'member')]
"""

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.errors import UsageError
from orgmodel.model import BODY_KINDS, SEAT_KEYS, label_text, with_article, written_fields

if TYPE_CHECKING:
    import networkx as nx


def require_node(G: g.Graph, node: str, kinds: tuple[str, ...] | None = None) -> str:
    """Return ``node`` if the graph has it (of one of ``kinds``), else raise with a did-you-mean."""
    if node not in G:
        choices = [n for n, d in G.nodes(data=True) if kinds is None or d["kind"] in kinds]
        raise UsageError(f"no entity with the id '{node}'.{suggest(node, choices)}\n  Fix: give the id as it is "
                         "written after 'id:' in the workspace's files (with --as-of, of an entry valid on that date)")
    if kinds and G.nodes[node]["kind"] not in kinds:
        wanted = with_article(" or ".join(kinds))
        members = f", e.g. a member of '{node}' (`orgmodel show {node}`)" if G.nodes[node]["kind"] in BODY_KINDS else ""
        raise UsageError(f"'{node}' is {with_article(G.nodes[node]['kind'])}; give {wanted}\n  Fix: give the id of "
                         f"{wanted}{members}")
    return node


def display_name(G: g.Graph, node: str, lang: str = "da") -> str:
    """An entity's name or title in ``lang``; an unnamed body reads as its type and area, e.g. 'SSP Bornholm'."""
    data = G.nodes[node]
    text = label_text(data.get("label"), lang)
    if text or data["kind"] not in BODY_KINDS:
        return text or node
    section = "council_types" if data["kind"] == "council" else "forum_types"
    area = data.get("area")
    where = G.nodes[area]["label"] if area in G and G.nodes[area]["kind"] == "area" else ""
    return f"{g.vocabulary(G).label(section, data['type'], lang)} {where}".strip()


@dataclass(frozen=True)
class Relation:
    """One edge seen from an entity: out (it names the other) or in (the other names it)."""

    direction: str
    relation: str
    other: str
    other_kind: str
    other_label: str


def show(G: "nx.MultiDiGraph", node: str, lang: str = "da", public: bool = False) -> tuple[dict, list[Relation]]:
    """An entity's attributes (as written, plus kind, level and effective area) and its relations.

    ``public`` leaves out personal data (:data:`orgmodel.model.PERSONAL_FIELDS`).
    """
    require_node(G, node)
    data = G.nodes[node]
    attributes = {"id": node, "kind": data["kind"]}
    if "record" in data:
        record = data["record"]
        attributes.update(written_fields(record.entity, public))
        attributes.update({"level": data.get("level"), "area": data.get("area"),
                           "file": f"{record.file}:{record.line}"})
    else:
        attributes.update({"label": label_text(data.get("label"), lang), "code": data.get("code")})
    relations = [Relation("out", k, v, G.nodes[v]["kind"], label_text(G.nodes[v].get("label"), lang))
                 for _, v, k in G.out_edges(node, keys=True)]
    relations += [Relation("in", k, u, G.nodes[u]["kind"], label_text(G.nodes[u].get("label"), lang))
                  for u, _, k in G.in_edges(node, keys=True)]
    attributes = {k: v for k, v in attributes.items() if v not in (None, [], {})}
    return attributes, sorted(relations, key=lambda r: (r.direction != "out", r.relation, r.other))


@dataclass(frozen=True)
class Seat:
    """A body a role or organisation sits in, as what, at which level, through whom, and from and to when."""

    body: str
    body_type: str
    level: str | None
    area: str | None
    relation: str
    via: str
    since: dt.date | None = None
    until: dt.date | None = None
    """The dates written for a member's seat (``{id, since, until}``); a seat whose ``until`` has passed has ended."""


def _represented_by(G: g.Graph, who_id: str) -> list[tuple[str, str]]:
    """(member id, via) pairs that stand for ``who_id``: itself, its roles, its sub-organisations' roles."""
    if G.nodes[who_id]["kind"] == "role":
        return [(who_id, "")]
    pairs = [(who_id, "")]
    for org in g.sub_organisations(G, who_id):
        pairs.append((org, org))
    for org, _ in list(pairs):
        pairs += [(role, role) for role in g.sources(G, org, "organisation")]
    return pairs


def who(G: "nx.MultiDiGraph", who_id: str) -> list[Seat]:
    """Every body an organisation or role sits in: directly, through its roles or sub-organisations, with the
    dates of a dated seat (see :func:`orgmodel.graph.seat_dates`)."""
    require_node(G, who_id, ("organisation", "role"))
    seats = []
    for member, via in _represented_by(G, who_id):
        for body, relations in G.pred[member].items():
            data = G.nodes[body]
            if data["kind"] in BODY_KINDS:
                seats += [Seat(body, data["type"], data.get("level"), data.get("area"), relation, via,
                               **(g.seat_dates(G, body, member) if relation == "member" else {}))
                          for relation in relations if relation in SEAT_KEYS]
    return sorted(set(seats), key=lambda s: (s.body, s.relation, s.via))


def _shortest_path(G: g.Graph, source: str, target: str) -> list[str] | None:
    """The first path found breadth first ignoring direction, neighbours in id order (deterministic)."""
    parents = g.breadth_first(G, source, g.NON_ENTITY_KINDS, target=target)
    if target not in parents:
        return None
    nodes = [target]
    parent = parents[target]
    while parent is not None:
        nodes.append(parent)
        parent = parents[parent]
    return nodes[::-1]


def path(G: "nx.MultiDiGraph", source: str, target: str) -> list[tuple[str, str, str, str]]:
    """The shortest chain of relations between two entities, ignoring direction.

    Areas and coverage terms are left out, so the path runs through people,
    organisations, bodies and goals. Each step is (from, relation, to, arrow)
    where arrow is ``→`` when ``from`` names ``to`` and ``←`` otherwise. No steps when the two are not
    connected; the same id twice is refused.
    """
    require_node(G, source)
    require_node(G, target)
    if source == target:
        raise UsageError(f"'{source}' is given twice: a path from '{source}' to '{source}' is the same entity"
                         f"\n  Fix: give two different ids, e.g. `orgmodel show {source}` for its relations")
    nodes = _shortest_path(G, source, target)
    if nodes is None:
        return []
    steps = []
    for a, b in pairwise(nodes):
        if G.has_edge(a, b):
            steps.append((a, min(G[a][b]), b, "→"))
        else:
            steps.append((a, min(G[b][a]), b, "←"))
    return steps
