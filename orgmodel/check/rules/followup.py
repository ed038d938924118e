"""Follow-up rules: the yearly cycle of handleplan, status and indicators.

Each lokalråd writes a handleplan for its work (one district's practice: ``politi-mvsj-lokalraad``), from
the kredsråd's strategic goals, and coordinates and assesses the results and presents them to the kredsråd
(``silkeborg-samarbejdsmodel``); information goes back to the kredsråd (``dkr-kreds-og-lokalraad``). That
a target needs an indicator is orgmodel's own guidance, with no source.
"""

from orgmodel import graph as g
from orgmodel.queries import followup

from . import Issue, rule

RESULTS = ("silkeborg-samarbejdsmodel", "dkr-kreds-og-lokalraad")
"""The lokalråd assesses the results and presents them to the kredsråd; information is brought back to it."""


def _goals(ctx, *levels):
    return [n for n in g.nodes_of_kind(ctx.G, "goal") if not levels or ctx.G.nodes[n]["level"] in levels]


@rule("goal.status-overdue", "traceability", "info", "An action past its period has a closed status", RESULTS)
def status_overdue(ctx):
    for goal in _goals(ctx, "handling"):
        entity = followup.goal_of(ctx.G, goal)
        if not followup.is_late(ctx.G, entity, ctx.today):
            continue
        status = followup.current_status(entity, ctx.today)
        end = (followup.period_years(entity.period) or range(0))[-1]  # is_late: the period was read
        what = (f"its status is still '{status.status}'" if status else "it has no status")
        yield Issue(goal, f"the action's period ended in {end} and {what}; the lokalråd assesses the results "
                    "and presents them to the kredsråd",
                    "add to 'status:' an entry with 'status: gennemfoert' or 'status: udgaaet' and its 'date:' "
                    "(or extend 'period:' if the work goes on)", "status" if status else "period")


@rule("indicator.missing-value", "traceability", "info", "An indicator has a value for each finished year",
      RESULTS)
def indicator_missing_value(ctx):
    for goal in _goals(ctx):
        entity = followup.goal_of(ctx.G, goal)
        for index, indicator in enumerate(entity.indicators):
            missing = followup.missing_years(entity, indicator, ctx.today)
            if missing:
                years = ", ".join(map(str, missing))
                yield Issue(goal, f"the indicator '{indicator.measure}' has no value for {years}, a finished year "
                            "of the goal's period", f"add to its 'values:' an entry with 'year: {missing[0]}', "
                            "'value:', 'source:' and 'date:'",
                            "indicators", index)


@rule("indicator.duplicate", "integrity", "error", "A goal measures an indicator once, with one value a year")
def indicator_duplicate(ctx):
    """Two indicators of one measure, or two values of one year: ``status`` took the first and ``diff`` the last,
    so they told two stories of one goal."""
    for goal in g.nodes_of_kind(ctx.G_all, "goal"):
        indicators = followup.goal_of(ctx.G_all, goal).indicators
        seen: set[str] = set()
        for index, indicator in enumerate(indicators):
            if indicator.measure in seen:
                yield Issue(goal, f"the indicator '{indicator.measure}' is written twice",
                            "keep one indicator per measure, with every year's value under its 'values:'",
                            "indicators", index)
            seen.add(indicator.measure)
            years = [value.year for value in indicator.values]
            for year in sorted({y for y in years if years.count(y) > 1}):
                yield Issue(goal, f"the indicator '{indicator.measure}' has {years.count(year)} values for {year}",
                            f"keep one value for {year} (a corrected value replaces the old one; its 'source:' and "
                            "'date:' say where it comes from)", "indicators", index)


@rule("lokalraad.handleplan", "guidance", "info", "A lokalråd has a handleplan for the current year",
      ("politi-mvsj-lokalraad", "silkeborg-samarbejdsmodel"))
def lokalraad_handleplan(ctx):
    year = ctx.today.year
    for kommune in ctx.scope_kommuner:
        for council in ctx.councils_in("lokalraad", kommune):
            if not followup.plans_of(ctx.G, council, "handleplan", year):
                yield Issue(council, f"no handleplan for {year} is recorded for the lokalråd; in the districts "
                            "that describe it, the lokalråd writes a handleplan for its work from the kredsråd's "
                            "strategic goals and the local needs",
                            f"add a document with 'type: handleplan', 'year: {year}', 'council: {council}', "
                            "'goals:' and 'approved:'", "type")


@rule("handleplan.samarbejdsplan", "guidance", "info",
      "A handleplan belongs to the kredsråd's samarbejdsplan of the same year", "silkeborg-samarbejdsmodel")
def handleplan_samarbejdsplan(ctx):
    for plan in g.nodes_of_kind(ctx.G, "document", "handleplan"):
        found, why = followup.samarbejdsplan_of(ctx.G, plan)
        if not found:
            why = _ended_link(ctx, plan) or why
            yield Issue(plan, f"the handleplan belongs to no samarbejdsplan: {why}; a lokalråd plans from the "
                        "kredsråd's strategic goals", "record the kredsråd's samarbejdsplan of the same year "
                        "(a document with 'type: samarbejdsplan' and 'council:' the kredsråd), and the lokalråd's "
                        "'reports_to:'", "council")


def _ended_link(ctx, plan: str) -> str | None:
    """Why a handleplan's way to its kredsråd breaks when a link of it is written but names an entry not valid on
    the date checked (the graph of that date has no such edge): else None."""
    lokalraad = g.targets(ctx.G, plan, "council")
    if not lokalraad:
        ended = ctx.not_valid_reference(plan, "council")
        return None if ended is None else f"its lokalråd '{ended}' is not valid on {ctx.as_of.isoformat()}"
    ended = ctx.not_valid_reference(lokalraad[0], "reports_to")
    return None if ended is None else (f"its lokalråd '{lokalraad[0]}' reports to '{ended}', which is not valid on "
                                       f"{ctx.as_of.isoformat()}")


@rule("goal.measurable", "traceability", "info", "A goal's target has an indicator that measures it")
def goal_measurable(ctx):
    for goal in _goals(ctx):
        entity = followup.goal_of(ctx.G, goal)
        if entity.target and not entity.indicators:
            yield Issue(goal, "the target has no indicator, so whether it is reached cannot be followed up",
                        "add 'indicators:' with a 'measure:', its 'unit:', 'baseline:', 'target:' and the "
                        "'values:' per year", "target")
