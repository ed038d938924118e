"""Findings: what ``orgmodel check`` reports, each at a place in a file."""

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
"""Severities from worst to mildest; ``off`` silences a rule."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, at ``file:line``, with the fix in words a secretariat understands.

    >>> Finding("error", "x.yaml", 3, "ref.dangling", "a", "no such id", "add it").location
    'x.yaml:3'
    """

    severity: str
    file: str
    line: int
    rule: str
    entity: str
    message: str
    fix: str = ""
    source: str | None = field(default=None, compare=False)
    category: str = field(default="", compare=False)
    workspace: str = field(default="", compare=False)
    """Of several workspaces checked as one, the one the finding is in; else empty."""
    template: tuple | None = field(default=None, compare=False, repr=False)
    """Of a message or fix that names entries by their labels: the templates of both (each None when it names
    none; see :mod:`orgmodel.check.labels`), so the finding can be shown again after a rename."""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def sort_key(self):
        return (SEVERITIES.index(self.severity), self.rule, self.file, self.line, self.entity, self.message)
