"""Property-based tests: generated workspaces, valid and broken, through the loader, check and export.

The number of examples follows the Hypothesis profile (tests/conftest.py): about 3,000 in all
in `make test`, thirty times as many in `make fuzz`.
"""

import json
import re
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.check import FORMATS, check
from orgmodel.errors import OrgmodelError
from orgmodel.export.formats import export_graph
from orgmodel.graph import build_graph
from orgmodel.neo4j.planner import META_LABEL, desired_state
from orgmodel.workspace import load_workspace, workspace_files, write_workspace

from .conftest import EXAMPLE
from .fuzz_workspaces import TODAY, broken_workspaces, valid_workspaces, write_files


def examples(share: float) -> int:
    """A share of the profile's examples for one test."""
    return max(10, int(settings.default.max_examples * share))


WHOLE_FILE_PROBLEMS = ("the file is empty", "YAML aliases (*name) in this file expand", "cannot read the file",
                       "the limit is")
"""Problems of a whole file, reported with its name but no line."""
LOCATION = re.compile(r"^(?P<file>[^\n]+?\.ya?ml)(?::(?P<line>[1-9]\d*))?: \S")


def assert_located(message: str, files: set[str]) -> None:
    """Every problem in an error message starts with a file of the workspace and, unless it is about
    the whole file, its line; each is followed by a fix."""
    lines = message.split("\n")
    problems = [line for line in lines if not line.startswith("  ")]
    assert problems, message
    for problem in problems:
        found = LOCATION.match(problem)
        assert found, f"no file:line in {problem!r}"
        assert found["file"] in files, f"{found['file']!r} is no file of the workspace: {problem!r}"
        if not any(whole in problem for whole in WHOLE_FILE_PROBLEMS):
            assert found["line"], f"no line in {problem!r}"
    assert sum(line.startswith("  Fix: ") for line in lines) == len(problems), message


def load_and_check(root: Path, files: set[str]):
    """Load and check a workspace; it either works or fails with an orgmodel error naming file and line."""
    try:
        ws = load_workspace(root)
    except OrgmodelError as error:
        assert error.exit_code == 2
        assert_located(str(error), files)
        return None
    result = check(ws, TODAY)
    for finding in result.findings:
        assert finding.file in ws.files and finding.line >= 1, finding
        assert finding.message and finding.fix, finding
        assert "\n" not in finding.message + finding.fix, f"a finding on more than one line: {finding}"
    assert json.loads(FORMATS["json"](result))["summary"]["error"] == result.counts["error"]
    json.loads(FORMATS["sarif"](result))
    ET.fromstring(FORMATS["junit"](result).encode("utf-8"))
    FORMATS["text"](result).encode("utf-8")
    return ws, result


@settings(max_examples=examples(1.5))
@given(broken_workspaces())
def test_broken_workspaces_load_or_fail_with_file_and_line(files):
    with tempfile.TemporaryDirectory() as folder:
        load_and_check(write_files(Path(folder), files), set(files))


@st.composite
def one_file_of_anything(draw):
    """A manifest and one more file of arbitrary text: the loader's line-reporting under pure noise."""
    alphabet = st.sampled_from(list("abc:- \n\t[]{}'\"&*!|>#%@`,?~\\0123456789æøå") + ["\u202e", "\x00", "\r"])
    text = draw(st.text(alphabet, max_size=200))
    return {"orgmodel.yaml": b"name: Test\n", "noise.yaml": text.encode("utf-8")}


REGRESSIONS = [b'a: !!float ""\n', b"a: !!float 100+\n", b"a: !!bool x\n", b"a: !!timestamp x\n",
               b"a: " + b"9" * 5000 + b"\n", b"a: x\x00y\n", b'a: "x\\x01y"\n', b'a: "x\\Ny"\n', b'a: "x\\ry"\n',
               b'a: "\\ud800"\n', b"a: !!set {x, y}\n", b"a: !!binary aGVsbG8=\n", b"a: !!python/object:os.system x\n",
               b"a: " + b"[" * 30_000 + b"\n", b"a:\n" + b"- " * 30_000 + b"x\n", b"a: !!timestamp ']\n\n  U'\n"]
"""Inputs the fuzzers found (or that crashed the loader before), kept as fixed examples: all unreadable."""
READABLE_REGRESSIONS = [b"roles:\n  - id: 'linje 1\n\n      linje 2'\n    title: T\n",
                        b"roles:\n  - id: r\n    title: T\n    ? 'key line 1\n\n      line 2'\n    : null\n"]
"""Found by fuzzing too; these load, with findings on one line each."""


@settings(max_examples=examples(1.5))
@given(one_file_of_anything())
def test_noise_loads_or_fails_with_file_and_line(files):
    with tempfile.TemporaryDirectory() as folder:
        load_and_check(write_files(Path(folder), files), set(files))


