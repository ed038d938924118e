"""The status sheet: where a secretariat fills in each goal's status and its indicators' values per year.

One row per goal and indicator and year (the years of the goal's period and the years with a value; a goal
without indicators has one row). ``goal``, ``status``, ``status_date``, ``indicator``, ``year``, ``value``,
``value_source`` and ``value_date`` are read back; the other columns are there to read. On import:

- a ``status`` (with its ``status_date``) that differs from the goal's current one is added to its history;
  an empty ``status`` leaves the status as it is, and so does a row still showing the current one (a goal
  has a row per indicator and year); rows of one goal that give different new statuses are refused;
- a ``value`` sets the indicator's value for the ``year`` (with its source and date); an emptied row of a
  year that had a value removes it.

>>> [c for c in COLUMNS][:4]
['goal', 'level', 'lokalraad', 'title']
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgmodel.clock import iso_date
from orgmodel.didyoumean import suggest
from orgmodel.model import label_text, schema

from .columns import hint, spreadsheet_text, values_without_header
from .sheetxml import ErrorValue, Percentage

if TYPE_CHECKING:  # the graph and the queries load only to write the sheet: an import reads it without them
    import networkx as nx

STATUS_SHEET = "status"
"""The name of the status sheet."""

COLUMNS = ("goal", "level", "lokalraad", "title", "status", "status_date", "indicator", "unit", "target", "year",
           "value", "value_source", "value_date")
"""The columns of the status sheet, in order."""

READ = ("goal", "status", "status_date", "indicator", "year", "value", "value_source", "value_date")
"""The columns the import reads; the others are there to read."""

FIELDS = ("status", "indicators")
"""The goal fields the status sheet holds (the goals sheet leaves them out)."""


def _years(goal: schema.Goal, indicator: schema.Indicator) -> list[int | None]:
    from orgmodel.queries import followup

    years = sorted(set(followup.period_years(goal.period) or ()) | {v.year for v in indicator.values})
    return list(years) if years else [None]


def status_rows(G: "nx.MultiDiGraph") -> Iterator[list]:
    """The status sheet's rows, by goal id: status, then each indicator's value per year."""
    from orgmodel import graph as g
    from orgmodel.queries import followup

    lang = g.language(G)
    for node in sorted(g.nodes_of_kind(G, "goal")):
        goal = followup.goal_of(G, node)
        status = followup.current_status(goal)
        owner = g.targets(G, node, "owner")
        head = [node, goal.level, followup.lokalraad_of(G, owner[0] if owner else None),
                label_text(goal.title, lang), status.status if status else None, status.date if status else None]
        if not goal.indicators:
            yield head + [None] * 7
        for indicator in goal.indicators:
            values = {v.year: v for v in indicator.values}
            for year in _years(goal, indicator):
                value = values.get(year) if year is not None else None
                yield head + [indicator.measure, indicator.unit, indicator.target, year,
                              value.value if value else None, value.source if value else None,
                              value.date if value else None]


@dataclass
class StatusUpdate:
    """What the status sheet sets for the goals, and the problems of its rows (``sheet, row N, column C: …``)."""

    entries: dict[str, dict] = field(default_factory=dict)
    """Per goal id that changes: its new ``status`` and ``indicators`` (as written in YAML)."""
    problems: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, ws, headers: list[str | None]):
        self.ws = ws
        self.position = {h: i for i, h in enumerate(headers) if h in READ}
        self.problems: list[str] = []

    def problem(self, number: int, column: str, text: str) -> None:
        self.problems.append(f"{STATUS_SHEET}, row {number}, column {column}: {text}")

    def cells(self, number: int, cells) -> dict | None:
        values = {}
        for name, index in self.position.items():
            value, formula = cells[index] if index < len(cells) else (None, False)
            if formula:
                self.problem(number, name, f"the cell holds a formula ({value}); type the value itself")
                return None
            if isinstance(value, ErrorValue):
                self.problem(number, name, f"the cell holds the error {value}, not a value (a formula's result pasted "
                             "as a value?); type the value itself")
                return None
            if type(value) is Percentage:  # 95 where the cell shows 95 % (and holds 0.95); its text in a text column
                value = value.number if name in _NUMBERS else str(value)
            values[name] = spreadsheet_text(value).strip() or None if isinstance(value, str) else value
        return values

    def date(self, number: int, column: str, value) -> dt.date | None:
        if isinstance(value, dt.datetime) and value.time() != dt.time(0):
            self.problem(number, column, f"expected a date without a time, not {value}; write the day alone, e.g. "
                         f"{value.date().isoformat()}")
            return None
        if value is None or isinstance(value, dt.date):
            return value.date() if isinstance(value, dt.datetime) else value
        found = iso_date(str(value))
        if found is None:
            self.problem(number, column, f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01")
        return found

    def number(self, number: int, column: str, value, whole: bool = False):
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, float) and not whole:
            return int(value) if value.is_integer() else value
        if not (_WHOLE if whole else _NUMBER).fullmatch(str(value)):
            # float() and int() would also read 'nan', 'inf', '1_000' and digits of other scripts
            self.problem(number, column, f"'{value}' is not a {'year' if whole else 'number'}")
            return None
        if not whole and _THOUSANDS.fullmatch(str(value)):
            self.problem(number, column, f"'{value}' may be a number with a thousands separator or one with three "
                         f"decimals; write a whole number without the separator ({_without_separator(value)}), "
                         f"and a decimal number as a number cell, not text")
            return None
        text = str(value)
        read = int(text) if _WHOLE.fullmatch(text) else float(text.replace(",", "."))  # digits alone: exactly
        return int(read) if isinstance(read, float) and read.is_integer() else read


_NUMBERS = ("year", "value")
"""The columns of numbers: a cell there formatted as a percentage is the number it shows, in another its text."""
_WHOLE = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
"""A number written in a cell as text: digits, and a decimal point or comma."""
_THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2}[.,][0-9]{3}")
"""A number written as text that reads as two numbers: ``1.000`` is one thousand in Danish, and ``1,000`` in
English; Python reads both as 1."""


def fits_a_cell(number) -> bool:
    """Whether a spreadsheet cell holds ``number`` (or a number written as text) exactly: at most 15 significant
    digits, as Excel keeps, and a whole number at most 2**53, past which a cell's binary number skips some.

    >>> [fits_a_cell(n) for n in (5, 0.1, 123456789012345, 2.5e-7, -1e300, "0,125", "1000")]
    [True, True, True, True, True, True, True]
    >>> [fits_a_cell(n) for n in (12345678901234567890, 10**20, 0.30000000000000004, "1.0000000000000001")]
    [False, False, False, False]
    """
    if isinstance(number, int):
        return abs(number) <= 2**53 and len(str(abs(number)).rstrip("0")) <= 15
    text = number if isinstance(number, str) else repr(number).partition("e")[0]
    return len(text.lstrip("-").replace(",", "").replace(".", "").strip("0")) <= 15


def _held_exactly(cell, value) -> bool:
    """Whether ``value``, read from a status cell, is the number the user gave: digits typed as text must
    :func:`fits_a_cell`; a number cell holds exactly what it holds (a share pasted as ``66.66666666666667``), but a
    whole number past 2**53 there is one the spreadsheet has already rounded.

    >>> _held_exactly(200 / 3, 200 / 3), _held_exactly("12345678901234567891", 12345678901234567891)
    (True, False)
    >>> _held_exactly(1.2345678901234567e19, 12345678901234567168)
    False
    """
    if isinstance(cell, str):
        return fits_a_cell(cell)
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return not whole or abs(value) <= 2**53


def _unchanged(cell, value, old) -> bool:
    """Whether a value ``cell`` (read as ``value``) still shows ``old``, the value in the YAML: equal to it or, for a
    number a cell cannot hold exactly, a number equal to it in the 15 significant digits a spreadsheet shows (the
    export wrote it rounded, and Excel may round it again).

    >>> _unchanged(1.234567890123457e+19, 12345678901234569216, 12345678901234567890)
    True
    >>> _unchanged(1.2345678901234e+19, 12345678901234000000, 12345678901234567890), _unchanged(3, 3, 2)
    (False, False)
    """
    if value == old:
        return True
    number = isinstance(cell, (int, float)) and not isinstance(cell, bool)
    return number and not fits_a_cell(old) and f"{cell:.15g}" == f"{old:.15g}"


def _without_separator(text: str) -> str:
    """The digits of a number written with a thousands separator.

    >>> _without_separator("-1.500")
    '-1500'
    """
    return text.replace(".", "").replace(",", "")


def read_status_sheet(ws, headers: list[str | None], rows) -> StatusUpdate:
    """The goals' new statuses and values from the status sheet's ``headers`` and ``rows`` (number, cells)."""
    problems = _header_problems(headers) + _values_without_header(headers, rows)
    if problems:
        return StatusUpdate(problems=problems)
    reader = _Reader(ws, headers)
    goals: dict[str, dict] = {}
    statuses: dict[str, dict[tuple, list[int]]] = {}
    for number, cells in rows:
        values = reader.cells(number, cells)
        if values is not None:
            _read_row(reader, goals, statuses, number, values)
    for goal_id, written in sorted(statuses.items()):
        _add_status(reader, goals[goal_id], goal_id, written)
    update = StatusUpdate(problems=reader.problems)
    for goal_id, new in goals.items():
        old = _as_written(ws.records[goal_id].entity)
        changed = {k: v for k, v in new.items() if v != old[k]}
        if changed:
            update.entries[goal_id] = changed
    return update


def _header_problems(headers: list[str | None]) -> list[str]:
    """A column of the sheet's header row that is unknown or written twice, and each column the import reads that
    is missing: read as empty cells, a column left out or renamed would remove every value it held."""
    problems, seen = [], set()
    for header in headers:
        if header is None:
            continue
        if header not in COLUMNS:
            problems.append(f"{STATUS_SHEET}, row 1, column {header}: unknown column{hint(header, COLUMNS)} (the "
                            f"columns are {', '.join(COLUMNS)})")
        elif header in seen:
            problems.append(f"{STATUS_SHEET}, row 1, column {header}: the column appears twice; keep one")
        seen.add(header)
    problems += [f"{STATUS_SHEET}: there is no column '{name}'; the import reads it, and a column left out would "
                 "remove every value it held. Put it back (`orgmodel export --format xlsx` writes it), or delete the "
                 "whole status sheet to leave every status and value as it is" for name in READ if name not in seen]
    return problems


def _values_without_header(headers: list[str | None], rows) -> list[str]:
    """A value in a column without a header, which the import would leave out (see :func:`values_without_header`)."""
    found = values_without_header(headers, rows)
    if not found:
        return []
    from openpyxl.utils import get_column_letter  # only for a problem: openpyxl need not load for a good sheet

    return [f"{STATUS_SHEET}, row {row}, column {get_column_letter(column)}: {text}" for row, column, text in found]


def _as_written(goal) -> dict:
    """A goal's status and indicators as YAML values (dates as dates), without what is left empty."""
    return {"status": [s.model_dump(exclude_none=True) for s in goal.status],
            "indicators": [i.model_dump(exclude_none=True, exclude_defaults=True) for i in goal.indicators]}


