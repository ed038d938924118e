"""Workspaces are read by the YAML 1.2 core schema, and the loader and the JSON Schema agree on what they accept."""

import json
import math
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace
from orgmodel.workspace.yamledit import scalar
from orgmodel.workspace.yamlfile import parse_yaml

SCHEMAS = Path(__file__).parent.parent / "schema"
WRITTEN = {
    # a plain value as written → what YAML 1.2 (core schema) reads
    "0740": 740, "740": 740, "0101": 101, "0o17": 15, "0x1F": 31, "+5": 5, "-3": -3, "2026": 2026,
    "1e3": 1000.0, ".5": 0.5, "12.0": 12.0, "2.5": 2.5, "-.inf": -math.inf,
    "true": True, "False": False, "TRUE": True,
    "null": None, "~": None, "": None, "NULL": None,
    "off": "off", "on": "on", "yes": "yes", "no": "no", "y": "y", "n": "n", "Off": "Off", "tRue": "tRue",
    "1_000": "1_000", "0b101": "0b101", "1:20": "1:20", "0o8": "0o8", "0xG": "0xG", "1e": "1e",
    "Silkeborg": "Silkeborg", "'0740'": "0740", '"off"': "off", "'true'": "true",
}


def read(text: str):
    return parse_yaml(text, "a.yaml")


@pytest.mark.parametrize(("written", "value"), WRITTEN.items())
def test_plain_values_mean_what_they_look_like(written, value):
    assert read(f"a: {written}\n") == {"a": value}
    if written:
        assert read(f"a: [{written}]\n") == {"a": [value]}  # the flow style reads the same


def test_nan_and_explicit_tags_follow_yaml_12():
    assert math.isnan(read("a: .NaN\n")["a"])
    assert read("a: !!int 0740\nb: !!float 1\nc: !!str 0740\n") == {"a": 740, "b": 1.0, "c": "0740"}


def test_the_fallback_constructor_reads_the_same_as_the_fast_path():
    """Anchors take PyYAML's general constructor: the values are the same."""
    text = "x: &x {a: 0740, b: off, c: yes, d: 1e3, e: 0o17}\ny: *x\n"
    assert read(text) == {"x": {"a": 740, "b": "off", "c": "yes", "d": 1000.0, "e": 15},
                          "y": {"a": 740, "b": "off", "c": "yes", "d": 1000.0, "e": 15}}


@pytest.mark.parametrize("written", ["0740", "740", "'0740'", "Silkeborg"])
def test_an_area_code_means_silkeborg_however_written(make_ws, written):
    root = make_ws({"a.yaml": f"organisations:\n  - id: x\n    name: X\n    category: politi\n    area: {written}\n"})
    ws = load_workspace(root)
    assert ws.problems == []
    assert build_graph(ws).nodes["x"]["area"] == "silkeborg"


def test_off_in_rules_is_a_severity_not_false(make_ws):
    root = make_ws({"orgmodel.yaml": "name: T\nrules: {forum.recommended-partners: off}\n"})
    ws = load_workspace(root)
    assert ws.problems == []
    assert ws.manifest.rules == {"forum.recommended-partners": "off"}


def test_yes_no_on_off_are_text(make_ws):
    root = make_ws({"a.yaml": "organisations:\n  - id: x\n    name: yes\n    category: politi\n"
                              "    short_name: no\n    note: on\n    tags: [off, y]\n"})
    ws = load_workspace(root)
    assert ws.problems == []
    entity = ws.records["x"].entity
    assert (entity.name, entity.short_name, entity.note, entity.tags) == ("yes", "no", "on", ["off", "y"])


@pytest.mark.parametrize("text", ["1e3", "0o17", "off", "0740", "yes", "true", "null", "1_000", ".5"])
def test_import_writes_text_that_reads_back_as_text(text):
    assert read(f"a: {scalar(text)}\n") == {"a": text}


