"""What every rule reads: the workspace, its graph on the check date, and the scope."""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from orgmodel import graph as g
from orgmodel.model import AREAS, TERM_FIELDS
from orgmodel.queries import body_requirements, scope
from orgmodel.workspace import Workspace

from ..labels import label_token, shown_label

T = TypeVar("T")


def first_occurrences(values: Sequence[T]) -> list[tuple[int, T]]:
    """(index, value) for the first time each value appears in a list: a value written twice is one problem,
    however the list is laid out over lines.

    >>> first_occurrences(["a", "b", "a"])
    [(0, 'a'), (1, 'b')]
    """
    if len(values) < 2:
        return list(enumerate(values))
    first: dict[T, int] = {}
    for index, value in enumerate(values):
        first.setdefault(value, index)
    return [(index, value) for value, index in first.items()]


def held_seats(seats: Sequence, as_of: dt.date) -> list[tuple[int, str]]:
    """(index, id) of each seat of a list of seats (ids, or dated seats ``{id, since, until}``) held on ``as_of``,
    the first time each id appears: a rule judging a body's members judges those who sit in it that day.

    >>> from orgmodel.model import Seat
    >>> held_seats(["a", Seat(id="b", until=dt.date(2020, 12, 31)), Seat(id="c", since=dt.date(2025, 1, 1)), "a"],
    ...            dt.date(2026, 1, 1))
    [(0, 'a'), (2, 'c')]
    """
    held: dict[str, int] = {}
    for index, seat in enumerate(seats):
        if isinstance(seat, str):
            held.setdefault(seat, index)
        elif g.is_active_seat(seat, as_of):
            held.setdefault(seat.id, index)
    return [(index, seat) for seat, index in held.items()]


def shared_graphs(ws: Workspace, as_of: dt.date, built: list) -> tuple[g.Graph, g.Graph]:
    """The graph of every entity of ``ws`` and the graph of those valid on ``as_of``: taken from ``built`` when
    it holds the graphs of the same records seen with the same settings, else built and added to it.

    The parts of a national check all see the merged records, each with its own settings: the graph depends on
    the part's vocabulary and manifest (``max_age``, ``coverage_defaults``, language) but not on its scope, and
    of its name only the graph's ``name``, set here. Building it once for parts alike took a national check
    over 12 districts from 12 graph builds to one.

    >>> from orgmodel.workspace import open_workspace
    >>> ws, built = open_workspace("examples/midt-og-vestjylland"), []
    >>> shared_graphs(ws, dt.date(2026, 11, 22), built)[0] is shared_graphs(ws, dt.date(2026, 11, 22), built)[0]
    True
    """
    key = (ws.records, as_of, ws.manifest.model_dump(exclude={"name", "scope"}), ws.vocabulary.sections)
    for seen, G_all, G in built:
        if seen[0] is key[0] and seen[1:] == key[1:]:
            return g.with_workspace_name(G_all, ws.manifest.name), g.with_workspace_name(G, ws.manifest.name)
    G_all = g.build_store(ws)
    G = G_all if g.holds_everything(ws, as_of) else g.build_store(ws, as_of=as_of)
    built.append((key, G_all, G))
    return G_all, G


def _kept_with_graph(G: g.Graph, name: str, make: Callable[[], T]) -> T:
    """``make()`` made once per graph: the parts of a national check that share a graph (see
    :func:`shared_graphs`) share what is derived from it alone, instead of each part's context making it again.

    >>> G = g.GraphStore()
    >>> _kept_with_graph(G, "x", lambda: [1]) is _kept_with_graph(G, "x", lambda: [2])
    True
    """
    kept = g.memo(G, "check.context")
    if name not in kept:
        kept[name] = make()
    return kept[name]


