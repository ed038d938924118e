"""The cheaper parts of a cold `orgmodel check`: each must give what the code it replaced gave.

bench/incremental_bench.py measures the cold check; these tests pin that each shortcut reads alike
(the mention of TODO, the layout digest, the workspace cache's table) and that the check's result is
pickled once and the collector stays paused while the output is made.
"""

import datetime as dt
import gc
import hashlib
import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.check import cache as check_cache
from orgmodel.model import Finding
from orgmodel.workspace import unchanged

EXAMPLE = "examples/midt-og-vestjylland"


def test_no_letter_outside_ascii_matches_those_of_todo_in_any_case():
    """Why the bytes tell where the text mentions TODO (:func:`unchanged.todo_lines`)."""
    for letter in "tod":
        pattern = re.compile(letter, re.IGNORECASE)
        assert [c for c in map(chr, range(sys.maxunicode + 1)) if pattern.fullmatch(c)] == [letter.upper(), letter]


def test_a_text_that_is_a_placeholder_mentions_todo_in_ascii():
    """Why a placeholder (a text that starts with TODO once stripped and upper-cased) is found on a line that
    mentions TODO: only ASCII letters upper-case to O or D, and ẗ, the only other letter that upper-cases to T,
    becomes T and a combining mark."""
    upper = {letter: [c for c in map(chr, range(sys.maxunicode + 1)) if c.upper()[:1] == letter] for letter in "TOD"}
    assert upper == {"T": ["T", "t", "\u1e97"], "O": ["O", "o"], "D": ["D", "d"]}
    assert "\u1e97".upper() == "T\u0308"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["t", "T", "o", "O", "d", "D", "ø", "İ", "ſ", "K", " ", "\n", "#", "x"]),
               max_size=30))
def test_the_lines_that_mention_todo_are_found_in_the_bytes_as_in_the_text(text):
    raw = text.encode()
    lines = tuple(number for number, line in enumerate(text.split("\n"), 1) if unchanged.MENTIONS_TODO.search(line))
    assert unchanged.todo_lines(raw) == lines
    assert unchanged.todo_lines(b"\xef\xbb\xbf" + raw) == lines


_LINE_BY_LINE = re.compile(rb"^[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _layout_as_before(raw: bytes) -> bytes:
    """:func:`unchanged.layout_digest` as it was written first: every comment or blank line emptied in place."""
    return hashlib.sha256(_LINE_BY_LINE.sub(b"", raw).rstrip(b"\n")).digest()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"a: 1", b"  - id: x", b"", b" ", b"\t", b"#", b"  # c", b"x # y", b"\r", b"\n",
                                 b"\n\n", b" \t#\t", b"#\r"]), max_size=12))
def test_the_layout_digest_is_that_of_the_lines_emptied_one_by_one(pieces):
    raw = b"".join(pieces)
    assert unchanged.layout_digest(raw) == _layout_as_before(raw)


def test_the_layout_digest_of_a_generated_district_is_as_before(tmp_path):
    from bench.synthetic import generate

    generate(tmp_path / "ws", 3000)
    for path in sorted((tmp_path / "ws").rglob("*.yaml")):
        raw = path.read_bytes()
        commented = raw.replace(b"\n  - id:", b"\n# a note\n\n  - id:", 3)
        assert unchanged.layout_digest(raw) == _layout_as_before(raw)
        assert unchanged.layout_digest(commented) == _layout_as_before(commented) == unchanged.layout_digest(raw)


def test_a_checks_result_is_pickled_once_for_both_of_its_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ORGMODEL_CACHE", raising=False)
    pickled = []

    def counted(self):
        pickled.append(self)
        return self.__dict__

    monkeypatch.setattr(check_cache.Checked, "__getstate__", counted, raising=False)
    day = dt.date(2026, 11, 22)
    cold = check_cache.check_output([EXAMPLE], "json", today=day)
    assert len(pickled) == 1
    assert sorted(p.suffix for p in tmp_path.glob("check-*")) == [".ref", ".result", ".same", ".shown"]
    (tmp_path / next(p.name for p in tmp_path.glob("check-*.shown"))).unlink()
    assert check_cache.check_output([EXAMPLE], "json", today=day) == cold  # the stored result, read back
    assert len(pickled) == 1


