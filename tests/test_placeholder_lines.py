"""`placeholder.todo` walks only the entries whose own lines mention TODO (or every entry of a file not read line
by line): it finds what a walk over every entry finds, wherever the TODO stands."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.check import check
from orgmodel.check.rules.hygiene import _placeholders
from orgmodel.model import PERSONAL_FIELDS
from orgmodel.workspace import load_workspace

TODAY = dt.date(2026, 12, 2)
TEXTS = ["Skolen", "TODO", "'todo: navn'", "ToDo x", "ikke todo", "t", "Todo", "'TODO quoted'", "'skole'"]
"""Values as written (some quoted); a value that mentions TODO but does not start with it is no placeholder."""
COMMENTS = ["", "  # todo: ask", "  # note"]


def _entry(number: int, name: str, tags: list[str], block: bool, note: str | None, comment: str) -> list[str]:
    lines = [f"- id: o{number}{comment}", f"  name: {name}", "  category: skole"]
    if tags:
        lines += ["  tags:", *(f"  - {tag}" for tag in tags)] if block else [f"  tags: [{', '.join(tags)}]"]
    if note is not None:
        lines.append(f"  note: {note}")
    return lines


entries = st.lists(st.tuples(st.sampled_from(TEXTS), st.lists(st.sampled_from(["x", "todo y", "TODO"]), max_size=3),
                             st.booleans(), st.none() | st.sampled_from(TEXTS), st.sampled_from(COMMENTS)),
                   min_size=1, max_size=8)
# how the file ends up read: line by line (the fast path), or by parse_yaml because of an escape or an alias
ENDINGS = {"": [], "escape": ['- id: escaped', '  name: "\\x54ODO escaped"', "  category: skole"],
           "alias": ["- id: anchored", "  name: &placeholder TODO anchored", "  category: skole",
                     "- id: aliased", "  name: Skolen", "  category: skole", "  tags: [*placeholder]"]}


def _walked(ws) -> list[tuple[str, str]]:
    """What a walk over every entry of every file finds, as the rule words it (equal findings are one)."""
    return sorted({(record.id, f"'{field}' is still a placeholder" + ("" if field.split(".")[0] in PERSONAL_FIELDS
                                                                    else f": {text}"))
                   for record in ws.records.values() for field, text in _placeholders(record.entity)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries, st.sampled_from(sorted(ENDINGS)), st.sampled_from(COMMENTS))
def test_the_placeholders_found_are_those_of_every_entry(make_ws, written, ending, heading):
    lines = [f"organisations:{heading}"]
    for number, (name, tags, block, note, comment) in enumerate(written):
        lines += _entry(number, name, tags, block, note, comment)
    root = make_ws({"kommune.yaml": "\n".join(lines + ENDINGS[ending]) + "\n"})
    ws = load_workspace(root)
    assert (ws.placeholder_files.get("kommune.yaml", ()) is None) == (ending != "")  # the case meant is made
    found = sorted((f.entity, f.message) for f in check(ws, TODAY).findings if f.rule == "placeholder.todo")
    assert found == _walked(ws)


def test_an_entry_is_judged_by_the_lines_from_its_dash_to_the_next_entry(make_ws):
    root = make_ws({"kommune.yaml": "organisations:\n"
                                    "- name: TODO first\n  id: a\n  category: skole\n"
                                    "- id: b\n  category: skole\n  name: Skolen\n"
                                    "- id: c\n  name: Skolen\n  category: skole\n  tags:\n  - x\n  - TODO last\n"})
    ws = load_workspace(root)
    assert ws.placeholder_files == {"kommune.yaml": (2, 13)}
    found = [(f.entity, f.message) for f in check(ws, TODAY).findings if f.rule == "placeholder.todo"]
    assert found == [("a", "'name' is still a placeholder: TODO first"),
                     ("c", "'tags' is still a placeholder: TODO last")]


def test_a_placeholder_written_with_an_escape_in_a_file_that_never_mentions_todo(make_ws):
    root = make_ws({"kommune.yaml": 'organisations:\n- id: a\n  name: "\\x54ODO navn"\n  category: skole\n'})
    found = [(f.entity, f.message) for f in check(load_workspace(root), TODAY).findings if f.rule == "placeholder.todo"]
    assert found == [("a", "'name' is still a placeholder: TODO navn")]
