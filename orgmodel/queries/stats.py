"""Brokers and key-person risk: who sits in many bodies, and who connects the structure.

The **membership graph** is undirected and bipartite: roles and organisations
on one side, councils and forums on the other, an edge for each seat (chair,
member, invited, secretariat). A role also links to its organisation.
``bodies`` counts the distinct bodies an entity sits in and ``seats`` its
seats, the way ``orgmodel who`` lists them (:func:`orgmodel.queries.lookup.who`):
an organisation sits directly, through its roles and through its
sub-organisations and their roles; ``betweenness`` is networkx's normalised betweenness centrality on the
membership graph (sampled with ``k`` nodes and a fixed seed when ``k`` is
given, for large workspaces).

What is counted is what the graph holds: a graph built with ``as_of`` holds only
the entries and dated seats valid that day, the one ``orgmodel stats`` reads (today
unless ``--as-of`` gives another day); a graph of every entry holds ended seats
too, so a role that left a body long ago would count it.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> top = brokers(G, top=1)[0]
>>> top.id, top.bodies, top.seats
('mvj-politi', 27, 31)
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgmodel.model import BODY_KINDS, MEMBER_KINDS, SEAT_KEYS

from .lookup import who

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Broker:
    """A role or organisation with its seat count, betweenness and risk flag."""

    id: str
    kind: str
    bodies: int
    betweenness: float
    key_person_risk: bool
    seats: int = 0


def membership_graph(G: "nx.MultiDiGraph") -> "nx.Graph":
    """The undirected membership graph (a new, small graph of seats only)."""
    import networkx as nx  # here: orgmodel check, which imports this module, needs no networkx

    M = nx.Graph()
    for u, v, k in G.edges(keys=True):
        if k in SEAT_KEYS and G.nodes[u]["kind"] in BODY_KINDS and G.nodes[v]["kind"] in MEMBER_KINDS:
            M.add_edge(u, v)
        elif k == "organisation" and G.nodes[u]["kind"] == "role":
            M.add_edge(u, v)
    return M


def brokers(G: "nx.MultiDiGraph", top: int | None = None, risk_at: int = 3, k: int | None = None) -> list[Broker]:
    """Roles and organisations ranked by bodies sat in, then betweenness, then id.

    ``risk_at``: a role in this many bodies or more is a key-person risk.
    """
    import networkx as nx

    M = membership_graph(G)
    if k is not None and k < M.number_of_nodes():
        centrality = nx.betweenness_centrality(M, k=k, seed=1)
    else:
        centrality = nx.betweenness_centrality(M)
    result = []
    for node in sorted(G):
        kind = G.nodes[node]["kind"]
        if kind not in MEMBER_KINDS:
            continue
        seats = who(G, node)
        if node not in M and not seats:
            continue
        bodies = len({s.body for s in seats})
        result.append(Broker(node, kind, bodies, round(centrality.get(node, 0.0), 4),
                             kind == "role" and bodies >= risk_at, len(seats)))
    result.sort(key=lambda b: (-b.bodies, -b.betweenness, b.id))
    return result[:top] if top else result
