"""Run the rules over a workspace and return the findings (``orgmodel check``).

>>> from orgmodel.workspace import load_workspace
>>> result = check(load_workspace("examples/midt-og-vestjylland"))
>>> result.counts["error"]
0
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from orgmodel import clock
from orgmodel import graph as g
from orgmodel.check import labels
from orgmodel.check.alike import Alike
from orgmodel.check.result import CheckResult
from orgmodel.check.rules import RULES, Issue, Rule
from orgmodel.check.rules.context import Context
from orgmodel.check.rules.district import district_rules
from orgmodel.gcpause import paused_gc
from orgmodel.graph import build_store
from orgmodel.model import Finding, Manifest, Scope
from orgmodel.queries import scope
from orgmodel.workspace import Workspace


def severity_of(rule: Rule, ws: Workspace) -> str:
    """The rule's severity after the manifest's overrides (``off`` silences it)."""
    return ws.manifest.rules.get(rule.id, rule.severity)


@paused_gc()
def check(ws: Workspace, today: dt.date | None = None, categories: tuple[str, ...] | None = None,
          as_of: dt.date | None = None) -> CheckResult:
    """Check the entries of ``ws`` valid on ``as_of`` with ``today`` as the date rules count from.

    ``today`` defaults to :func:`clock.today`, ``as_of`` to ``today``;
    ``categories`` limits the rules run, e.g. ``("integrity",)``.
    """
    today = today or clock.today()
    as_of = as_of or today
    if not ws.parts:
        findings, ignored, rules = _run(ws, today, categories, as_of)
        off: dict[str, tuple[str, ...]] = dict.fromkeys(switched_off(ws, rules), ())
    else:
        findings, ignored, rules, off = [], [], {}, {}
        graphs: list = []
        alike = Alike()
        claims = _Claims(ws, {name: _own_scope(ws, name) for name in ws.parts})
        for name in ws.parts:
            owned = {file for file, part in ws.part_of_file.items() if part == name}
            claims.part = name
            view = ws.view(name, claims.manifests[name])
            found, left, used = _run(view, today, categories, as_of, owned, graphs, alike, claims)
            for rule_id in switched_off(view, used):
                off[rule_id] = (*off.get(rule_id, ()), name)
            # a finding in another part's file (see _Claims) is that part's to fix
            findings += [replace(f, workspace=ws.part_of_file.get(f.file, name)) for f in found]
            ignored += [replace(f, workspace=ws.part_of_file.get(f.file, name)) for f in left]
            rules.update(used)
    once, ignored_once = labels.unique(findings), labels.unique(ignored)
    return CheckResult(ws, today, as_of, sorted(once, key=Finding.sort_key), sorted(ignored_once, key=Finding.sort_key),
                       rules, relabels=labels.kept_templates(once, findings) and
                       labels.kept_templates(ignored_once, ignored), off=dict(sorted(off.items())))


def switched_off(ws: Workspace, rules: dict[str, Rule]) -> list[str]:
    """The ids of ``rules`` that the manifest of ``ws`` switches off (``rules: {ID: off}``): they are not run, and
    every output format names them.

    >>> from orgmodel.workspace import load_workspace
    >>> switched_off(load_workspace("examples/midt-og-vestjylland"), RULES)
    []
    """
    return sorted(rule_id for rule_id, severity in ws.manifest.rules.items() if severity == "off" and rule_id in rules)


def _own_scope(ws: Workspace, name: str) -> Manifest:
    """The manifest of part ``name`` with the scope its own entries give when it writes none: the other
    workspaces' kredsråd and lokalråd are theirs to be judged by."""
    part = ws.parts[name]
    if part.manifest.scope is not None:
        return part.manifest
    own = scope.entries_scope(part)
    if own is None:  # an area id that is also an entry's id: only the part's own graph can tell
        G = build_store(part)
        own = Scope(politikredse=scope.scope_kredse(G, part.manifest),
                    kommuner=scope.scope_kommuner(G, part.manifest))
    return part.manifest.model_copy(update={"scope": own})


