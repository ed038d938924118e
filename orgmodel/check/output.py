"""Formats of ``orgmodel check`` output: text, json, junit and sarif.

Each function of ``FORMATS`` takes a :class:`~orgmodel.check.CheckResult` and
returns the finished text, so the CLI only prints it. ``FAILED_FORMATS`` write
the report of a check that could not run (exit code 2), so a CI step that
uploads the report finds a valid file that says why.
"""

import json
from itertools import groupby
from json.encoder import encode_basestring
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from orgmodel import __version__
from orgmodel.errors import OrgmodelError
from orgmodel.model import SEVERITIES
from orgmodel.tables import visible

HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Information"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(result, strict: bool = False) -> str:
    """``2 errors, 1 warning, 0 information (1 ignored)`` and what that means."""
    c = result.counts
    text = f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} information"
    aside = ([f"{len(result.ignored)} ignored"] if result.ignored else []) + \
        ([f"{_plural(len(result.off), 'rule')} off"] if result.off else [])
    if aside:
        text += f" ({', '.join(aside)})"
    if result.fails(strict):
        return text + ". The check fails."
    return text + (". The check passes." if result.findings else ". All clear.")


def format_text(result, strict: bool = False, style=lambda text, **_: text) -> str:
    """Findings grouped by severity, then by rule, each with its place and fix.

    ``style`` is a function like :func:`click.style` to colour headings. What the workspace wrote
    (names, ids, values in messages) is shown with invisible characters escaped (:func:`visible`).
    """
    ws = result.workspace
    name = ws.manifest.name if isinstance(ws.manifest.name, str) else (ws.manifest.name.da or ws.manifest.name.en)
    lines = [f"{visible(str(name))}: {len(ws.records)} entities in {_plural(len(ws.files), 'file')}, "
             f"checked as of {result.today.isoformat()}"
             + (f", entries valid on {result.as_of.isoformat()}" if result.as_of != result.today else "")]
    for severity, group_of_severity in groupby(result.findings, key=lambda f: f.severity):
        findings = list(group_of_severity)
        lines += ["", style(f"{HEADINGS[severity]} ({len(findings)})", fg=COLOURS[severity], bold=True)]
        for rule_id, group in groupby(findings, key=lambda f: f.rule):
            rule = result.rules[rule_id]
            lines.append(style(f"  {rule_id}", bold=True) + f"  {rule.title}")
            if rule.source:
                lines.append(f"    Source: {rule.source}")
            for f in group:
                who = f"{f.entity}: " if f.entity else ""
                lines.append(visible(f"    {f.location}  {who}{f.message}"))
                if f.fix:
                    lines.append(visible(f"      Fix: {f.fix}"))
    lines += off_lines(result) + ["", summary_line(result, strict)]
    return "\n".join(lines)


OFF = "off in orgmodel.yaml"
"""Why a rule was not run: what each output format says of a rule the manifest switched off."""


def off_lines(result) -> list[str]:
    """A line naming the rules the manifest switched off, so a check without them never reads as one with them:
    ``Not run (off in orgmodel.yaml): kredsraad.chair``; of several workspaces read as one, a rule off in only some
    names them (``kredsraad.chair (in fyn)``). Nothing when every rule ran."""
    if not result.off:
        return []
    named = [rule_id if result.off_everywhere(rule_id) else f"{rule_id} (in {', '.join(parts)})"
             for rule_id, parts in result.off.items()]
    return ["", visible(f"Not run ({OFF}): {', '.join(named)}")]


def _off_list(result) -> list[dict]:
    """The rules switched off as JSON: ``{"rule": ID}``, with the ``workspaces`` that switched it off of several
    read as one."""
    return [{"rule": rule_id, **({"workspaces": list(parts)} if parts else {})}
            for rule_id, parts in result.off.items()]


def _finding_dict(f) -> dict:
    return {"rule": f.rule, "severity": f.severity, "category": f.category, "file": f.file,
            "line": f.line, "entity": f.entity or None, "message": f.message, "fix": f.fix,
            "source": f.source, **({"workspace": f.workspace} if f.workspace else {})}


