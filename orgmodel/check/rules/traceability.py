"""Traceability rules: strategic goals → operative goals → actions, each owned and measurable."""

from orgmodel import graph as g
from orgmodel.model import AREAS
from orgmodel.queries import followup, period_years

from . import Issue, rule

SOURCE = "silkeborg-samarbejdsmodel"
"""The register id of the lokalråd's tasks in the Silkeborg samarbejdsmodel."""


def _goals(ctx, level):
    return ctx.goals_at(level)


def _derived(ctx, goal, level):
    return [d for d in g.sources(ctx.G, goal, "derives_from") if ctx.G.nodes[d]["level"] == level]


@rule("goal.strategic-cascade", "traceability", "info",
      "Which lokalråd have taken up a strategic goal (a prompt: each lokalråd plans from local needs)", SOURCE)
def strategic_cascade(ctx):
    for goal in _goals(ctx, "strategisk"):
        owner = g.targets(ctx.G, goal, "owner")
        if not owner or ctx.G.nodes[owner[0]]["type"] != "kredsraad":
            continue
        kreds = g.area_of(ctx.G, owner[0])
        lokalraad = [c for k in ctx.scope_kommuner if AREAS[k].kreds == kreds
                     for c in ctx.councils_in("lokalraad", k)]
        covered = _lokalraad_taking_up(ctx, goal)
        missing = [c for c in lokalraad if c not in covered]
        if missing:
            yield Issue(goal, f"no operative goal derives from it in {len(missing)} of {len(lokalraad)} "
                        f"lokalråd: {', '.join(missing)}; each lokalråd plans from its local needs, so this "
                        "may be intended",
                        "where the goal applies, the lokalråd can add an operative goal with "
                        f"'derives_from: [{goal}]'; where it does not, add to the goal 'ignore' with this rule "
                        "and a reason",
                        "level")


def _lokalraad_taking_up(ctx, goal: str) -> set[str]:
    """:func:`~orgmodel.queries.followup.lokalraad_taking_up`, kept with the graph, which the parts of a national
    check share, since it does not depend on a part's scope."""
    kept = g.memo(ctx.G, "check.lokalraad_taking_up")
    if goal not in kept:
        kept[goal] = followup.lokalraad_taking_up(ctx.G, goal)
    return kept[goal]


@rule("goal.operative-derives", "traceability", "warning", "An operative goal derives from a strategic one", SOURCE)
def operative_derives(ctx):
    for goal in _goals(ctx, "operativ"):
        parents = [p for p in g.targets(ctx.G, goal, "derives_from") if ctx.G.nodes[p]["level"] == "strategisk"]
        if not parents:
            yield Issue(goal, "the operative goal does not derive from a strategic goal",
                        "add 'derives_from:' with the kredsråd's strategic goal it carries out", "level")


@rule("goal.operative-has-action", "traceability", "warning", "An operative goal has at least one action", SOURCE)
def operative_actions(ctx):
    for goal in _goals(ctx, "operativ"):
        if not _derived(ctx, goal, "handling"):
            yield Issue(goal, "the operative goal has no action",
                        f"add a goal with 'level: handling' and 'derives_from: [{goal}]'", "level")


@rule("goal.action-owner", "traceability", "warning", "An action is owned by the forum that carries it out")
def action_owner(ctx):
    for goal in _goals(ctx, "handling"):
        owner = g.targets(ctx.G, goal, "owner")
        if not owner:
            yield Issue(goal, "the action has no owner", "add 'owner:' with the forum that carries it out", "level")
        elif ctx.G.nodes[owner[0]]["kind"] != "forum":
            yield Issue(goal, f"the action is owned by the council '{owner[0]}', not by a forum",
                        "name the forum that carries the action out as 'owner:'", "owner")
        parents = [p for p in g.targets(ctx.G, goal, "derives_from") if ctx.G.nodes[p]["level"] == "operativ"]
        if not parents:
            yield Issue(goal, "the action does not derive from an operative goal",
                        "add 'derives_from:' with the operative goal it serves", "level")


@rule("goal.action-target", "traceability", "warning", "An action has a measurable target")
def action_target(ctx):
    for goal in _goals(ctx, "handling"):
        if not g.record(ctx.G, goal).entity.target:
            yield Issue(goal, "the action has no target", "add 'target:' saying how success is measured",
                        "level")


@rule("goal.period", "traceability", "warning", "A goal's period is a year or a span of years")
def goal_period(ctx):
    for goal in g.nodes_of_kind(ctx.G_all, "goal"):
        period = g.record(ctx.G_all, goal).entity.period
        years = period_years(period) if period is not None else None
        if period is not None and years is None:
            yield Issue(goal, f"the period '{period}' is not a year or a span of years",
                        "write e.g. 'period: 2026' or 'period: 2026-2027'", "period")
        elif years is not None and not years:
            first, _, last = str(period).replace("–", "-").partition("-")
            yield Issue(goal, f"the period '{period}' ends before it starts",
                        f"write the first year first: 'period: {last.strip()}-{first.strip()}'", "period")
        elif period is None and ctx.G_all.nodes[goal]["level"] == "strategisk":
            yield Issue(goal, "the strategic goal has no period",
                        "add 'period:' with the year of the samarbejdsplan, e.g. 'period: 2026'", "level")
