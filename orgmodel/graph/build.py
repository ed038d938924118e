"""Build the workspace graph: one networkx ``MultiDiGraph`` from a loaded workspace (for ``check``, its dicts
alone: :class:`~orgmodel.graph.store.GraphStore`).

The layout (the graph package alone reads it; everything else uses :mod:`.access`):

- nodes are entity ids, the built-in areas, and the coverage terms ``group:ID``
  and ``crime:ID``. Every node has ``kind`` (organisation, role, council,
  forum, goal, document, area, group, crime) and ``label`` (an untitled
  document's is its type and year); entity nodes also have
  ``type``, ``level``, ``area`` (effective: inherited when not written),
  ``written_area``, ``record``, ``ages``, ``groups``, ``crimes``, ``has_covers``,
  ``assumed`` (the parts of ``covers``, ages and/or groups, taken from the
  type's defaults because the body writes none), ``workspace`` (of several
  workspaces read as one, the one the entity is written in; else None); bodies ``structure``;
  coverage sources ``source``;
- an edge runs from the entity that holds a reference to its target, keyed by
  the relationship (member, chair, invited, secretariat, under, reports_to,
  parent, area, organisation, substitute_for, owner, derives_from, council,
  includes, covers, part_of); a ``member`` edge of a dated seat has ``since`` and/or ``until``;
- graph attributes: ``name``, ``language``, ``max_age``, ``as_of``,
  ``vocabulary``, ``terms`` and the indexes ``kinds`` (node ids per kind),
  ``coverage_sources`` (per area) and ``unlinked_references`` (the references the
  build left out; None in a graph built with ``as_of``), kept while building for
  the rules of ``check``.

The graph is read-only once built.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import targets
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> targets(G, "lokalraad-silkeborg", "reports_to")
['kredsraad-mvj']
"""

import datetime as dt
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from orgmodel.gcpause import paused_gc
from orgmodel.model import (
    AREAS,
    BODY_KINDS,
    REFERENCES,
    Seat,
    Text,
    assumed_coverage,
    lookup_area,
    parse_age_range,
)
from orgmodel.workspace import Record, Workspace

from .access import structure_of
from .store import Graph, GraphStore, as_networkx

if TYPE_CHECKING:
    import networkx as nx


class CoverageSource(NamedTuple):
    """What a body or goal covers, kept on its node as ``source`` (see :mod:`orgmodel.queries.coverage`).

    ``assumed`` names the parts (``ages``, ``groups``) taken from the type's defaults, not written.
    """

    id: str
    is_body: bool
    ages: tuple[tuple[int, int], ...]
    groups: tuple[str, ...]
    crimes: tuple[str, ...]
    structure: str
    assumed: tuple[str, ...] = ()


def written_area(ws: Workspace, record: Record) -> str | None:
    """The area id a record writes itself (a name or code resolved), or ``None``.

    A body's type decides between a politikreds and a kommune of the same name
    (a kredsråd or an Ungdomskriminalitetsnævn at "Bornholm" is the politikreds).
    """
    written = record.get("area")
    if written is None:
        return None
    prefer = None
    if record.kind in BODY_KINDS:
        term = ws.vocabulary.body_type(record.kind, record.get("type"))
        prefer = term.area_kind if term else None
    return lookup_area(written, prefer)


def is_active(entity, as_of: dt.date | None) -> bool:
    """Whether an entity is valid on ``as_of`` (always, when ``as_of`` is None)."""
    if as_of is None:
        return True
    starts, ends = entity.valid_from, entity.valid_to
    return (starts is None or starts <= as_of) and (ends is None or as_of <= ends)


def build_graph(ws: Workspace, as_of: dt.date | None = None) -> "nx.MultiDiGraph":
    """Build the graph of ``ws``; with ``as_of``, only entities valid on that date.

    References to unknown ids or ids of the wrong kind are left out; the
    integrity rules report them.
    """
    return as_networkx(build_store(ws, as_of))


