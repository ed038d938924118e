"""Law rules: retsplejeloven kap. 11 and bekendtgørelse nr. 1426 af 13.12.2006, within scope."""

from orgmodel import graph as g
from orgmodel.model import AREAS, kommuner_of

from . import Issue, rule

RPL = "Retsplejeloven kap. 11 (§§ 111-113)"
BEK = "Bekendtgørelse nr. 1426 af 13.12.2006 om kredsråd vedrørende politiets virksomhed"


def _kredsraad(ctx):
    """(kreds, kredsråd) for each scoped kreds that has exactly one or more kredsråd."""
    for kreds in ctx.scope_kredse:
        for council in ctx.councils_in("kredsraad", kreds):
            yield kreds, council


@rule("kredsraad.one-per-kreds", "law", "error", "Each politikreds has one kredsråd", RPL + ", § 111")
def one_kredsraad(ctx):
    yield from _one_per_area(ctx, "kredsraad", "kredsråd", ctx.scope_kredse, "politikreds ",
                             "keep one kredsråd per politikreds")


def _one_per_area(ctx, type_, label, areas, prefix, fix_many):
    for area in areas:
        councils = ctx.councils_in(type_, area)
        if not councils:
            yield Issue("", f"{prefix}{ctx.area_name(area)} ({area}) has no {label}",
                        f"add a council with 'type: {type_}' and 'area: {area}'", "scope")
        for extra in councils[1:]:
            yield Issue(extra, f"{prefix}{ctx.area_name(area)} has more than one {label}: "
                        f"{', '.join(councils)}", fix_many, "area")


@rule("kredsraad.chair", "law", "error", "The politidirektør chairs the kredsråd", RPL + ", § 111; " + BEK + ", § 2")
def kredsraad_chair(ctx):
    for kreds, council in _kredsraad(ctx):
        chair = g.targets(ctx.G, council, "chair")
        if not chair:
            yield Issue(council, "the kredsråd has no chair; the politidirektør chairs it by law",
                        f"add 'chair:' with the role of the politidirektør of {ctx.area_name(kreds)}", "chair")
        elif ctx.role_type(chair[0]) != "politidirektoer":
            yield Issue(council, f"the chair {ctx.label(chair[0])} is not a politidirektør",
                        "make the district's politidirektør the chair (a role with 'type: politidirektoer')",
                        "chair")
        elif g.kreds_of(ctx.G, g.area_of(ctx.G, chair[0])) not in (kreds, None):
            yield Issue(council, f"the chair {ctx.label(chair[0])} is the politidirektør of another district",
                        f"make the politidirektør of {ctx.area_name(kreds)} the chair", "chair")


def _borgmestre(ctx, council):
    members = g.members_of(ctx.G, council, include_chair=False)
    return [m for m in members if ctx.role_type(m) == "borgmester"]


@rule("kredsraad.borgmestre", "law", "error", "Every borgmester of the district sits in the kredsråd", RPL + ", § 111")
def kredsraad_borgmestre(ctx):
    for kreds, council in _kredsraad(ctx):
        borgmestre = _borgmestre(ctx, council)
        present = {ctx.borgmester_kommune(b) for b in borgmestre}
        for role in borgmestre:
            if ctx.borgmester_kommune(role) is None:
                yield Issue(council, f"member {ctx.label(role)} is a borgmester, but of which kommune is unknown",
                            "give the role (or its organisation) 'area:' with its kommune", "members")
        for kommune in kommuner_of(kreds):
            if kommune not in present:
                yield Issue(council, f"the borgmester of {ctx.area_name(kommune)} is not a member",
                            f"add the role of the borgmester of {ctx.area_name(kommune)} to 'members' "
                            f"(e.g. 'borgmester-{kommune}' with 'type: borgmester')", "members")


@rule("kredsraad.outside-borgmester", "law", "error", "No borgmester from outside the district", RPL + ", § 111")
def outside_borgmester(ctx):
    for kreds, council in _kredsraad(ctx):
        for role in _borgmestre(ctx, council):
            kommune = ctx.borgmester_kommune(role)
            if kommune is not None and AREAS[kommune].kreds != kreds:
                yield Issue(council, f"member {ctx.label(role)} is borgmester of {ctx.area_name(kommune)}, "
                            f"which lies in {ctx.area_name(AREAS[kommune].kreds)}",
                            "remove the member, or invite the role instead ('invited:')", "members")


