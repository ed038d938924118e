"""Coverage "fra vugge til grav": which ages, person groups and crime types the bodies of an area cover.

Definitions (the Neo4j backend must give the same answers):

- A **source** is an active council, forum or goal with ``covers``. A council
  or forum without ``covers.ages`` covers its type's typical ages (SSP: 6-17).
- A source applies to its **area**: its own or inherited (a forum from the body
  it sits under, a goal from its owner). A source placed on a politikreds
  applies to every kommune in it.
- Only **bodies** (councils and forums) close a gap; goals are listed beside
  them as intent. Per item the status is ``uncovered`` (nobody), ``goal-only``
  (goals but no body), ``covered`` (bodies of one structure) or ``overlap``
  (bodies of two or more structures). A forum's **structure** is the topmost
  forum above it before a council: SSP's coordination group and SSP itself are
  one structure, SSP and PSP are two.
- **Ages** are whole years from 0 to the workspace's ``max_age``; an open range
  ("65+") runs to ``max_age``. The years are cut into segments where the set of
  sources changes, so each row is a maximal span with the same sources.
- **Groups and crimes**: every term of the vocabulary, in id order.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> rows = coverage(G, "ages", areas=["silkeborg"])
>>> [(r.item, r.status) for r in rows][:2]
[('0-5', 'uncovered'), ('6-9', 'covered')]
"""

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from . import graph as g
from .ages import format_age_range, parse_age_range
from .areas import AREAS, kommuner_of
from .errors import UsageProblem

DIMENSIONS = ("ages", "groups", "crimes")
AGE_BANDS = ((0, 5), (6, 9), (10, 14), (15, 17), (18, 25), (26, 64), (65, 79), (80, None))
"""Columns of the age matrix: early childhood, school, SSP, youth, SSP+, adults, elderly."""


@dataclass(frozen=True)
class Source:
    """A body or goal that covers something in an area."""

    id: str
    kind: str
    ages: tuple[tuple[int, int], ...]
    groups: frozenset[str]
    crimes: frozenset[str]
    structure: str = ""

    @property
    def is_body(self) -> bool:
        return self.kind in g.BODY_KINDS


@dataclass(frozen=True)
class CoverageRow:
    """One age span or term in one area, with who covers it."""

    area: str
    item: str
    status: str
    bodies: tuple[str, ...]
    goals: tuple[str, ...] = field(default=())


def sources_by_area(G: nx.MultiDiGraph) -> dict[str, list[Source]]:
    """Every coverage source grouped by its area, in one pass over the nodes."""
    max_age = G.graph["max_age"]
    found = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data["kind"] not in ("council", "forum", "goal"):
            continue
        covers = data["record"].entity.covers
        ages = list(covers.ages) if covers else []
        if not ages and data["kind"] != "goal" and data.get("typical_ages"):
            ages = [data["typical_ages"]]
        if not ages and covers is None:
            continue
        spans = []
        for text in ages:
            try:
                first, last = parse_age_range(text, max_age)
            except ValueError:
                continue
            spans.append((first, max_age if last is None else last))
        groups = frozenset(covers.groups) if covers else frozenset()
        crimes = frozenset(covers.crimes) if covers else frozenset()
        if data.get("area"):
            found[data["area"]].append(Source(node, data["kind"], tuple(spans), groups, crimes,
                                              g.structure_of(G, node)))
    return found


def _areas_to_report(G, by: str, areas: list[str] | None, scope_areas: list[str], by_area) -> list[str]:
    if areas:
        return sorted(areas)
    if by == "scope":
        return ["scope"]
    if by == "kreds":
        kredse = {AREAS[a].kreds or a for a in scope_areas} or {AREAS[a].kreds or a for a in by_area if a in AREAS}
        return sorted(kredse)
    return scope_areas or sorted(a for a in by_area if a in AREAS and AREAS[a].kind == "kommune")


def _sources_for(area: str, by_area, scope_areas) -> list[Source]:
    if area == "scope":
        wanted = set(scope_areas) | {AREAS[a].kreds for a in scope_areas if a in AREAS}
    elif AREAS[area].kind == "politikreds":
        wanted = {area, *kommuner_of(area)}
    else:
        wanted = {area, AREAS[area].kreds}
    return [s for a in sorted(wanted) for s in by_area.get(a, ())]


