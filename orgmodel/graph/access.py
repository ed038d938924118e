"""Reading the workspace graph: the accessors every other stage uses instead of networkx internals.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> seats_of(G, "ssp-silkeborg")["member"][:2]
['silkeborg-klubber', 'silkeborg-lokalpoliti']
>>> max_age(G), vocabulary(G).label("forum_types", "ssp", "en")
(100, 'SSP (schools, social services, police)')
"""

from orgmodel.model import HIERARCHY_KEYS, SEAT_KEYS, Terms
from orgmodel.workspace import Record

from .store import Graph

NON_ENTITY_KINDS = ("area", "group", "crime")
"""Node kinds that are not entries of the workspace: the built-in areas and the coverage terms.
Searches for paths and neighbourhoods reach them but do not pass through them."""


def structure_of(G: Graph, body: str) -> str:
    """The topmost forum above a forum before a council (a council is its own structure).

    A forum's ``under`` names one body, and only its own field gives its ``under`` edge: the edge is looked up for
    that id, not among every edge of the forum (its seats). A loop of forums ends where it comes back.
    """
    nodes, succ = G._node, G._succ
    seen = {body}
    current = body
    while nodes[current]["kind"] == "forum":
        above = nodes[current]["record"].entity.__dict__.get("under")
        if type(above) is not str or "under" not in succ[current].get(above, ()) or above in seen \
                or nodes[above]["kind"] != "forum":
            break
        current = above
        seen.add(current)
    return current


def targets(G: Graph, node: str, key: str) -> list[str]:
    """Sorted targets of ``node``'s edges with relationship ``key``."""
    return sorted(v for v, keys in G._succ[node].items() if key in keys)


