"""The follow-up of goals: what each lokalråd reports back to the kredsråd (``orgmodel status``).

Per lokalråd and per strategic goal, the lokalråd's operative goals and their actions, each with its
status and its indicators' values against their targets, what is late (past its period with no
closed status) and which finished years have no measured value. A year is finished when it lies before
the year of ``today``. As ``check`` does, the report reads the entries valid on ``today`` (``valid_from``,
``valid_to``, dated seats).

>>> from orgmodel.workspace import load_workspace
>>> rows = status_rows(load_workspace("examples/midt-og-vestjylland"), dt.date(2026, 11, 22))
>>> sorted({row.lokalraad for row in rows})
['lokalraad-silkeborg']
"""

import datetime as dt
from dataclasses import dataclass

from orgmodel import graph as g
from orgmodel.errors import UsageError
from orgmodel.model import label_text, schema
from orgmodel.tables import number_text
from orgmodel.workspace import Workspace

from .lookup import require_node
from .tables import Table


def period_years(period: str | None) -> range | None:
    """The years a goal's period spans: ``"2025"`` or ``"2025-2027"``; ``None`` when it cannot be read.

    >>> period_years("2025-2027")
    range(2025, 2028)
    """
    if not period:
        return None
    parts = [p.strip() for p in str(period).replace("–", "-").split("-")]
    if not all(p.isdigit() and len(p) == 4 for p in parts) or len(parts) > 2:
        return None
    return range(int(parts[0]), int(parts[-1]) + 1)


def current_status(goal: schema.Goal, today: dt.date | None = None) -> schema.StatusEntry | None:
    """The status a goal has on ``today``: the last entry of its ``status`` (written oldest first) before the first
    one dated after ``today``; without ``today``, the last entry written; ``None`` when there is none.

    >>> goal = schema.Goal(id="h", level="handling", title="T",
    ...                    status=["planlagt", {"status": "i-gang", "date": "2026-03-01"}])
    >>> current_status(goal).status, current_status(goal, dt.date(2026, 2, 1)).status
    ('i-gang', 'planlagt')
    """
    found = None
    for entry in goal.status:
        if today is not None and entry.date is not None and entry.date > today:
            break  # set later than today: not yet the status, nor any written after it
        found = entry
    return found


def known_values(indicator: schema.Indicator, today: dt.date) -> list[schema.Measurement]:
    """The values of ``indicator`` known on ``today``: those not dated after it.

    >>> ind = schema.Indicator(measure="m", values=[{"year": 2025, "value": 1, "date": "2026-05-01"}])
    >>> known_values(ind, dt.date(2026, 3, 1)), len(known_values(ind, dt.date(2026, 6, 1)))
    ([], 1)
    """
    return [v for v in indicator.values if v.date is None or v.date <= today]


def is_closed(G: g.Graph, status: schema.StatusEntry | None) -> bool:
    """Whether a status ends the work (``closed: true`` in the vocabulary: gennemført, udgået)."""
    term = g.vocabulary(G)["goal_statuses"].get(status.status) if status else None
    return bool(term and term.closed)


def is_late(G: g.Graph, goal: schema.Goal, today: dt.date) -> bool:
    """Whether a goal's period has ended before the year of ``today`` while its status is open or missing."""
    years = period_years(goal.period)
    return years is not None and len(years) > 0 and years[-1] < today.year \
        and not is_closed(G, current_status(goal, today))


def missing_years(goal: schema.Goal, indicator: schema.Indicator, today: dt.date) -> list[int]:
    """The finished years of the goal's period (before the year of ``today``) with no value of the indicator.

    >>> ind = schema.Indicator(measure="m", values=[{"year": 2024, "value": 1}])
    >>> missing_years(schema.Goal(id="o", level="operativ", title="T", period="2024-2026"), ind, dt.date(2026, 5, 1))
    [2025]
    """
    measured = {v.year for v in known_values(indicator, today)}
    return [y for y in period_years(goal.period) or () if y < today.year and y not in measured]