def _status(bodies: list[Source], goals) -> str:
    if len({b.structure for b in bodies}) >= 2:
        return "overlap"
    if bodies:
        return "covered"
    return "goal-only" if goals else "uncovered"


def age_rows(area: str, sources: list[Source], max_age: int) -> list[CoverageRow]:
    """Maximal age spans of one area, each with the same sources."""
    cuts = {0, max_age + 1}
    for s in sources:
        for first, last in s.ages:
            cuts.update((first, last + 1))
    points = sorted(c for c in cuts if 0 <= c <= max_age + 1)
    rows: list[list] = []
    for start, stop in zip(points, points[1:]):
        inside = sorted({s.id: s for s in sources for first, last in s.ages
                         if first <= start and stop - 1 <= last}.values(), key=lambda s: s.id)
        key = tuple(s.id for s in inside)
        if rows and rows[-1][2] == key:
            rows[-1][1] = stop - 1
        else:
            rows.append([start, stop - 1, key, inside])
    result = []
    for first, last, _, inside in rows:
        bodies = [s for s in inside if s.is_body]
        goals = tuple(s.id for s in inside if not s.is_body)
        item = format_age_range(first, None if last == max_age and first != last else last)
        result.append(CoverageRow(area, item, _status(bodies, goals), tuple(b.id for b in bodies), goals))
    return result


def term_rows(area: str, sources: list[Source], dimension: str, terms: list[str]) -> list[CoverageRow]:
    """One row per vocabulary term (groups or crimes) of one area."""
    rows = []
    for term in sorted(terms):
        inside = sorted((s for s in sources if term in getattr(s, dimension)), key=lambda s: s.id)
        bodies = [s for s in inside if s.is_body]
        goals = tuple(s.id for s in inside if not s.is_body)
        rows.append(CoverageRow(area, term, _status(bodies, goals), tuple(b.id for b in bodies), goals))
    return rows


def coverage(G: nx.MultiDiGraph, dimension: str, by: str = "kommune", areas: list[str] | None = None,
             scope_areas: list[str] | None = None) -> list[CoverageRow]:
    """Coverage rows of ``dimension`` (ages, groups, crimes) per area.

    ``by`` is ``kommune``, ``kreds`` or ``scope``; ``areas`` picks areas
    explicitly; ``scope_areas`` are the kommuner in scope (default: the
    kommuner that have sources).
    """
    if dimension not in DIMENSIONS:
        raise UsageProblem(f"unknown coverage dimension '{dimension}'; use one of {', '.join(DIMENSIONS)}")
    by_area = sources_by_area(G)
    scope_areas = scope_areas or []
    rows = []
    for area in _areas_to_report(G, by, areas, scope_areas, by_area):
        sources = _sources_for(area, by_area, scope_areas)
        if dimension == "ages":
            rows += age_rows(area, sources, G.graph["max_age"])
        else:
            rows += term_rows(area, sources, dimension, G.graph["terms"][dimension])
    return rows


def band_share(rows: list[CoverageRow], first: int, last: int | None, max_age: int) -> float:
    """The share of the years of a band that bodies cover (0.0 to 1.0)."""
    last = max_age if last is None else min(last, max_age)
    covered = 0
    for row in rows:
        if row.status in ("covered", "overlap"):
            lo, hi = parse_age_range(row.item, max_age)
            hi = max_age if hi is None else hi
            covered += max(0, min(hi, last) - max(lo, first) + 1)
    return covered / (last - first + 1)


def matrix(G: nx.MultiDiGraph, dimension: str, rows: list[CoverageRow]) -> tuple[list[str], list[list]]:
    """Areas (rows) against age bands or terms (columns).

    Ages: the share of each band's years that bodies cover. Terms: the number
    of bodies covering the term.
    """
    areas = list(dict.fromkeys(r.area for r in rows))
    if dimension == "ages":
        columns = [format_age_range(a, b) for a, b in AGE_BANDS]
        table = [[area] + [round(band_share([r for r in rows if r.area == area], a, b, G.graph["max_age"]), 2)
                           for a, b in AGE_BANDS] for area in areas]
    else:
        columns = sorted(G.graph["terms"][dimension])
        counts = {(r.area, r.item): len(r.bodies) for r in rows}
        table = [[area] + [counts.get((area, term), 0) for term in columns] for area in areas]
    return ["area"] + columns, table