@paused_gc(freeze=True)
def build_store(ws: Workspace, as_of: dt.date | None = None) -> GraphStore:
    """The graph of :func:`build_graph` as its dicts alone, without networkx (what ``check`` reads).

    >>> from orgmodel.workspace import load_workspace
    >>> G = build_store(load_workspace("examples/midt-og-vestjylland"))
    >>> G.nodes["lokalraad-silkeborg"]["kind"], type(G).__name__
    ('council', 'GraphStore')
    """
    G = GraphStore(name=ws.manifest.name, as_of=as_of, max_age=ws.manifest.max_age,
                   language=ws.manifest.language,
                   terms={section: _current_terms(ws, section) for section in ("groups", "crimes")},
                   vocabulary=ws.vocabulary,
                   vocabularies={name: part.vocabulary for name, part in (ws.whole or ws).parts.items()})
    _add_areas(G)
    _add_terms(G, ws)
    active = sorted(ws.records.values(), key=attrgetter("id"))
    if as_of is not None:
        active = [record for record in active if is_active(record.entity, as_of)]
    settings = _Settings(ws)
    _add_nodes(G, ((record.id, _node_attributes(settings, record)) for record in active))
    unlinked: list[tuple] | None = [] if as_of is None else None  # only a graph of every entry holds them all
    _add_reference_edges(G, active, as_of, unlinked)
    G.graph["unlinked_references"] = unlinked
    _inherit_areas(G, active)
    if as_of is not None:
        _areas_through_ended(G, ws, active)
    index_graph(G)
    return G


def _areas_through_ended(G: Graph, ws: Workspace, active: list[Record]) -> None:
    """Of a graph on a date: the area of an entity that finds none among the entries valid that day, because the
    body it sits under (or its owner, organisation, …) has ended, taken through every entry, as the graph of every
    entry has it; then the areas of those below it again. A forum still at work under a lokalråd that has ended
    is in its kommune all the same: without this it counted nowhere, and its kommune read as a gap.
    """
    nodes = G._node
    names = {ref.field for refs in REFERENCES.values() for ref in refs if ref.key in _AREA_FROM}
    ended = {record.id for record in active if nodes[record.id]["area"] is None and any(
        target in ws.records and target not in nodes for target in _named(record, names))}
    if not ended:
        return
    every = build_store(ws)
    for node in ended:
        nodes[node]["area"] = every.nodes[node]["area"]
    for record in active:  # those that took None from them look again
        data = nodes[record.id]
        if data["area"] is None and data["written_area"] is None and record.id not in ended:
            data["area"] = _UNSEEN
    for record in active:
        if nodes[record.id]["area"] is _UNSEEN:
            _inherited_area(nodes, G._succ, record.id)


def _named(record: Record, fields: set[str]) -> list[str]:
    """The ids ``record`` names in ``fields`` (one id or a list of them)."""
    found = []
    for field in fields:
        value = record.get(field)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found += [v for v in value if isinstance(v, str)]
    return found


def index_graph(G: Graph) -> None:
    """Index the node ids per kind, and the coverage sources (bodies and goals with ``covers``, or with
    assumed ages or groups) per area."""
    kinds: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        kinds.setdefault(data["kind"], []).append(node)
        if data["kind"] in ("council", "forum", "goal") and (data["ages"] or data["groups"] or data["has_covers"]) \
                and data["area"]:
            sources.setdefault(data["area"], []).append(node)
            data["source"] = CoverageSource(node, data["kind"] != "goal", data["ages"], data["groups"],
                                            data["crimes"], data.get("structure", node), data["assumed"])
    G.graph["kinds"] = {kind: tuple(sorted(nodes)) for kind, nodes in kinds.items()}
    G.graph["coverage_sources"] = {area: tuple(sorted(nodes)) for area, nodes in sources.items()}