def better(indicator: schema.Indicator) -> str:
    """Whether a higher or a lower value is better: as written, else lower when the target is below the baseline.

    >>> better(schema.Indicator(measure="indbrud", baseline=120, target=100))
    'lower'
    """
    if indicator.better:
        return indicator.better
    low = indicator.target is not None and indicator.baseline is not None and indicator.target < indicator.baseline
    return "lower" if low else "higher"


def target_met(indicator: schema.Indicator, value: float | None) -> bool | None:
    """Whether a value reaches the indicator's target (``None`` without a value or a target).

    >>> target_met(schema.Indicator(measure="m", target=4), 5), target_met(schema.Indicator(measure="m"), 5)
    (True, None)
    """
    if value is None or indicator.target is None:
        return None
    return value <= indicator.target if better(indicator) == "lower" else value >= indicator.target


def lokalraad_of(G: g.Graph, node: str | None) -> str | None:
    """The lokalråd a goal's owner is or sits under (through ``under``, then ``owner``)."""
    seen = set()
    while node and node not in seen and node in G:
        seen.add(node)
        if G.nodes[node]["kind"] == "council" and G.nodes[node]["type"] == "lokalraad":
            return node
        up = g.targets(G, node, "under") or g.targets(G, node, "owner")
        node = up[0] if up else None
    return None


def lokalraad_taking_up(G: g.Graph, goal: str) -> set[str]:
    """The lokalråd that have taken up a strategic goal: those of the owners (a lokalråd, or a forum under one) of
    the operative goals that derive from it. The check (``goal.strategic-cascade``) and the report's goals page
    both ask it.

    >>> from orgmodel.workspace import load_workspace
    >>> G = g.build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> sorted(lokalraad_taking_up(G, "mvj-2026-indbrud"))
    ['lokalraad-silkeborg']
    """
    return {council for derived in g.sources(G, goal, "derives_from") if G.nodes[derived]["level"] == "operativ"
            for owner in g.targets(G, derived, "owner") if (council := lokalraad_of(G, owner)) is not None}


def plans_of(G: g.Graph, council: str, type_: str, year: int) -> list[str]:
    """The documents of a type (``handleplan``, ``samarbejdsplan``) that name ``council`` and cover ``year``."""
    return [d for d in g.sources(G, council, "council") if G.nodes[d]["kind"] == "document"
            and G.nodes[d]["type"] == type_ and year in (period_years(_document(G, d).year) or ())]


def _document(G: g.Graph, node: str) -> schema.Document:
    entity = g.record(G, node).entity
    assert isinstance(entity, schema.Document)
    return entity


def goal_of(G: g.Graph, node: str) -> schema.Goal:
    """The goal entry of a goal node."""
    entity = g.record(G, node).entity
    assert isinstance(entity, schema.Goal)
    return entity


def samarbejdsplan_of(G: g.Graph, handleplan: str) -> tuple[list[str], str | None]:
    """The samarbejdsplan a handleplan belongs to: its lokalråd's kredsråd's plan of the same year.

    Returns the plans found and, when there is none, why (the text of a finding).
    """
    entity = _document(G, handleplan)
    lokalraad = g.targets(G, handleplan, "council")
    if not lokalraad:
        return [], "the handleplan does not say which lokalråd it belongs to ('council:')"
    kredsraad = g.targets(G, lokalraad[0], "reports_to")
    if not kredsraad:
        return [], f"its lokalråd '{lokalraad[0]}' does not say which kredsråd it reports to ('reports_to:')"
    years = period_years(entity.year) or range(0)
    plans = sorted({p for y in years for p in plans_of(G, kredsraad[0], "samarbejdsplan", y)})
    if not plans:
        return [], f"the kredsråd '{kredsraad[0]}' has no samarbejdsplan for {entity.year}"
    return plans, None


