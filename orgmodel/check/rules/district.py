"""A district's own rules: the ``district_rules:`` of ``orgmodel.yaml``, each checked as rule ``district.NAME``.

A district rule is made when a workspace is checked, not registered at import like the built-in rules:
:func:`district_rules` turns each entry into a :class:`Rule` whose source is the district's own document in
words. It counts the seats of a body (the chair and the members) per category or sector, the years a
member's seat has lasted since its ``since`` date, extra partner categories, and the forum types every
kommune in scope must have. ``district.bad-rule`` reports a rule that names something unknown, a body not
valid on the date checked, or asks for nothing, so neither a typo nor a body that ended switches a rule off.

>>> from orgmodel.workspace import load_workspace
>>> sorted(district_rules(load_workspace("examples/midt-og-vestjylland")))
['district.silkeborg-3-3']
"""

import datetime as dt
from collections.abc import Iterator
from functools import partial

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.model import BODY_KINDS, label_text, schema
from orgmodel.queries import member_categories
from orgmodel.workspace import Workspace

from . import Issue, Rule, rule
from .context import Context, held_seats

SECTORS = ("police", "kommune", "community")
"""The sectors a district rule may name: each category has one through its own ``sector`` or one above it."""

PREFIX = "district."


def district_rules(ws: Workspace) -> dict[str, Rule]:
    """The workspace's own rules by id (``district.NAME``), default severity warning."""
    return {f"{PREFIX}{name}": Rule(f"{PREFIX}{name}", "district", "warning", _title(name, spec, ws.manifest.language),
                                    (), partial(_run, name=name, spec=spec), words=spec.source)
            for name, spec in sorted(ws.manifest.district_rules.items())}


def _title(name: str, spec: schema.DistrictRule, lang: str) -> str:
    if spec.title is not None:
        return label_text(spec.title, lang)
    what = f"'{spec.body}'" if spec.body else f"every {spec.type}" if spec.type else "the kommuner in scope"
    return f"The district's own rule '{name}' for {what}"


def _run(ctx: Context, name: str, spec: schema.DistrictRule) -> Iterator[Issue]:
    where = f"(the district's rule '{name}', source: {spec.source})"
    for body in _bodies(ctx, spec):
        seats = _seats(ctx, body)
        yield from _counts(ctx, body, spec, seats, where)
        yield from _terms(ctx, body, spec, where)
        yield from _partners(ctx, body, spec, seats, where)
    yield from _forums(ctx, name, spec, where)


def _bodies(ctx: Context, spec: schema.DistrictRule) -> list[str]:
    """The active bodies the rule is for: its one body, or every council and forum of its type."""
    if spec.body is not None:
        return [spec.body] if spec.body in ctx.G and ctx.G.nodes[spec.body]["kind"] in BODY_KINDS else []
    if spec.type is None:
        return []
    return [b for kind in BODY_KINDS for b in ctx.bodies(kind, ctx.ws.vocabulary.canonical(_section(kind), spec.type))]


def _section(kind: str) -> str:
    return "council_types" if kind == "council" else "forum_types"


def _seats(ctx: Context, body: str) -> dict[str, tuple[str, ...]]:
    """The body's seats (chair and members) with the categories each counts as."""
    return {m: member_categories(ctx.G, m) for m in g.members_of(ctx.G, body)}


def _matches(ctx: Context, categories: tuple[str, ...], wanted: str) -> bool:
    """Whether a seat of these categories counts for ``wanted``, a sector or a category."""
    if wanted in SECTORS:
        return bool(categories) and ctx.ws.vocabulary.sector_of(categories[0]) == wanted
    return ctx.ws.vocabulary.canonical("categories", wanted) in categories


def _counts(ctx, body, spec, seats, where) -> Iterator[Issue]:
    for wanted, count in sorted(spec.members.items()):
        if not _known_category(ctx, wanted):
            continue  # district.bad-rule reports it
        holders = sorted(m for m, categories in seats.items() if _matches(ctx, categories, wanted))
        named = ", ".join(holders) or "none"
        if count.min is not None and len(holders) < count.min:
            yield Issue(body, f"{ctx.label(body)} has {len(holders)} {wanted} seat(s) ({named}); it should have at "
                        f"least {count.min} {where}", f"add a {wanted} member, or correct the rule", "members")
        if count.max is not None and len(holders) > count.max:
            yield Issue(body, f"{ctx.label(body)} has {len(holders)} {wanted} seat(s) ({named}); it may have at "
                        f"most {count.max} {where}", f"move a {wanted} member to 'invited', or correct the rule",
                        "members")


