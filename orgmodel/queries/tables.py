"""The questions of `orgmodel gaps`, `show`, `who`, `path` and `stats`, as tables.

Each function takes a loaded workspace and returns a :class:`Table` that the
CLI renders as a terminal table, JSON or CSV. The same functions are the
Python API; the modules they call (:mod:`~orgmodel.queries.coverage`,
:mod:`~orgmodel.queries.partners`, :mod:`~orgmodel.queries.lookup`, :mod:`~orgmodel.queries.stats`)
return typed rows for programs.

>>> from orgmodel.workspace import load_workspace
>>> table = gaps_coverage(load_workspace("examples/midt-og-vestjylland"), "groups", areas=["herning"])
>>> table.rows[0][:3]
['herning', 'aeldre', 'Ældre']
"""

import datetime as dt
from dataclasses import dataclass, field

from orgmodel import graph as g
from orgmodel.errors import UsageError
from orgmodel.graph import build_graph, build_store
from orgmodel.model import label_text
from orgmodel.workspace import Workspace

from . import coverage, lookup, partners, scope, stats


@dataclass
class Table:
    """Headers and rows, ready for :func:`orgmodel.tables.render_table`."""

    headers: list[str]
    rows: list[list]
    notes: list[str] = field(default_factory=list)
    text: tuple[list[str], list[list]] | None = None
    """Headers and rows as the terminal table shows them, where they differ from the data that JSON and CSV
    carry (the matrix: vocabulary labels for term ids, "67 %" for 67); ``None`` when they are the same."""

    def shown(self, fmt: str) -> tuple[list[str], list[list]]:
        """The headers and rows to render in ``fmt``: the text form for ``table``, the data for JSON and CSV."""
        return self.text if fmt == "table" and self.text is not None else (self.headers, self.rows)


def gaps_coverage(ws: Workspace, dimension: str, by: str = "kommune", areas: list[str] | None = None,
                  as_of: dt.date | None = None, lang: str = "da", as_matrix: bool = False) -> Table:
    """Coverage of ages, groups or crimes per kommune, kreds or the whole scope (see :mod:`coverage`).

    Raises :class:`UsageError` when the manifest's scope lists an area that is unknown or of the wrong kind.
    """
    scope.require_valid_scope(ws)
    G = build_store(ws, as_of=as_of)
    kommuner = scope.workspace_kommuner(G, ws)
    rows = coverage.coverage(G, dimension, by, scope.asked_areas(areas, kommuner), kommuner)
    if as_matrix:
        headers, table = coverage.matrix(G, dimension, rows)
        found = Table(headers, table, assumed_notes(rows, dimension),
                      matrix_text(headers, table, dimension, g.vocabulary(G), lang))
    else:
        found = coverage_table(rows, dimension, g.vocabulary(G), lang)
    found.notes += coverage.unread_note(G, dimension)
    return with_workspace(ws, G, found, "area")


def with_workspace(ws: Workspace, G: g.Graph, table: Table, column: str) -> Table:
    """Of several workspaces read as one: the table with a first column ``workspace`` naming the workspace of
    each row's ``column`` (an entry, or an area); the table as it is for one workspace."""
    if not ws.parts:
        return table
    areas = scope.workspace_of_areas(G, ws)

    def named(headers: list[str], rows: list[list]) -> tuple[list[str], list[list]]:
        at = headers.index(column)
        owner = (lambda v: areas.get(v, "")) if column == "area" else (lambda v: G.nodes[v].get("workspace") or "")
        return ["workspace", *headers], [[owner(row[at]), *row] for row in rows]

    table.headers, table.rows = named(table.headers, table.rows)
    if table.text is not None:
        table.text = named(*table.text)
    return table


def matrix_text(headers: list[str], rows: list[list], dimension: str, vocabulary,
                lang: str = "da") -> tuple[list[str], list[list]]:
    """The matrix as the terminal shows it: ages as whole percentages ("67 %"), terms by their label in ``lang``.

    >>> matrix_text(["area", "0-5"], [["silkeborg", 67]], "ages", None)
    (['area', '0-5'], [['silkeborg', '67 %']])
    """
    if dimension == "ages":
        return headers, [[row[0]] + [f"{value} %" for value in row[1:]] for row in rows]
    return [headers[0]] + [vocabulary.label(dimension, term, lang) for term in headers[1:]], rows