@dataclass(frozen=True)
class StatusRow:
    """One line of the status report: a goal (and one of its indicators) with what it shows for ``year``."""

    lokalraad: str
    strategic_goal: str
    goal: str
    level: str
    title: str
    status: str
    status_date: str
    late: bool
    indicator: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    value: float | None = None
    met: bool | None = None
    missing_years: tuple[int, ...] = ()
    in_year: bool = True
    """Whether the goal's period covers the report's year (a late goal of an earlier year does not)."""
    derived: bool = True
    """Whether the goal is an operative goal or an action that derives from one; an action that does not is
    listed under the lokalråd its owner is under, with the strategic goals it names."""


def _in_year(G, goal: schema.Goal, year: int, today: dt.date) -> bool:
    """Whether a goal belongs in the report of ``year``: its period covers it, it has none, or it is late."""
    years = period_years(goal.period)
    # a period that cannot be read, or ends before it starts (goal.period's finding), is shown in every year
    return not years or year in years or (years[-1] < year and is_late(G, goal, today))


def _goal_rows(G, lokalraad: str, strategic: str, node: str, year: int, today: dt.date, lang: str,
               derived: bool = True):
    goal = goal_of(G, node)
    status = current_status(goal, today)
    head = (lokalraad, strategic, node, goal.level, label_text(goal.title, lang),
            status.status if status else "", status.date.isoformat() if status and status.date else "",
            is_late(G, goal, today))
    if not goal.indicators:
        return [StatusRow(*head, derived=derived)]
    rows = []
    for ind in goal.indicators:
        value = next((v.value for v in known_values(ind, today) if v.year == year), None)
        rows.append(StatusRow(*head, ind.measure, ind.unit or "", ind.baseline, ind.target, value,
                              target_met(ind, value), tuple(missing_years(goal, ind, today)),
                              year in (period_years(goal.period) or (year,)), derived))
    return rows


def _levels(G, nodes, level: str) -> list[str]:
    return sorted(n for n in nodes if G.nodes[n]["kind"] == "goal" and G.nodes[n]["level"] == level)


def _owner_lokalraad(G: g.Graph, goal: str) -> str | None:
    """The lokalråd a goal's owner is or sits under (see :func:`lokalraad_of`)."""
    owner = g.targets(G, goal, "owner")
    return lokalraad_of(G, owner[0] if owner else None)


def _strategic(G: g.Graph, goal: str) -> str:
    """The strategic goals a goal derives from, as the column ``strategic_goal`` shows them."""
    return ", ".join(_levels(G, g.targets(G, goal, "derives_from"), "strategisk"))


def loose_actions(G: g.Graph) -> list[str]:
    """The actions that derive from no operative goal (``check``: ``goal.action-owner``), sorted by id.

    >>> from orgmodel.workspace import load_workspace
    >>> loose_actions(g.build_store(load_workspace("examples/midt-og-vestjylland")))
    []
    """
    return [a for a in _levels(G, g.nodes_of_kind(G, "goal"), "handling")
            if not _levels(G, g.targets(G, a, "derives_from"), "operativ")]


def _require_lokalraad(ws: Workspace, G: g.Graph, lokalraad: str, today: dt.date) -> None:
    """Raise unless ``lokalraad`` is a lokalråd valid on ``today``, saying which it is not."""
    if lokalraad not in G and lokalraad in ws.records:
        raise UsageError(f"'{lokalraad}' is not valid on {today.isoformat()} (its 'valid_from' or 'valid_to'); "
                         "`orgmodel status` reads the entries valid on --today\n  Fix: give --today a date "
                         f"on which '{lokalraad}' is valid")
    require_node(G, lokalraad)
    if G.nodes[lokalraad]["kind"] != "council" or G.nodes[lokalraad]["type"] != "lokalraad":
        raise UsageError(f"'{lokalraad}' is not a lokalråd; give the id of a council with 'type: lokalraad' "
                         "(`orgmodel status WORKSPACE` lists every lokalråd's goals)")


