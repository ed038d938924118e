"""Coverage "fra vugge til grav": which ages, person groups and crime types the bodies of an area cover.

Definitions (the Neo4j backend must give the same answers):

- A **source** is an active council, forum or goal with ``covers``. A council
  or forum whose ``covers`` names no ages (or no person groups) is **assumed**
  to cover its type's defaults: the workspace's ``coverage_defaults``, else the
  vocabulary's (SSP+: 18-25, unge voksne). An assumption counts like a stated
  fact for the status, but every row names the bodies whose coverage of it is
  assumed (``assumed``), so no output passes an assumption off as stated.
- A source applies to its **area**: its own or inherited (a forum from the body
  it sits under, a goal from its owner). A source placed on a politikreds
  applies to every kommune in it.
- Only **bodies** (councils and forums) close a gap; goals are listed beside
  them as intent. Per item the status is ``uncovered`` (nobody), ``goal-only``
  (goals but no body), ``covered`` (bodies of one structure) or ``overlap``
  (bodies of two or more structures serving the same kommune). A forum's
  **structure** is the topmost forum above it before a council: SSP's
  coordination group and SSP itself are one structure, SSP and PSP are two.
- **Pooled rows** (``by`` ``kreds`` or ``scope``, or a politikreds in ``areas``)
  count per kommune: ``covered_in`` of ``kommuner`` (the pool's kommuner: those
  of the kreds in scope, else all of the kreds; for the scope, the kommuner in
  scope) have a body covering the item. The status is ``partial`` when some
  but not all do, ``overlap`` when every kommune is covered and one of them by
  two structures, else as for a kommune. Two kommuners' SSPs are not an overlap.
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
from itertools import pairwise
from typing import NamedTuple

from orgmodel import graph as g
from orgmodel.errors import UsageError
from orgmodel.model import AREAS, format_age_range, kommuner_of, parse_age_range

DIMENSIONS = ("ages", "groups", "crimes")
AGE_BANDS = ((0, 5), (6, 9), (10, 14), (15, 17), (18, 25), (26, 64), (65, 79), (80, None))
"""Columns of the age matrix: early childhood, school, SSP, youth, SSP+, adults, elderly."""


def age_bands(max_age: int) -> tuple[tuple[int, int | None], ...]:
    """The :data:`AGE_BANDS` that hold ages a workspace measures (0 to ``max_age``): a band that starts past it
    would show 0 % of years no one counts.

    >>> age_bands(70)[-1], len(age_bands(100)) == len(AGE_BANDS)
    ((65, 79), True)
    """
    return tuple(band for band in AGE_BANDS if band[0] <= max_age)


Source = g.CoverageSource


class CoverageRow(NamedTuple):
    """One age span or term in one area, with who covers it; ``assumed`` are the bodies (among ``bodies``)
    whose coverage of it is assumed from their type's defaults, not written.

    A pooled row (a politikreds or the scope) also says in how many of its ``kommuner`` bodies cover the
    item (``covered_in``); a kommune's row leaves both ``None``.
    """

    area: str
    item: str
    status: str
    bodies: tuple[str, ...]
    goals: tuple[str, ...] = ()
    assumed: tuple[str, ...] = ()
    covered_in: int | None = None
    kommuner: int | None = None

    @property
    def only_assumed(self) -> bool:
        """Covered, but by assumption alone: every body that covers it is assumed to."""
        return bool(self.bodies) and len(self.assumed) == len(self.bodies)


def sources_by_area(G: g.Graph) -> dict[str, list[Source]]:
    """Every coverage source grouped by its area (from the graph's index of sources per area)."""
    return g.coverage_sources(G)


def _areas_to_report(by: str, areas: list[str] | None, scope_areas: list[str], by_area) -> list[str]:
    if areas:
        return sorted(areas)
    if by == "scope":
        return ["scope"]
    if by == "kreds":
        kredse = {AREAS[a].kreds or a for a in scope_areas} or {AREAS[a].kreds or a for a in by_area if a in AREAS}
        return sorted(kredse)
    return scope_areas


def kommuner_with_sources(by_area) -> list[str]:
    """The kommuner a workspace without a scope (and without lokalråd to find one from) is about: those with
    sources of their own or through their politikreds.

    >>> kommuner_with_sources({"odense": [], "kreds-bornholm": []})
    ['bornholm', 'odense']
    """
    found: set[str] = set()
    for area in by_area:
        if area in AREAS:
            found.update([area] if AREAS[area].kind == "kommune" else kommuner_of(area))
    return sorted(found)


def _sources_for(area: str, by_area, scope_areas) -> list[Source]:
    if area == "scope":
        wanted = set(scope_areas) | {AREAS[a].kreds for a in scope_areas if a in AREAS}
    elif AREAS[area].kind == "politikreds":  # the kreds's own and those of the kommuner its row counts
        wanted = {area, *(_pool(area, scope_areas) or ())}
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
    """Maximal age spans of one area, each with the same sources.

    Sources are grouped by the spans they state (most share a few, such as
    6-17 or 18+), so the sweep runs over distinct spans, not over sources.
    """
    by_span = defaultdict(list)
    for s in sorted(sources):
        for span in (s.ages if len(s.ages) < 2 else dict.fromkeys(s.ages)):
            by_span[span].append(s)
    spans = sorted(by_span)
    points = sorted({0, max_age + 1} | {first for first, _ in spans} | {last + 1 for _, last in spans})
    merged: list[list] = []
    for start, stop in pairwise(points):
        active = [span for span in spans if span[0] <= start and stop - 1 <= span[1]]
        inside = by_span[active[0]] if len(active) == 1 else sorted(
            {s.id: s for span in active for s in by_span[span]}.values())
        key = tuple(s.id for s in inside)
        if merged and merged[-1][2] == key:
            merged[-1][1] = stop - 1
        else:
            merged.append([start, stop - 1, key, inside])
    result = []
    for first, last, _, inside in merged:
        bodies = [s for s in inside if s.is_body]
        goals = tuple(s.id for s in inside if not s.is_body)
        item = format_age_range(first, None if last == max_age and first != last else last)
        result.append(CoverageRow(area, item, _status(bodies, goals), tuple(b.id for b in bodies), goals,
                                  tuple(b.id for b in bodies if "ages" in b.assumed)))
    return result


def term_rows(area: str, sources: list[Source], dimension: str, terms: list[str]) -> list[CoverageRow]:
    """One row per vocabulary term (groups or crimes) of one area."""
    by_term = defaultdict(list)
    for s in sorted(sources):
        for term in getattr(s, dimension):
            by_term[term].append(s)
    rows = []
    for term in terms:
        inside = by_term.get(term, ())
        bodies = [s for s in inside if s.is_body]
        goals = tuple(s.id for s in inside if not s.is_body)
        rows.append(CoverageRow(area, term, _status(bodies, goals), tuple(b.id for b in bodies), goals,
                                tuple(b.id for b in bodies if dimension in b.assumed)))
    return rows


_TYPE_PART = {"ages": "the default ages of the", "groups": "the default person groups of the",
              "crimes": "the default crime types of the", "partners": "the required partners of the"}
"""What a table cannot read of a body whose type the vocabulary lacks (``types``: the type itself); what the body
writes itself still counts."""


def unread_coverage(G: g.Graph, dimension: str) -> list[str]:
    """What the bodies and goals in ``G`` write that this table cannot read, so it counts for nothing: a body type
    the vocabulary lacks (no defaults are assumed for it), an age range that cannot be read, or a person group or
    crime type the vocabulary lacks (``dimension``; ``types`` for the types alone, ``partners`` for their partner
    requirements). The check names each with its
    fix; a gap table says it exists, since a typo would otherwise read as a gap.

    >>> from orgmodel.workspace import load_workspace
    >>> unread_coverage(g.build_graph(load_workspace("examples/midt-og-vestjylland")), "groups")
    []
    """
    vocab, top, found = g.vocabulary(G), g.max_age(G), []
    for kind in ("council", "forum", "goal"):
        for node in g.nodes_of_kind(G, kind):
            fields = g.record(G, node).entity.__dict__
            written = fields.get("type")
            if kind != "goal" and isinstance(written, str) and vocab.body_type(kind, written) is None:
                found.append(f"{node}: {_TYPE_PART.get(dimension, 'the')} {kind} type '{written}'")
            covers = fields.get("covers")
            if covers is None or dimension not in DIMENSIONS:
                continue
            if dimension == "ages":
                found += [f"{node}: the age range '{text}'" for text in covers.ages if not _readable_range(text, top)]
            else:
                word = "person group" if dimension == "groups" else "crime type"
                found += [f"{node}: the {word} '{term}'" for term in getattr(covers, dimension)
                          if not vocab.has(dimension, term)]
    return found


def _readable_range(text: str, max_age: int) -> bool:
    try:
        parse_age_range(text, max_age)
    except ValueError:
        return False
    return True


def unread_note(G: g.Graph, dimension: str) -> list[str]:
    """One note naming what :func:`unread_coverage` finds (ten at the most), with the fix; none when it finds
    nothing."""
    found = unread_coverage(G, dimension)
    if not found:
        return []
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    return [f"not read, so counted for nothing: {'; '.join(found[:10])}{more}. Run `orgmodel check` for the fix "
            "of each"]


def coverage(G: g.Graph, dimension: str, by: str = "kommune", areas: list[str] | None = None,
             scope_areas: list[str] | None = None) -> list[CoverageRow]:
    """Coverage rows of ``dimension`` (ages, groups, crimes) per area.

    ``by`` is ``kommune``, ``kreds`` or ``scope``; ``areas`` picks areas
    explicitly; ``scope_areas`` are the kommuner in scope (default: the
    kommuner that have sources).
    """
    return coverage_of_sources(sources_by_area(G), dimension, by, areas, scope_areas, g.max_age(G),
                               g.coverage_terms(G))


def coverage_of_sources(by_area: dict[str, list[Source]], dimension: str, by: str, areas: list[str] | None,
                        scope_areas: list[str] | None, max_age: int, terms: dict) -> list[CoverageRow]:
    """The rows from sources grouped by area, however they were read (networkx or Cypher)."""
    if dimension not in DIMENSIONS:
        raise UsageError(f"unknown coverage dimension '{dimension}'; use one of {', '.join(DIMENSIONS)}")
    scope_areas = scope_areas or kommuner_with_sources(by_area)
    rows = []
    for area in _areas_to_report(by, areas, scope_areas, by_area):
        sources = _sources_for(area, by_area, scope_areas)
        if dimension == "ages":
            found = age_rows(area, sources, max_age)
        else:
            found = term_rows(area, sources, dimension, terms[dimension])
        pool = _pool(area, scope_areas)
        rows += [_pooled(row, pool, by_area) for row in found] if pool is not None else found
    return rows


def _pool(area: str, scope_areas: list[str]) -> list[str] | None:
    """The kommuner a pooled row counts (``None`` for a kommune's own row)."""
    if area == "scope":
        return sorted(scope_areas)
    if AREAS[area].kind != "politikreds":
        return None
    kommuner = kommuner_of(area)
    return [k for k in kommuner if k in scope_areas] or kommuner


def _pooled(row: CoverageRow, pool: list[str], by_area: dict[str, list[Source]]) -> CoverageRow:
    """A pooled row with the kommuner its bodies serve counted, and its status said per kommune."""
    structures: dict[str, set] = {}
    bodies = set(row.bodies)
    for kommune in pool:
        serving = {s.structure for a in (kommune, AREAS[kommune].kreds) for s in by_area.get(a, ())
                   if s.id in bodies}
        if serving:
            structures[kommune] = serving
    covered = len(structures)
    if not covered:
        status = "goal-only" if row.goals else "uncovered"
    elif covered < len(pool):
        status = "partial"
    else:
        status = "overlap" if any(len(s) >= 2 for s in structures.values()) else "covered"
    return row._replace(status=status, covered_in=covered, kommuner=len(pool))


def band_share(rows: list[CoverageRow], first: int, last: int | None, max_age: int) -> float:
    """The share of the years of a band that bodies cover (0.0 to 1.0); pooled rows count each year by the
    share of their kommuner covered."""
    last = max_age if last is None else min(last, max_age)
    covered = 0.0
    for row in rows:
        if row.status in ("covered", "overlap", "partial"):
            lo, hi = parse_age_range(row.item, max_age)
            hi = max_age if hi is None else hi
            weight = (row.covered_in or 0) / row.kommuner if row.kommuner else 1.0
            covered += weight * max(0, min(hi, last) - max(lo, first) + 1)
    return covered / (last - first + 1)


def percent(share: float) -> int:
    """A share (0.0 to 1.0) as a whole percentage; 0 and 100 only when nothing or everything is covered.

    >>> percent(2 / 3), percent(0.001), percent(0.999), percent(0.0), percent(1.0)
    (67, 1, 99, 0, 100)
    """
    value = round(100 * share)
    return 1 if value == 0 and share > 0 else 99 if value == 100 and share < 1 else value


def matrix(G: g.Graph, dimension: str, rows: list[CoverageRow]) -> tuple[list[str], list[list]]:
    """Areas (rows) against age bands or terms (columns).

    Ages: the percentage (a whole number from 0 to 100) of each band's years
    that bodies cover (see :func:`percent`), of the bands the workspace measures (:func:`age_bands`).
    Terms: the number of bodies covering the term, by term id.
    """
    areas = list(dict.fromkeys(r.area for r in rows))
    if dimension == "ages":
        bands = age_bands(g.max_age(G))
        columns = [format_age_range(a, b) for a, b in bands]
        table = [[area] + [percent(band_share([r for r in rows if r.area == area], a, b, g.max_age(G)))
                           for a, b in bands] for area in areas]
    else:
        columns = sorted(g.coverage_terms(G)[dimension])
        counts = {(r.area, r.item): len(r.bodies) for r in rows}
        table = [[area] + [counts.get((area, term), 0) for term in columns] for area in areas]
    return ["area"] + columns, table