def _read_row(reader: _Reader, goals: dict, statuses: dict, number: int, values: dict) -> None:
    goal_id = values.get("goal")
    record = reader.ws.records.get(goal_id) if goal_id else None
    if record is None or record.kind != "goal":
        known = [i for i, r in reader.ws.records.items() if r.kind == "goal"]
        reader.problem(number, "goal", f"'{goal_id}' is not a goal of the workspace.{suggest(str(goal_id), known)}"
                       if goal_id else "the cell is empty, but every row names its goal")
        return
    entity = record.entity
    new = goals.setdefault(goal_id, _as_written(entity))
    _read_status(reader, new, statuses.setdefault(goal_id, {}), number, values)
    _read_value(reader, entity, new, number, values)


def _read_status(reader: _Reader, new: dict, written: dict, number: int, values: dict) -> None:
    """Note the row's status when it differs from the goal's current one (``written``: status → rows)."""
    status, day = values.get("status"), reader.date(number, "status_date", values.get("status_date"))
    if status is None:
        if day is not None:
            reader.problem(number, "status", "a status date is given without a status; write the status too")
        return
    status = str(status)
    if not reader.ws.vocabulary.has("goal_statuses", status):
        reader.problem(number, "status", f"unknown goal status '{status}'."
                       f"{suggest(status, reader.ws.vocabulary['goal_statuses'])} (see `orgmodel vocabulary "
                       "goal_statuses`)")
        return
    current = new["status"][-1] if new["status"] else None
    if current is None or (current["status"], current.get("date")) != (status, day):
        written.setdefault((status, day), []).append(number)