def status_rows(ws: Workspace, today: dt.date, lokalraad: str | None = None, year: int | None = None,
                lang: str = "da", G: g.Graph | None = None) -> list[StatusRow]:
    """The status report's rows: per lokalråd, strategic goal, operative goal and its actions (sorted by id).

    Only goals whose period covers ``year`` (default: the year of ``today``), that have no period, or that
    are late from an earlier year; an action of the year is listed also when its operative goal is not. An
    action that derives from no operative goal is listed under the lokalråd its owner is under, with
    ``derived`` false (:func:`unlisted_goals` names the goals under no lokalråd). ``G`` is the graph to read
    when the caller holds it already (default: the entries of ``ws`` valid on ``today``, as ``check`` reads them).
    """
    G = g.build_store(ws, as_of=today) if G is None else G
    year = year or today.year
    if lokalraad is not None:
        _require_lokalraad(ws, G, lokalraad, today)
    rows: list[StatusRow] = []
    for operative in _levels(G, g.nodes_of_kind(G, "goal"), "operativ"):
        council = _owner_lokalraad(G, operative)
        entity = goal_of(G, operative)
        if council is None or (lokalraad and council != lokalraad):
            continue
        strategic = _strategic(G, operative)
        if _in_year(G, entity, year, today):
            rows += _goal_rows(G, council, strategic, operative, year, today, lang)
        for action in _levels(G, g.sources(G, operative, "derives_from"), "handling"):
            if _in_year(G, goal_of(G, action), year, today):
                rows += _goal_rows(G, council, strategic, action, year, today, lang)
    for action in loose_actions(G):
        council = _owner_lokalraad(G, action)
        if council is not None and lokalraad in (None, council) and _in_year(G, goal_of(G, action), year, today):
            rows += _goal_rows(G, council, _strategic(G, action), action, year, today, lang, derived=False)
    order = {id(r): i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.lokalraad, r.strategic_goal, order[id(r)]))


def _unread_period_notes(G: g.Graph, rows: list[StatusRow]) -> list[str]:
    """A note for each goal listed whose period cannot be read: it is listed under every year, and why must show."""
    notes = []
    for goal in sorted({r.goal for r in rows}):
        period = goal_of(G, goal).period
        if period is not None and not period_years(period):
            notes.append(f"{goal}: the period '{period}' cannot be read as a year or a span of years, so the goal "
                         "is listed under every year; write e.g. 'period: 2026' or 'period: 2026-2027'")
    return notes


def unlisted_goals(G: g.Graph, rows: list[StatusRow], year: int, today: dt.date) -> list[str]:
    """The operative goals and actions of ``year`` that the rows of every lokalråd leave out: neither their owner
    nor their operative goal's is a lokalråd or under one."""
    listed = {r.goal for r in rows}
    goals = _levels(G, g.nodes_of_kind(G, "goal"), "operativ") + _levels(G, g.nodes_of_kind(G, "goal"), "handling")
    return sorted(n for n in goals if n not in listed and _in_year(G, goal_of(G, n), year, today))


def _loose_notes(G: g.Graph, rows: list[StatusRow], year: int, today: dt.date, lokalraad: str | None) -> list[str]:
    """Notes naming the actions listed though they derive from no operative goal, and (for every lokalråd) the
    goals of the year that no lokalråd's rows hold, so that none is left out without a word."""
    notes = []
    loose = sorted({r.goal for r in rows if not r.derived})
    if loose:
        notes.append(f"{', '.join(loose)}: derive from no operative goal, so they are listed under the lokalråd "
                     "their owner is under, with the strategic goal they name (`orgmodel check`: goal.action-owner); "
                     "add 'derives_from:' with the operative goal each serves")
    left = unlisted_goals(G, rows, year, today) if lokalraad is None else []
    if left:
        notes.append(f"not listed: {', '.join(left)}: neither their owner nor that of the operative goal they "
                     "derive from is a lokalråd or a forum under one; name one as 'owner:' (an action: add "
                     "'derives_from:' with an operative goal of a lokalråd)")
    return notes


