"""Hygiene rules: stale facts, unused roles, empty bodies, stray organisations, placeholders."""

import datetime as dt
from bisect import bisect_right

from pydantic import BaseModel

from orgmodel import graph as g
from orgmodel.model import PERSONAL_FIELDS, assumed_coverage, cite

from . import Issue, rule


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February: 28 February): a fact verified then is 12 months old.

    >>> year_before(dt.date(2028, 3, 1)), year_before(dt.date(2028, 2, 29))
    (datetime.date(2027, 3, 1), datetime.date(2027, 2, 28))
    """
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@rule("hygiene.stale", "hygiene", "warning", "A fact has not been verified for 12 months")
def stale(ctx):
    limit = year_before(ctx.today)
    for record in ctx.entries_with("verified"):
        if record.id not in ctx.G:
            continue  # not valid on the date checked: it does not count
        if record.entity.verified and record.entity.verified < limit:
            yield Issue(record.id, f"last verified {record.entity.verified}, more than 12 months ago",
                        "check the entry against its source and update 'verified:'", "verified")
        holder = record.get("holder")
        if holder is not None and holder.verified and holder.verified < limit:
            yield Issue(record.id, f"the holder was last verified {holder.verified}, more than 12 months ago",
                        "check who holds the role and update 'holder.verified:'", "holder.verified")


@rule("hygiene.unused-role", "hygiene", "info", "A role sits in no body")
def unused_roles(ctx):
    G = ctx.G
    holders = ctx.seat_holders
    for role in g.nodes_of_kind(G, "role"):
        if role not in holders and not g.targets(G, role, "substitute_for"):
            yield Issue(role, "the role is not chair, member, invited guest or secretariat of any body",
                        "add it to a body, or remove it if the position no longer exists", "title")


@rule("hygiene.empty-body", "hygiene", "warning", "A council or forum has no members")
def empty_bodies(ctx):
    for kind in ("council", "forum"):
        for body in ctx.bodies(kind):
            if not g.has_members(ctx.G, body):
                yield Issue(body, "the body has no members and no chair",
                            "add 'members:' with the roles or organisations that take part", "type")


@rule("hygiene.member-and-invited", "hygiene", "info", "A body lists someone both as a member and as invited")
def member_and_invited(ctx):
    """Charts showed such a seat twice, and a reader cannot tell which is meant; the queries count a member."""
    for kind in ("council", "forum"):
        for body in ctx.bodies(kind):
            seats = g.seats_of(ctx.G, body)
            members = set(seats.get("member", ()))
            for guest in seats.get("invited", ()):
                if guest in members:
                    written = g.record(ctx.G, body).entity.invited
                    yield Issue(body, f"{ctx.label(guest)} is listed under both 'members' and 'invited'",
                                "keep it in one of the two: 'members' for a seat, 'invited' for a guest", "invited",
                                written.index(guest) if guest in written else None)


@rule("hygiene.orphan-organisation", "hygiene", "info", "An organisation takes part in no body")
def orphan_organisations(ctx):
    G = ctx.G
    taking_part = g.seated_organisations(G, ctx.seat_holders)
    for org in sorted(taking_part, key=str):  # in the order of the graph's nodes, which reads memory in order
        parent = _parent(G, org)
        while parent is not None and parent not in taking_part:
            taking_part.add(parent)
            parent = _parent(G, parent)
    for org in g.nodes_of_kind(G, "organisation"):
        if org not in taking_part:
            yield Issue(org, "the organisation takes part in no council or forum (directly, through a role "
                        "or through a sub-organisation)", "add it (or one of its roles) to a body, or remove it",
                        "name")


def _parent(G, org: str | None) -> str | None:
    return None if org is None else g.parent_of(G, org)


@rule("placeholder.todo", "hygiene", "info", "A placeholder from `orgmodel init` is still to be filled in")
def placeholders(ctx):
    for record in _mentioning_todo(ctx.ws):
        if record.id not in ctx.G:
            continue  # not valid on the date checked: it does not count
        for field, text in _placeholders(record.entity):
            shown = "" if field.split(".")[0] in PERSONAL_FIELDS else f": {text}"
            yield Issue(record.id, f"'{field}' is still a placeholder{shown}",
                        "replace the TODO text with the real value", field)


def _mentioning_todo(ws) -> list:
    """The records, in order, that may hold a placeholder: those of a file that mentions TODO (see
    :attr:`orgmodel.workspace.Workspace.placeholder_files`) whose own lines do, or any of the file's when those
    lines are not known. An entry's lines run from its line to the next entry's of its file.

    A new workspace is full of TODO: this spares the walk over the texts of every other entry of its files.
    """
    files = ws.placeholder_files
    starts: dict[str, list[int]] = {file: [] for file, lines in files.items() if lines is not None}
    records = [record for record in ws.records.values() if record.file in files]
    for record in records:
        if record.file in starts:
            starts[record.file].append(record.line)
    owners: dict[str, set[int]] = {}
    for file, found in starts.items():
        entries = sorted(set(found))
        owners[file] = {entries[at - 1] for line in files[file] or () if (at := bisect_right(entries, line))}
    return [record for record in records if record.file not in owners or record.line in owners[record.file]]


_MAY_START_PLACEHOLDER = frozenset("tT\u1e97\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
                                   "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""The first characters of a text that may be a placeholder: those whose upper case starts with T (``ẗ`` is
``T`` and a combining mark), and the white space ``str.lstrip`` takes away: a quick test before the whole one."""


