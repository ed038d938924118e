"""Law rules about the kredsråd and its samarbejdsplan: retsplejeloven §§ 111-113 and bekendtgørelse
nr. 1426 af 13.12.2006, within scope.

Each rule cites its sources by their ids in the register (``orgmodel/data/sources.yaml``). The duties
about the forums (§§ 114-115) are in :mod:`.forums`; the lokalråd rules are guidance (lokalråd are not in
the act) and live in :mod:`.guidance`.
"""


from orgmodel import graph as g
from orgmodel.model import AREAS, kommuner_of, schema
from orgmodel.queries import period_years

from . import Issue, rule
from .context import held_seats


def _kredsraad(ctx):
    """(kreds, kredsråd) for each scoped kreds that has exactly one or more kredsråd."""
    for kreds in ctx.scope_kredse:
        for council in ctx.councils_in("kredsraad", kreds):
            yield kreds, council


@rule("kredsraad.one-per-kreds", "law", "error", "Each politikreds has one kredsråd",
      ("rpl-111", "bek-1426-1"))
def one_kredsraad(ctx):
    yield from one_per_area(ctx, "kredsraad", "kredsråd", ctx.scope_kredse, "politikreds ",
                             "keep one kredsråd per politikreds")


def one_per_area(ctx, type_, label, areas, prefix, fix_many):
    for area in areas:
        # read with other workspaces, one written in another is the one in excess (its own check does not see it)
        councils = sorted(ctx.councils_in(type_, area), key=lambda council: not ctx.written_here(council))
        if not councils:
            yield Issue("", f"{prefix}{ctx.area_name(area)} ({area}) has no {label}",
                        f"add a council with 'type: {type_}' and 'area: {area}'", "scope")
        for extra in councils[1:]:
            yield Issue(extra, f"{prefix}{ctx.area_name(area)} has more than one {label}: "
                        f"{', '.join(councils)}", fix_many, "area")


@rule("kredsraad.chair", "law", "error", "The politidirektør chairs the kredsråd",
      ("rpl-111", "bek-1426-2"))
def kredsraad_chair(ctx):
    for kreds, council in _kredsraad(ctx):
        chair = g.targets(ctx.G, council, "chair")
        ended = ctx.not_valid_reference(council, "chair") if not chair else None
        if ended:
            yield Issue(council, f"the kredsråd has no chair on {ctx.as_of.isoformat()}: '{ended}', named in "
                        "'chair', is not valid then; the politidirektør chairs it by law",
                        f"name in 'chair:' the role of the politidirektør of {ctx.area_name(kreds)} valid on that day",
                        "chair")
        elif not chair:
            yield Issue(council, "the kredsråd has no chair; the politidirektør chairs it by law",
                        f"add 'chair:' with the role of the politidirektør of {ctx.area_name(kreds)}", "chair")
        elif not ctx.role_is(chair[0], "politidirektoer"):
            yield Issue(council, f"the chair {ctx.label(chair[0])} is not a politidirektør",
                        "make the district's politidirektør the chair (a role with 'type: politidirektoer')",
                        "chair")
        elif g.kreds_of(ctx.G, g.area_of(ctx.G, chair[0])) not in (kreds, None):
            yield Issue(council, f"the chair {ctx.label(chair[0])} is the politidirektør of another district",
                        f"make the politidirektør of {ctx.area_name(kreds)} the chair", "chair")


def _borgmestre(ctx, council):
    members = g.members_of(ctx.G, council, include_chair=False)
    return [m for m in members if ctx.role_is(m, "borgmester")]


@rule("kredsraad.borgmestre", "law", "error", "Every borgmester of the district sits in the kredsråd",
      "rpl-111")
def kredsraad_borgmestre(ctx):
    for kreds, council in _kredsraad(ctx):
        borgmestre = _borgmestre(ctx, council)
        # any borgmester of the kommune (København's overborgmester is one): that the overborgmester is the one who
        # sits for København is orgmodel's reading, unconfirmed (kk-saadan-styres-koebenhavn), so it is not required
        present = {ctx.borgmester_kommune(b) for b in borgmestre}
        for role in borgmestre:
            if ctx.borgmester_kommune(role) is None:
                yield Issue(council, f"member {ctx.label(role)} is a borgmester, but of which kommune is unknown",
                            "give the role (or its organisation) 'area:' with its kommune", "members")
        for kommune in kommuner_of(kreds):
            if kommune not in present:
                mayor = AREAS[kommune].mayor  # København's is the overborgmester
                unheld = _unheld_seat(ctx, council, kommune, mayor)
                if unheld is not None:
                    index, role = unheld
                    yield Issue(council, f"the {mayor} of {ctx.area_name(kommune)}, {ctx.label(role)}, is listed in "
                                f"'members' but holds no seat on {ctx.as_of.isoformat()} (the seat's dates, or the "
                                "role's)", f"correct the dates of the seat or of the role, or seat the {mayor} of "
                                f"{ctx.area_name(kommune)} in office then", "members", index)
                    continue
                yield Issue(council, f"the {mayor} of {ctx.area_name(kommune)} is not a member",
                            f"add the role of the {mayor} of {ctx.area_name(kommune)} to 'members' "
                            f"(e.g. '{mayor}-{kommune}' with 'type: {mayor}')", "members")


