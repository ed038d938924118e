"""What changed between two versions of a workspace (``orgmodel diff``).

Both versions are compared through their graphs (with ``as_of``, only what
is valid on that date):

- **settings**: the settings of ``orgmodel.yaml`` (name, scope, rules,
  vocabulary, ...), each as a dotted key, old → new;
- **seats**: per council and forum of both versions, the roles and
  organisations that joined or left it, or changed seat (member → chair);
- **entities**: councils and forums created, closed (deleted, given a
  ``valid_to``, or not valid on ``as_of``) or changed; goals, documents,
  organisations and roles added, removed or changed, each change as field, old → new;
- **coverage**: per kommune, the ages, person groups and crime types that
  bodies cover in one version and not in the other, counted by
  :mod:`orgmodel.queries.coverage` (goals alone do not count, as in ``gaps``).

>>> from orgmodel.workspace import load_workspace
>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> compare(ws, ws).is_empty
True
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import networkx as nx

from orgmodel import graph as g
from orgmodel.errors import UnreadableInputError
from orgmodel.model import (
    BODY_KINDS,
    SEAT_FIELDS,
    SEAT_KEYS,
    Manifest,
    format_age_range,
    label_text,
    parse_age_range,
    schema,
    written_fields,
)
from orgmodel.queries import coverage, display_name, workspace_kommuner
from orgmodel.tables import number_text
from orgmodel.workspace import Workspace, open_version

KINDS = ("council", "forum", "goal", "document", "policy", "organisation", "role")
"""Body fields reported as seats joined or left rather than as field changes."""
NESTED = ("covers", "holder")
"""Fields compared key by key (``covers.ages``, ``holder.name``)."""
COVERED = ("covered", "overlap")


class FieldChange(NamedTuple):
    """One field of an entity before and after (``None`` when absent)."""

    field: str
    old: object
    new: object


class EntityChange(NamedTuple):
    """An entity added, removed or changed.

    ``reason`` says why a removed entity is gone: ``deleted`` from the files,
    ``closed`` by a ``valid_to`` (``closed_on``), ``not-valid`` on the
    comparison date, or ``kind-changed``: written as another kind (``new_kind``). ``context`` describes it in the
    chosen language (a body's type and area, a goal's level, a category, a role's organisation).
    """

    kind: str
    id: str
    label: str
    context: str
    change: str
    fields: tuple[FieldChange, ...] = ()
    reason: str | None = None
    closed_on: str | None = None
    members: tuple[str, ...] = ()
    new_kind: str | None = None


class SeatChange(NamedTuple):
    """A role or organisation whose seats in a body differ: ``old`` and ``new`` relations."""

    body: str
    body_label: str
    member: str
    member_label: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def change(self) -> str:
        """``joined``, ``left`` or ``moved`` (another seat in the same body)."""
        return "joined" if not self.old else "left" if not self.new else "moved"


class CoverageChange(NamedTuple):
    """An age span or term that bodies of a kommune cover in one version only; ``assumed`` are the bodies
    (among ``bodies``) whose coverage of it is assumed from their type's defaults, not written."""

    area: str
    area_name: str
    dimension: str
    item: str
    label: str
    change: str
    bodies: tuple[str, ...]
    assumed: tuple[str, ...] = ()


@dataclass
class ModelDiff:
    """Everything that changed from ``old`` to ``new``, sorted by id."""

    old: str
    new: str
    name: str
    lang: str = "da"
    as_of: dt.date | None = None
    settings: list[FieldChange] = field(default_factory=list)
    seats: list[SeatChange] = field(default_factory=list)
    entities: list[EntityChange] = field(default_factory=list)
    coverage: list[CoverageChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.settings or self.seats or self.entities or self.coverage)


def compare_versions(old: str, new: str, workspace: Path | str = ".", as_of: dt.date | None = None,
                     lang: str | None = None, public: bool = False) -> ModelDiff:
    """Compare two workspace folders or git revisions of ``workspace`` (see :mod:`orgmodel.workspace.revisions`)."""
    before, after = _open(old, workspace), _open(new, workspace)
    return compare(before.workspace, after.workspace, as_of, lang or after.workspace.manifest.language, public,
                   before.label, after.label)


def _open(spec: str, workspace: Path | str):
    """:func:`open_version`, naming the folder when a folder cannot be read (a revision names itself)."""
    try:
        return open_version(spec, workspace)
    except UnreadableInputError as exc:
        if not Path(spec).is_dir() or exc.problem.startswith(str(spec)):
            raise
        raise UnreadableInputError(f"in the folder {spec}: {exc.problem}", exc.fix) from None


def compare(old: Workspace, new: Workspace, as_of: dt.date | None = None, lang: str = "da", public: bool = False,
            old_label: str = "old", new_label: str = "new") -> ModelDiff:
    """What changed from ``old`` to ``new``; ``public`` leaves out changes of personal data (holders, notes)."""
    a, b = g.build_graph(old, as_of=as_of), g.build_graph(new, as_of=as_of)
    name = new.manifest.name
    result = ModelDiff(old_label, new_label, name if isinstance(name, str) else label_text(name, lang), lang, as_of)
    result.settings = list(_changes(settings_fields(old.manifest), settings_fields(new.manifest)))
    result.seats = _seat_changes(a, b, lang)
    result.entities = _entity_changes(a, b, new, as_of, lang, public)
    result.coverage = _coverage_changes(a, old, b, new, lang)
    result.notes = [f"{label} has {len(ws.problems)} error(s) of format; what cannot be read is left out of the "
                    "comparison. Run `orgmodel check` on it for details."
                    for label, ws in ((old_label, old), (new_label, new)) if ws.problems]
    result.notes += [f"{label}: {ws.duplicates_note()}" for label, ws in ((old_label, old), (new_label, new))
                     if ws.duplicates]
    unlinked = _unlinked_note(new_label, _unlinked(new, b if as_of is None else None),
                              _unlinked(old, a if as_of is None else None))
    result.notes += [unlinked] if unlinked else []
    return result


def _unlinked(ws: Workspace, G: nx.MultiDiGraph | None) -> set[tuple[str, str, str]]:
    """(entry, field, id) of each reference of ``ws`` to no entry of a kind the field allows."""
    found = g.unlinked_references(G if G is not None else g.build_graph(ws))
    return {(record.id, ref.field, str(target)) for record, ref, _, target in found}


def _unlinked_note(label: str, now: set, before: set) -> str | None:
    """A note of the references ``label`` gains that name no entry: what they add (a member written with a typo)
    is in no graph, so the comparison cannot show it.

    >>> _unlinked_note("new", {("ssp", "members", "klubberr")}, set())
    "new: 1 reference(s) name no entry, so what they add is not shown: 'ssp' names 'klubberr' in 'members'. Run \
`orgmodel check` for details."
    """
    added = sorted(now - before)
    if not added:
        return None
    shown = ", ".join(f"'{entry}' names '{target}' in '{field}'" for entry, field, target in added[:3])
    more = f" and {len(added) - 3} more" if len(added) > 3 else ""
    return (f"{label}: {len(added)} reference(s) name no entry, so what they add is not shown: {shown}{more}. Run "
            "`orgmodel check` for details.")


# --- settings --------------------------------------------------------------------------------


def settings_fields(manifest: Manifest) -> dict:
    """The settings of ``orgmodel.yaml`` as JSON values, flattened to dotted keys; empty ones left out.

    >>> settings_fields(Manifest(name="Fyn", rules={"partners.missing": "info"}, scope={"kommuner": []}))
    {'language': 'da', 'max_age': 100, 'name': 'Fyn', 'rules.partners.missing': 'info'}
    """
    data = manifest.model_dump(mode="json", include=set(Manifest.model_fields), exclude_none=True,
                               exclude_defaults=True)
    data.update(language=manifest.language, max_age=manifest.max_age)  # shown even when left at the default
    return dict(_flatten(data, ""))


def _flatten(value, key: str):
    if isinstance(value, dict):
        for name, item in sorted(value.items()):
            yield from _flatten(item, f"{key}.{name}" if key else name)
    elif value != []:
        yield key, _normal(value)


# --- seats -----------------------------------------------------------------------------------


def _member_label(G: nx.MultiDiGraph, member: str, lang: str) -> str:
    """A member's name; a role with its organisation ('Borgmester, Bornholms Regionskommune'). No holders."""
    org = g.organisation_of(G, member)
    name = display_name(G, member, lang)
    return f"{name}, {display_name(G, org, lang)}" if org and org != member else name


def _seats(G: nx.MultiDiGraph, body: str) -> dict[str, tuple[str, ...]]:
    seats: dict[str, list[str]] = {}
    for relation in SEAT_KEYS:
        for member in g.targets(G, body, relation):
            seats.setdefault(member, []).append(relation)
    return {member: tuple(relations) for member, relations in seats.items()}


def _seat_changes(a: nx.MultiDiGraph, b: nx.MultiDiGraph, lang: str) -> list[SeatChange]:
    changes = []
    bodies_a = {n for kind in BODY_KINDS for n in g.nodes_of_kind(a, kind)}
    for body in sorted(bodies_a & {n for kind in BODY_KINDS for n in g.nodes_of_kind(b, kind)}):
        old, new = _seats(a, body), _seats(b, body)
        for member in sorted(old.keys() | new.keys()):
            if old.get(member, ()) != new.get(member, ()):
                G = b if member in new else a
                changes.append(SeatChange(body, display_name(b, body, lang), member, _member_label(G, member, lang),
                                          old.get(member, ()), new.get(member, ())))
    return changes


# --- entities --------------------------------------------------------------------------------


def _normal(value):
    """A field value in a form that compares by meaning: lists in a stable order."""
    if isinstance(value, list):
        return sorted((_normal(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def entity_fields(entity, public: bool = False, skip: tuple[str, ...] = ()) -> dict:
    """The written fields of an entity as JSON values, nested ones flattened (``covers.ages``).

    >>> from orgmodel.model.schema import Role
    >>> entity_fields(Role(id="r", title="Borgmester", holder={"name": "A"}), public=True)
    {'title': 'Borgmester'}
    """
    fields = {}
    for key, value in written_fields(entity, public).items():
        if key == "id" or key in skip:
            continue
        if key in NESTED and isinstance(value, dict):
            fields.update({f"{key}.{k}": _normal(v) for k, v in value.items()})
        elif key in FOLLOW_UP and isinstance(value, list):
            fields.update(FOLLOW_UP[key](value))
        else:
            fields[key] = _normal(value)
    return fields


def _dated(text: str, entry: dict) -> str:
    """A value with where and when it was reported: ``5 (Status, 2026-10-28)``."""
    about = ", ".join(str(entry[k]) for k in ("source", "date") if entry.get(k))
    return f"{text} ({about})" if about else text


def _status_fields(entries: list) -> dict:
    """A goal's status history as the one status it has now: ``status: i-gang (2026-03-10) → gennemfoert (…)``.

    >>> _status_fields([{"status": "planlagt"}, {"status": "i-gang", "date": "2026-03-10"}])
    {'status': 'i-gang (2026-03-10)'}
    """
    return {"status": _dated(entries[-1]["status"], entries[-1])} if entries else {}


def _indicator_fields(indicators: list) -> dict:
    """Each indicator's settings and each year's value as a field of its own (``indicators.Møder.2026``).

    >>> _indicator_fields([{"measure": "Møder", "target": 4, "values": [{"year": 2026, "value": 5}]}])
    {'indicators.Møder': 'Møder', 'indicators.Møder.target': 4, 'indicators.Møder.2026': '5'}
    """
    fields: dict = {}
    for indicator in indicators:
        key = f"indicators.{indicator['measure']}"
        fields[key] = indicator["measure"]  # an indicator with its measure alone is added or removed too
        fields.update({f"{key}.{k}": v for k, v in indicator.items() if k not in ("measure", "values")})
        for value in indicator.get("values", []):
            number = value["value"]
            fields[f"{key}.{value['year']}"] = _dated(number_text(number), value)
    return fields


FOLLOW_UP = {"status": _status_fields, "indicators": _indicator_fields}
"""Goal fields compared as moves: the current status, and each indicator's values per year."""


def _context(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    data, vocab = G.nodes[node], g.vocabulary(G)
    kind = data["kind"]
    if kind in BODY_KINDS:
        if not label_text(data.get("label"), lang):
            return ""  # the name shown is already the type and the area
        area = data.get("area")
        where = G.nodes[area]["label"] if area in G else ""
        section = "council_types" if kind == "council" else "forum_types"
        return ", ".join(t for t in (vocab.label(section, data["type"], lang), where) if t)
    if kind == "goal":
        return vocab.label("goal_levels", data["level"], lang)
    if kind == "document":
        entity = g.record(G, node).entity  # an untitled document's name is already its type and year
        assert isinstance(entity, schema.Document)
        return f"{vocab.label('document_types', data['type'], lang)} {entity.year}" if entity.title else ""
    if kind == "organisation":
        return vocab.label("categories", data["type"], lang)
    if kind == "policy":
        return vocab.label("policy_types", data["type"], lang)
    org = g.organisation_of(G, node)
    return display_name(G, org, lang) if org else ""


def _entity_changes(a, b, new_ws: Workspace, as_of, lang: str, public: bool) -> list[EntityChange]:
    changes = []
    for kind in KINDS:
        in_a, in_b = set(g.nodes_of_kind(a, kind)), set(g.nodes_of_kind(b, kind))
        skip = SEAT_FIELDS if kind in BODY_KINDS else ()
        for node in sorted(in_a | in_b):
            G = b if node in in_b else a
            info = (kind, node, display_name(G, node, lang), _context(G, node, lang))
            seats = tuple(g.members_of(G, node)) if kind in BODY_KINDS else ()
            if node not in in_a:
                changes.append(EntityChange(*info, "added", members=seats))
            elif node not in in_b:
                reason, closed_on = _gone(new_ws, kind, node, as_of)
                now = new_ws.records[node].kind if reason == "kind-changed" else None
                changes.append(EntityChange(*info, "removed", (), reason, closed_on, seats, now))
            else:
                old, new = g.record(a, node).entity, g.record(b, node).entity
                closed = g.closes(old, new)
                fields = _field_changes(old, new, public, skip + (("valid_to",) if closed else ()))
                fields += _seat_date_change(old, new) if skip else ()
                if closed:
                    assert new.valid_to is not None  # closes() is true only for a new end date
                    changes.append(EntityChange(*info, "removed", fields, "closed", new.valid_to.isoformat(), seats))
                elif fields:
                    changes.append(EntityChange(*info, "changed", fields, members=seats))
    return changes


def _seat_date_change(old, new) -> tuple[FieldChange, ...]:
    """The seats of each member whose dates (``since``, ``until``) differ, as ``members.ID`` with the dates written:
    joining and leaving are seat changes, but a new start or end date would otherwise go unseen. A member seated
    twice has two.

    >>> from orgmodel.model import schema
    >>> a = schema.Forum(id="f", type="ssp", members=["x", {"id": "y", "since": "2025-01-01"}])
    >>> b = schema.Forum(id="f", type="ssp", members=["x", {"id": "y", "since": "2025-01-01", "until": "2026-06-30"}])
    >>> _seat_date_change(a, b)
    (FieldChange(field='members.y', old=['since: 2025-01-01'], new=['since: 2025-01-01; until: 2026-06-30']),)
    """
    before, after = _seats_by_member(old), _seats_by_member(new)
    return tuple(FieldChange(f"members.{member}", before[member], after[member])
                 for member in sorted(before.keys() & after.keys()) if before[member] != after[member])


def _seats_by_member(entity) -> dict[str, list[str]]:
    """Each member's seats in ``entity`` as the dates written (``since: …; until: …``, ``—`` for none), sorted."""
    seats: dict[str, list[str]] = {}
    for seat in entity.members:
        dates = [] if isinstance(seat, str) else [f"{key}: {day.isoformat()}" for key in ("since", "until")
                                                  if (day := getattr(seat, key)) is not None]
        seats.setdefault(seat if isinstance(seat, str) else seat.id, []).append("; ".join(dates) or "—")
    return {member: sorted(found) for member, found in seats.items()}


def _gone(new_ws: Workspace, kind: str, node: str, as_of) -> tuple[str, str | None]:
    """(reason, closed_on) of an entity the new graph lacks."""
    record = new_ws.records.get(node)
    if record is None:
        return "deleted", None
    if record.kind != kind:  # still in the files, as another kind (a forum made a council)
        return "kind-changed", None
    ends = record.entity.valid_to
    if ends is not None and as_of is not None and ends < as_of:
        return "closed", ends.isoformat()
    return "not-valid", None


def _field_changes(old, new, public: bool, skip: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return _changes(entity_fields(old, public, skip), entity_fields(new, public, skip))


def _changes(before: dict, after: dict) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in sorted(before.keys() | after.keys())
                 if before.get(k) != after.get(k))


# --- coverage --------------------------------------------------------------------------------


def _rows(G, ws: Workspace, dimension: str) -> dict[str, list[coverage.CoverageRow]]:
    by_area: dict[str, list] = {}
    for row in coverage.coverage(G, dimension, scope_areas=workspace_kommuner(G, ws)):
        by_area.setdefault(row.area, []).append(row)
    return by_area


def _complete(G, by_area: dict, areas: list[str], dimension: str) -> dict:
    missing = [area for area in areas if area not in by_area]
    for row in coverage.coverage(G, dimension, areas=missing) if missing else ():
        by_area.setdefault(row.area, []).append(row)
    return by_area


def _covered(rows, dimension: str, max_age: int) -> dict:
    """Covered items with their bodies as (body, assumed) pairs: years for ages, terms otherwise."""
    covered: dict = {}
    for row in rows:
        if row.status not in COVERED:
            continue
        items: Iterable[int | str]
        if dimension == "ages":
            first, last = parse_age_range(row.item, max_age)
            items = range(first, (max_age if last is None else last) + 1)
        else:
            items = (row.item,)
        for item in items:
            covered.setdefault(item, set()).update((body, body in row.assumed) for body in row.bodies)
    return covered


def _bodies(pairs) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The bodies of (body, assumed) pairs, and those of them whose coverage is assumed."""
    return tuple(sorted({b for b, _ in pairs})), tuple(sorted({b for b, assumed in pairs if assumed}))


def _runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) spans.

    >>> _runs([1, 2, 3, 7, 9, 10])
    [(1, 3), (7, 7), (9, 10)]
    """
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(first, last) for first, last in runs]


def _differences(G, area: str, dimension: str, change: str, have: dict, lack: dict,
                 lang: str) -> list[CoverageChange]:
    missing = [item for item in have if item not in lack]
    name = G.nodes[area]["label"] if area in G else area
    if dimension != "ages":
        return [CoverageChange(area, name, dimension, t, g.vocabulary(G).label(dimension, t, lang),
                               change, *_bodies(have[t])) for t in sorted(missing)]
    found, max_age = [], g.max_age(G)
    for first, last in _runs(missing):
        span = format_age_range(first, None if last == max_age and first != last else last)
        pairs = set().union(*(have[year] for year in range(first, last + 1)))
        found.append(CoverageChange(area, name, dimension, span, span, change, *_bodies(pairs)))
    return found


def _coverage_changes(a, old: Workspace, b, new: Workspace, lang: str) -> list[CoverageChange]:
    changes = []
    for dimension in coverage.DIMENSIONS:
        rows_a, rows_b = _rows(a, old, dimension), _rows(b, new, dimension)
        areas = sorted(rows_a.keys() | rows_b.keys())
        rows_a, rows_b = _complete(a, rows_a, areas, dimension), _complete(b, rows_b, areas, dimension)
        for area in areas:
            before = _covered(rows_a[area], dimension, g.max_age(a))
            after = _covered(rows_b[area], dimension, g.max_age(b))
            changes += _differences(b, area, dimension, "gained", after, before, lang)
            changes += _differences(a, area, dimension, "lost", before, after, lang)
    order = {d: n for n, d in enumerate(coverage.DIMENSIONS)}
    return sorted(changes, key=lambda c: (c.area, order[c.dimension], c.change != "gained"))