def test_the_collector_stays_paused_while_the_output_is_made(monkeypatch):
    monkeypatch.setenv("ORGMODEL_CACHE", "off")
    seen = []
    made = check_cache._format

    def watched(*args):
        seen.append(gc.isenabled())
        return made(*args)

    monkeypatch.setattr(check_cache, "_format", watched)
    assert gc.isenabled()
    check_cache.check_output([EXAMPLE], "sarif", today=dt.date(2026, 11, 22))
    assert seen == [False] and gc.isenabled()


def _loaded_with_everything(make_ws):
    """A workspace with a duplicate, an entry read in part, an invalid entry and a problem, loaded as the cache
    loads it (with what each file gave)."""
    from orgmodel.workspace import load_workspace

    root = make_ws({
        "a.yaml": "organisations:\n  - id: a\n    name: A\n    category: kommune\n    area: 740\n"
                  "  - id: b\n    name: {da: Bé, en: B}\n    category: skole\n    tags: [x, y]\n",
        "b.yaml": "organisations:\n  - id: a\n    name: Again\n    category: politi\n"
                  "  - id: c\n    name: C\n    category: skole\n    valid_from: soon\n    verified: 2026-01-01\n"
                  "  - name: no id\n    category: skole\n  - id: d\n    category: [skole]\nunknown: 1\n",
        "c.yaml": "forums:\n  - id: f\n    type: ssp\n    members: [a, {id: b, since: 2025-01-01}]\n"
                  "    covers: {ages: 6-17, groups: [unge]}\n",
    })
    parsed: dict = {}
    return load_workspace(root, parsed), parsed


def test_the_cache_stores_an_entrys_values_without_their_names(make_ws):
    from orgmodel.workspace.packed import pack

    ws, parsed = _loaded_with_everything(make_ws)
    count, columns, *_ = pack(ws, parsed)
    kinds, files, lines, unreadable, models, values, fields_sets = columns
    assert count == len(ws.records) and len(kinds) == len(ws.records) + len(ws.duplicates)
    assert all(type(v) is tuple and len(v) == len(m.model_fields) for m, v in zip(models, values, strict=True))


def test_the_workspace_and_what_each_file_gave_read_back_from_the_cache_are_as_loaded(make_ws):
    import pickle

    from orgmodel.workspace.packed import pack, unpack

    ws, parsed = _loaded_with_everything(make_ws)
    again, parsed_again = unpack(pickle.loads(pickle.dumps(pack(ws, parsed))))
    assert list(again.records.items()) == list(ws.records.items())
    for id_, record in ws.records.items():
        assert list(again.records[id_].entity.__dict__.items()) == list(record.entity.__dict__.items())
        assert again.records[id_].entity.__pydantic_fields_set__ == record.entity.__pydantic_fields_set__
        assert again.records[id_].unreadable == record.unreadable
    assert again.duplicates == ws.duplicates and again.duplicates[0][1] is again.records["a"]
    assert again.problems == ws.problems and again.invalid_ids == ws.invalid_ids
    assert parsed_again == parsed
    records_in_logs = [item for _, log, *_ in parsed_again.values() for item in log if not isinstance(item, tuple)]
    assert {id(r) for r in again.records.values()} <= {id(r) for r in records_in_logs}


def test_an_entry_whose_fields_are_in_another_order_is_read_back_by_their_names(make_ws):
    from orgmodel.workspace.packed import pack, unpack

    ws, parsed = _loaded_with_everything(make_ws)
    entity = ws.records["b"].entity
    object.__setattr__(entity, "__dict__", dict(reversed(list(entity.__dict__.items()))))
    again, _ = unpack(pack(ws, parsed))
    assert again.records["b"].entity == entity and again.records["b"].entity.name.da == "Bé"


_PIECES = st.lists(st.sampled_from(["a", "b: 1", "- ", "  - ", "  ", "#", ":", "\n", "\r", "x-y", "- id: c", " "]),
                   max_size=16)