def edges_with_keys(G: Graph, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """Every ``(u, v)`` joined by an edge with one of ``keys`` (once per pair), in one pass.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> ("ssp-silkeborg", "lokalraad-silkeborg") in edges_with_keys(G, ("under",))
    True
    """
    wanted = set(keys)
    return [(u, v) for u, targets_ in G._succ.items() for v, found in targets_.items()
            if not wanted.isdisjoint(found)]


def sources(G: Graph, node: str, key: str) -> list[str]:
    """Sorted sources of edges with relationship ``key`` that end at ``node``."""
    return sorted(u for u, keys in G._pred[node].items() if key in keys)


def nodes_of_kind(G: Graph, kind: str, type_: str | None = None) -> list[str]:
    """Sorted ids of nodes of one kind (and type, when given).

    Uses the index of node ids per kind made by :func:`build_graph`; the graph
    is read-only once built.
    """
    nodes = G.graph["kinds"].get(kind, ())
    return [n for n in nodes if type_ is None or G._node[n].get("type") == type_]


def sub_organisations(G: Graph, org: str) -> list[str]:
    """Every organisation below ``org`` through ``parent`` (cycle-safe), sorted."""
    found, stack = set(), [org]
    while stack:
        for child, keys in G._pred[stack.pop()].items():
            if "parent" in keys and child not in found and child != org:
                found.add(child)
                stack.append(child)
    return sorted(found)


def record(G: Graph, node: str) -> Record:
    """The workspace record behind an entity node."""
    return G._node[node]["record"]


def area_of(G: Graph, node: str) -> str | None:
    """The effective area id of an entity (written or inherited)."""
    return G._node[node].get("area")


def kreds_of(G: Graph, area_id: str | None) -> str | None:
    """The politikreds an area lies in (itself for a politikreds)."""
    if area_id is None:
        return None
    if G._node[area_id].get("area_kind") == "politikreds":
        return area_id
    found = targets(G, area_id, "part_of")
    return found[0] if found else None


def organisation_of(G: Graph, member: str) -> str | None:
    """The organisation of a member: itself for an organisation, the employer for a role."""
    if G._node[member]["kind"] == "organisation":
        return member
    # A role names one organisation, so there is at most one such edge.
    return next((v for v, keys in G._succ[member].items() if "organisation" in keys), None)


def members_of(G: Graph, body: str, include_chair: bool = True) -> list[str]:
    """Sorted member ids of a council or forum (with its chair, by default)."""
    wanted = ("member", "chair") if include_chair else ("member",)
    return sorted(v for v, keys in G._succ[body].items() if any(k in keys for k in wanted))


def seats_of(G: Graph, body: str) -> dict[str, list[str]]:
    """The targets of a body's seat edges by relation (chair, member, invited, secretariat), each sorted.

    One pass over the body's edges instead of one :func:`targets` per relation.
    """
    seats: dict[str, list[str]] = {}
    for member, keys in G._succ[body].items():
        for key in keys:
            if key in SEAT_KEYS:
                seats.setdefault(key, []).append(member)
    return {key: sorted(members) for key, members in seats.items()}


def seat_dates(G: Graph, body: str, member: str) -> dict:
    """The dates written for a member's seat in a body (``since``, ``until``; empty when none are written).

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> seat_dates(G, "lokalraad-silkeborg", "skolechef-silkeborg")
    {'since': datetime.date(2025, 1, 1)}
    """
    return dict(G._succ[body].get(member, {}).get("member", {}))


def has_members(G: Graph, body: str) -> bool:
    """Whether a council or forum has a member or a chair (:func:`members_of` without the sorted list)."""
    return any("member" in keys or "chair" in keys for keys in G._succ[body].values())


def parent_of(G: Graph, org: str) -> str | None:
    """The organisation an organisation is part of (its one ``parent``), or ``None``."""
    return next((v for v, keys in G._succ[org].items() if "parent" in keys), None)


def has_seat(G: Graph, member: str) -> bool:
    """Whether a role or organisation is chair, member, invited guest or secretariat of some body."""
    return any(not keys.keys().isdisjoint(SEAT_KEYS) for keys in G._pred[member].values())


def seated(G: Graph, body: str) -> set[str]:
    """Every role or organisation with a seat in ``body`` (any of :data:`~orgmodel.model.SEAT_KEYS`)."""
    return {v for v, keys in G._succ[body].items() if not keys.keys().isdisjoint(SEAT_KEYS)}


def seat_holders(G: Graph, bodies) -> set[str]:
    """Every role or organisation with a seat in one of ``bodies`` (:func:`seated` of each, in one pass).

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> seat_holders(G, ["lokalraad-silkeborg", "ssp-silkeborg"]) == seated(G, "lokalraad-silkeborg") | seated(
    ...     G, "ssp-silkeborg")
    True
    """
    succ = G._succ
    return {v for body in bodies for v, keys in succ[body].items() if not _SEAT_KEYS.isdisjoint(keys)}


def seated_organisations(G: Graph, holders: set[str]) -> set[str | None]:
    """The seat ``holders`` (see :func:`seat_holders`), each role replaced by its organisation
    (:func:`organisation_of`, ``None`` for a role that names none).

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> sorted(seated_organisations(G, {"skolechef-silkeborg", "silkeborg-klubber"}))
    ['silkeborg-klubber', 'silkeborg-skoleforvaltning']
    """
    succ = G._succ
    # The roles in the order of the index, which is the order they were made in: looking up each one's
    # organisation then reads memory in order, at two thirds of the cost of the order of a set.
    roles = [role for role in G.graph["kinds"].get("role", ()) if role in holders]
    found: set[str | None] = set(holders.difference(roles))
    add = found.add
    for role in roles:
        for v, keys in succ[role].items():
            if "organisation" in keys:
                add(v)
                break
        else:
            add(None)
    return found


_SEAT_KEYS = frozenset(SEAT_KEYS)


def hierarchy_edges(G: Graph) -> list[tuple[str, str]]:
    """Every ``(u, v)`` joined by an edge of a relationship that must not form a loop
    (:data:`~orgmodel.model.HIERARCHY_KEYS`), once per pair: :func:`edges_with_keys` of those keys. Made when
    asked, not kept with the graph: a list of every pair took 30 MB at 500,000 entities for one rule.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> ("ssp-silkeborg", "lokalraad-silkeborg") in hierarchy_edges(G)
    True
    """
    return edges_with_keys(G, HIERARCHY_KEYS)


def unlinked_references(G: Graph) -> list[tuple]:
    """The references that name no entity of a kind their field allows, as ``(record, reference, list index,
    target)`` (a target named twice in one list, once): what the build left out. Only a graph built without
    ``as_of`` holds them, since it holds every entry.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> unlinked_references(build_graph(load_workspace("examples/midt-og-vestjylland")))
    []
    """
    found = G.graph["unlinked_references"]
    if found is None:
        raise ValueError("a graph built with as_of does not hold every entry's references")
    return found


def edges_from(G: Graph, node: str) -> list[tuple[str, list[str]]]:
    """``(target, sorted keys)`` of every edge leaving ``node``, sorted by target."""
    return sorted((target, sorted(keys)) for target, keys in G._succ[node].items())


def neighbours(G: Graph, node: str) -> list[str]:
    """Every node joined to ``node`` by an edge in either direction, sorted."""
    return sorted(set(G._succ[node]) | set(G._pred[node]))


def breadth_first(G: Graph, source: str, skip_kinds: tuple[str, ...] = (), depth: int | None = None,
                  target: str | None = None) -> dict[str, str | None]:
    """The parent of every node reached from ``source``, ignoring direction, neighbours in id order.

    Nodes of ``skip_kinds`` are reached but not passed through (a path never
    runs through an area); ``depth`` limits the steps; the search stops once
    ``target`` is reached. The one neighbourhood search of ``path`` and the
    focus view, so both see the same neighbourhood.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> breadth_first(G, "ssp-silkeborg", ("area", "group", "crime"), depth=1)["lokalraad-silkeborg"]
    'ssp-silkeborg'
    """
    parents: dict[str, str | None] = {source: None}
    frontier, steps = [source], 0
    while frontier and target not in parents and (depth is None or steps < depth):
        following = []
        for node in frontier:
            if node != source and G._node[node]["kind"] in skip_kinds:
                continue
            for other in neighbours(G, node):
                if other not in parents:
                    parents[other] = node
                    following.append(other)
        frontier, steps = following, steps + 1
    return parents


def vocabulary(G: Graph) -> Terms:
    """The vocabulary of the workspace the graph was built from (built-in terms plus its own)."""
    return G.graph["vocabulary"]


def vocabulary_of(G: Graph, node: str) -> Terms:
    """The vocabulary ``node`` was read with: of several workspaces read as one, that of the workspace it is written
    in, which knows the categories and role types it defines (their parents above all); else :func:`vocabulary`.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> vocabulary_of(G, "ssp-silkeborg") is vocabulary(G)
    True
    """
    return vocabulary_of_part(G, G.nodes[node].get("workspace"))


def vocabulary_of_part(G: Graph, part: str | None) -> Terms:
    """The vocabulary the workspace ``part`` of several read as one was read with; else :func:`vocabulary`.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> vocabulary_of_part(G, None) is vocabulary(G)
    True
    """
    return G.graph["vocabulary"] if part is None else G.graph.get("vocabularies", {}).get(part, G.graph["vocabulary"])


def max_age(G: Graph) -> int:
    """The oldest age the workspace counts with (``max_age`` in orgmodel.yaml)."""
    return G.graph["max_age"]


def coverage_terms(G: Graph) -> dict[str, list[str]]:
    """The person groups and crime types of the vocabulary, sorted: ``{"groups": [...], "crimes": [...]}``."""
    return G.graph["terms"]


def workspace_name(G: Graph):
    """The workspace's name as written in orgmodel.yaml (text, or a {da, en} label)."""
    return G.graph["name"]


def with_workspace_name(G: Graph, name) -> Graph:
    """``G``, its workspace's name set to ``name``: a graph shared by the parts of a national check that are
    alike but for their names (:func:`orgmodel.check.rules.context.shared_graphs`)."""
    G.graph["name"] = name
    return G


def language(G: Graph) -> str:
    """The workspace's default label language."""
    return G.graph.get("language") or "da"


def coverage_sources(G: Graph) -> dict[str, list]:
    """Every coverage source (a body or goal with ages or ``covers``) grouped by its area."""
    nodes = G._node
    return {area: [nodes[node]["source"] for node in ids] for area, ids in G.graph["coverage_sources"].items()}


def compared_with(G: Graph) -> str | None:
    """The other version an :func:`~orgmodel.graph.overlay` graph shows changes against, else ``None``."""
    return G.graph.get("compared_with")


def memo(G: Graph, name: str) -> dict:
    """A dictionary kept with the read-only graph for values derived from it (an overlay starts afresh)."""
    return G.graph.setdefault(f"memo:{name}", {})
