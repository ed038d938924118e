"""Formats of ``orgmodel check`` output: text, json, junit and sarif.

Each function takes a :class:`~orgmodel.check.CheckResult` and returns the
finished text, so the CLI only prints it.
"""

import json
from itertools import groupby
from xml.etree import ElementTree as ET

from orgmodel import __version__
from orgmodel.check.rules import RULES
from orgmodel.model import SEVERITIES

HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Information"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(result, strict: bool = False) -> str:
    """``2 errors, 1 warning, 0 information (1 ignored)`` and what that means."""
    c = result.counts
    text = f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} information"
    if result.ignored:
        text += f" ({len(result.ignored)} ignored)"
    if result.fails(strict):
        return text + ". The check fails."
    return text + (". The check passes." if result.findings else ". All clear.")


def format_text(result, strict: bool = False, style=lambda text, **_: text) -> str:
    """Findings grouped by severity, then by rule, each with its place and fix.

    ``style`` is a function like :func:`click.style` to colour headings.
    """
    ws = result.workspace
    name = ws.manifest.name if isinstance(ws.manifest.name, str) else (ws.manifest.name.da or ws.manifest.name.en)
    lines = [f"{name}: {len(ws.records)} entities in {_plural(len(ws.files), 'file')}, "
             f"checked as of {result.today.isoformat()}"
             + (f", entries valid on {result.as_of.isoformat()}" if result.as_of != result.today else "")]
    for severity, group_of_severity in groupby(result.findings, key=lambda f: f.severity):
        findings = list(group_of_severity)
        lines += ["", style(f"{HEADINGS[severity]} ({len(findings)})", fg=COLOURS[severity], bold=True)]
        for rule_id, group in groupby(findings, key=lambda f: f.rule):
            rule = RULES[rule_id]
            lines.append(style(f"  {rule_id}", bold=True) + f"  {rule.title}")
            if rule.source:
                lines.append(f"    Source: {rule.source}")
            for f in group:
                who = f"{f.entity}: " if f.entity else ""
                lines.append(f"    {f.location}  {who}{f.message}")
                if f.fix:
                    lines.append(f"      Fix: {f.fix}")
    lines += ["", summary_line(result, strict)]
    return "\n".join(lines)


def _finding_dict(f) -> dict:
    return {"rule": f.rule, "severity": f.severity, "category": f.category, "file": f.file,
            "line": f.line, "entity": f.entity or None, "message": f.message, "fix": f.fix,
            "source": f.source}


def format_json(result, strict: bool = False) -> str:
    """A JSON object with ``summary``, ``findings`` and ``ignored``."""
    data = {
        "workspace": str(result.workspace.root),
        "as_of": result.as_of.isoformat(),
        "today": result.today.isoformat(),
        "summary": {**{s: result.counts[s] for s in SEVERITIES}, "ignored": len(result.ignored),
                    "fails": result.fails(strict)},
        "findings": [_finding_dict(f) for f in result.findings],
        "ignored": [_finding_dict(f) for f in result.ignored],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def format_junit(result, strict: bool = False) -> str:
    """JUnit XML: one test case per rule; each failing finding is a failure (CI dashboards)."""
    failing = ("error", "warning") if strict else ("error",)
    suite = ET.Element("testsuite", name="orgmodel check", timestamp=result.today.isoformat())
    by_rule = {rule_id: [f for f in result.findings if f.rule == rule_id] for rule_id in sorted(RULES)}
    failures = 0
    for rule_id, findings in by_rule.items():
        case = ET.SubElement(suite, "testcase", classname=f"orgmodel.{RULES[rule_id].category}", name=rule_id)
        bad = [f for f in findings if f.severity in failing]
        if bad:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{len(bad)} finding(s)", type=bad[0].severity)
            failure.text = "\n".join(f"{f.location}: {f.entity + ': ' if f.entity else ''}{f.message} "
                                     f"Fix: {f.fix}" for f in bad)
        others = [f for f in findings if f.severity not in failing]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.severity}: {f.location}: {f.message}" for f in others)
    suite.set("tests", str(len(by_rule)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _help_uri(rule) -> str | None:
    """The public page of the rule's first cited source that has one (SARIF ``helpUri``)."""
    return next((s.url for s in rule.source_entries if s.url), None)


def format_sarif(result, strict: bool = False) -> str:
    """SARIF 2.1.0 for code-scanning tools; paths are relative to the workspace folder."""
    rules = sorted(RULES.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "orgmodel", "version": __version__,
            "rules": [{"id": r.id, "shortDescription": {"text": r.title},
                       **({"helpUri": _help_uri(r)} if _help_uri(r) else {}),
                       "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                       "properties": {"category": r.category, **({"source": r.source} if r.source else {})}}
                      for r in rules]}},
        "originalUriBaseIds": {"WORKSPACE": {"uri": result.workspace.root.resolve().as_uri() + "/"}},
        "results": [{
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.entity + ': ' if f.entity else ''}{f.message} Fix: {f.fix}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.file, "uriBaseId": "WORKSPACE"},
                "region": {"startLine": max(f.line, 1)}}}],
        } for f in result.findings],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2)


FORMATS = {"text": format_text, "json": format_json, "junit": format_junit, "sarif": format_sarif}
