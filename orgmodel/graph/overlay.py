"""Two versions of a workspace in one graph, for drawing what changed (``diagram --compare``).

For views only: rules and queries read one version.
"""

from typing import TYPE_CHECKING

from orgmodel.model import SEAT_KEYS

from .build import index_graph

if TYPE_CHECKING:
    import networkx as nx


def closes(old, new) -> bool:
    """Whether a later version ``new`` of an entity gives an end date that ``old`` did not (or an earlier one)."""
    return new.valid_to is not None and (old.valid_to is None or new.valid_to < old.valid_to)


def overlay(old: "nx.MultiDiGraph", new: "nx.MultiDiGraph", compared_with: str) -> "nx.MultiDiGraph":
    """``new`` plus what only ``old`` has, marked for drawing the changes between two versions.

    Nodes and edges of one version only get ``change`` = ``added`` (only in
    ``new``) or ``removed`` (only in ``old``, or given an end date by ``new``,
    see :func:`closes`). A removed entity keeps its old edges, so a deleted
    body is drawn at its old place; an entity of both versions keeps only its
    new place, and its old seats (member, chair, invited, secretariat) as
    removed edges. For views only: rules and queries read one version.
    """
    G = new.copy()
    for key in [k for k in G.graph if k.startswith("memo:")]:
        del G.graph[key]
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
    index_graph(G)
    return G


def node_change(G: "nx.MultiDiGraph", node: str) -> str:
    """``added``, ``removed`` or ``""``: how a node differs between the versions of an :func:`overlay`."""
    return G.nodes[node].get("change", "")


def edge_change(G: "nx.MultiDiGraph", u: str, v: str, key: str) -> str:
    """``added``, ``removed`` or ``""`` for an edge of an :func:`overlay` (``""`` when there is no such edge)."""
    data = G.get_edge_data(u, v, key)
    return data.get("change", "") if data else ""