def _node_attributes(settings: "_Settings", record: Record) -> dict:
    fields = record.entity.__dict__
    covers = fields.get("covers")
    kind = record.kind
    # of several workspaces read as one, the record's own settings apply
    part, own = settings.files.get(record.file) or settings.of_file(record.file)
    written = fields["category"] if kind == "organisation" else fields.get("type")
    type_, term = own.types.get((kind, written)) or own.type_of(kind, written)
    if kind in BODY_KINDS:
        assumed = own.assumed(kind, type_, covers)
        ages = covers.ages if covers and covers.ages else assumed.ages
        groups = own.current(covers.groups if covers and covers.groups else assumed.groups, "groups")
        level = fields.get("level")
        if level is None and term is not None:
            level = term.level
        dimensions = assumed.dimensions
    else:
        ages = covers.ages if covers and covers.ages else ()
        groups = own.current(covers.groups, "groups") if covers and covers.groups else ()
        level, dimensions = fields.get("level"), ()
    label = fields.get("name") or fields.get("title") or (
        _document_label(own.ws, record) if kind == "document" else None)
    area = fields.get("area")
    if area is not None:
        area = own.area(area, term.area_kind if term is not None else None)
    node = _EntityNode()  # its attributes set one by one, in the order of _NODE_KEYS: see _EntityNode
    node.kind, node.record, node.label, node.type, node.level, node.written_area = kind, record, label, type_, \
        level, area
    node.ages = own.age_spans(ages) if ages else ()
    node.groups, node.has_covers = groups, covers is not None
    node.crimes = own.current(covers.crimes, "crimes") if covers else ()
    node.assumed, node.workspace, node.area = dimensions, part, _UNSEEN if area is None else area
    return node.__dict__


class _Settings:
    """What the nodes take from a workspace's settings (vocabulary, manifest), worked out once per written
    value, not once per entry: a type's current term and its vocabulary entry, an area's id, age spans.

    Of several workspaces read as one, each record is seen with its own part's settings (:meth:`of_part`).

    >>> from orgmodel.workspace import load_workspace
    >>> settings = _Settings(load_workspace("examples/midt-og-vestjylland"))
    >>> settings.type_of("forum", "ssp")[0], settings.area("Bornholm", "politikreds"), settings.age_spans(["65+"])
    ('ssp', 'kreds-bornholm', ((65, 100),))
    """

    def __init__(self, ws: Workspace, whole: Workspace | None = None, max_age: int | None = None):
        self.ws = ws
        self.whole = whole or ws.whole or ws
        self.max_age = ws.manifest.max_age if max_age is None else max_age
        """The oldest age of the graph (its workspace's ``max_age``): an open range runs to it."""
        self._parts: dict[str, _Settings] = {}
        self.files: dict[str, tuple[str | None, _Settings]] = {}
        """Per file: the part it belongs to (see :meth:`part_of`) and that part's settings."""
        self.types: dict = {}
        """The answers of :meth:`type_of` by ``(kind, written)``."""
        self._assumed: dict = {}
        self._areas: dict = {}
        self._ages: dict = {}
        self._current: dict = {}

    def part_of(self, file: str) -> str | None:
        """The part a file belongs to, of several workspaces read as one; else None."""
        return self.whole.part_of_file.get(file) if self.whole.parts else None

    def of_file(self, file: str) -> tuple[str | None, "_Settings"]:
        """The part ``file`` belongs to and its settings, kept in :attr:`files`."""
        part = self.part_of(file)
        found = self.files[file] = (part, self.of_part(part))
        return found

    def of_part(self, part: str | None) -> "_Settings":
        if part is None:
            return self
        found = self._parts.get(part)
        if found is None:
            found = self._parts[part] = _Settings(self.whole.parts[part], self.whole, self.max_age)
        return found

    def type_of(self, kind: str, written) -> tuple:
        """The category or type as the graph holds it (:func:`_current_term`), and a body type's term."""
        key = (kind, written)
        found = self.types.get(key) if written is None or type(written) is str else None
        if found is None:
            term = self.ws.vocabulary.body_type(kind, written) if kind in BODY_KINDS else None
            found = (_current_term(self.ws, kind, written), term)
            if written is None or type(written) is str:
                self.types[key] = found
        return found

    def current(self, terms, section: str) -> tuple[str, ...]:
        """Person groups or crime types as written, an alias read as its current term (:meth:`Terms.canonical`).

        >>> from orgmodel.workspace import load_workspace
        >>> _Settings(load_workspace("examples/midt-og-vestjylland")).current(["unge", "vold"], "crimes")
        ('unge', 'vold')
        """
        key = (section, tuple(terms))
        found = self._current.get(key)
        if found is None:
            canonical = self.ws.vocabulary.canonical
            found = self._current[key] = tuple(canonical(section, term) if type(term) is str else term
                                               for term in terms)
        return found

    def assumed(self, kind: str, type_: str | None, covers):
        """:func:`~orgmodel.model.assumed_coverage`, which reads of ``covers`` only whether it writes ages
        and groups."""
        key = (kind, type_, bool(covers is not None and covers.ages), bool(covers is not None and covers.groups))
        found = self._assumed.get(key) if type_ is None or type(type_) is str else None
        if found is None:
            found = assumed_coverage(self.ws.vocabulary, self.ws.manifest, kind, type_, covers)
            if type_ is None or type(type_) is str:
                self._assumed[key] = found
        return found

    def area(self, written, prefer: str | None) -> str | None:
        """:func:`~orgmodel.model.lookup_area` of a written area."""
        if type(written) is not str:
            return lookup_area(written, prefer)
        key = (written, prefer)
        found = self._areas.get(key, self)
        if found is self:
            found = self._areas[key] = lookup_area(written, prefer)
        return found

    def age_spans(self, texts) -> tuple[tuple[int, int], ...]:
        """:func:`_age_spans` of covered ages."""
        key = tuple(texts)
        if not all(type(text) is str for text in key):
            return _age_spans(self.ws, list(texts), self.max_age)
        found = self._ages.get(key)
        if found is None:
            found = self._ages[key] = _age_spans(self.ws, list(texts), self.max_age)
        return found


