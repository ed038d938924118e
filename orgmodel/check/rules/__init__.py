"""The rules of ``orgmodel check``: a registry of small functions.

A rule is a generator decorated with :func:`rule`; it receives a
:class:`~orgmodel.check.rules.context.Context` and yields :class:`Issue` objects.
:func:`~orgmodel.check.check` turns them into findings with severities,
overrides and ignores applied.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass


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
    """A check with its id, category, default severity, short title and source."""

    id: str
    category: str
    severity: str
    title: str
    source: str | None
    run: Callable[..., Iterator[Issue]] | None


RULES: dict[str, Rule] = {}
"""Every rule by id, including the shape rules that the loader applies."""

def rule(id: str, category: str, severity: str, title: str, source: str | None = None):
    """Register the decorated generator as a rule."""

    def register(fn):
        RULES[id] = Rule(id, category, severity, title, source, fn)
        return fn

    return register


def declare(id: str, category: str, severity: str, title: str, source: str | None = None) -> None:
    """Register a rule that another module applies (the loader's shape rules)."""
    RULES[id] = Rule(id, category, severity, title, source, None)


declare("schema.unknown-section", "integrity", "error", "Unknown section in a workspace file")
declare("schema.unknown-key", "integrity", "error", "Unknown key in an entry")
declare("schema.missing-key", "integrity", "error", "A required key is missing")
declare("schema.wrong-type", "integrity", "error", "A value has the wrong type")
declare("schema.bad-id", "integrity", "error", "An id is not a lower-case slug")

# Importing the rule modules registers their rules, in this order (the order `orgmodel rules` lists).
# isort: off
from . import integrity, law, guidance, traceability, hygiene  # noqa: E402, F401
# isort: on
