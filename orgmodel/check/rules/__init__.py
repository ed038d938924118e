"""The rules of ``orgmodel check``: a registry of small functions.

A rule is a generator decorated with :func:`rule`; it receives a
:class:`~orgmodel.check.rules.context.Context` and yields :class:`Issue` objects.
:func:`~orgmodel.check.check` turns them into findings with severities,
overrides and ignores applied.

A rule of the law or the guidance cites its sources by their ids in the register
(``orgmodel/data/sources.yaml``, read by :mod:`orgmodel.model.sources`);
registering a rule that cites an id the register does not hold fails at import.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

from orgmodel.check.ruledef import Issue as Issue  # re-exported: the rule modules import it from here
from orgmodel.check.ruledef import Rule
from orgmodel.model import require_sources

TYPE_CHECKING = False
if TYPE_CHECKING:
    from orgmodel.queries import Table

RULES: dict[str, Rule] = {}
"""Every rule by id, including the shape rules that the loader applies."""

SourceIds = str | Iterable[str] | None
"""One source id of the register, or several."""


def _make(id: str, category: str, severity: str, title: str, source: SourceIds, fn) -> Rule:
    return Rule(id, category, severity, title, require_sources(source, f"rule '{id}'"), fn)


def rule(id: str, category: str, severity: str, title: str, source: SourceIds = None):
    """Register the decorated generator as a rule; ``source`` is one register id or several."""

    def register(fn):
        RULES[id] = _make(id, category, severity, title, source, fn)
        return fn

    return register


def declare(id: str, category: str, severity: str, title: str, source: SourceIds = None) -> None:
    """Register a rule that another module applies (the loader's shape rules)."""
    RULES[id] = _make(id, category, severity, title, source, None)


def rules_table(detail: bool = False, workspace: Path | None = None) -> "Table":
    """Headers and rows of ``orgmodel rules``, by category and id: the cited text of each rule's sources,
    and with ``detail`` also their ids and register entries (title, section, issuer, date, url, checked,
    status, note).

    With ``workspace``, the rules a check of that workspace runs: its own district rules as well, and each
    rule with the severity its ``orgmodel.yaml`` gives it (``off``: not run).

    A workspace whose ``orgmodel.yaml`` has errors (an override with an unknown severity, say) gets a note: the
    severities shown are then not all those it asks for.

    >>> table = rules_table(workspace=Path("examples/midt-og-vestjylland"))
    >>> [row[:3] for row in table.rows if row[1] == "district"], table.notes
    ([['district.silkeborg-3-3', 'district', 'warning']], [])
    """
    from orgmodel.queries import Table

    headers = ["rule", "category", "severity", "title", "source"] + (["source_ids", "sources"] if detail else [])
    rules, severity, notes = _rules_of(workspace)
    rows: list[list] = []
    for r in sorted(rules.values(), key=lambda r: (r.category, r.id)):
        row: list = [r.id, r.category, severity(r), r.title, r.source or ""]
        if detail:
            row += [list(r.sources), [s.as_dict() for s in r.source_entries]]
        rows.append(row)
    return Table(headers, rows, notes)


def _rules_of(workspace: Path | None) -> tuple[dict[str, Rule], Callable[[Rule], str], list[str]]:
    """The rules a check of ``workspace`` runs, their severity there and notes on what may differ; without one, the
    built-in rules."""
    if workspace is None:
        return RULES, lambda r: r.severity, []
    from orgmodel.check.run import severity_of
    from orgmodel.workspace import load_workspace

    from .district import district_rules

    ws = load_workspace(workspace)
    notes = [f"the workspace has {len(ws.problems)} error(s) of format, which may leave out a severity its "
             "orgmodel.yaml asks for; run `orgmodel check` for details"] if ws.problems else []
    return {**RULES, **district_rules(ws)}, lambda r: severity_of(r, ws), notes


declare("schema.unknown-section", "integrity", "error", "Unknown section in a workspace file")
declare("schema.unknown-key", "integrity", "error", "Unknown key in an entry")
declare("schema.missing-key", "integrity", "error", "A required key is missing")
declare("schema.wrong-type", "integrity", "error", "A value has the wrong type")
declare("schema.bad-id", "integrity", "error", "An id is not a lower-case slug")
declare("ref.defined-in", "integrity", "error", "'defined_in' names a workspace, read with this one, that does not "
        "define the organisation")
declare("ignore.unused", "integrity", "info", "An 'ignore' entry silences nothing: the rule reports nothing on "
        "this entry")

# Importing the rule modules registers their rules, in this order (the order `orgmodel rules` lists).
# isort: off
from . import integrity, law, forums, guidance, traceability, followup, hygiene, district  # noqa: E402, F401
# isort: on
