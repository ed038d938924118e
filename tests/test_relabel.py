"""A check after names and titles alone were edited (orgmodel.check.relabel): the stored findings shown with
the new labels, without loading the workspace or running the rules, and exactly what a check made anew gives.
A property test writes random text into the labels (quotes, colons, comments, TODO, line breaks, anything) and
compares with a cold check."""

import os
import re
import subprocess
import sys
import typing

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.check import FORMATS, check_output, check_workspaces
from orgmodel.errors import OrgmodelError
from orgmodel.model import SECTIONS, Text
from orgmodel.workspace import FREE_TEXT_KEYS, LABEL_KEYS, label_edits
from orgmodel.workspace.unchanged import IN_TWO_LANGUAGES
from tests.districts import add_member, bornholm, find

from .test_check_cache import TODAY, cold, run_check, runs  # noqa: F401  (runs is a fixture)


def labelled() -> dict:
    """Bornholm with findings that name entries by their labels: the kredsråd's chair is no politidirektør, the
    borgmester has no substitute, two roles share a title, a sports club sits where individual persons are
    discussed; a second entry with the id 'politikommissaer'
    (id.duplicate) gives no label; labels in two languages."""
    data = bornholm()
    find(data, "kredsraad")["chair"] = "politikommissaer"
    data["roles"] = [r for r in data["roles"] if r["id"] != "stedfortraeder-bornholm"]
    data["roles"].append({"id": "politikommissaer", "title": "Anden kommissær", "organisation": "bornholms-politi"})
    data["roles"].append({"id": "borgmester-2", "title": "Borgmester", "type": "borgmester",
                          "organisation": "bornholm-kommune"})
    find(data, "kredsraad")["members"].append("borgmester-2")
    find(data, "lokalraad")["name"] = {"da": "Lokalrådet", "en": "Local council"}
    find(data, "lokalraad")["note"] = "Mødes hver måned"
    find(data, "bornholms-politi")["short_name"] = "Politiet"
    find(data, "s1")["description"] = {"da": "Færre indbrud i hele kommunen", "en": "Fewer burglaries"}
    add_member(data, "ssp", "bif", "Boldklubben", "idraetsforening")
    find(data, "ssp")["individual_cases"] = True
    return data


@pytest.fixture
def ws(make_ws):
    return make_ws({"orgmodel.yaml": "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n",
                    "data.yaml": yaml.safe_dump(labelled(), allow_unicode=True, sort_keys=False, width=1000)})


def labels_shown(root) -> list[str]:
    return [f.message for f in check_workspaces([root], TODAY).findings if "' (" in f.message]


def test_the_workspace_has_findings_that_name_entries_by_label(ws, cache_dir):
    shown = labels_shown(ws)
    assert "the chair 'politikommissaer' (Politikommissær) is not a politidirektør" in shown
    assert "no substitute is recorded for 'borgmester-bornholm' (Borgmester)" in shown
    assert len(shown) >= 4


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_renamed_entry_is_shown_anew_without_running_the_rules(ws, cache_dir, runs, monkeypatch, fmt):  # noqa: F811
    args = (str(ws), "--format", fmt, "--today", TODAY.isoformat())
    run_check(*args)
    data = ws / "data.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("title: Politikommissær", "title: Vicepolitiinspektør")
                    .replace("title: Borgmester\n", "title: Borgmester for Bornholm\n", 1), encoding="utf-8")
    assert run_check(*args) == cold(monkeypatch, *args)
    assert len(runs) == 1, "the rules ran again"
    assert "'politikommissaer' (Vicepolitiinspektør)" in run_check(*args)[1]
    assert "'borgmester-bornholm' (Borgmester for Bornholm)" in run_check(*args)[1]


def test_the_label_of_an_id_given_twice_is_the_first_entrys(ws, cache_dir, runs, monkeypatch):  # noqa: F811
    run_check(str(ws))
    data = ws / "data.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("title: Anden kommissær", "title: Tredje"),
                    encoding="utf-8")
    assert run_check(str(ws)) == cold(monkeypatch, str(ws))
    assert len(runs) == 1
    assert "Tredje" not in run_check(str(ws))[1]


