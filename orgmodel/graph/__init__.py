"""The workspace as a graph, and the one door to it: build it, read it, overlay two versions.

Only this package knows how the graph is stored (networkx ``MultiDiGraph``,
node and graph attributes, indexes); every other stage reads it through the
accessors exported here.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel import graph as g
>>> G = g.build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> g.targets(G, "lokalraad-silkeborg", "reports_to"), g.kreds_of(G, "silkeborg")
(['kredsraad-mvj'], 'kreds-midt-og-vestjylland')
"""

from .access import (
    NON_ENTITY_KINDS,
    area_of,
    breadth_first,
    compared_with,
    coverage_sources,
    coverage_terms,
    edges_from,
    edges_with_keys,
    has_members,
    has_seat,
    kreds_of,
    language,
    max_age,
    members_of,
    memo,
    neighbours,
    nodes_of_kind,
    organisation_of,
    parent_of,
    record,
    seat_dates,
    seat_holders,
    seated,
    seated_organisations,
    seats_of,
    sources,
    structure_of,
    sub_organisations,
    targets,
    unlinked_references,
    vocabulary,
    with_workspace_name,
    workspace_name,
)
from .build import (
    CoverageSource,
    build_graph,
    holds_everything,
    is_active,
    is_active_seat,
    written_area,
)
from .overlay import (
    closes,
    edge_change,
    node_change,
    overlay,
)

__all__ = [
    "NON_ENTITY_KINDS",
    "CoverageSource",
    "area_of",
    "breadth_first",
    "build_graph",
    "closes",
    "compared_with",
    "coverage_sources",
    "coverage_terms",
    "edge_change",
    "edges_from",
    "edges_with_keys",
    "has_members",
    "seat_dates",
    "seat_holders",
    "has_seat",
    "holds_everything",
    "is_active",
    "is_active_seat",
    "kreds_of",
    "language",
    "max_age",
    "members_of",
    "memo",
    "neighbours",
    "node_change",
    "nodes_of_kind",
    "organisation_of",
    "overlay",
    "parent_of",
    "record",
    "seated",
    "seated_organisations",
    "seats_of",
    "sources",
    "structure_of",
    "sub_organisations",
    "targets",
    "unlinked_references",
    "vocabulary",
    "with_workspace_name",
    "workspace_name",
    "written_area",
]
