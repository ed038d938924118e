"""What a rule is and what it finds: :class:`Rule` and :class:`Issue`, apart from the rules themselves.

A stored check result names its rules; reading it back imports this module, not every rule (nor the
graph and networkx they use).

>>> Issue("ssp-silkeborg", "no members", "add members").field is None
True
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

TYPE_CHECKING = False  # not typing's: a stored check is given without importing typing
if TYPE_CHECKING:
    from orgmodel.model import Source


@dataclass(frozen=True)
class Issue:
    """What a rule found: the entity, the problem, the fix, and where (a field of the entity)."""

    entity: str
    message: str
    fix: str
    field: str | None = None
    index: int | None = None


@dataclass(frozen=True)
class Rule:
    """A check with its id, category, default severity, short title and the ids of its sources."""

    id: str
    category: str
    severity: str
    title: str
    sources: tuple[str, ...]
    run: Callable[..., Iterator[Issue]] | None
    words: str | None = None
    """A district's own rule: its source in the district's words (it cites no id of the register)."""

    @cached_property
    def source(self) -> str | None:
        """The sources as a reader sees them (``Title, section (issuer, date)``; …), or ``None``."""
        return self.source_text()

    def source_text(self, lang: str = "da") -> str | None:
        """The cited sources in ``lang`` (an unconfirmed one says so), the district's words, or ``None``."""
        if self.words is not None:
            return self.words
        from orgmodel.model import cite  # here: a stored result names its rules without the register

        return cite(self.sources, lang) if self.sources else None

    @property
    def source_entries(self) -> "list[Source]":
        """The register entries the rule cites, in the order cited."""
        from orgmodel.model import cited_sources

        return cited_sources(self.sources)

    @cached_property
    def help_uri(self) -> str | None:
        """The public page of the first cited source that has one (SARIF's ``helpUri``)."""
        return next((s.url for s in self.source_entries if s.url), None)

    def stored(self) -> "Rule":
        """The rule without its function, its source and page worked out: what a stored result keeps, which
        the output formats then read without importing the rules or the register of sources."""
        kept = replace(self, run=None)
        _ = kept.source, kept.help_uri  # worked out now: cached in the copy's dict, and pickled with it
        return kept