@dataclass
class _Claims:
    """Of a national check: each part's manifest with its scope, and the politikredse and kommuner in it.

    Each part judges every entry by its own settings, and keeps what it finds in its own files. An entry written
    in one part but placed in another's scope (a lokalråd one district writes for a kommune of another) is
    outside the scope of the part that writes it: no rule that reads the scope judges it there. The part whose
    scope holds it reports what such rules find on it (:meth:`adopts`), in the file where it is written.
    """

    ws: Workspace
    manifests: dict[str, Manifest]
    part: str = ""
    """The part being checked."""
    areas: dict[str, frozenset[str]] = field(default_factory=dict)

    def adopts(self, ctx: Context, issue: Issue, file: str) -> bool:
        """Whether the part checked reports ``issue``, placed in ``file`` of another part (see above)."""
        name = self.part
        owner = self.ws.part_of_file.get(file)
        if owner is None or owner == name or issue.entity not in ctx.G_all:
            return False
        area = g.area_of(ctx.G_all, issue.entity)
        return area is not None and area in self._areas(ctx, name) and area not in self._areas(ctx, owner)

    def _areas(self, ctx: Context, part: str) -> frozenset[str]:
        found = self.areas.get(part)
        if found is None:
            manifest = self.manifests[part]
            found = self.areas[part] = frozenset(scope.scope_kredse(ctx.G_all, manifest)
                                                 + scope.scope_kommuner(ctx.G_all, manifest))
        return found


def _run(ws: Workspace, today: dt.date, categories, as_of: dt.date, owned: set[str] | None = None,
         graphs: list | None = None, alike: Alike | None = None, claims: _Claims | None = None
         ) -> tuple[list[Finding], list[Finding], dict[str, Rule]]:
    """The findings, the ignored findings and the rules run of one workspace (or one part seen with its own
    settings): the built-in rules and the workspace's own (``district.NAME``). With ``owned`` (a part's files),
    only the issues placed in those files become findings: the others are another part's, and finding the line
    of each in its file would cost most of a national check. ``graphs``: see :class:`Context`; ``alike``: the
    rules' issues shared by the parts of a national check alike but for their scope (see :mod:`.alike`)."""
    ctx = Context(ws, today, as_of, graphs)
    findings: list[Finding] = []
    ignored: list[Finding] = []
    rules = {**RULES, **district_rules(ws)}
    for problem in ws.problems:
        rule = RULES[problem.rule]
        findings.append(_with_rule(problem, rule, severity_of(rule, ws)))
    issues: list[tuple[str, Rule, str, Issue]] = []
    ran: set[str] = set()
    partly_read = _partly_read if _schema_errors_fail(ws) else lambda ws, entity: False
    for rule in rules.values():
        severity = severity_of(rule, ws)
        if rule.run is None or severity == "off" or (categories is not None and rule.category not in categories):
            continue
        ran.add(rule.id)
        found = list(rule.run(ctx) if alike is None else alike.issues(rule, ctx))
        adopting = claims if alike is not None and claims is not None and alike.reads_scope(rule, ctx) else None
        for issue in found:
            if rule.id not in READ_AS_WRITTEN and partly_read(ws, issue.entity):
                continue
            file = _file_of(ws, issue)
            if owned is None or file in owned or adopting is not None and adopting.adopts(ctx, issue, file):
                issues.append((file, rule, severity, issue))
    # Placed file by file: finding a line inside an entry reads its file again, and only a few files are kept.
    issues.sort(key=lambda placed: placed[0])
    for _, rule, severity, issue in issues:
        finding = _finding(ws, rule, severity, issue, ctx.label_place)
        (ignored if _is_ignored(ws, issue.entity, rule.id) else findings).append(finding)
    unused = RULES["ignore.unused"]
    severity = severity_of(unused, ws)
    if severity != "off" and (categories is None or unused.category in categories):
        findings += [_finding(ws, unused, severity, issue, ctx.label_place)
                     for issue in _unused_ignores(ctx, ran, {(f.entity, f.rule) for f in ignored}, owned)]
    return [f for f in findings if f.severity != "off"], ignored, rules