def coverage_table(rows: list, dimension: str, vocabulary, lang: str = "da") -> Table:
    """Coverage rows as a table: ages by span; groups and crimes by term with their label.

    ``assumed`` lists the bodies whose coverage of the row is assumed from their type's defaults
    (they write no ``covers.ages`` or ``covers.groups``), not stated.
    """
    notes = assumed_notes(rows, dimension)
    pooled = any(r.kommuner is not None for r in rows)
    if dimension == "ages":
        table = Table(["area", "ages", "status", "bodies", "goals", "assumed"],
                      [[r.area, r.item, r.status, list(r.bodies), list(r.goals), list(r.assumed)] for r in rows],
                      notes)
    else:
        table = Table(["area", "item", "label", "status", "bodies", "goals", "assumed"],
                      [[r.area, r.item, vocabulary.label(dimension, r.item, lang), r.status,
                        list(r.bodies), list(r.goals), list(r.assumed)] for r in rows], notes)
    if pooled:
        at = table.headers.index("status") + 1
        table.headers.insert(at, "covered_in")
        for r, cells in zip(rows, table.rows, strict=True):
            cells.insert(at, covered_in_text(r))
    return table


def covered_in_text(row) -> str:
    """In how many kommuner a pooled row is covered, as a table shows it ("2 of 11 kommuner"); "" for a kommune."""
    if row.kommuner is None:
        return ""
    return f"{row.covered_in} of {row.kommuner} {'kommune' if row.kommuner == 1 else 'kommuner'}"


def assumed_notes(rows: list, dimension: str) -> list[str]:
    """One note naming the bodies whose coverage in ``rows`` is assumed, with the fix; none when nothing is."""
    bodies = sorted({b for r in rows for b in r.assumed})
    if not bodies:
        return []
    part = "ages" if dimension == "ages" else "groups"
    return [f"assumed, not stated: {', '.join(bodies)} write no covers.{part}, so their type's default "
            f"{'ages' if part == 'ages' else 'person groups'} are counted; write covers.{part} as those bodies "
            "actually work, or set coverage_defaults in orgmodel.yaml"]


def gaps_partners(ws: Workspace, by: str = "body", areas: list[str] | None = None,
                  as_of: dt.date | None = None) -> Table:
    """Partner requirements per body (``by="body"``), or forum types per kommune (``by="kommune"``)."""
    G = build_store(ws, as_of=as_of)
    scope.require_valid_scope(ws)
    in_scope = scope.workspace_kommuner(G, ws)
    asked = scope.asked_areas(areas, in_scope)
    if by == "kommune":
        kommuner = scope.kommuner_asked(asked, in_scope) or in_scope or coverage.kommuner_with_sources(
            {G.nodes[forum]["area"]: () for forum in g.nodes_of_kind(G, "forum")})
        rows = partners.forum_type_rows(G, kommuner, scope.workspace_of_areas(G, ws))
        return with_workspace(ws, G, Table(["area", "forum_type", "status", "bodies"],
                                           [[r.area, r.type, r.status, list(r.bodies)] for r in rows],
                                           coverage.unread_note(G, "types")), "area")
    if by != "body":
        raise UsageError(f"--by takes body or kommune for partners, not '{by}'")
    wanted = set(asked or [])
    body_rows = [r for r in partners.partner_rows(G) if scope.serves_areas(r.area, wanted)]
    return with_workspace(ws, G, Table(["body", "type", "area", "which", "requirement", "status", "members"],
                                       [[r.body, r.type, r.area, r.which, r.requirement, r.status, list(r.members)]
                                        for r in body_rows], coverage.unread_note(G, "partners")), "body")


def gaps_policies(ws: Workspace, areas: list[str] | None = None, as_of: dt.date | None = None,
                  lang: str = "da") -> Table:
    """The kommune policies no goal serves (``serves:`` of a goal), by id; ``areas`` keeps those of these
    kommuner or kredse.

    >>> from orgmodel.workspace import load_workspace
    >>> gaps_policies(load_workspace("examples/midt-og-vestjylland")).rows
    [['sundhedspolitik-silkeborg', 'sundhedspolitik', 'silkeborg', 'Sundhedspolitik 2024-2027 (eksempel)']]
    """
    G = build_store(ws, as_of=as_of)
    scope.require_valid_scope(ws)
    wanted = set(scope.asked_areas(areas, scope.workspace_kommuner(G, ws)) or [])
    rows = []
    for policy in g.nodes_of_kind(G, "policy"):
        area = g.area_of(G, policy)
        if not scope.serves_areas(area, wanted):
            continue
        if not g.sources(G, policy, "serves"):
            rows.append([policy, G.nodes[policy]["type"], area, label_text(G.nodes[policy]["label"], lang)])
    return with_workspace(ws, G, Table(["policy", "type", "area", "name"], rows), "policy")