_NODE_KEYS = ("kind", "record", "label", "type", "level", "written_area", "ages", "groups", "crimes", "has_covers",
              "assumed", "workspace", "area")


class _EntityNode:
    """An entity node's attributes are the ``__dict__`` of one of these: the dicts of a class's instances share
    one table of keys (PEP 412), so that a node's attributes take half the memory of a dict of their own
    (232 bytes, not 472: 120 MB at 500,000 entities). They share it while their keys are added in the order of
    the first instance's, below (CPython 3.11 makes a dict of its own on an ``update`` from keywords or a dict;
    setting the attributes one by one costs half of an ``update`` from a ``zip``)."""

    kind: str
    record: Record
    label: str | Text | None
    type: str | None
    level: str | None
    written_area: str | None
    ages: tuple[tuple[int, int], ...]
    groups: tuple[str, ...]
    crimes: tuple[str, ...]
    has_covers: bool
    assumed: tuple[str, ...]
    workspace: str | None
    area: str | None


_SHAPE = _EntityNode()
for _key in (*_NODE_KEYS, "structure", "source"):
    setattr(_SHAPE, _key, None)


_TYPE_SECTIONS = {"organisation": "categories", "role": "role_types", "council": "council_types",
                  "forum": "forum_types"}


def _current_term(ws: Workspace, kind: str, term: str | None) -> str | None:
    """A category or type as the graph holds it: an alias (``uu-vejledning``) read as its current term."""
    section = _TYPE_SECTIONS.get(kind)
    return ws.vocabulary.canonical(section, term) if section and term is not None else term


def _document_label(ws: Workspace, record: Record) -> Text:
    """An untitled document reads as its type and year: ``Samarbejdsplan 2026``."""
    term = ws.vocabulary["document_types"].get(record.get("type"))
    year = record.get("year")
    da, en = (term.da, term.en) if term else (record.get("type"), record.get("type"))
    return Text(da=f"{da} {year}", en=f"{en} {year}")


def _age_spans(ws: Workspace, texts: list[str], open_to: int) -> tuple[tuple[int, int], ...]:
    """Covered ages as (first, last) whole years, read with ``ws``'s ``max_age`` (ranges that cannot be read are
    left out; the check reports them); an open range ("65+") runs to ``open_to``: the largest ``max_age`` of
    several workspaces read as one, whose tables count the years up to it.

    >>> from orgmodel.workspace import load_workspace
    >>> _age_spans(load_workspace("examples/midt-og-vestjylland"), ["6-17", "65+", "6 til 17"], 110)
    ((6, 17), (65, 110))
    """
    max_age = ws.manifest.max_age
    spans = []
    for text in texts:
        try:
            first, last = parse_age_range(text, max_age)
        except ValueError:
            continue
        spans.append((first, open_to if last is None else last))
    return tuple(spans)