def _terms(ctx, body, spec, where) -> Iterator[Issue]:
    if not spec.term_years:
        return
    members = getattr(g.record(ctx.G, body).entity, "members", [])
    for index, member_id in held_seats(members, ctx.as_of):  # a seat ended (a term served before) is not judged
        member = members[index]
        if member_id not in ctx.G or member_id not in g.members_of(ctx.G, body):
            continue  # unknown (ref.dangling)
        categories = member_categories(ctx.G, member_id)
        for wanted, years in sorted(spec.term_years.items()):
            if not _known_category(ctx, wanted) or not _matches(ctx, categories, wanted):
                continue
            since = None if isinstance(member, str) else member.since
            if since is None:
                yield Issue(body, f"the {wanted} seat of '{member_id}' has no start date, so its term of {years} "
                            f"year(s) cannot be checked {where}",
                            f"write the member as '{{id: {member_id}, since: YYYY-MM-DD}}'", "members", index)
                continue
            ends = _years_after(since, years)
            if ends <= ctx.today:
                yield Issue(body, f"the {wanted} seat of '{member_id}' began {since}, so its term of {years} year(s) "
                            f"ran out on {ends} {where}",
                            "appoint the member again (a new 'since' date) or write 'until' and end the seat",
                            "members", index)


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 1 March).

    >>> _years_after(dt.date(2024, 2, 29), 2)
    datetime.date(2026, 3, 1)
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def _partners(ctx, body, spec, seats, where) -> Iterator[Issue]:
    for requirement in spec.partners:
        wanted = [requirement] if isinstance(requirement, str) else requirement
        if not all(ctx.ws.vocabulary.has("categories", c) for c in wanted):
            continue  # partners name categories only (`kommune` is one too): district.bad-rule reports the others
        current = {ctx.ws.vocabulary.canonical("categories", c) for c in wanted}
        if not any(current.intersection(categories) for categories in seats.values()):
            text = " or ".join(wanted)
            yield Issue(body, f"{ctx.label(body)} has no member of the category {text} {where}",
                        "add an organisation of that category to 'members', or a role in one", "members")


def _forums(ctx, name, spec, where) -> Iterator[Issue]:
    vocab = ctx.ws.vocabulary
    for type_ in spec.forums_per_kommune:
        if not vocab.has("forum_types", type_):
            continue
        wanted = vocab.canonical("forum_types", type_)
        have = {g.area_of(ctx.G, f) for f in ctx.bodies("forum") if vocab.is_a("forum_types", ctx.G.nodes[f]["type"],
                                                                                wanted)}
        for kommune in ctx.scope_kommuner:
            if kommune not in have:
                yield Issue("", f"{ctx.area_name(kommune)} has no {type_} {where}",
                            f"add a forum of type {type_} with 'area: {kommune}', or narrow the scope",
                            f"district_rules.{name}.forums_per_kommune")


def _known_category(ctx: Context, wanted: str) -> bool:
    return wanted in SECTORS or ctx.ws.vocabulary.has("categories", wanted)


@rule("district.bad-rule", "integrity", "error",
      "A district's own rule names something unknown or not valid on the date, or asks for nothing")
def bad_district_rules(ctx):
    vocab = ctx.ws.vocabulary
    for name, spec in sorted(ctx.ws.manifest.district_rules.items()):
        at = f"district_rules.{name}"
        if spec.body is not None and spec.type is not None:
            yield Issue("", f"district rule '{name}' names both 'body' and 'type'", "keep one of the two", at)
        if spec.body is not None:
            found = ctx.ws.records.get(spec.body)
            if found is None or found.kind not in BODY_KINDS:
                yield Issue("", f"district rule '{name}' names the body '{spec.body}', which is no council or forum."
                            f"{suggest(spec.body, [i for i, r in ctx.ws.records.items() if r.kind in BODY_KINDS])}",
                            "name a council or forum id", f"{at}.body")
            elif spec.body not in ctx.G:
                yield from _body_not_valid(name, found, ctx.as_of)
        if spec.type is not None and not (vocab.has("council_types", spec.type) or vocab.has("forum_types", spec.type)):
            types = [*vocab["council_types"], *vocab["forum_types"]]
            yield Issue("", f"district rule '{name}' names the unknown body type '{spec.type}'."
                        f"{suggest(spec.type, types)}", "use a type from `orgmodel vocabulary council_types` or "
                        "`orgmodel vocabulary forum_types`", f"{at}.type")
        if (spec.members or spec.term_years or spec.partners) and spec.body is None and spec.type is None:
            yield Issue("", f"district rule '{name}' counts seats, terms or partners but names no 'body' or 'type'",
                        "add 'body: ID' or 'type: TYPE'", at)
        elif (spec.members or spec.term_years or spec.partners) and spec.body is None and spec.type is not None \
                and (vocab.has("council_types", spec.type) or vocab.has("forum_types", spec.type)) \
                and not _bodies(ctx, spec):
            yield Issue("", f"district rule '{name}' is for every body of type '{spec.type}', and none is valid on "
                        f"{ctx.as_of.isoformat()}; the rule judges nothing",
                        f"record the bodies of type '{spec.type}', or correct the rule's 'type'", f"{at}.type")
        yield from _bad_categories(ctx, name, spec)
        for type_ in spec.forums_per_kommune:
            if not vocab.has("forum_types", type_):
                yield Issue("", f"district rule '{name}' requires the unknown forum type '{type_}'."
                            f"{suggest(type_, vocab['forum_types'])}",
                            "use a type from `orgmodel vocabulary forum_types`", f"{at}.forums_per_kommune")
        yield from _bad_counts(name, spec)