def test_a_label_of_two_languages_is_shown_anew(ws, cache_dir, runs, monkeypatch):  # noqa: F811
    find_text = "  name:\n    da: Lokalrådet\n"
    data = ws / "data.yaml"
    assert find_text in data.read_text(encoding="utf-8")
    run_check(str(ws))
    data.write_text(data.read_text(encoding="utf-8").replace(find_text, "  name:\n    da: Lokalråd Bornholm\n"),
                    encoding="utf-8")
    assert run_check(str(ws)) == cold(monkeypatch, str(ws))
    assert len(runs) == 1


@pytest.mark.parametrize("edit", [
    ("title: Politikommissær", "title: 'Politikommissær'"),  # quoted: proven only for plain text
    ("title: Politikommissær", "title: TODO"),  # a placeholder
    ("title: Politikommissær", "title: Politikommissær # note"),  # a comment on the line
    ("title: Politikommissær", "title: Politi: kommissær"),  # not YAML
    ("title: Politikommissær", "title: 2026"),  # a number
    ("title: Politikommissær\n", "title: Politikommissær\n  note: new\n"),  # a line more
    ("title: Politikommissær\n  type: politiinspektoer", "title: X\n  type: politidirektoer"),  # a value too
])
def test_anything_but_a_plain_label_runs_the_check_again(ws, cache_dir, runs, monkeypatch, edit):  # noqa: F811
    run_check(str(ws))
    data = ws / "data.yaml"
    text = data.read_text(encoding="utf-8")
    assert edit[0] in text
    data.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    assert run_check(str(ws)) == cold(monkeypatch, str(ws))
    assert len(runs) == 2


@pytest.mark.parametrize("edit", [
    # a text-only key written in two languages is an error that shows the value
    ("short_name: Politiet", "short_name:\n    da: Foo\n    en: Bar", "da: Foo", "da: Baz"),
    # a value in two languages that no model reads is an error that shows the whole value
    ("en: Fewer burglaries", "en: [x]", "da: Færre indbrud i hele kommunen", "da: Færre indbrud"),
    # an alias elsewhere repeats the value that changed
    ("name: Bornholms Politi", "name: &n\n    da: Bornholms Politi\n    en: Police", "da: Bornholms Politi",
     "da: Politiet"),
])
def test_a_text_shown_elsewhere_runs_the_check_again(make_ws, cache_dir, runs, monkeypatch, edit):  # noqa: F811
    data = labelled()
    if edit[1].startswith("name: &n"):
        find(data, "bornholm-skoler")["tags"] = ["ALIAS"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).replace(edit[0], edit[1])
    ws = make_ws({"orgmodel.yaml": "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n",
                  "data.yaml": text.replace("- ALIAS", "- *n")})
    run_check(str(ws))
    path = ws / "data.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(edit[2], edit[3]), encoding="utf-8")
    assert run_check(str(ws)) == cold(monkeypatch, str(ws))
    assert len(runs) == 2


def test_workspaces_given_through_links_keep_their_names(tmp_path, cache_dir, runs, monkeypatch):  # noqa: F811
    """Two workspaces read as one through links named the other way round: each file keeps the name of the folder
    it was given by."""
    text = yaml.safe_dump(labelled(), allow_unicode=True, sort_keys=False, width=1000)
    for name in ("A", "B"):
        (tmp_path / "real" / name).mkdir(parents=True)
        (tmp_path / "real" / name / "orgmodel.yaml").write_text(f"name: {name}\n", encoding="utf-8")
        (tmp_path / "real" / name / "data.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "A").symlink_to(tmp_path / "real" / "B")
    (tmp_path / "links" / "B").symlink_to(tmp_path / "real" / "A")
    args = (str(tmp_path / "links" / "A"), str(tmp_path / "links" / "B"))
    run_check(*args)
    data = tmp_path / "real" / "B" / "data.yaml"
    data.write_text(text.replace("title: Politikommissær", "title: Vicekommissær"), encoding="utf-8")
    assert run_check(*args) == cold(monkeypatch, *args)
    assert "A/data.yaml:" in run_check(*args)[1] and "Vicekommissær" in run_check(*args)[1]
    assert len(runs) == 1


def test_a_national_check_is_shown_anew(tmp_path, cache_dir, runs, monkeypatch):  # noqa: F811
    for name in ("bornholm", "other"):
        (tmp_path / "nation" / name).mkdir(parents=True)
        (tmp_path / "nation" / name / "orgmodel.yaml").write_text(f"name: {name}\n", encoding="utf-8")
    data = labelled()
    find(data, "kredsraad")["members"].append("gaest")  # a role of the other workspace
    (tmp_path / "nation" / "bornholm" / "data.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    (tmp_path / "nation" / "other" / "roles.yaml").write_text(
        "roles:\n  - id: gaest\n    title: Gæst\n    organisation: bornholms-politi\n", encoding="utf-8")
    args = (str(tmp_path / "nation"), "--format", "json")
    first = run_check(*args)
    assert "'gaest' (Gæst)" in first[1]
    roles = tmp_path / "nation" / "other" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("title: Gæst", "title: Gæsten"), encoding="utf-8")
    assert run_check(*args) == cold(monkeypatch, *args)
    assert "'gaest' (Gæsten)" in run_check(*args)[1]
    assert len(runs) == 1