def _unheld_seat(ctx, council: str, kommune: str, mayor: str) -> tuple[int, str] | None:
    """(index, role) of a seat in the council's ``members`` of the kommune's ``mayor`` that is not held on the day
    checked (its seat's dates, or the role's, rule it out); else None."""
    G = ctx.G_all
    for index, seat in enumerate(getattr(g.record(G, council).entity, "members", ())):
        role = schema.seat_id(seat)
        if role not in G or G.nodes[role]["kind"] != "role":
            continue
        area = g.area_of(G, role)
        if area == kommune and g.vocabulary_of(G, role).is_a("role_types", G.nodes[role].get("type"), "borgmester"):
            return index, role
    return None


@rule("kredsraad.outside-borgmester", "law", "error", "No borgmester from outside the district", "rpl-111")
def outside_borgmester(ctx):
    for kreds, council in _kredsraad(ctx):
        for role in _borgmestre(ctx, council):
            kommune = ctx.borgmester_kommune(role)
            if kommune is not None and AREAS[kommune].kreds != kreds:
                yield Issue(council, f"member {ctx.label(role)} is borgmester of {ctx.area_name(kommune)}, "
                            f"which lies in {ctx.area_name(AREAS[kommune].kreds)}",
                            "remove the member, or invite the role instead ('invited:')", "members")


@rule("kredsraad.secretariat", "law", "warning", "The kredsråd has a secretariat", "bek-1426-2")
def kredsraad_secretariat(ctx):
    for _, council in _kredsraad(ctx):
        if not g.targets(ctx.G, council, "secretariat"):
            yield Issue(council, "the kredsråd has no secretariat; the politidirektør sets one up",
                        "add 'secretariat:' naming the secretariat (a forum of type sekretariat)", "type")


@rule("kredsraad.meetings", "law", "warning", "The kredsråd meets at least 4 times a year", "bek-1426-3")
def kredsraad_meetings(ctx):
    for _, council in _kredsraad(ctx):
        meetings = g.record(ctx.G, council).entity.meetings_per_year
        if meetings is None:
            yield Issue(council, "the number of meetings a year is not recorded (at least 4 by law)",
                        "add 'meetings_per_year:' with the planned number", "type")
        elif meetings < 4:
            yield Issue(council, f"the kredsråd meets {meetings} time(s) a year; the law requires at least 4",
                        "plan at least 4 meetings a year", "meetings_per_year")


@rule("kredsraad.substitute", "guidance", "info", "Each borgmester has an elected substitute (paragraph not confirmed)",
      "syddjurs-kredsraad")
def borgmester_substitutes(ctx):
    for _, council in _kredsraad(ctx):
        for role in _borgmestre(ctx, council):
            if not g.sources(ctx.G, role, "substitute_for"):
                yield Issue(council, f"no substitute is recorded for {ctx.label(role)}",
                            f"add a role with 'type: stedfortraeder' and 'substitute_for: {role}'", "members")


@rule("samarbejdsplan.current-year", "law", "warning",
      "The politidirektør has published a samarbejdsplan for this year, discussed by the kredsråd",
      ("rpl-113", "politi-kvp-kredsraad"))
def samarbejdsplan(ctx):
    """A document with 'type: samarbejdsplan' for the year of --today, owned by the politidirektør, discussed by
    the kredsråd ('council', 'discussed') and published ('published', 'where'). A plan that names no kredsråd (or
    another council) counts for the kredsråd of its district, with a finding that says so."""
    year = ctx.today.year
    plans = [d for d in g.nodes_of_kind(ctx.G, "document", "samarbejdsplan")
             if year in (period_years(g.record(ctx.G, d).entity.year) or ())]
    for kreds, council in _kredsraad(ctx):
        candidates = [d for d in plans if council in g.targets(ctx.G, d, "council")
                      or (not _names_a_kredsraad(ctx, d) and g.kreds_of(ctx.G, g.area_of(ctx.G, d)) == kreds)]
        if not candidates:
            unplaced = [d for d in plans if not g.targets(ctx.G, d, "council") and not g.area_of(ctx.G, d)]
            if unplaced:
                yield Issue(council, f"no samarbejdsplan for {year} is recorded for this kredsråd; "
                            f"{', '.join(unplaced)} names no council and no owner, so its district is unknown",
                            f"set 'council: {council}' in {unplaced[0]} if it is this district's plan", "type")
                continue
            yield Issue(council, f"no samarbejdsplan for {year} is recorded; by retsplejeloven § 113 the "
                        "politidirektør publishes one each year after the kredsråd has discussed it",
                        f"add a document with 'type: samarbejdsplan', 'year: {year}', 'owner:' (the role of the "
                        f"politidirektør), 'council: {council}', 'discussed:', 'published:' and 'where:'", "type")
            continue
        problems = [list(_plan_problems(ctx, kreds, council, plan)) for plan in candidates]
        if all(problems):
            yield from (issue for found in problems for issue in found)