@rule("kredsraad.secretariat", "law", "warning", "The kredsråd has a secretariat", BEK + ", § 2")
def kredsraad_secretariat(ctx):
    for _, council in _kredsraad(ctx):
        if not g.targets(ctx.G, council, "secretariat"):
            yield Issue(council, "the kredsråd has no secretariat; the politidirektør sets one up",
                        "add 'secretariat:' naming the secretariat (a forum of type sekretariat)", "type")


@rule("kredsraad.meetings", "law", "warning", "The kredsråd meets at least 4 times a year", BEK + ", § 3")
def kredsraad_meetings(ctx):
    for _, council in _kredsraad(ctx):
        meetings = g.record(ctx.G, council).entity.meetings_per_year
        if meetings is None:
            yield Issue(council, "the number of meetings a year is not recorded (at least 4 by law)",
                        "add 'meetings_per_year:' with the planned number", "type")
        elif meetings < 4:
            yield Issue(council, f"the kredsråd meets {meetings} time(s) a year; the law requires at least 4",
                        "plan at least 4 meetings a year", "meetings_per_year")


@rule("kredsraad.substitute", "law", "info", "Each borgmester has an elected substitute",
      RPL + " (kommunalbestyrelsen vælger en stedfortræder for borgmesteren)")
def borgmester_substitutes(ctx):
    for _, council in _kredsraad(ctx):
        for role in _borgmestre(ctx, council):
            if not g.sources(ctx.G, role, "substitute_for"):
                yield Issue(council, f"no substitute is recorded for {ctx.label(role)}",
                            f"add a role with 'type: stedfortraeder' and 'substitute_for: {role}'", "members")


@rule("lokalraad.one-per-kommune", "law", "error", "Each kommune has one lokalråd",
      "Lokalrådscirkulæret (december 2006); DKR: Kreds- og lokalråd")
def one_lokalraad(ctx):
    yield from _one_per_area(ctx, "lokalraad", "lokalråd", ctx.scope_kommuner, "",
                             "keep one lokalråd per kommune; make the others forums under it")


@rule("lokalraad.reports-to", "law", "error", "A lokalråd reports to its district's kredsråd",
      "Lokalrådscirkulæret (december 2006); DKR: Kreds- og lokalråd")
def lokalraad_reports_to(ctx):
    for kommune in ctx.scope_kommuner:
        kreds = AREAS[kommune].kreds
        expected = ctx.councils_in("kredsraad", kreds)
        for council in ctx.councils_in("lokalraad", kommune):
            target = g.targets(ctx.G, council, "reports_to")
            if not target:
                yield Issue(council, "the lokalråd does not say which kredsråd it reports to",
                            f"add 'reports_to: {expected[0] if expected else 'KREDSRÅD-ID'}'", "type")
            elif expected and target[0] not in expected:
                yield Issue(council, f"the lokalråd reports to '{target[0]}', not to the kredsråd of "
                            f"{ctx.area_name(kreds)} ('{expected[0]}')",
                            f"set 'reports_to: {expected[0]}'", "reports_to")


def period_years(period: str | None) -> range | None:
    """The years a goal's period spans: ``"2025"`` or ``"2025-2027"``.

    >>> period_years("2025-2027")
    range(2025, 2028)
    """
    if not period:
        return None
    parts = [p.strip() for p in str(period).replace("–", "-").split("-")]
    if not all(p.isdigit() and len(p) == 4 for p in parts) or len(parts) > 2:
        return None
    return range(int(parts[0]), int(parts[-1]) + 1)


@rule("samarbejdsplan.current-year", "law", "warning", "The kredsråd has a samarbejdsplan for this year",
      RPL + ", § 113")
def samarbejdsplan(ctx):
    year = ctx.today.year
    for _, council in _kredsraad(ctx):
        goals = [goal for goal in g.sources(ctx.G, council, "owner")
                 if ctx.G.nodes[goal]["level"] == "strategisk"
                 and year in (period_years(g.record(ctx.G, goal).entity.period) or ())]
        if not goals:
            yield Issue(council, f"no strategic goals for {year}: the samarbejdsplan for the year is missing",
                        f"add goals with 'level: strategisk', 'owner: {council}' and 'period: {year}'", "type")