def models(ws) -> tuple:
    """What a workspace says, without where it says it: the manifest and each entity by id."""
    return ws.manifest, {record.id: (record.kind, record.entity) for record in ws.records.values()}


def findings(result) -> list:
    """The findings without their places. Each distinct one once: a check shows a finding once per place, so two
    ignores of one rule on one line of a file in flow style are one finding, and two in the block style a copy is
    written in are two."""
    return sorted({(f.severity, f.rule, f.entity, f.message) for f in result.findings})


def exported(ws) -> dict:
    """The JSON export (node-link) read back, minus the file and line of each entry."""
    H = export_graph(build_graph(ws))
    data = json.loads(json.dumps(nx.node_link_data(H, edges="edges"), ensure_ascii=False))
    for node in data["nodes"]:
        node.pop("file", None)
        node.pop("line", None)
    return data


@settings(max_examples=examples(0.3))
@given(valid_workspaces())
def test_check_export_load_keeps_the_model(generated):
    """check → export (what `neo4j push` sends and `neo4j pull` writes back as YAML) → load: the same model,
    the same findings and the same JSON export."""
    _, files = generated
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "original", files)
        loaded = load_and_check(root, set(files))
        assert loaded is not None, "a valid workspace must load"
        ws, result = loaded
        assert ws.problems == [] and ws.duplicates == []
        nodes, _ = desired_state(build_graph(ws), ws, ws_id="fuzz")
        entries = [(label, props["_entity"]) for label, by_id in nodes.items() for props in by_id.values()
                   if "_entity" in props]
        copy = Path(folder) / "kopi æ ø"
        write_workspace(copy, workspace_files(nodes[META_LABEL]["fuzz"]["_manifest"], entries), "a test")
        again = load_workspace(copy)
        assert again.problems == []
        assert models(again) == models(ws)
        before, after = findings(result), findings(check(again, TODAY))
        assert after == before, set(after) ^ set(before)
        assert exported(again) == exported(ws)


def assert_entry_lines_match_the_file(ws) -> int:
    """The lines `check` reads from one entry's own text are those of a parse of its whole file."""
    fast = 0
    for record in ws.records.values():
        lines = ws.lines._lines_in_entry(record)
        if lines is not None:
            fast += 1
            assert lines == ws.lines._lines_in(record.file).get(record.line), record
    return fast


@settings(max_examples=examples(0.5))
@given(st.one_of(broken_workspaces(), valid_workspaces().map(lambda generated: generated[1])))
def test_lines_of_one_entry_are_those_of_its_whole_file(files):
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder), files)
        try:
            ws = load_workspace(root)
        except OrgmodelError:
            return
        assert_entry_lines_match_the_file(ws)


def test_lines_of_the_entries_of_the_example_are_read_from_the_entries():
    ws = load_workspace(EXAMPLE)
    assert assert_entry_lines_match_the_file(ws) == len(ws.records)


@pytest.mark.parametrize("text, fast", [
    (b"roles:\n  - id: a\n    title: A\n    ignore:\n      - {rule: x, reason: y}\n# c\n  - id: b\n    title: B\n", 2),
    (b"roles:\n- id: a\n  title: A\n- id: b\n  title: B\n  ignore: [{rule: x,\n reason: y}]\n", 2),
    (b"roles:\n  - id: a\n    title: A\n  - id: b\n    title: B\n    ignore: [{rule: x,\nreason: y}]\n", 1),
    (b"roles:\n  - id: a\n    title: {da: 'x,\n y'}\n  -\n    id: b\n    title: B\n", 0),
    (b"roles:\n  - &r {id: a, title: A}\n  - id: c\n    title: C\n    ignore: &i [{rule: x, reason: y}]\n"
     b"  - id: b\n    title: B\n    ignore: *i\n", 2),
    (b"roles:\r\n  - id: a\r\n    title: A\r\n", 0),
], ids=["comments", "flow", "flow-at-column-0", "quote-and-dash-alone", "aliases", "crlf"])
def test_lines_of_entries_in_odd_layouts(text, fast, tmp_path):
    ws = load_workspace(write_files(tmp_path, {"orgmodel.yaml": b"name: Test\n", "a.yaml": text}))
    assert assert_entry_lines_match_the_file(ws) == fast


@pytest.mark.parametrize("text", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_found_by_fuzzing(text, tmp_path):
    files = {"orgmodel.yaml": b"name: Test\n", "noise.yaml": text}
    assert load_and_check(write_files(tmp_path, files), set(files)) is None


@pytest.mark.parametrize("text", READABLE_REGRESSIONS, ids=range(len(READABLE_REGRESSIONS)))
def test_found_by_fuzzing_and_readable(text, tmp_path):
    files = {"orgmodel.yaml": b"name: Test\n", "noise.yaml": text}
    ws, result = load_and_check(write_files(tmp_path, files), set(files))
    assert result.findings