def test_an_edited_note_description_or_short_name_needs_no_rules(ws, cache_dir, runs, monkeypatch):  # noqa: F811
    run_check(str(ws))
    data = ws / "data.yaml"
    text = data.read_text(encoding="utf-8")
    for old, new in (("note: Mødes hver måned", "note: Mødes hver uge"), ("short_name: Politiet", "short_name: BP"),
                     ("da: Færre indbrud i hele kommunen", "da: Færre indbrud")):
        assert old in text
        text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")
    assert run_check(str(ws)) == cold(monkeypatch, str(ws))
    assert len(runs) == 1


def test_the_label_keys_are_those_of_the_models():
    """Each section's entries have the label key of LABEL_KEYS, of the type a label has, and not the other."""
    for section, model in SECTIONS.items():
        key = LABEL_KEYS[section]
        other = {"name": "title", "title": "name"}[key]
        assert key in model.model_fields and other not in model.model_fields, section
        assert set(typing.get_args(model.model_fields[key].annotation)) - {type(None)} == {str, Text}, section
        for free in FREE_TEXT_KEYS[section]:
            types = set(typing.get_args(model.model_fields[free].annotation)) - {type(None)}
            assert types == ({str, Text} if free in IN_TWO_LANGUAGES else {str}), (section, free)
    assert set(LABEL_KEYS) == set(SECTIONS) == set(FREE_TEXT_KEYS)
    assert set(LABEL_KEYS.values()) <= IN_TWO_LANGUAGES


