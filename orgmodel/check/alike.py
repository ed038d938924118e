"""Rules run once for the parts of a national check that are alike but for their scope.

Each part of a national check is judged by its own settings against the whole merged model, so every
rule used to run once per part, twelve times over the same graph for twelve districts. Most rules
never look at the scope: for parts whose other settings (vocabulary, manifest but for its name and
scope) are alike, such a rule gives the same issues each time, and each part keeps those placed in its
own files. A rule is run once for such parts with a scope that cannot be read; a rule that reads it
(directly or through :attr:`Context.scope_kredse` and :attr:`Context.scope_kommuner`) stops with
:class:`_ScopeReadError`, and is run for each part with its own scope, as before.

Whatever a rule reads other than the scope is the same for every part of the group, so a rule that did
not read the scope in the shared run would not have read it in any part's run either.
"""

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

from .rules import Issue, Rule
from .rules.context import Context


class _ScopeReadError(BaseException):
    """A rule read the scope in a run shared by parts with different scopes (a BaseException, so no rule's
    ``except Exception`` can take it for a problem of its own)."""


class _UnreadableScope:
    """Stands for the scope in a shared run: any use of it raises :class:`_ScopeReadError`."""

    def __getattr__(self, name: str):
        raise _ScopeReadError

    def __bool__(self) -> bool:
        raise _ScopeReadError

    def __iter__(self):
        raise _ScopeReadError

    def __eq__(self, other) -> bool:
        raise _ScopeReadError

    __hash__ = None  # type: ignore[assignment]


@dataclass
class Alike:
    """The issues of each rule run once for the parts of one national check whose settings are alike."""

    shared: list[tuple[tuple, Context, dict[str, list[Issue] | None]]] = field(default_factory=list)
    """Per group of alike parts: the settings, the context of the shared run, and per rule its issues (None
    for a rule that read the scope)."""

    def issues(self, rule: Rule, ctx: Context) -> Iterable[Issue]:
        """The issues ``rule`` finds in the part of ``ctx``: from the shared run, or (when the rule reads the
        scope) from a run of its own."""
        assert rule.run is not None
        shared, runs = self._group(ctx)
        if rule.id not in runs:
            try:
                runs[rule.id] = list(rule.run(shared))
            except _ScopeReadError:
                runs[rule.id] = None
        found = runs[rule.id]
        return rule.run(ctx) if found is None else found

    def reads_scope(self, rule: Rule, ctx: Context) -> bool:
        """Whether ``rule`` read the scope in the part of ``ctx`` (after :meth:`issues`)."""
        return self._group(ctx)[1].get(rule.id, False) is None

    def _group(self, ctx: Context) -> tuple[Context, dict]:
        ws = ctx.ws
        key = (ws.manifest.model_dump(exclude={"name", "scope"}), ws.vocabulary.sections, ctx.today, ctx.as_of)
        for settings, shared, runs in self.shared:
            if shared.ws.records is ws.records and settings == key:
                return shared, runs
        view = copy.copy(ws)
        view.manifest = ws.manifest.model_copy(update={"scope": _UnreadableScope()})
        shared, runs = Context(view, ctx.today, ctx.as_of, ctx.graphs), {}
        self.shared.append((key, shared, runs))
        return shared, runs