def _level_of(ws: Workspace, record: Record) -> str | None:
    """The written level, else the body type's default level."""
    written = record.get("level")
    if written is not None or record.kind not in BODY_KINDS:
        return written
    term = ws.vocabulary.body_type(record.kind, record.get("type"))
    return term.level if term else None


def _add_areas(G: Graph) -> None:
    _add_nodes(G, ((area.id, {"kind": "area", "area_kind": area.kind, "label": area.name, "code": area.code,
                              "area": area.id}) for area in AREAS.values()))
    _add_edges(G, ((area.id, area.kreds, "part_of") for area in AREAS.values() if area.kreds))


def _current_terms(ws: Workspace, section: str) -> list[str]:
    """The person groups or crime types of the vocabulary but its aliases (read as their current term), sorted."""
    return sorted(term_id for term_id, term in ws.vocabulary[section].items() if term.alias_of is None)


def _add_terms(G: Graph, ws: Workspace) -> None:
    for kind, section in (("group", "groups"), ("crime", "crimes")):
        terms = ws.vocabulary[section]
        _add_nodes(G, ((f"{kind}:{term_id}", {"kind": kind, "label": terms[term_id], "term": term_id})
                       for term_id in _current_terms(ws, section)))


def _add_nodes(G: Graph, nodes) -> None:
    """Add new ``(id, attributes)`` nodes, as ``G.add_nodes_from`` would, without copying the attributes."""
    node_data, succ, pred = G._node, G._succ, G._pred
    for node, attrs in nodes:
        node_data[node] = attrs
        succ[node] = {}
        pred[node] = {}


def _add_edges(G: Graph, edges) -> None:
    """Add ``(u, v, key)`` edges between existing nodes, as ``G.add_edge`` would, at a third of its cost."""
    succ, pred = G._succ, G._pred
    for u, v, key in edges:
        _add_edge(succ, pred, u, v, key)


def _add_reference_edges(G: Graph, records: list[Record], as_of: dt.date | None, unlinked: list | None
                         ) -> None:
    """An edge from each record to every entity it names (of a kind the field allows), keyed by the relationship;
    then the dates of its dated seats (:func:`_date_seats`) and its ``covers`` edges (:func:`_add_coverage_edges`),
    in the same pass.

    Adds to ``unlinked`` (unless None) each reference that names no
    entity of a kind its field allows (see :func:`~orgmodel.graph.unlinked_references`).
    """
    nodes, succ, pred = G._node, G._succ, G._pred
    for record in records:
        fields, source = record.entity.__dict__, record.id
        dated = False
        for field, key, kinds, many, ref, single in _REFERENCE_FIELDS[record.kind]:
            value = fields.get(field)
            if value is None:
                continue
            if many:
                if field == "members" and not all(type(item) is str for item in value):
                    dated = True
                    if as_of is not None:
                        value = [m for m in value if isinstance(m, str) or is_active_seat(m, as_of)]
                targets = [item if isinstance(item, str) else ref.ids((item,))[0] for item in value]
            else:
                targets = [value] if type(value) is str else ref.ids(value)
            for index, target in enumerate(targets):
                data = nodes.get(target)
                if data is not None and data["kind"] in kinds:
                    keys = succ[source].get(target)
                    if keys is None:  # the first edge of the pair: _add_edge's first case, inlined
                        succ[source][target] = pred[target][source] = single
                    else:
                        _add_edge(succ, pred, source, target, key)
                elif unlinked is not None and not (many and target in targets[:index]):
                    unlinked.append((record, ref, index, target) if many else (record, ref, None, value))
        if dated:
            _date_seats(G, record, as_of)
        if fields.get("covers") is not None:
            _add_coverage_edges(G, record)