def _bad_counts(name: str, spec: schema.DistrictRule) -> Iterator[Issue]:
    """Seat counts that cannot be met or ask for nothing, and a rule that asks for nothing at all: such a rule
    would never find anything.

    >>> spec = schema.DistrictRule(source="x", body="b", members={"kommune": {}})
    >>> print(next(_bad_counts("r", spec)).message)
    district rule 'r' gives no 'min' or 'max' for the 'kommune' seats, so it never counts them
    """
    at = f"district_rules.{name}"
    for key, count in spec.members.items():
        if count.min is not None and count.max is not None and count.min > count.max:
            yield Issue("", f"district rule '{name}' asks for at least {count.min} and at most {count.max} "
                        f"'{key}' seats", "make 'min' no larger than 'max'", f"{at}.members.{key}")
        if count.min is None and count.max is None:
            yield Issue("", f"district rule '{name}' gives no 'min' or 'max' for the '{key}' seats, so it never "
                        "counts them", f"add 'min: N' and/or 'max: N' to '{key}', or remove it", f"{at}.members.{key}")
    if not (spec.members or spec.term_years or spec.partners or spec.forums_per_kommune):
        yield Issue("", f"district rule '{name}' asks for nothing, so it never finds anything",
                    "add what it requires ('members', 'term_years', 'partners' or 'forums_per_kommune'), or "
                    "remove the rule", at)


def _body_not_valid(name: str, body, day: dt.date) -> Iterator[Issue]:
    """The rule's one body has ended or not begun on ``day``, the date whose entries are checked: the rule judges
    nothing (worded as ``ref.not-valid``).

    >>> from types import SimpleNamespace as Ns
    >>> body = Ns(id="lokalraad-a", entity=Ns(valid_to=dt.date(2025, 12, 31), valid_from=None))
    >>> print(next(_body_not_valid("r", body, dt.date(2026, 11, 22))).message)
    district rule 'r' names the body 'lokalraad-a', which ended 2025-12-31, before 2026-11-22; the rule judges nothing
    """
    ends, starts = body.entity.valid_to, body.entity.valid_from
    at = f"district_rules.{name}.body"
    if ends is not None and ends < day:
        yield Issue("", f"district rule '{name}' names the body '{body.id}', which ended {ends.isoformat()}, before "
                    f"{day.isoformat()}; the rule judges nothing",
                    "point 'body:' at the council or forum that took its place", at)
    elif starts is not None and starts > day:
        yield Issue("", f"district rule '{name}' names the body '{body.id}', which begins {starts.isoformat()}, "
                    f"after {day.isoformat()}; the rule judges nothing",
                    "point 'body:' at the council or forum valid on that date, or check with '--as-of "
                    f"{starts.isoformat()}'", at)


def _bad_categories(ctx, name: str, spec: schema.DistrictRule) -> Iterator[Issue]:
    at = f"district_rules.{name}"
    vocab = ctx.ws.vocabulary
    named = [("members", key) for key in spec.members] + [("term_years", key) for key in spec.term_years]
    named += [("partners", c) for r in spec.partners for c in ([r] if isinstance(r, str) else r)]
    for part, category in named:
        allowed = list(vocab["categories"]) + ([] if part == "partners" else list(SECTORS))
        if category not in allowed:
            also = "" if part == "partners" else f" or a sector ({', '.join(SECTORS)})"
            yield Issue("", f"district rule '{name}' names the unknown category '{category}' in '{part}'."
                        f"{suggest(category, allowed)}",
                        f"use a category from `orgmodel vocabulary categories`{also}",
                        f"{at}.{part}.{category}" if part != "partners" else f"{at}.partners")