def _unused_ignores(ctx: Context, ran: set[str], matched: set[tuple[str, str]], owned: set[str] | None):
    """An ``ignore`` entry naming a rule that ran and reported nothing on its entry: it silences nothing, most
    often because the finding is on another entry (the body, not the member it names)."""
    for record in ctx.entries_with("ignore"):
        if owned is not None and record.file not in owned or record.unreadable:
            continue  # (of an entry read in part, only some rules judge it: see READ_AS_WRITTEN)
        for index, entry in enumerate(record.entity.ignore):
            if owned is not None and entry.rule == "ref.dangling":
                continue  # read with the other workspaces, a reference to one of theirs resolves: alone, it does not
            if entry.rule in ran and (record.id, entry.rule) not in matched:
                yield Issue(record.id, f"'ignore' names the rule {entry.rule}, which reports nothing on this entry, "
                            "so it silences nothing", "remove it, or move it to the entry the rule's finding names "
                            "(`orgmodel check` shows it before the message)", "ignore", index)


READ_AS_WRITTEN = frozenset({"id.duplicate", "ref.dangling", "ref.wrong-kind", "ref.cycle", "area.unknown",
                             "vocabulary.unknown-term", "vocabulary.alias", "coverage.bad-age-range",
                             "dates.bad-validity", "rule.unknown-id"})
"""The rules that judge an entry only by what is written in it (references, terms, ranges, dates). An entry
with a schema error was read without its failing parts (``Record.unreadable``): only these rules judge it,
because the others would take a part left out for a part never written."""


def _schema_errors_fail(ws: Workspace) -> bool:
    """Whether every problem of format fails the check in ``ws`` (the default): then an entry read in part is judged
    by :data:`READ_AS_WRITTEN` alone. A workspace that lowers one (``schema.unknown-key: warning``, to keep a local
    note field) has entries that pass with such a problem, and every rule judges them on what was read; else a
    kredsråd with an extra key and no chair passed the check."""
    return all(severity_of(rule, ws) == "error" for rule_id, rule in RULES.items() if rule_id.startswith("schema."))


def _partly_read(ws: Workspace, entity: str) -> bool:
    record = ws.records.get(entity)
    return record is not None and bool(record.unreadable)


def _with_rule(problem: Finding, rule: Rule, severity: str) -> Finding:
    return Finding(severity, problem.file, problem.line, problem.rule, problem.entity, problem.message,
                   problem.fix, rule.source, rule.category)


def _file_of(ws: Workspace, issue: Issue) -> str:
    """The file a finding of ``issue`` names (as :func:`_finding` places it), without finding its line."""
    record = ws.records.get(issue.entity)
    return ws.manifest_file if record is None else record.file


def _finding(ws: Workspace, rule: Rule, severity: str, issue: Issue,
             shown: Callable[[str], tuple[str, labels.Place]]) -> Finding:
    record = ws.records.get(issue.entity)
    if record is None:
        key = issue.field if issue.field and issue.field.startswith(("rules.", "coverage_defaults.", "scope.")) \
            else (issue.field or "").split(".")[0]
        if issue.field and issue.field.startswith(("vocabulary.", "district_rules.")):
            # a workspace term or district rule: the line of its key (vocabulary.SECTION.TERM.KEY), else of the
            # term, else above
            key = issue.field
            while key not in ws.manifest_lines and "." in key:
                key = key.rsplit(".", 1)[0]
        file, line = ws.manifest_file, ws.manifest_lines.get(key or "", 1)
    else:
        file, line = record.file, ws.line_of(record, issue.field, issue.index) if issue.field else record.line
    message, fix = on_one_line(issue.message), on_one_line(issue.fix)
    template = None
    if labels.START in message or labels.START in fix:
        (message, of_message), (fix, of_fix) = labels.resolved(message, shown), labels.resolved(fix, shown)
        template = None if of_message is None and of_fix is None else (of_message, of_fix)
    return Finding(severity, file, line, rule.id, issue.entity, message, fix, rule.source, rule.category,
                   template=template)


_LINE_BREAKS = str.maketrans({c: repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def on_one_line(text: str) -> str:
    """A rule's message or fix on one line: a line break inside a quoted value is shown as its escape.

    >>> print(on_one_line("unknown organisation category '\\n'"))
    unknown organisation category '\\n'
    """
    return text.translate(_LINE_BREAKS)


def _is_ignored(ws: Workspace, entity: str, rule_id: str) -> bool:
    record = ws.records.get(entity)
    return record is not None and any(i.rule == rule_id for i in record.entity.ignore)