def _add_edge(succ: dict, pred: dict, u: str, v: str, key: str) -> None:
    """Add the edge ``u -> v`` keyed ``key``. Edges without attributes between the same two nodes share one
    read-only dict of keys with every other pair of the same keys (see :class:`_ReadOnly`)."""
    keys = succ[u].get(v)
    if keys is None:
        succ[u][v] = pred[v][u] = _KEYS.get((key,)) or _shared_keys((key,))
    elif key in keys:
        return
    elif type(keys) is dict:  # a pair whose edges have attributes keeps dicts of its own
        keys[key] = {}
    else:
        together = (*keys, key)
        succ[u][v] = pred[v][u] = _KEYS.get(together) or _shared_keys(together)


class _ReadOnly(dict):
    """A dict of the built graph shared by many edges: writing to it raises, so that no change to one edge
    can show on another. (The graph is read-only once built; a caller that wants to change it takes
    ``G.copy()``, whose dicts are its own.)"""

    def _read_only(self, *args, **kwargs):
        raise TypeError("the graph is read-only once built; change a copy (G.copy())")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = __ior__ = _read_only

    def __reduce__(self):
        return _ReadOnly, (dict(self),)


_NO_ATTRIBUTES = _ReadOnly()
_KEYS: dict[tuple[str, ...], _ReadOnly] = {}
"""The shared dicts of keys, one per tuple of keys in the order added: ``{"member": {}, "chair": {}}``.

A MultiDiGraph keeps a dict of keys per pair of nodes and a dict of attributes per edge: about 300 bytes
per pair, 75 MB of the 180 MB that the graph of 100,000 entities took."""


def _shared_keys(keys: tuple[str, ...]) -> _ReadOnly:
    shared = _KEYS[keys] = _ReadOnly(dict.fromkeys(keys, _NO_ATTRIBUTES))
    return shared


def holds_everything(ws: Workspace, as_of: dt.date | None) -> bool:
    """Whether the graph of ``ws`` on ``as_of`` holds every entry and every dated seat, so that it is the graph
    without a date (apart from its ``as_of`` attribute) and a caller may use it for both.

    >>> from orgmodel.workspace import load_workspace
    >>> ws = load_workspace("examples/midt-og-vestjylland")
    >>> holds_everything(ws, dt.date(2026, 11, 22)), holds_everything(ws, dt.date(1990, 1, 1))
    (True, False)
    """
    if as_of is None:
        return True
    for record in ws.records.values():
        fields = record.entity.__dict__
        if (fields.get("valid_from") is not None or fields.get("valid_to") is not None) \
                and not is_active(record.entity, as_of):
            return False
        for seat in fields.get("members") or ():
            if not isinstance(seat, str) and not is_active_seat(seat, as_of):
                return False
    return True


def is_active_seat(seat, as_of: dt.date) -> bool:
    """Whether a dated seat ``{id, since, until}`` is held on ``as_of``."""
    return (seat.since is None or seat.since <= as_of) and (seat.until is None or as_of <= seat.until)


def _date_seats(G: Graph, record: Record, as_of: dt.date | None) -> None:
    """Put the dates of a dated seat (``since``, ``until``) of ``record`` on its ``member`` edge.

    A member seated more than once (re-appointed after a break) gets the dates of one seat, never a mix of two:
    with ``as_of``, the seat held that day; else the latest (by ``since``).
    """
    latest: dict[str, Seat] = {}
    for seat in record.entity.__dict__.get("members") or ():
        if isinstance(seat, str) or seat.id not in G._succ[record.id] or (
                as_of is not None and not is_active_seat(seat, as_of)):
            continue
        kept = latest.get(seat.id)
        if kept is None or (seat.since or dt.date.min) >= (kept.since or dt.date.min):
            latest[seat.id] = seat
    for member, seat in latest.items():
        keys = G._succ[record.id][member]
        dates = {k: v for k, v in (("since", seat.since), ("until", seat.until)) if v is not None}
        if "member" in keys and dates:
            own = {key: dict(attrs) for key, attrs in keys.items()}  # its own, not the shared dicts
            own["member"].update(dates)
            G._succ[record.id][member] = G._pred[member][record.id] = own


