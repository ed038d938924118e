"""The outcome of a check (:class:`CheckResult`), apart from the rules that made it.

A stored result (:mod:`.cache`) is read back by importing this module, not the rules.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from orgmodel.check.ruledef import Rule
from orgmodel.model import SEVERITIES, Finding

TYPE_CHECKING = False  # not typing's: a stored result is read back without importing typing
if TYPE_CHECKING:
    from orgmodel.workspace import Workspace


def _all_rules() -> dict[str, Rule]:
    from orgmodel.check.rules import RULES

    return dict(RULES)


@dataclass
class CheckResult:
    """The outcome of a check: findings (worst first), ignored ones, the date taken as today, and the
    date whose entries were checked (``as_of``, the same as ``today`` unless asked otherwise)."""

    workspace: "Workspace"
    today: dt.date
    as_of: dt.date
    findings: list[Finding]
    ignored: list[Finding] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=_all_rules)
    """Every rule of the run by id: the built-in ones and the workspace's own (``district.NAME``)."""
    relabels: bool = True
    """Whether the findings can be shown again with other labels (:mod:`.relabel`): no two findings alike but
    for how their labels were written were taken as one."""
    off: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The rules ``orgmodel.yaml`` switches off (``rules: {ID: off}``), not run, by id: each with the workspaces
    that switch it off, of several read as one (else none)."""

    @property
    def counts(self) -> Counter:
        counts = Counter({s: 0 for s in SEVERITIES})
        counts.update(f.severity for f in self.findings)
        return counts

    def off_everywhere(self, rule_id: str) -> bool:
        """Whether the rule ``rule_id`` was switched off in every workspace checked, so it ran nowhere."""
        parts = self.off.get(rule_id)
        return parts is not None and (not parts or len(parts) == len(self.workspace.parts))

    def fails(self, strict: bool = False) -> bool:
        """Whether the findings fail the check: errors, or with ``strict`` also warnings."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.findings)