class _Shaped:
    """A block of a known shape made from ``source`` (by one function here, so its keys and their order are known),
    which :func:`json_text` writes with ``write(source, newline)``: the text ``json.dumps`` gives of the block
    ``make(source)`` at that level, or None when a value is not of the type the shape expects (then the block is
    made and written as any block is). A check's output has one per finding: most are written without the block."""

    __slots__ = ("source", "make", "write")

    def __init__(self, source, make, write) -> None:
        self.source, self.make, self.write = source, make, write

    @property
    def data(self) -> dict:
        return self.make(self.source)


def _finding_json(f, newline: str) -> str | None:
    """The JSON of :func:`_finding_dict` of the finding ``f`` at the level of ``newline``."""
    if type(f.line) is not int:
        return None
    i, e = newline + "  ", encode_basestring
    try:
        return (f'{{{i}"rule": {e(f.rule)},{i}"severity": {e(f.severity)},{i}"category": {e(f.category)},'
                f'{i}"file": {e(f.file)},{i}"line": {int.__repr__(f.line)},{i}"entity": {_text(f.entity or None)},'
                f'{i}"message": {e(f.message)},{i}"fix": {e(f.fix)},{i}"source": {_text(f.source)}'
                + (f',{i}"workspace": {e(f.workspace)}' if f.workspace else "") + f"{newline}}}")
    except TypeError:  # a value that is no text
        return None


def _text(value) -> str:
    return "null" if value is None else encode_basestring(value)


def json_text(data) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, about three times faster for the texts, whole numbers,
    booleans, nulls, lists and blocks with text keys that a check's output is made of: Python's ``json`` writes
    indented output with its pure-Python encoder, a generator per level that every piece passes through.
    Anything else (a float, a tuple, a key that is not text, a subclass) is left to ``json.dumps``.

    >>> data = {"a": [1, None, {"b": "æ\\n"}], "c": {}, "d": [], "e": True}
    >>> json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)
    True
    """
    pieces: list[str] = []
    try:
        _add_json(data, "\n", pieces.append)
    except (_NotPlainError, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2, default=_shaped_data)
    return "".join(pieces)


def _shaped_data(value) -> dict:
    """What ``json.dumps`` writes of a :class:`_Shaped` block: its data (anything else is refused, as ``json``
    refuses it)."""
    if type(value) is _Shaped:
        return value.data
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _NotPlainError(Exception):
    """A value :func:`json_text` leaves to ``json.dumps`` (never leaves this module)."""


def _add_json(value, newline: str, add) -> None:
    """Add the pieces of ``value`` as JSON indented by two spaces a level; ``newline`` starts a line at its level.

    A text, a whole number or a null inside a list or block is written in its line's piece, without a call of
    its own: the output of a check is mostly blocks of those.
    """
    kind = type(value)
    if kind is dict:
        if not value:
            add("{}")
            return
        inner, opening = newline + "  ", "{"
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlainError
            shown = _SCALARS.get(type(item))
            if shown is not None:
                add(opening + inner + encode_basestring(key) + ": " + shown(item))
            else:
                add(opening + inner + encode_basestring(key) + ": ")
                _add_json(item, inner, add)
            opening = ","
        add(newline + "}")
    elif kind is list:
        if not value:
            add("[]")
            return
        inner, opening = newline + "  ", "["
        for item in value:
            shown = _SCALARS.get(type(item))
            if shown is not None:
                add(opening + inner + shown(item))
            else:
                add(opening + inner)
                _add_json(item, inner, add)
            opening = ","
        add(newline + "]")
    elif kind is _Shaped:
        text = value.write(value.source, newline)
        if text is None:
            _add_json(value.data, newline, add)
        else:
            add(text)
    elif kind in _SCALARS:
        add(_SCALARS[kind](value))
    elif kind is bool:
        add("true" if value else "false")
    else:
        raise _NotPlainError


_SCALARS = {str: encode_basestring, int: int.__repr__, type(None): lambda _: "null"}
"""How a text, a whole number (not a boolean: ``type(True)`` is ``bool``) and null are written."""


def format_json(result, strict: bool = False) -> str:
    """A JSON object with ``summary``, ``findings``, ``ignored`` and ``off`` (the rules switched off, not run)."""
    data = {
        "workspace": str(result.workspace.root),
        **({"workspaces": sorted(result.workspace.parts)} if result.workspace.parts else {}),
        "as_of": result.as_of.isoformat(),
        "today": result.today.isoformat(),
        "summary": {**{s: result.counts[s] for s in SEVERITIES}, "ignored": len(result.ignored),
                    "off": len(result.off), "fails": result.fails(strict)},
        "findings": [_Shaped(f, _finding_dict, _finding_json) for f in result.findings],
        "ignored": [_Shaped(f, _finding_dict, _finding_json) for f in result.ignored],
        "off": _off_list(result),
    }
    return json_text(data)


def format_junit(result, strict: bool = False) -> str:
    """JUnit XML: one test case per rule; each failing finding is a failure (CI dashboards), a rule switched off
    is skipped."""
    failing = ("error", "warning") if strict else ("error",)
    suite = ET.Element("testsuite", name="orgmodel check", timestamp=_timestamp(result.today))
    by_rule = {rule_id: [f for f in result.findings if f.rule == rule_id] for rule_id in sorted(result.rules)}
    failures = skipped = 0
    for rule_id, findings in by_rule.items():
        case = ET.SubElement(suite, "testcase", classname=f"orgmodel.{result.rules[rule_id].category}", name=rule_id)
        if result.off_everywhere(rule_id):
            skipped += 1
            ET.SubElement(case, "skipped", message=f"not run: {OFF}")
            continue
        bad = [f for f in findings if f.severity in failing]
        if bad:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{len(bad)} finding(s)", type=bad[0].severity)
            failure.text = "\n".join(f"{f.location}: {f.entity + ': ' if f.entity else ''}{f.message} "
                                     f"Fix: {f.fix}" for f in bad)
        others = [f"{f.severity}: {f.location}: {f.message}" for f in findings if f.severity not in failing]
        if rule_id in result.off:  # of several workspaces, off in only some
            others.append(f"not run in {', '.join(result.off[rule_id])}: {OFF}")
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(others)
    suite.set("tests", str(len(by_rule)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return _xml(suite)


def _timestamp(day) -> str:
    """JUnit's ``timestamp`` is a date-time: the start of the day the check counts as today."""
    return f"{day.isoformat()}T00:00:00"