def _add_coverage_edges(G: Graph, record: Record) -> None:
    """A ``covers`` edge from ``record`` to the person groups and crime types it covers."""
    nodes, pred, source = G._node, G._pred, record.id
    covers, out = record.entity.__dict__["covers"], G._succ[source]
    canonical = G.graph["vocabulary"].canonical
    for kind, section, terms in (("group:", "groups", covers.groups), ("crime:", "crimes", covers.crimes)):
        for term in terms:
            node = kind + canonical(section, term)
            if node not in nodes:
                continue
            if node in out:  # a term written twice
                _add_edge(G._succ, pred, source, node, "covers")
            else:
                out[node] = pred[node][source] = _COVERS


_AREA_FROM = ("under", "parent", "organisation", "council", "owner")


def _inherit_areas(G: Graph, records: list[Record]) -> None:
    """Set each entity's effective ``area`` (:func:`_inherited_area`), with an ``area`` edge to a written one, and
    each body's ``structure`` (:func:`~orgmodel.graph.structure_of`), once every edge is in."""
    nodes, succ, pred = G._node, G._succ, G._pred
    for record in records:
        node = record.id
        data = nodes[node]
        written = data["written_area"]
        if written is not None:
            _add_edge(succ, pred, node, written, "area")
        elif data["area"] is _UNSEEN:
            _inherited_area(nodes, succ, node)
        if record.kind in BODY_KINDS:
            data["structure"] = structure_of(G, node)


_UNSEEN = "<area not looked for yet>"
"""The ``area`` of an entity node whose area is not written, until :func:`_inherit_areas` sets it (for every one)."""


def _inherited_area(nodes: dict, succ: dict, node: str) -> str | None:
    """The written area, else the first area found through under, parent, organisation, council, owner
    (:data:`_AREA_FROM`, in that order), set as the node's ``area``. Each of those fields names one id, and only the
    node's own fields give its edges: the target of each is read from the record, and taken when the graph has its
    edge (a target of a kind the field allows). A list of them kept per entry while the edges were added took some
    60 MB at 500,000 entities; looking through every edge of a body for them, a tenth of the graph's build.

    The area is ``None`` while a node is being looked at, which also stops a loop of references.

    >>> from types import SimpleNamespace as Of
    >>> def node(**fields):
    ...     return {"area": _UNSEEN, "kind": "forum", "record": Of(entity=Of(**fields))}
    >>> nodes = {"a": node(under="b"), "b": node(under="c"), "c": node(under="a"), "d": {"area": "aarhus"}}
    >>> succ = {"a": {"b": {"under": {}}}, "b": {"c": {"under": {}}}, "c": {"a": {"under": {}}}}
    >>> _inherited_area(nodes, succ, "a") is None, nodes["c"]["area"]
    (True, None)
    >>> nodes = {"a": node(under="b"), "b": node(under="d"), "d": {"area": "aarhus"}}
    >>> _inherited_area(nodes, {"a": {"b": {"under": {}}}, "b": {"d": {"under": {}}}}, "a"), nodes["b"]["area"]
    ('aarhus', 'aarhus')
    """
    data = nodes[node]
    area = data["area"]
    if area is not _UNSEEN:
        return area
    data["area"] = None
    out, fields = succ[node], data["record"].entity.__dict__
    for field, key in _AREA_FIELDS[data["kind"]]:
        target = fields.get(field)
        if type(target) is str and key in out.get(target, ()):
            area = nodes[target]["area"]
            if area is _UNSEEN:
                area = _inherited_area(nodes, succ, target)
            if area:
                data["area"] = area
                return area
    return None


_AREA_FIELDS = {kind: tuple(sorted(((ref.field, ref.key) for ref in refs if ref.key in _AREA_FROM),
                                  key=lambda pair: _AREA_FROM.index(pair[1])))
                for kind, refs in REFERENCES.items()}
"""Per kind, the fields an entity's area is taken through (see :func:`_inherited_area`), in their order."""


_COVERS = _KEYS.get(("covers",)) or _shared_keys(("covers",))
_REFERENCE_FIELDS = {kind: tuple((ref.field, ref.key, frozenset(ref.kinds), ref.many, ref,
                                  _KEYS.get((ref.key,)) or _shared_keys((ref.key,)))
                                 for ref in refs)
                     for kind, refs in REFERENCES.items()}
"""Per kind, each reference field as :func:`_add_reference_edges` reads it: field, key, kinds, many, the
reference, and the shared dict of that key alone."""