def _add_status(reader: _Reader, new: dict, goal_id: str, written: dict[tuple, list[int]]) -> None:
    """Add the one new status the goal's rows give; rows that give different new statuses are a problem.

    A goal has a row per indicator and year, each showing its status: a secretariat may change one row
    and leave the others as they were, which is no second change.
    """
    if len(written) > 1:
        told = "; ".join(f"'{status}'{f' ({day})' if day else ''} in row {', '.join(map(str, rows))}"
                         for (status, day), rows in sorted(written.items(), key=lambda item: item[1]))
        reader.problem(min(min(rows) for rows in written.values()), "status",
                       f"the rows of goal '{goal_id}' give it different new statuses: {told}; write the new "
                       "status (and its date) in one row, or the same in all of them")
    elif written:
        (status, day), _ = next(iter(written.items()))
        new["status"] = [*new["status"], {"status": status, **({"date": day} if day else {})}]


def _read_value(reader: _Reader, entity, new: dict, number: int, values: dict) -> None:
    measure = values.get("indicator")
    given = [values.get(k) for k in ("value", "value_source", "value_date")]
    if measure is None:
        if any(v is not None for v in given) or values.get("year") is not None:
            reader.problem(number, "indicator", "a value is given without its indicator; write the indicator's "
                           "measure as the goal's 'indicators' name it")
        return
    found = [i for i, ind in enumerate(new["indicators"]) if ind["measure"] == str(measure)]
    if not found:
        names = [ind["measure"] for ind in new["indicators"]]
        reader.problem(number, "indicator", f"the goal '{entity.id}' has no indicator '{measure}'."
                       f"{suggest(str(measure), names)} Add it under the goal's 'indicators:' in the YAML first, "
                       "or write its measure as the YAML names it")
        return
    year = reader.number(number, "year", values.get("year"), whole=True)
    if year is None:
        if any(v is not None for v in given):
            reader.problem(number, "year", "a value needs its year, e.g. 2026")
        return
    value = reader.number(number, "value", given[0])
    old = next((v.value for v in entity.indicators[found[0]].values if v.year == year), None)
    if value is not None and old is not None and _unchanged(given[0], value, old):
        value = old  # as written: a number the cell shows rounded is not changed by importing what it shows
    elif value is not None and not _held_exactly(given[0], value):
        _not_held(reader, number, given[0], old, reader.ws.records[entity.id])
        return
    day = reader.date(number, "value_date", given[2])
    if value is None and (given[1] is not None or day is not None):
        reader.problem(number, "value", "a source or date is given without a value; write the value too")
        return
    indicator = dict(new["indicators"][found[0]])
    kept = [v for v in indicator.get("values", []) if v["year"] != year]
    if value is not None:
        kept.append({"year": year, "value": value, **({"source": str(given[1])} if given[1] is not None else {}),
                     **({"date": day} if day else {})})
    indicator["values"] = sorted(kept, key=lambda v: v["year"])
    if not indicator["values"]:
        del indicator["values"]
    new["indicators"] = [*new["indicators"][:found[0]], indicator, *new["indicators"][found[0] + 1:]]


def _not_held(reader: _Reader, number: int, cell, old, record) -> None:
    """The problem of a value cell whose number a spreadsheet cannot hold exactly: it would be imported as another."""
    shown = f"'{cell}'" if isinstance(cell, str) else str(cell)
    where = f"{record.file}:{record.line}"
    fix = (f"put back the cell as it was, and change the value ({old}) in {where}" if old is not None
           else f"write the value under the goal's indicator in {where}")
    reader.problem(number, "value", f"a spreadsheet cell does not hold {shown} exactly (it holds 15 significant "
                   f"digits, and whole numbers up to 9,007,199,254,740,992), so it cannot be imported as typed; {fix}")