def _xml(suite: ET.Element) -> str:
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _sarif_tool(all_rules: dict | None = None) -> dict:
    if all_rules is None:  # a check that could not run: every built-in rule (imported only then)
        from orgmodel.check.rules import RULES

        all_rules = RULES
    rules = sorted(all_rules.values(), key=lambda r: r.id)
    return {"driver": {
        "name": "orgmodel", "version": __version__,
        "rules": [{"id": r.id, "shortDescription": {"text": r.title},
                   **({"helpUri": r.help_uri} if r.help_uri else {}),
                   "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                   "properties": {"category": r.category, **({"source": r.source} if r.source else {})}}
                  for r in rules]}}


def _workspace_uri(root: Path) -> dict:
    return {"WORKSPACE": {"uri": Path(root).resolve().as_uri() + "/"}}


def _sarif(run: dict) -> str:
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json_text(sarif)


def format_sarif(result, strict: bool = False) -> str:
    """SARIF 2.1.0 for code-scanning tools; paths are relative to the workspace folder, percent-encoded as
    URIs are (``ny%20forum.yaml``, ``lokalr%C3%A5d.yaml``)."""
    index = {rule_id: i for i, rule_id in enumerate(sorted(result.rules))}
    uris: dict[str, str] = {}  # a file's URI once, not once per finding in it

    def uri(file: str) -> str:
        return uris.get(file) or uris.setdefault(file, quote(file))

    def block(f) -> dict:
        return {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _SARIF_LEVEL[f.severity],
            "message": {"text": _sarif_text(f)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(f.file), "uriBaseId": "WORKSPACE"},
                "region": {"startLine": max(f.line, 1)}}}],
            **({"properties": {"workspace": f.workspace}} if f.workspace else {}),
        }

    def written(f, newline: str) -> str | None:
        return _sarif_result_json(f, index[f.rule], uri(f.file), newline)

    return _sarif({
        "tool": _sarif_tool(result.rules),
        "invocations": [{"executionSuccessful": True, **_sarif_overrides(result, index)}],
        "originalUriBaseIds": _workspace_uri(result.workspace.root),
        "results": [_Shaped(f, block, written) for f in result.findings],
    })


