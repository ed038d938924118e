"""The line of a key inside an entry found by reading lines (no parse) is the parser's line, or not given."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.errors import UnreadableInputError
from orgmodel.workspace.lines import LineIndex, key_lines
from orgmodel.workspace.yamlfile import parse_yaml

KEYS = ["id", "name", "title", "area", "category", "note"]
VALUES = st.sampled_from([
    "x", "Skole 1", "'quoted'", '"quoted"', '"two\n    name: lines"', "'two\n    title: lines'",
    "|\n      name: a\n      b",
    ">\n      text", "first\n      more", "{a: 1}", "[a, b]", "\n      name: nested", "\n      - name: item",
    "x # name: in a comment", "", "&anchor x", "*anchor",
])
ENTRY = st.lists(st.tuples(st.sampled_from(KEYS), VALUES, st.sampled_from(["", "    # name: note\n", "\n"])),
                 min_size=1, max_size=5, unique_by=lambda kv: kv[0])


def _text(entries: list) -> str:
    out = ["organisations:"]
    for entry in entries:
        for number, (key, value, after) in enumerate(entry):
            out.append(f"{'  - ' if number == 0 else '    '}{key}: {value}\n{after}".rstrip("\n"))
    return "\n".join(out) + "\n"


@settings(max_examples=400, deadline=None)
@given(st.lists(ENTRY, min_size=1, max_size=3), st.sampled_from(KEYS))
def test_a_key_line_read_from_the_lines_is_the_parsers(entries, key):
    text = _text(entries)
    try:
        data = parse_yaml(text, "f.yaml")
    except UnreadableInputError:
        return  # no workspace holds it
    index = LineIndex(SimpleNamespace())
    index.file_lines["f.yaml"] = text.split("\n")
    for entry in data["organisations"]:
        found = index._top_key_line(SimpleNamespace(file="f.yaml", line=entry.line), key)
        assert found is None or found == key_lines(entry).get(key), (text, entry.line, key)


def test_the_lines_are_read_where_they_are_sure_and_left_to_the_parser_elsewhere():
    text = _text([[("id", "a", ""), ("note", "x # title: no", ""), ("title", "T", "")],
                  [("id", "b", ""), ("note", '"a\n    title: in quotes"', ""), ("category", "c", "")]])
    index = LineIndex(SimpleNamespace())
    index.file_lines["f.yaml"] = text.split("\n")
    assert index._top_key_line(SimpleNamespace(file="f.yaml", line=2), "title") == 4
    assert index._top_key_line(SimpleNamespace(file="f.yaml", line=5), "title") is None
    assert parse_yaml(text, "f.yaml")["organisations"][1] == {"id": "b", "note": "a title: in quotes", "category": "c"}
