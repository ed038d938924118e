"""Which areas a workspace is about: its scope (from the manifest, else from its councils)."""

import networkx as nx

from orgmodel import graph as g
from orgmodel.model import AREAS, Manifest, kommuner_of, lookup_area


def scope_kredse(G: nx.MultiDiGraph, manifest: Manifest) -> list[str]:
    """Politikredse in scope: the manifest's, else those where the workspace has a kredsråd."""
    if manifest.scope is not None:
        found = (lookup_area(a, "politikreds") for a in manifest.scope.politikredse)
        return sorted({a for a in found if a and AREAS[a].kind == "politikreds"})
    kredse = {g.kreds_of(G, g.area_of(G, c)) for c in g.nodes_of_kind(G, "council", "kredsraad")}
    return sorted(k for k in kredse if k is not None)


def scope_kommuner(G: nx.MultiDiGraph, manifest: Manifest) -> list[str]:
    """Kommuner in scope: those of the scoped kredse plus the manifest's (or those with a lokalråd)."""
    kommuner = {k for kreds in scope_kredse(G, manifest) for k in kommuner_of(kreds)}
    if manifest.scope is not None:
        listed = manifest.scope.kommuner
        kommuner.update(a for a in (lookup_area(k, "kommune") for k in listed) if a and AREAS[a].kind == "kommune")
    else:
        for council in g.nodes_of_kind(G, "council", "lokalraad"):
            area = g.area_of(G, council)
            if area in AREAS and AREAS[area].kind == "kommune":
                kommuner.add(area)
    return sorted(kommuner)