def show_entity(ws: Workspace, entity: str, as_of: dt.date | None = None, lang: str = "da",
                public: bool = False) -> Table:
    """An entity's attributes followed by every relation in and out (without personal data when ``public``)."""
    G = build_graph(ws, as_of=as_of)
    attributes, relations = lookup.show(G, entity, lang, public)
    rows = [["attribute", key, "", value] for key, value in attributes.items()]
    rows += [[r.direction, r.relation, r.other, r.other_label] for r in relations]
    return Table(["section", "name", "other", "value"], rows)


def who_sits(ws: Workspace, entity: str, as_of: dt.date | None = None) -> Table:
    """Every body an organisation or role sits in (see :func:`lookup.who`), with the dates of a dated seat as
    ``YYYY-MM-DD`` (empty when none is written), so that a seat that has ended shows.

    >>> from orgmodel.workspace import load_workspace
    >>> table = who_sits(load_workspace("examples/midt-og-vestjylland"), "skolechef-silkeborg")
    >>> table.headers[-2:], [row[-2:] for row in table.rows if row[0] == "lokalraad-silkeborg"]
    (['since', 'until'], [['2025-01-01', None]])
    """
    G = build_graph(ws, as_of=as_of)
    seats = lookup.who(G, entity)
    rows = [[s.body, s.body_type, s.level, s.area, s.relation, s.via or "(direct)", _day(s.since), _day(s.until)]
            for s in seats]
    notes = [] if seats else [f"'{entity}' sits in no council or forum"]
    return Table(["body", "type", "level", "area", "as", "via", "since", "until"], rows, notes)


def _day(day: dt.date | None) -> str | None:
    """A date as a cell of JSON, CSV and the table: ``2025-06-30``; ``None`` (empty) when none is written."""
    return day.isoformat() if day else None


def path_between(ws: Workspace, source: str, target: str, as_of: dt.date | None = None) -> Table:
    """The shortest chain of relations between two entities (see :func:`lookup.path`); no rows and a note
    saying so when they are not connected."""
    G = build_graph(ws, as_of=as_of)
    steps = lookup.path(G, source, target)
    notes = [] if steps else [f"'{source}' and '{target}' are not connected\n  Fix: check the ids, or connect them "
                              "through a body they both sit in (`orgmodel who ID` lists where each sits)"]
    return Table(["from", "relation", "direction", "to"], [[a, rel, arrow, b] for a, rel, b, arrow in steps], notes)


def broker_stats(ws: Workspace, top: int | None = 20, risk_at: int = 3, as_of: dt.date | None = None,
                 sample: int | None = None) -> Table:
    """Roles and organisations ranked by the bodies they sit in (counted as ``who`` counts them) and their
    betweenness, on ``as_of``: only the entries and dated seats valid that day count.

    ``as_of=None`` counts every entry and every seat ever written, ended ones too, as if they were held at once;
    ``orgmodel stats`` never asks for that (its day is today unless ``--as-of`` gives another): a role that
    left a body years ago is not a key-person risk. A note says when entries or seats were left out.
    """
    G = build_graph(ws, as_of=as_of)
    every = stats.brokers(G, None, risk_at, sample)
    ranked = every[:top] if top else every
    notes = _left_out_note(every, len(ranked))
    if not g.holds_everything(ws, as_of):
        notes.append(f"counted on {as_of}: the entries and seats not valid that day (ended or not begun) are left "
                     "out; `orgmodel who ID` lists a seat's since and until")
    return Table(["id", "kind", "bodies", "seats", "betweenness", "key_person_risk"],
                 [[b.id, b.kind, b.bodies, b.seats, b.betweenness, b.key_person_risk] for b in ranked], notes)


def _left_out_note(every: list, shown: int) -> list[str]:
    """A note on the rows past ``--top``: how many, and the key-person risks among them by name (each is a finding
    an analyst looks for; ``--top`` cut them off without a word, a tie of bodies and betweenness too)."""
    if shown >= len(every):
        return []
    risks = [b.id for b in every[shown:] if b.key_person_risk]
    named = f"; key-person risks among them: {', '.join(risks)}" if risks else ""
    return [f"{shown} of {len(every)} shown (--top {shown}){named}"]