def test_no_rule_reads_a_label_but_to_show_it():
    """Rules name entries by Context.label only: no rule module reads a name or title otherwise, nor a note, a
    description or a short name (placeholder.todo reads every text, through the entity's fields)."""
    from pathlib import Path

    import orgmodel.check.rules as rules

    for path in Path(rules.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""\.(name|title|note|description|short_name)\b(?!\()|"""
                             r"""\[["'](name|title|note|description|short_name)["']\]|"""
                             r"""get\(["'](name|title|note|description|short_name)["']""",
                             re.sub(r"(AREAS\[[^]]*\]|area|spec|rule|r|manifest)\.(name|title)", "", text)), path


def test_renamed_refuses_what_it_cannot_prove():
    before = b"forums:\n- id: ssp\n  name: SSP\n  type: ssp\n"
    assert label_edits(before, before.replace(b"SSP\n", b"SSP Nord\n"), "f.yaml") == {("ssp", 2): "SSP Nord"}
    for after in (b"forums:\n- id: ssp\n  name: \"SSP\"\n  type: ssp\n",  # same value, other form
                  b"forums:\n- id: ssp\n  name: SSP Nord\n  type: psp\n",
                  b"forums:\n- id: ssq\n  name: SSP Nord\n  type: ssp\n",
                  b"forums:\n- id: ssp\n  name: [SSP]\n  type: ssp\n",
                  b"forums:\n- id: ssp\n  name: SSP  \n  type: ssp\n",
                  b"roles:\n- id: ssp\n  name: SSP Nord\n  type: ssp\n",
                  b"forums:\n- id: ssp\n  name: todo SSP\n  type: ssp\n",
                  b"forums:\n- id: ssp\n  name: &a SSP Nord\n  type: ssp\n",
                  b"forums:\n- id: ssp\n  name: SSP\n  type: ssp\n# more\n",
                  b"forums:\n- id: ssp\n  name: SSP\r\n  type: ssp\n"):
        assert label_edits(before, after, "f.yaml") is None, after
    assert label_edits(b"roles:\n- id: r\n  title: A\n  name: B\n", b"roles:\n- id: r\n  title: C\n  name: B\n",
                   "f.yaml") is None  # a second label key: which one is shown is not for this to tell


_TEXT = st.lists(st.sampled_from(list("abcæøå XYZ-:#'\"&*!|>{}[],%@`?\\\t\u2028\u00a0\U0001f600Tdo") + ["\n", "todo"]),
                 max_size=8).map("".join) | st.text("abcæøå XYZ-", min_size=1, max_size=8)
"""Anything, or plain words (a label the check can show anew without running the rules)."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 30), _TEXT), min_size=1, max_size=3))
def test_a_check_after_label_edits_is_a_check_made_anew(make_ws, tmp_path_factory, edits):
    root = make_ws({"orgmodel.yaml": "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n",
                    "data.yaml": yaml.safe_dump(labelled(), allow_unicode=True, sort_keys=False, width=1000)},
                   name=f"ws-{len(os.listdir(tmp_path_factory.getbasetemp()))}")
    folder = tmp_path_factory.mktemp("cache")
    env = {"ORGMODEL_CACHE_DIR": str(folder)}
    with _environment(env):
        check_output([root], "json", today=TODAY)
    data = root / "data.yaml"
    lines = data.read_text(encoding="utf-8").split("\n")
    places = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?(name|title|da|en|note|short_name): ", line)]
    for at, text in edits:
        i = places[at % len(places)]
        lines[i] = lines[i][:lines[i].index(": ") + 2] + text
    data.write_text("\n".join(lines), encoding="utf-8")
    with _environment(env):
        warm = _outputs(root)
    with _environment({"ORGMODEL_CACHE": "off"}):
        made = _outputs(root)
    assert warm == made


def _outputs(root) -> dict | str:
    """The check's output in text and JSON, or the message of the error that stopped it."""
    try:
        return {fmt: check_output([root], fmt, today=TODAY) for fmt in ("text", "json")}
    except OrgmodelError as error:
        return str(error)


class _environment:
    def __init__(self, values: dict):
        self.values, self.before = values, {}

    def __enter__(self):
        self.before = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *_):
        for k, v in self.before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_a_renamed_entry_is_checked_without_importing_the_rules_pydantic_or_click(ws, cache_dir):
    """``orgmodel check`` after a rename is answered before the command line is loaded: it imports neither the
    rules, networkx, pydantic (so neither the models) nor click (as ``python -X importtime`` lists what a process
    imports with import statements)."""
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(cache_dir)}

    def run() -> tuple[str, set[str]]:
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "orgmodel", "check", str(ws)],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 1, done.stderr[-2000:]
        return done.stdout, {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}

    first, imported = run()
    assert {"pydantic", "click", "orgmodel.check.rules"} <= imported and "networkx" not in imported
    data = ws / "data.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("title: Politikommissær", "title: Kommissær"),
                    encoding="utf-8")
    out, imported = run()
    assert not {"networkx", "pydantic", "click", "orgmodel.check.rules"} & imported
    assert "'politikommissaer' (Kommissær)" in out and out == first.replace("(Politikommissær)", "(Kommissær)")


def test_findings_that_come_to_sort_alike_are_left_to_a_check_made_anew():
    """A check orders findings that sort alike as the rules made them, which relabelling cannot know: it gives up
    when a renamed label makes a finding sort alike with another."""
    from orgmodel.check.relabel import _sorted
    from orgmodel.model import Finding

    named = Finding("error", "a.yaml", 3, "r", "x", "member 'b' (B)", "fix one",
                    template=(("member ", ("b", "'b' (B)", ("a.yaml", 9)), ""), None))
    written = Finding("error", "a.yaml", 3, "r", "x", "member 'b' (B)", "fix two")
    other = Finding("error", "a.yaml", 2, "r", "x", "member 'b' (B)", "fix one")
    assert _sorted([named, written]) is None
    assert _sorted([named, other]) == [other, named]
    assert _sorted([written, Finding("error", "a.yaml", 3, "r", "x", "member 'b' (B)", "fix three")]) is not None