@settings(max_examples=500, deadline=None)
@given(_PIECES)
def test_the_keys_at_the_start_of_a_line_are_those_the_line_by_line_pattern_finds(pieces):
    from orgmodel.workspace import fastyaml

    text = "".join(pieces)
    line_by_line = re.compile(r"^[^ #\-\r\n][^:\n]*", re.MULTILINE)
    assert fastyaml._top_keys(text) == [(m.start(), m.end(), m.group()) for m in line_by_line.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_PIECES, st.integers(0, 3))
def test_the_dashes_of_a_list_are_those_the_line_by_line_pattern_finds(pieces, column):
    from orgmodel.workspace import fastyaml

    text = "k:\n" + "".join(pieces)
    line_by_line = re.compile(rf"^ {{{column}}}- ", re.MULTILINE)
    assert [m.start() + 1 for m in fastyaml._items_at(column).finditer(text, 2)] == \
        [m.start() for m in line_by_line.finditer(text, 3)]
    for at in range(3, len(text)):
        assert bool(fastyaml._items_at(column).search(text, at)) == bool(line_by_line.search(text, at + 1))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_the_json_of_a_checks_output_is_written_as_json_writes_it(data):
    from orgmodel.check.output import json_text

    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.floats() | st.tuples(st.integers()) | st.text(max_size=3),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.integers() | st.booleans() | st.none() | st.text(max_size=2), inner, max_size=3),
                    max_leaves=8))
def test_what_json_text_does_not_write_itself_is_written_by_json(data):
    from orgmodel.check.output import json_text

    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_json_and_sarif_output_are_as_json_writes_them(monkeypatch):
    from orgmodel.check import FORMATS, check_workspaces, output

    monkeypatch.setenv("ORGMODEL_CACHE", "off")
    result = check_workspaces([EXAMPLE], today=dt.date(2026, 11, 22))
    made = {fmt: FORMATS[fmt](result) for fmt in ("json", "sarif")}
    monkeypatch.setattr(output, "json_text",
                        lambda data: json.dumps(data, ensure_ascii=False, indent=2, default=output._shaped_data))
    assert made == {fmt: FORMATS[fmt](result) for fmt in ("json", "sarif")}


_FINDINGS = st.lists(st.builds(
    lambda severity, file, line, rule, entity, message, fix, source, workspace: Finding(
        severity, file, line, rule, entity, message, fix, source, "integrity", workspace),
    st.sampled_from(["error", "warning", "info"]), st.text(max_size=6), st.integers(0, 10**6),
    st.sampled_from(["id.duplicate", "ref.dangling"]), st.text(max_size=4), st.text(max_size=12),
    st.text(max_size=6), st.none() | st.text(max_size=6), st.just("") | st.text(max_size=3)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(_FINDINGS, _FINDINGS)
def test_findings_in_json_and_sarif_are_written_as_json_writes_them(findings, ignored):
    """The findings of JSON and SARIF output are written by templates of their shape (output._Shaped): the same
    text as ``json.dumps`` of the same blocks, whatever the texts hold."""
    from orgmodel.check import CheckResult, output
    from orgmodel.check.cache import Checked, ShownManifest

    workspace = Checked(EXAMPLE, ShownManifest("x"), range(3), ["a.yaml"], {})
    result = CheckResult(workspace, dt.date(2026, 11, 22), dt.date(2026, 11, 22), sorted(findings),  # type: ignore[arg-type]
                         sorted(ignored), {})
    result.rules = {f.rule: _RULES[f.rule] for f in findings + ignored}
    made = {fmt: output.FORMATS[fmt](result) for fmt in ("json", "sarif")}
    with pytest.MonkeyPatch.context() as m:
        m.setattr(output, "json_text",
                  lambda data: json.dumps(data, ensure_ascii=False, indent=2, default=output._shaped_data))
        assert made == {fmt: output.FORMATS[fmt](result) for fmt in ("json", "sarif")}


def _rules():
    from orgmodel.check.rules import RULES

    return {rule_id: RULES[rule_id].stored() for rule_id in ("id.duplicate", "ref.dangling")}


_RULES = _rules()