def test_an_empty_section_is_valid_for_the_loader_and_the_schema(make_ws):
    root = make_ws({"a.yaml": "organisations:\nroles:\n"})
    assert load_workspace(root).problems == []
    schema = json.loads((SCHEMAS / "workspace.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate({"organisations": None, "roles": None})


# --- the loader and the JSON Schema accept the same files ----------------------------------------------------

FIELDS = ("name", "category", "short_name", "area", "note", "tags")
VALUES = [w for w in WRITTEN if w != "-.inf"] + ["[]", "[0740, off]", "[a, 1e3]", "{da: X}", "politi"]


def _expected(written: str):
    """What the entry's value is by YAML 1.2, as a JSON document would hold it."""
    if written.startswith("["):
        return [WRITTEN.get(item.strip(), item.strip()) for item in written[1:-1].split(",") if item.strip()]
    if written.startswith("{"):
        return {"da": "X"}
    return WRITTEN.get(written, written)


@st.composite
def workspace_files(draw):
    entries = []
    for index in range(draw(st.integers(0, 3))):
        entry = {"id": f"e{index}"}
        for name in draw(st.lists(st.sampled_from(FIELDS), unique=True)):
            entry[name] = draw(st.sampled_from(VALUES))
        entries.append(entry)
    rule = draw(st.sampled_from(["off", "warning", "error", "info", "false", "no", "yes", "~", "0"]))
    return entries, rule, draw(st.booleans())


@settings(max_examples=150, deadline=None)
@given(workspace_files())
def test_the_loader_and_the_json_schema_accept_the_same_files(tmp_path_factory, generated):
    entries, rule, empty_section = generated
    lines = ["organisations:"] + [
        "\n".join([f"  - id: {entry['id']}", *(f"    {k}: {v}" for k, v in entry.items() if k != "id")])
        for entry in entries]
    text = "\n".join(lines) + ("\nroles:" if empty_section else "") + "\n"
    manifest = f"name: T\nrules: {{forum.recommended-partners: {rule}}}\n"
    data = read(text)
    expected = {"organisations": [{k: _expected(v) if k != "id" else v for k, v in e.items()} for e in entries] or None}
    if empty_section:
        expected["roles"] = None
    assert data == expected  # the values are what YAML 1.2 says
    root = tmp_path_factory.mktemp("ws")
    (root / "orgmodel.yaml").write_text(manifest, encoding="utf-8")
    (root / "a.yaml").write_text(text, encoding="utf-8")
    ws_schema = json.loads((SCHEMAS / "workspace.schema.json").read_text(encoding="utf-8"))
    manifest_schema = json.loads((SCHEMAS / "orgmodel.schema.json").read_text(encoding="utf-8"))
    schema_accepts = (jsonschema.Draft202012Validator(ws_schema).is_valid(json.loads(json.dumps(data)))
                      and jsonschema.Draft202012Validator(manifest_schema).is_valid(read(manifest)))
    problems = load_workspace(root).problems
    assert (problems == []) == schema_accepts, (text, manifest, [p.message for p in problems])


def test_true_or_false_where_a_number_belongs_is_an_error_not_1_or_0(make_ws):
    root = make_ws({"orgmodel.yaml": "name: T\nmax_age: true\n",
                    "a.yaml": "forums:\n  - id: f\n    type: ssp\n    area: odense\n    meetings_per_year: false\n"
                              "goals:\n  - id: g\n    level: handling\n    title: G\n    indicators:\n"
                              "      - {measure: M, target: true}\n"})
    ws = load_workspace(root)
    assert [(p.location, p.message) for p in ws.problems] == [
        ("orgmodel.yaml:2", "'max_age' of orgmodel.yaml must be a whole number, not true"),
        ("a.yaml:5", "'meetings_per_year' of forum 'f' must be a whole number, not false"),
        ("a.yaml:11", "'target' of the first item of 'indicators' of goal 'g' must be a number, not true")]
    assert ws.manifest.max_age == 100 and ws.records["f"].entity.meetings_per_year is None