def _placeholders(entity: BaseModel) -> list[tuple[str, str]]:
    """Every text of an entry that starts with TODO (in any case), with its dotted field name (lists keep their
    field's name), in order.

    >>> from orgmodel.model import SECTIONS
    >>> _placeholders(SECTIONS["roles"](id="r", title={"da": "todo: titel", "en": "Head"}, organisation="o"))
    [('title.da', 'todo: titel')]
    """
    found: list[tuple[str, str]] = []
    _collect_placeholders(entity, "", found)
    return found


def _collect_placeholders(value, path: str, found: list) -> None:
    if isinstance(value, str):
        if _is_placeholder(value):
            found.append((path, value))
    elif isinstance(value, list):
        for item in value:
            _collect_placeholders(item, path, found)
    elif isinstance(value, BaseModel | dict):
        for key, item in (value.__dict__ if isinstance(value, BaseModel) else value).items():
            if type(item) is str:
                if _is_placeholder(item):
                    found.append((f"{path}.{key}" if path else key, item))
            elif item is not None and not isinstance(item, int | float | dt.date):
                _collect_placeholders(item, f"{path}.{key}" if path else key, found)


def _is_placeholder(text: str) -> bool:
    return text[:1] in _MAY_START_PLACEHOLDER and text.lstrip().upper().startswith("TODO")


@rule("coverage.assumed", "hygiene", "info", "A body's ages or person groups are assumed from its type",
      source=("ssp-koebenhavn-maalgrupper", "ssp-helsingoer-om-ssp"))
def assumed_coverage_of_bodies(ctx):
    ws = ctx.ws
    for kind in ("council", "forum"):
        for body in ctx.bodies(kind):
            if not ctx.G.nodes[body]["assumed"]:
                continue
            record = g.record(ctx.G, body)
            covers, type_ = record.get("covers"), ctx.G.nodes[body]["type"]
            assumed = assumed_coverage(ws.vocabulary, ws.manifest, kind, type_, covers)
            fields = [f"covers.{d}" for d in assumed.dimensions]
            what = [f"the {'ages' if d == 'ages' else 'person groups'} {', '.join(getattr(assumed, d))} "
                    f"({_basis(ws, kind, type_, d, getattr(assumed, f'{d}_origin'))})" for d in assumed.dimensions]
            lacks = f"neither {fields[0]} nor {fields[1]}" if len(fields) == 2 else f"no {fields[0]}"
            yield Issue(body, f"the body writes {lacks}, so orgmodel assumes {' and '.join(what)}; "
                        "coverage shows them as assumed, not stated",
                        f"write {' and '.join(fields)} as the body actually works (coverage_defaults in "
                        "orgmodel.yaml sets what is assumed for a whole type)",
                        "covers" if covers is not None else "type")

def _basis(ws, kind: str, type_: str, dimension: str, origin: str | None) -> str:
    """Where an assumed default comes from, and what backs it."""
    if origin == "workspace":
        return f"coverage_defaults.{type_} in orgmodel.yaml"
    term = ws.vocabulary.body_type(kind, type_)
    if term is None or dimension in term.defaults_unsourced or not term.defaults_source:
        return f"the default of the type '{type_}', an assumption no source states"
    return f"the default of the type '{type_}', source: {cite(term.defaults_source)}"