def handleplan_notes(ws: Workspace, year: int, lokalraad: str | None = None, G: g.Graph | None = None) -> list[str]:
    """A note for each lokalråd (or the one given) that has no handleplan for ``year``; ``G`` is the graph the
    report reads (default: every entry of ``ws``)."""
    G = g.build_store(ws) if G is None else G
    councils = [lokalraad] if lokalraad else g.nodes_of_kind(G, "council", "lokalraad")
    return [f"{c} has no handleplan for {year}" for c in councils if not plans_of(G, c, "handleplan", year)]


STATUS_HEADERS = ["lokalraad", "strategic_goal", "goal", "level", "title", "status", "status_date", "late",
                  "indicator", "unit", "baseline", "target", "year", "value", "met", "missing_years"]
"""The columns of ``orgmodel status --format json|csv``."""


def _number(value) -> str:
    """A value as the terminal shows it: ``4`` for 4.0. ``_number(2.5)`` is ``'2.5'``."""
    return "" if value is None else number_text(value)


def _result(row: StatusRow) -> str:
    """'3 / 4 antal': the value for the year against the target."""
    if not row.indicator:
        return ""
    return f"{_number(row.value) or '–'} / {_number(row.target) or '–'} {row.unit}".strip()


def _remarks(row: StatusRow, year: int, today: dt.date) -> str:
    """What a row points out, e.g. 'late; no value for 2025': a year without a value is told once, and 'yet'
    only of a year that is not over on ``today``."""
    remarks = ["late"] if row.late else []
    if not row.derived:
        remarks.append("no operative goal")
    if row.met is not None:
        remarks.append("target met" if row.met else "target not met")
    elif row.indicator and row.value is None and row.in_year and year not in row.missing_years:
        remarks.append(f"no value yet for {year}" if year >= today.year else f"no value for {year}")
    if row.missing_years:
        remarks.append("no value for " + ", ".join(map(str, row.missing_years)))
    return "; ".join(remarks)


def goal_status(ws: Workspace, today: dt.date, lokalraad: str | None = None, year: int | None = None,
                lang: str = "da") -> Table:
    """The status report as a table of the entries valid on ``today`` (see :func:`status_rows`); notes name the
    lokalråd without a handleplan.

    >>> from orgmodel.workspace import load_workspace
    >>> t = goal_status(load_workspace("examples/midt-og-vestjylland"), dt.date(2026, 11, 22))
    >>> t.headers[:3], t.text[0][-2:]
    (['lokalraad', 'strategic_goal', 'goal'], ['result', 'remarks'])
    """
    year = year or today.year
    G = g.build_store(ws, as_of=today)
    rows = status_rows(ws, today, lokalraad, year, lang, G)
    data = [[r.lokalraad, r.strategic_goal, r.goal, r.level, r.title, r.status, r.status_date, r.late,
             r.indicator, r.unit, r.baseline, r.target, year, r.value, r.met, list(r.missing_years)] for r in rows]
    text = [[r.lokalraad, r.strategic_goal, r.goal, r.level, r.status, r.indicator, _result(r),
             _remarks(r, year, today)] for r in rows]
    notes = handleplan_notes(ws, year, lokalraad, G) + _unread_period_notes(G, rows) \
        + _loose_notes(G, rows, year, today, lokalraad)
    if not rows:
        notes.append(f"{lokalraad} has no operative goal or action whose period covers {year}" if lokalraad
                     else f"no lokalråd has an operative goal or action whose period covers {year}")
    return Table(STATUS_HEADERS, data, notes,
                 (["lokalraad", "strategic_goal", "goal", "level", "status", "indicator", "result", "remarks"], text))