def _names_a_kredsraad(ctx, document: str) -> bool:
    return any(ctx.G.nodes[c].get("type") == "kredsraad" for c in g.targets(ctx.G, document, "council"))


def _plan_problems(ctx, kreds: str, council: str, plan: str):
    """What a samarbejdsplan of the year lacks: the politidirektør as owner, the kredsråd, the dates, the place."""
    entity = g.record(ctx.G, plan).entity
    assert isinstance(entity, schema.Document)
    name = ctx.area_name(kreds)
    chair = [c for c in g.targets(ctx.G, council, "chair")
             if ctx.role_is(c, "politidirektoer")]
    owner_fix = f"set 'owner:' to the role of the politidirektør of {name}" \
        + (f" ('owner: {chair[0]}')" if chair else "")
    owner = g.targets(ctx.G, plan, "owner")
    if not owner:
        yield Issue(plan, "the samarbejdsplan names no owner; it is the politidirektør's plan (retsplejeloven § 113)",
                    owner_fix, "owner")
    elif not ctx.role_is(owner[0], "politidirektoer"):
        yield Issue(plan, f"the owner {ctx.label(owner[0])} is not a politidirektør; the samarbejdsplan is the "
                    "politidirektør's plan (retsplejeloven § 113)", owner_fix, "owner")
    elif g.kreds_of(ctx.G, g.area_of(ctx.G, owner[0])) not in (kreds, None):
        yield Issue(plan, f"the owner {ctx.label(owner[0])} is the politidirektør of another district; the "
                    f"samarbejdsplan is that of the politidirektør of {name} (retsplejeloven § 113)", owner_fix,
                    "owner")
    if council not in g.targets(ctx.G, plan, "council"):
        what = (f"names {ctx.label(entity.council)}, not the kredsråd" if entity.council
                else "does not say which kredsråd discussed it")
        yield Issue(plan, f"the samarbejdsplan {what}; the kredsråd of {name} discusses it before it is published",
                    f"set 'council: {council}'", "council")
    if entity.discussed is None:
        yield Issue(plan, "the day the kredsråd discussed the samarbejdsplan is not recorded; the politidirektør "
                    "publishes it after the kredsråd has discussed it",
                    "add 'discussed:' with the date of the kredsråd meeting (YYYY-MM-DD)", "discussed")
    if entity.published is None:
        yield Issue(plan, "the samarbejdsplan is not recorded as published; the politidirektør publishes it each year",
                    "add 'published:' with the date it was published (YYYY-MM-DD)"
                    + ("" if entity.where else " and 'where:' with its URL or the place it was published"),
                    "published")
    elif entity.published > ctx.today:
        yield Issue(plan, f"the samarbejdsplan is to be published on {entity.published}, after today ({ctx.today})",
                    "publish it, or correct 'published:'", "published")
    elif entity.discussed is not None and entity.published < entity.discussed:
        yield Issue(plan, f"the samarbejdsplan is recorded as published ({entity.published}) before the kredsråd "
                    f"discussed it ({entity.discussed}); it is published after the discussion",
                    "check the dates in 'discussed:' and 'published:'", "published")
    if entity.published is not None and not entity.where:
        yield Issue(plan, "where the samarbejdsplan was published is not recorded",
                    "add 'where:' with the URL of the published plan (or the place it was published)", "published")


# --- The kredsråd's members (§ 111, stk. 2; bekendtgørelse 1426/2006 § 3, stk. 2) -----------------------

def _kredsraad_member_ok(ctx, kreds: str, member: str) -> bool:
    """Whether a kredsråd member is one the act names: a borgmester (any kommune: another rule checks which),
    the district's politidirektør, or a borgmester's elected substitute."""
    if ctx.G.nodes[member]["kind"] != "role":
        return ctx.G.nodes[member]["kind"] != "organisation"  # (a goal as member is ref.wrong-kind's finding)
    if ctx.role_is(member, "borgmester"):
        return True
    if ctx.role_is(member, "politidirektoer"):
        return g.kreds_of(ctx.G, g.area_of(ctx.G, member)) in (kreds, None)
    substitutes_for = g.targets(ctx.G, member, "substitute_for")
    return bool(substitutes_for) and ctx.role_is(substitutes_for[0], "borgmester")


@rule("kredsraad.others-invited", "law", "error",
      "Only the politidirektør and the borgmestre are kredsråd members; others are invited", ("rpl-111", "bek-1426-3"))
def kredsraad_others_invited(ctx):
    for kreds, council in _kredsraad(ctx):
        for index, member in held_seats(g.record(ctx.G, council).entity.members, ctx.as_of):
            if member in ctx.G and not _kredsraad_member_ok(ctx, kreds, member):
                yield Issue(council, f"member {ctx.label(member)} is neither a borgmester nor the politidirektør of "
                            f"{ctx.area_name(kreds)}; by retsplejeloven § 111 the kredsråd's members are the "
                            "politidirektør and the borgmestre, and others take part as invited (bekendtgørelse "
                            "1426/2006 § 3, stk. 2)", f"move '{member}' from 'members' to 'invited'", "members", index)