@dataclass
class Context:
    """The inputs of one check run: ``today`` is the date rules count from; ``G`` holds only the
    entities valid on ``as_of`` (default: ``today``), ``G_all`` every entity."""

    ws: Workspace
    today: dt.date
    as_of: dt.date | None = None
    graphs: list | None = None
    """Of a national check: the graphs built for the parts checked before, shared by every part whose settings
    give the same graph (see :func:`shared_graphs`)."""
    G: g.Graph = field(init=False)
    G_all: g.Graph = field(init=False)

    def __post_init__(self):
        self.as_of = self.as_of or self.today
        self.G_all, self.G = shared_graphs(self.ws, self.as_of, [] if self.graphs is None else self.graphs)

    @cached_property
    def bad_references(self) -> list[tuple]:
        """References to an unknown id or to the wrong kind: (record, reference, list index, target id).

        What the build of the graph of every entity left out (:func:`~orgmodel.graph.unlinked_references`).
        """
        return g.unlinked_references(self.G_all)

    def not_valid_reference(self, node: str, field: str) -> str | None:
        """The id that ``node`` writes in the single-valued ``field`` when it names an entry not valid on the date
        checked (so the graph of that date has no such edge); else None. A rule that finds the edge missing says
        why, instead of asking for a key that is written (``ref.not-valid`` names it too)."""
        written = self.ws.records[node].get(field) if node in self.ws.records else None
        return written if isinstance(written, str) and written in self.ws.records and written not in self.G \
            else None

    def entries_with(self, what: str) -> list:
        """The records, in the workspace's order, that may hold what a rule looks for: ``verified`` (a date
        verified, or a holder), ``ignore``, ``valid_to``, ``covers`` or ``status``; the others surely hold none of
        it.

        One pass over every record for the rules that each used to make their own.
        """
        return self._entries_with[what]

    @cached_property
    def _entries_with(self) -> dict[str, list]:
        verified: list = []
        ignoring: list = []
        ending: list = []
        covering: list = []
        statuses: list = []
        for record in self.ws.records.values():
            fields = record.entity.__dict__
            if fields["verified"] or fields.get("holder") is not None:
                verified.append(record)
            if fields["ignore"]:
                ignoring.append(record)
            if fields["valid_to"]:
                ending.append(record)
            if fields.get("covers") is not None:
                covering.append(record)
            if fields.get("status"):
                statuses.append(record)
        return {"verified": verified, "ignore": ignoring, "valid_to": ending, "covers": covering, "status": statuses}

    @cached_property
    def unusual_terms(self) -> list[tuple]:
        """``(record, field, section, term)`` for each term written in a field of :data:`TERM_FIELDS` that the
        vocabulary does not hold, or holds as an alias, in the workspace's order: one pass over the records for
        the rules vocabulary.unknown-term and vocabulary.alias."""
        sections = self.ws.vocabulary.sections
        found = []
        for record in self.ws.records.values():
            fields = record.entity.__dict__
            for key, section in TERM_FIELDS[record.kind]:
                term = fields[key]
                if term is not None:
                    known = sections[section].get(term)
                    if known is None or known.alias_of is not None:
                        found.append((record, key, section, term))
        return found

    @cached_property
    def missing_partners(self) -> list[tuple[str, str, str]]:
        """(body, required or recommended, requirement) for every partner a body with members lacks."""
        cache: dict = {}
        return [(body, row.which, row.requirement)
                for kind in ("council", "forum") for body in self.bodies(kind) if g.has_members(self.G, body)
                for row in body_requirements(self.G, body, cache) if row.status == "missing"]

    @cached_property
    def seat_holders(self) -> set[str]:
        """Every role or organisation with a seat in an active council or forum (only they have seats): whom
        :func:`~orgmodel.graph.has_seat` finds, in one pass."""
        return _kept_with_graph(self.G, "seat_holders",
                                lambda: g.seat_holders(self.G, self.bodies("council") + self.bodies("forum")))

    @cached_property
    def scope_kredse(self) -> list[str]:
        """Politikredse whose completeness rules apply (from the manifest, else from the data: every entry, so a
        district whose kredsråd has ended stays in scope, as it does when read with other workspaces)."""
        return scope.scope_kredse(self.G_all, self.ws.manifest)

    @cached_property
    def scope_kommuner(self) -> list[str]:
        """Kommuner whose lokalråd rules apply: those of the scoped kredse plus listed ones (from every entry, as
        :attr:`scope_kredse`)."""
        return scope.scope_kommuner(self.G_all, self.ws.manifest)

    @cached_property
    def _by_kind(self) -> dict:
        return _kept_with_graph(self.G, "bodies_by_kind", self._index_by_kind)

    def _index_by_kind(self) -> dict:
        index: dict = {}
        for kind in ("council", "forum"):
            nodes = index[kind, None] = list(g.nodes_of_kind(self.G, kind))
            for node in nodes:
                index.setdefault((kind, self.G.nodes[node].get("type")), []).append(node)
        return index

    def bodies(self, kind: str, type_: str | None = None) -> list[str]:
        """Active councils or forums (of one type), sorted."""
        return self._by_kind.get((kind, type_), [])

    def goals_at(self, level: str) -> list[str]:
        """Active goals of one level (strategisk, operativ, handling), sorted."""
        return self._goals_by_level.get(level, [])

    @cached_property
    def _goals_by_level(self) -> dict:
        return _kept_with_graph(self.G, "goals_by_level", self._index_goals_by_level)

    def _index_goals_by_level(self) -> dict:
        index: dict = {}
        for goal in g.nodes_of_kind(self.G, "goal"):
            index.setdefault(self.G.nodes[goal]["level"], []).append(goal)
        return index

    def forums_in(self, type_: str, area: str) -> list[str]:
        """Active forums of a type whose area is ``area``, sorted."""
        return self._bodies_by_area.get(("forum", type_, area), [])

    def written_here(self, node: str) -> bool:
        """Of one part of several workspaces read as one: whether ``node`` is written in that part's files, not in
        another's; always true of one workspace alone."""
        whole = self.ws.whole
        record = self.ws.records.get(node)
        if whole is None or record is None:
            return True
        return whole.part_of_file.get(record.file) == whole.part_of_file.get(self.ws.manifest_file)

    def councils_in(self, type_: str, area: str) -> list[str]:
        """Active councils of a type whose area is ``area``, sorted."""
        return self._bodies_by_area.get(("council", type_, area), [])

    @cached_property
    def _bodies_by_area(self) -> dict:
        return _kept_with_graph(self.G, "bodies_by_area", self._index_bodies_by_area)

    def _index_bodies_by_area(self) -> dict:
        """The active forums and councils by kind, type and area, each list sorted; a body of a type whose
        ``parent`` is another type (a workspace's own kind of PSP) is listed under that type too."""
        index: dict = {}
        for kind in ("forum", "council"):
            section = "forum_types" if kind == "forum" else "council_types"
            for body in self.bodies(kind):
                type_, area = self.G.nodes[body].get("type"), g.area_of(self.G, body)
                types = g.vocabulary_of(self.G, body).ancestors(section, type_) if type(type_) is str else (type_,)
                for each in types:
                    index.setdefault((kind, each, area), []).append(body)
        return index

    def area_name(self, area: str | None) -> str:
        return AREAS[area].name if area in AREAS else str(area)

    def role_type(self, role: str) -> str | None:
        return self.G.nodes[role].get("type") if role in self.G else None

    def role_is(self, role: str, ancestor: str) -> bool:
        """Whether the type of ``role`` is ``ancestor`` or lies below it (an ``overborgmester`` is a ``borgmester``),
        by the vocabulary of the workspace the role is written in (:func:`~orgmodel.graph.vocabulary_of`)."""
        return role in self.G and g.vocabulary_of(self.G, role).is_a("role_types", self.role_type(role), ancestor)

    def borgmester_kommune(self, role: str) -> str | None:
        """The kommune of a borgmester role (its own area, else its organisation's)."""
        area = g.area_of(self.G, role)
        return area if area in AREAS and AREAS[area].kind == "kommune" else None

    def label(self, node: str) -> str:
        """A short Danish-or-English label for messages: ``'ssp-silkeborg' (SSP Silkeborg)``.

        A node with a name or title is given as a token (:func:`label_token`) that the finding made of the
        message shows as :meth:`shown_label`; the finding keeps where it was (:func:`.labels.resolved`), so a
        renamed entry's findings are shown again without running the rules (:mod:`orgmodel.check.relabel`).
        """
        if node in self.G_all and self.G_all.nodes[node].get("label") is not None:
            return label_token(node)
        return f"'{node}'"

    def shown_label(self, node: str) -> str:
        """What :meth:`label` shows of a node with a label.

        >>> from orgmodel.workspace import open_workspace
        >>> ctx = Context(open_workspace("examples/midt-og-vestjylland"), dt.date(2026, 11, 22))
        >>> ctx.shown_label("ssp-silkeborg")
        "'ssp-silkeborg' (SSP Silkeborg)"
        """
        label = self.G_all.nodes[node]["label"]
        return shown_label(node, label if isinstance(label, str) else (label.da or label.en or ""))

    def label_place(self, node: str) -> tuple[str, tuple[str, int] | None]:
        """:meth:`shown_label` and the file and line of the entry the label was read from (None for an area)."""
        record = self.G_all.nodes[node].get("record")
        return self.shown_label(node), None if record is None else (record.file, record.line)