def _sarif_overrides(result, index: dict[str, int]) -> dict:
    """The rules switched off, as SARIF's ``ruleConfigurationOverrides`` of the invocation (each ``enabled:
    false``, with the ``workspaces`` that switched it off of several read as one); nothing when every rule ran."""
    if not result.off:
        return {}
    return {"ruleConfigurationOverrides": [
        {"descriptor": {"id": rule_id, "index": index[rule_id]}, "configuration": {"enabled": False},
         "properties": {"reason": OFF, **({"workspaces": list(parts)} if parts else {})}}
        for rule_id, parts in result.off.items()]}


def _sarif_text(f) -> str:
    return f"{f.entity + ': ' if f.entity else ''}{f.message} Fix: {f.fix}"


def _sarif_result_json(f, index: int, uri: str, newline: str) -> str | None:
    """The JSON of a result of :func:`format_sarif` for the finding ``f`` at the level of ``newline``."""
    if type(f.line) is not int:
        return None
    i1 = newline + "  "
    i2, i3, i4, i5 = i1 + "  ", i1 + "    ", i1 + "      ", i1 + "        "
    e = encode_basestring
    try:
        text = (f'{{{i1}"ruleId": {e(f.rule)},{i1}"ruleIndex": {int.__repr__(index)},{i1}"level": '
                f'{e(_SARIF_LEVEL[f.severity])},{i1}"message": {{{i2}"text": {e(_sarif_text(f))}{i1}}},{i1}'
                f'"locations": [{i2}{{{i3}"physicalLocation": {{{i4}"artifactLocation": {{{i5}"uri": '
                f'{e(uri)},{i5}"uriBaseId": "WORKSPACE"{i4}}},{i4}"region": {{{i5}'
                f'"startLine": {int.__repr__(max(f.line, 1))}{i4}}}{i3}}}{i2}}}{i1}]')
        if f.workspace:
            text += f',{i1}"properties": {{{i2}"workspace": {e(f.workspace)}{i1}}}'
    except TypeError:  # a value that is no text
        return None
    return text + newline + "}"


FORMATS = {"text": format_text, "json": format_json, "junit": format_junit, "sarif": format_sarif}


# The reports of a check that could not run (the workspace cannot be read: exit code 2). Each takes the
# error, the workspace folder as given, the date taken as today and the --as-of date (default: today).

def failed_json(error: OrgmodelError, workspace: Path, today, as_of=None) -> str:
    """The JSON report with ``error`` (the message and exit code), no findings and ``fails: true``."""
    data = {
        "workspace": str(workspace),
        "as_of": (as_of or today).isoformat(),
        "today": today.isoformat(),
        "error": {"message": str(error), "exit_code": error.exit_code},
        "summary": {**{s: 0 for s in SEVERITIES}, "ignored": 0, "off": 0, "fails": True},
        "findings": [],
        "ignored": [],
        "off": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def failed_junit(error: OrgmodelError, workspace: Path, today, as_of=None) -> str:
    """JUnit XML with one test case, ``workspace``, that has an ``error`` with the message."""
    suite = ET.Element("testsuite", name="orgmodel check", timestamp=_timestamp(today), tests="1", failures="0",
                       errors="1")
    case = ET.SubElement(suite, "testcase", classname="orgmodel", name="workspace")
    element = ET.SubElement(case, "error", message=str(error).splitlines()[0], type=type(error).__name__)
    element.text = str(error)
    return _xml(suite)


def failed_sarif(error: OrgmodelError, workspace: Path, today, as_of=None) -> str:
    """SARIF with ``executionSuccessful: false``, the message as a tool execution notification, no results."""
    return _sarif({
        "tool": _sarif_tool(),
        "invocations": [{
            "executionSuccessful": False, "exitCode": error.exit_code,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": str(error)},
                                            "descriptor": {"id": type(error).__name__}}]}],
        "originalUriBaseIds": _workspace_uri(workspace),
    })


FAILED_FORMATS = {"json": failed_json, "junit": failed_junit, "sarif": failed_sarif}
"""The formats that still write a report when the check cannot run; ``text`` has only the error message."""
