"""The reuse of check results (orgmodel.check.cache): a reused result writes what a fresh check writes,
byte for byte, in every format; anything that changes the result (a file, the dates, the folder as
given) is in the key; a property test edits random files and compares with a cold check."""

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.check import FORMATS, check, check_output, check_workspaces, stored_output
from orgmodel.check import cache as check_cache
from orgmodel.cli import cli
from orgmodel.errors import OrgmodelError
from orgmodel.workspace import load_workspace

TODAY = dt.date(2026, 11, 22)
ORGS = """\
organisations:
  - id: a
    name: Alpha
    category: kommune
    area: bornholm
  - id: b
    name: Beta
    category: kommune
    area: bornholm
"""
ROLES = """\
roles:
  - id: r
    title: TODO
    organisation: a
  - id: s
    title: Sekretær
    organisation: nope
  - id: t
    title: Leder
    organisation: b
    ignore:
      - rule: role.no-holder
"""


@pytest.fixture
def runs(monkeypatch):
    """The number of checks really run (not read back), as a list of the dates they ran with."""
    ran = []
    fresh = check_cache._fresh

    def counting(paths, today, as_of):
        ran.append(today)
        return fresh(paths, today, as_of)

    monkeypatch.setattr(check_cache, "_fresh", counting)
    return ran


_uncounted = check_cache._fresh


def run_check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.output


def cold(monkeypatch, *args: str) -> tuple[int, str]:
    with monkeypatch.context() as m:
        m.setenv("ORGMODEL_CACHE", "off")
        m.setattr(check_cache, "_fresh", _uncounted)
        return run_check(*args)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("dates", [(), ("--today", "2026-03-01"), ("--today", "2026-03-01", "--as-of", "2025-01-01")])
def test_a_reused_result_writes_what_a_fresh_check_writes(make_ws, cache_dir, runs, monkeypatch, fmt, dates):
    root = make_ws({"orgs.yaml": ORGS, "sub/roles.yaml": ROLES})
    args = (str(root), "--format", fmt, *dates)
    expected = cold(monkeypatch, *args)
    assert run_check(*args) == expected
    assert len(runs) == 1 and list(cache_dir.glob("check-*.shown")) and list(cache_dir.glob("check-*.result"))
    assert run_check(*args) == expected
    assert len(runs) == 1, "the second check ran the rules again"
    assert expected[0] == 1 and "nope" in expected[1]


def test_a_renamed_link_to_a_district_renames_its_findings(cache_dir, monkeypatch, tmp_path):
    """The parts of a national check are named by their folders as found: renaming a link renames the part,
    while the folders it resolves to, and the files, stay the same."""
    from .districts import national

    land = national(tmp_path / "checkouts")
    (tmp_path / "national").mkdir()
    for name in ("bornholm", "fyn"):
        (tmp_path / "national" / name).symlink_to(land / name)
    args = (str(tmp_path / "national"), "--today", "2026-11-22", "--format", "json")
    run_check(*args)
    (tmp_path / "national" / "fyn").rename(tmp_path / "national" / "fyn-kreds")
    again = run_check(*args)
    assert again == cold(monkeypatch, *args) and '"workspace": "fyn-kreds"' in again[1]


@pytest.mark.parametrize("spoil", ["cut", "changed"])
def test_a_stored_output_cut_short_or_changed_is_not_shown(make_ws, cache_dir, monkeypatch, spoil):
    root = make_ws({"orgs.yaml": ORGS, "sub/roles.yaml": ROLES})
    expected = cold(monkeypatch, str(root))
    assert run_check(str(root)) == expected
    [shown] = cache_dir.glob("check-*.shown")
    data = shown.read_bytes()
    shown.write_bytes(data[:len(data) // 3] if spoil == "cut" else data[:-20] + b"FORGED OUTPUT\n".rjust(20))
    assert run_check(str(root)) == expected


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_reused_result_of_several_workspaces_names_them(make_ws, cache_dir, runs, monkeypatch, fmt, tmp_path):
    (tmp_path / "nation").mkdir()
    make_ws({"orgs.yaml": ORGS}, name="nation/fyn")
    make_ws({"roles.yaml": ROLES.replace("organisation: a", "organisation: x")}, name="nation/mvj")
    args = (str(tmp_path / "nation"), "--format", fmt)
    expected = cold(monkeypatch, *args)
    assert run_check(*args) == run_check(*args) == expected
    assert len(runs) == 1


def test_another_format_formats_the_stored_result(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    outputs = [run_check(str(root), "--format", fmt) for fmt in sorted(FORMATS)]
    assert outputs == [cold(monkeypatch, str(root), "--format", fmt) for fmt in sorted(FORMATS)]
    assert run_check(str(root), "--strict") == cold(monkeypatch, str(root), "--strict")
    assert len(runs) == 1


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_reused_result_names_the_rules_switched_off(make_ws, cache_dir, runs, monkeypatch, fmt, tmp_path):
    """The rules a workspace switches off are kept with the stored result: each format read back names them."""
    (tmp_path / "nation").mkdir()
    make_ws({"orgmodel.yaml": "name: Fyn\nrules: {placeholder.todo: 'off'}\n", "roles.yaml": ROLES}, name="nation/fyn")
    make_ws({"orgs.yaml": ORGS}, name="nation/mvj")
    args = (str(tmp_path / "nation"), "--format", fmt)
    expected = cold(monkeypatch, *args)
    assert run_check(*args) == run_check(*args) == expected
    assert len(runs) == 1
    named = {"text": "\nNot run (off in orgmodel.yaml): placeholder.todo (in fyn)\n",
             "json": '"off": [\n    {\n      "rule": "placeholder.todo",\n      "workspaces": [\n        "fyn"',
             "junit": "not run in fyn: off in orgmodel.yaml",
             "sarif": '"id": "placeholder.todo",'}
    assert named[fmt] in expected[1]
    if fmt == "sarif":
        assert '"enabled": false' in expected[1]


def test_a_stored_output_is_given_without_importing_the_rules_or_pydantic(make_ws, cache_dir):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    code = ("import sys\nfrom orgmodel.cli import cli\ntry:\n    cli(['check', sys.argv[1]])\n"
            "except SystemExit as done:\n    print(done.code, sorted(m for m in ('pydantic', 'networkx', "
            "'orgmodel.check.rules', 'orgmodel.model') if m in sys.modules))")
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(cache_dir)}
    first, second = (subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                                    env=env, check=True).stdout for _ in range(2))
    assert first.splitlines()[-1] == "1 ['orgmodel.check.rules', 'orgmodel.model', 'pydantic']"
    assert second.splitlines()[-1] == "1 []"
    assert first == second.replace("1 []", first.splitlines()[-1])


def test_a_check_after_a_comment_is_given_without_importing_the_rules(make_ws, cache_dir):
    """The workspace is read again (the edited file parsed), the stored result is given: neither the rules nor
    networkx are imported, and a district's own rules (made per workspace) are stored and read back too."""
    manifest = ("name: Test\nscope: {kommuner: [bornholm]}\ndistrict_rules:\n  ssp-everywhere:\n"
                "    source: our plan\n    forums_per_kommune: [ssp]\n")
    root = make_ws({"orgmodel.yaml": manifest, "orgs.yaml": ORGS, "roles.yaml": ROLES})
    code = ("import sys\nfrom orgmodel.cli import cli\ntry:\n    cli(['check', sys.argv[1]])\n"
            "except SystemExit as done:\n    print(done.code, sorted(m for m in ('networkx', 'orgmodel.check.rules')"
            " if m in sys.modules))")
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(cache_dir)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=env,
                              check=True).stdout

    first = run()
    (root / "orgs.yaml").write_text(ORGS + "# a note\n", encoding="utf-8")
    second = run()
    assert first.splitlines()[-1] == "1 ['orgmodel.check.rules']"
    assert "district.ssp-everywhere" in first
    assert second == first.replace(first.splitlines()[-1], "1 []")


def test_a_result_is_not_reused_for_another_day(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    run_check(str(root), "--today", "2026-03-01")
    run_check(str(root), "--today", "2026-03-02")
    run_check(str(root), "--today", "2026-03-01", "--as-of", "2026-01-01")
    monkeypatch.setenv("ORGMODEL_TODAY", "2026-05-05")
    run_check(str(root))
    monkeypatch.setenv("ORGMODEL_TODAY", "2026-05-06")
    run_check(str(root))
    assert runs == [dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 1), dt.date(2026, 5, 5),
                    dt.date(2026, 5, 6)]


def test_an_edit_that_keeps_size_and_times_is_seen(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    path = root / "roles.yaml"
    before = path.stat()
    assert "nope" in run_check(str(root))[1]
    path.write_text(ROLES.replace("nope", "b   "), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    after = run_check(str(root))
    assert after == cold(monkeypatch, str(root)) and "nope" not in after[1]
    assert len(runs) == 2


def test_the_folder_as_given_is_in_the_key(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS})
    monkeypatch.chdir(root.parent)
    first = run_check(root.name, "--format", "json")
    assert f'"workspace": "{root.name}"' in first[1]
    assert run_check(str(root), "--format", "json") == cold(monkeypatch, str(root), "--format", "json")
    assert len(runs) == 2


def test_a_link_pointed_at_another_folder_is_another_workspace(make_ws, cache_dir, monkeypatch, tmp_path):
    # a manifest without a name names the workspace after its folder: the same files in folder B are B's
    first = make_ws({"orgmodel.yaml": "language: da\n", "orgs.yaml": ORGS}, name="A")
    other = make_ws({"orgmodel.yaml": "language: da\n", "orgs.yaml": ORGS}, name="B")
    link = tmp_path / "ws"
    link.symlink_to(first)
    assert run_check(str(link))[1].startswith(f"{first.name}: 2 entities in 2 files,")
    link.unlink()
    link.symlink_to(other)
    warm = run_check(str(link))
    assert warm == cold(monkeypatch, str(link)) and warm[1].startswith(f"{other.name}: 2 entities in 2 files,")


def test_a_comment_with_a_quote_leaves_the_line_of_a_key_below_a_flow_block_running_over_lines(make_ws, cache_dir,
                                                                                                   monkeypatch):
    # the continuation line of 'holder' starts 'verified:' in the column of the entry's keys; it is not the key
    roles = ("roles:\n  - id: r1\n    # note\n    title: Leder\n    holder: {name: Anna,\n"
             "    verified: 2020-01-01}\n    verified: 2020-01-01\n")
    root = make_ws({"roles.yaml": roles})
    assert "roles.yaml:7  r1: last verified 2020-01-01" in run_check(str(root), "--today", "2026-11-22")[1]
    (root / "roles.yaml").write_text(roles.replace("# note", "# it's"), encoding="utf-8")
    warm = run_check(str(root), "--today", "2026-11-22")
    assert warm == cold(monkeypatch, str(root), "--today", "2026-11-22")
    assert "roles.yaml:7  r1: last verified 2020-01-01" in warm[1]


def test_the_cache_off_stores_no_result(make_ws, cache_dir, runs, monkeypatch):
    monkeypatch.setenv("ORGMODEL_CACHE", "off")
    root = make_ws({"orgs.yaml": ORGS})
    run_check(str(root))
    run_check(str(root))
    assert len(runs) == 2 and not cache_dir.exists()


def test_a_result_stored_writable_by_others_is_not_trusted(make_ws, cache_dir, runs):
    root = make_ws({"orgs.yaml": ORGS})
    run_check(str(root))
    for entry in cache_dir.glob("check-*"):
        entry.chmod(0o666)
    run_check(str(root))
    assert len(runs) == 2


# --- property: random edits, the cached result against a cold one ----------------------------------------

IDS = ["a", "b", "c", "d", "e"]
FILES = ["orgs.yaml", "roles.yaml", "sub/more.yaml"]
ORG_ENTRY = st.builds(lambda i, name, area: {"id": i, "name": name, "category": "kommune", "area": area},
                      st.sampled_from(IDS), st.sampled_from(["Alpha", "Betaa", "TODO", "Gamma"]),
                      st.sampled_from(["bornholm", "odense", "nowhere"]))
ROLE_ENTRY = st.builds(lambda i, title, org: {"id": "r" + i, "title": title, "organisation": org},
                       st.sampled_from(IDS), st.sampled_from(["Leder", "Ledar", "TODO"]),
                       st.sampled_from(IDS + ["nope"]))
BAD_ENTRY = st.builds(lambda i, bad: {"id": i, "title": 3, **bad}, st.sampled_from(["x", "y", "a"]),
                      st.sampled_from([{}, {"colour": "red"}, {"organisation": ["a"]}]))
"""A role with a schema error (a number for a title, an unknown key, a list for an id): a load problem."""
ENTRY = st.one_of(ORG_ENTRY, ROLE_ENTRY, BAD_ENTRY)
EDITS = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(FILES), ENTRY),
    st.tuples(st.just("remove"), st.sampled_from(FILES), st.integers(0, 5)),
    st.tuples(st.just("swap-letter"), st.sampled_from(FILES), st.integers(0, 400)),
    st.tuples(st.just("severity"), st.just("orgmodel.yaml"), st.sampled_from(["off", "error", "info"])),
)


def _write(root: Path, entries: dict[str, list[dict]], manifest: dict) -> None:
    (root / "sub").mkdir(exist_ok=True)
    (root / "orgmodel.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    for name, items in entries.items():
        sections: dict[str, list] = {}
        for item in items:
            sections.setdefault("roles" if "title" in item else "organisations", []).append(item)
        (root / name).write_text(yaml.safe_dump(sections or {"roles": None}, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")


def _apply(root: Path, edit, entries: dict[str, list[dict]], manifest: dict) -> None:
    kind, name, arg = edit
    if kind == "add":
        entries[name].append(dict(arg))
    elif kind == "remove" and entries[name]:
        entries[name].pop(arg % len(entries[name]))
    elif kind == "severity":
        manifest["rules"] = {"ref.dangling": arg}
    if kind != "swap-letter":
        _write(root, entries, manifest)
        return
    path = root / name
    text = path.read_text(encoding="utf-8")
    at = arg % len(text)
    if text[at].isalpha():  # the same size: a letter for another
        path.write_text(text[:at] + ("x" if text[at] != "x" else "y") + text[at + 1:], encoding="utf-8")


def _outputs(result) -> dict[str, str]:
    return {fmt: format_(result) for fmt, format_ in FORMATS.items()}


def _cold_outputs(root: Path):
    try:
        return _outputs(check(load_workspace(root), TODAY))
    except OrgmodelError as error:  # compared with what the cached path raises
        return (type(error), str(error))


def _cached_outputs(root: Path):
    """The outputs of the stored result, and each format's stored output (the first one made afresh)."""
    try:
        result = _outputs(check_workspaces([root], TODAY))
        shown = {fmt: check_output([root], fmt, today=TODAY).text for fmt in FORMATS}
        assert shown == result
        return result
    except OrgmodelError as error:
        return (type(error), str(error))


@settings(max_examples=max(10, int(settings.default.max_examples * 0.03)), deadline=None)
@given(st.lists(st.tuples(ENTRY, st.sampled_from(FILES)), max_size=6), st.lists(EDITS, min_size=1, max_size=5))
def test_random_edits_give_what_a_cold_check_gives(initial, edits):
    with tempfile.TemporaryDirectory() as folder:
        root, cache = Path(folder) / "ws", Path(folder) / "cache"
        root.mkdir()
        entries: dict[str, list[dict]] = {name: [] for name in FILES}
        for entry, name in initial:
            entries[name].append(entry)
        manifest: dict = {"name": "Test"}
        _write(root, entries, manifest)
        before = os.environ.get("ORGMODEL_CACHE_DIR")
        os.environ["ORGMODEL_CACHE_DIR"] = str(cache)
        try:
            assert _cached_outputs(root) == _cold_outputs(root)
            for edit in edits:
                _apply(root, edit, entries, manifest)
                assert _cached_outputs(root) == _cached_outputs(root) == _cold_outputs(root), edit
        finally:
            if before is None:
                os.environ.pop("ORGMODEL_CACHE_DIR", None)
            else:
                os.environ["ORGMODEL_CACHE_DIR"] = before


def test_only_the_edited_file_is_parsed_again(make_ws, cache_dir, monkeypatch):
    from orgmodel.workspace import loader, open_workspace

    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES, "more.yaml": ORGS.replace("id: a", "id: c")})
    parsed = []
    real = loader.parse_yaml
    monkeypatch.setattr(loader, "parse_yaml", lambda text, shown: parsed.append(shown) or real(text, shown))
    first = open_workspace(root)
    assert parsed == ["orgmodel.yaml", "more.yaml", "orgs.yaml", "roles.yaml"]
    parsed.clear()
    (root / "roles.yaml").write_text(ROLES.replace("organisation: nope", "organisation: c"), encoding="utf-8")
    again = open_workspace(root)
    assert parsed == ["orgmodel.yaml", "roles.yaml"]
    cold_ws = load_workspace(root)
    assert sorted(again.records) == sorted(first.records) == sorted(cold_ws.records)
    assert [(d.id, d.file, d.line, f.file, f.line) for d, f in again.duplicates] == \
        [(d.id, d.file, d.line, f.file, f.line) for d, f in cold_ws.duplicates] != []
    assert again.problems == cold_ws.problems and again.placeholder_files == cold_ws.placeholder_files
    assert again.records["s"].entity.organisation == "c"


# --- an edit of comments or blank lines only: the stored check holds ------------------------------------------

BLOCK = """\
# illustrative entries
organisations:
  - id: a
    name: |
      TODO
      # part of the name, not a comment

      more of the name
    category: kommune
    area: bornholmm
"""


def _checks_run(monkeypatch) -> list:
    from orgmodel.check import run

    ran: list = []
    real = run.check
    monkeypatch.setattr(run, "check", lambda *a, **k: ran.append(1) or real(*a, **k))
    return ran


@pytest.mark.parametrize("before, after", [
    ("more of the name\n    category: kommune\n    area: bornholmm\n",
     "more of the name\n    category: kommune\n    area: bornholmm\n# a note at the end\n"),
    ("area: bornholmm\n", "area: bornholmm\n\n\n"),
    ("# illustrative entries\n", "# illustrative entries, to be replaced\n"),
    ("# illustrative entries\n", "\n"),
])
def test_an_edit_of_comments_or_blank_lines_reuses_the_stored_check(make_ws, cache_dir, monkeypatch, before,
                                                                     after):
    root = make_ws({"orgs.yaml": BLOCK, "roles.yaml": ROLES})
    ran = _checks_run(monkeypatch)
    first = run_check(str(root), "--today", "2026-11-22")
    assert before in BLOCK
    (root / "orgs.yaml").write_text(BLOCK.replace(before, after, 1), encoding="utf-8")
    again = run_check(str(root), "--today", "2026-11-22")
    assert (again, len(ran)) == (first, 1)
    assert again == cold(monkeypatch, str(root), "--today", "2026-11-22")


@pytest.mark.parametrize("before, after, why", [
    ("      # part of the name, not a comment\n", "      # another part of the name\n",
     "a line that looks like a comment inside a block text is text"),
    ("\n      more of the name\n", "      more of the name\n", "a blank line inside a block text is text"),
    ("  - id: a\n", "  # a note above the entry\n  - id: a\n", "a comment that moves the lines below it"),
    ("    category: kommune\n", "    # a note\n    category: kommune\n",
     "a comment inside the entry moves the line of the keys below it"),
])
def test_an_edit_that_changes_a_value_or_a_line_is_checked_again(make_ws, cache_dir, monkeypatch, before,
                                                                   after, why):
    root = make_ws({"orgs.yaml": BLOCK})
    ran = _checks_run(monkeypatch)
    run_check(str(root), "--today", "2026-11-22")
    path = root / "orgs.yaml"
    assert before in BLOCK
    path.write_text(BLOCK.replace(before, after, 1), encoding="utf-8")
    again = run_check(str(root), "--today", "2026-11-22")
    assert len(ran) == 2, why
    assert again == cold(monkeypatch, str(root), "--today", "2026-11-22"), why


TRIVIA_EDITS = st.tuples(st.sampled_from(["insert", "replace", "delete", "append"]),
                         st.one_of(st.integers(1, 11), st.integers(0, 40)),
                         st.sampled_from(["# note", "      # indented note", "", "      # note", "  - id: z"]))
"""An edit of one line of orgs.yaml: mostly comment and blank lines, most often in the first entry
(lines 2-12, its block text included), and now and then an entry."""


@settings(max_examples=max(10, int(settings.default.max_examples * 0.06)), deadline=None)
@given(st.lists(TRIVIA_EDITS, min_size=1, max_size=6))
def test_random_comment_and_blank_line_edits_give_what_a_cold_check_gives(edits):
    with tempfile.TemporaryDirectory() as folder:
        root, cache = Path(folder) / "ws", Path(folder) / "cache"
        root.mkdir()
        (root / "orgmodel.yaml").write_text("name: Test\n", encoding="utf-8")
        (root / "roles.yaml").write_text(ROLES, encoding="utf-8")
        path = root / "orgs.yaml"
        path.write_text(BLOCK + ORGS.replace("organisations:\n", "").replace("id: a", "id: c"), encoding="utf-8")
        before = os.environ.get("ORGMODEL_CACHE_DIR")
        os.environ["ORGMODEL_CACHE_DIR"] = str(cache)
        try:
            assert _cached_outputs(root) == _cold_outputs(root)
            for how, at, line in edits:
                lines = path.read_text(encoding="utf-8").split("\n")
                at %= len(lines)
                if how == "insert":
                    lines.insert(at, line)
                elif how == "replace":
                    lines[at] = line
                elif how == "delete" and len(lines) > 1:
                    del lines[at]
                else:
                    lines.append(line)
                path.write_text("\n".join(lines), encoding="utf-8")
                assert _cached_outputs(root) == _cold_outputs(root), (how, at, line)
        finally:
            if before is None:
                os.environ.pop("ORGMODEL_CACHE_DIR", None)
            else:
                os.environ["ORGMODEL_CACHE_DIR"] = before


# --- the stored output (orgmodel.check.stored): given only for the same files, options and day -----------------


def _entries(cache_dir: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache_dir.iterdir()}


def test_a_comment_added_gives_the_stored_output_and_writes_nothing(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    for fmt in sorted(FORMATS):
        run_check(str(root), "--format", fmt, "--today", "2026-11-22")
    before = _entries(cache_dir)
    (root / "roles.yaml").write_text(ROLES + "\n# the end\n", encoding="utf-8")
    for fmt in sorted(FORMATS):
        args = (str(root), "--format", fmt, "--today", "2026-11-22")
        assert run_check(*args) == cold(monkeypatch, *args)
    assert len(runs) == 1 and _entries(cache_dir) == before


def test_a_stored_output_is_given_only_for_its_own_options(make_ws, cache_dir, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    made = check_output([root], "json", today=TODAY)
    assert stored_output([root], "json", False, False, TODAY, TODAY) == (made.text.encode(), made.fails)
    other_day, first = TODAY + dt.timedelta(days=1), dt.date(2026, 1, 1)
    for fmt, strict, coloured, today, as_of in [
            ("text", False, False, TODAY, TODAY), ("sarif", False, False, TODAY, TODAY),
            ("json", True, False, TODAY, TODAY), ("json", False, True, TODAY, TODAY),
            ("json", False, False, other_day, other_day), ("json", False, False, TODAY, first)]:
        assert stored_output([root], fmt, strict, coloured, today, as_of) is None
    monkeypatch.chdir(root)
    assert stored_output([Path(".")], "json", False, False, TODAY, TODAY) is None


def test_each_format_keeps_its_own_output(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    outputs = {fmt: check_output([root], fmt, today=TODAY).text for fmt in sorted(FORMATS)}
    stored = {fmt: stored_output([root], fmt, False, False, TODAY, TODAY) for fmt in sorted(FORMATS)}
    assert stored == {fmt: (text.encode(), True) for fmt, text in outputs.items()}
    assert outputs == _cold_outputs(root) and len(set(outputs.values())) == len(FORMATS) and len(runs) == 1


@pytest.mark.parametrize("name, edit", [
    ("roles.yaml", lambda text: text.replace("nope", "b")),
    ("roles.yaml", lambda text: text.replace("title: Leder", "title: 'Leder'")),
    ("orgs.yaml", lambda text: text + "# TODO\n"),
    ("roles.yaml", lambda text: text.replace("roles:\n", "roles:\n# a note\n")),
])
def test_a_stored_output_is_not_given_after_a_comment_and_a_change(make_ws, cache_dir, runs, monkeypatch, name,
                                                                    edit):
    """After a comment the stored output holds; after a value edited, a TODO in a comment (the loader notes the
    files that mention it) or a comment that moves lines, it is made again, like a cold check's."""
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    args = (str(root), "--format", "json")
    run_check(*args)
    path = root / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# a note\n", encoding="utf-8")
    assert stored_output([root], "json", False, False, check_cache.clock.today(), check_cache.clock.today())
    path.write_text(edit(text) + "# a note\n", encoding="utf-8")
    assert stored_output([root], "json", False, False, check_cache.clock.today(), check_cache.clock.today()) is None
    assert run_check(*args) == cold(monkeypatch, *args)
    assert len(runs) == 2


def test_a_comment_in_the_manifest_is_checked_again(make_ws, cache_dir, runs, monkeypatch):
    root = make_ws({"orgs.yaml": ORGS})
    run_check(str(root), "--today", "2026-11-22")
    (root / "orgmodel.yaml").write_text("name: Test\n# a note\n", encoding="utf-8")
    assert stored_output([root], "text", False, False, TODAY, TODAY) is None
    assert run_check(str(root), "--today", "2026-11-22") == cold(monkeypatch, str(root), "--today", "2026-11-22")
    assert len(runs) == 2


@pytest.mark.parametrize("before, after, same", [
    ("a: x\n", "a: x\n# note\n\n", True),
    ("a: [x,\n\n  y]\n", "a: [x,\n  # note\n  y]\n", True),
    ("a: x\n\n  - y\n", "a: x\n# note\n  - y\n", False),
    ("a: \"x\n\n  y\"\n", "a: \"x\n  # note\n  y\"\n", False),
    ("a: |\n  x\n\n  y\n", "a: |\n  x\n  # note\n  y\n", False),
    ("a: x\n", "a: x\n# todo\n", False),
    ("a: x\n", "a: x\n# note \xff\n", False),
])
def test_a_file_says_the_same_after_comments_only_where_they_are_no_text(before, after, same):
    from orgmodel.workspace import says_the_same

    raw = after.encode("latin-1" if "\xff" in after else "utf-8")
    assert says_the_same(before.encode(), raw, "f.yaml") is same


def test_the_files_of_a_workspace_are_those_rglob_finds(tmp_path):
    """The listing by os.scandir (orgmodel/workspace/folders.py) against what two Path.rglob gave, but that a suffix
    in capitals is YAML too and a linked folder is read (Path.rglob of Python 3.11 does neither)."""
    from orgmodel.workspace import folders

    root = tmp_path / "ws"
    for name in ["orgmodel.yaml", "a.yaml", "b.yml", "c.txt", "x.YAML", ".hidden.yaml", "_draft.yaml", "sub/d.yaml",
                 "sub/orgmodel.yaml", "sub/deep/e.yml", ".git/f.yaml", "_old/g.yaml", "sub/_h/i.yaml",
                 "folder.yaml/j.yaml", "outside/k.yaml"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("{}\n", encoding="utf-8")
    (root / "outside").rename(tmp_path / "outside")
    (root / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    (root / "link.yaml").symlink_to(root / "a.yaml")
    manifest = root / "orgmodel.yaml"
    found = []
    for pattern in ("*.yaml", "*.yml"):
        for path in root.rglob(pattern):
            parts = path.relative_to(root).parts
            dangling = path.is_symlink() and not path.exists()
            if path != manifest and not any(p.startswith((".", "_")) for p in parts) and (path.is_file() or dangling):
                found.append(path)
    found += [root / "x.YAML", root / "linked" / "k.yaml"]
    expected = [manifest] + sorted(found, key=lambda p: p.relative_to(root).as_posix())
    assert folders.workspace_files(root, manifest) == expected
    assert [p.relative_to(root).as_posix() for p in expected] == [
        "orgmodel.yaml", "a.yaml", "b.yml", "dangling.yaml", "folder.yaml/j.yaml", "link.yaml", "linked/k.yaml",
        "sub/d.yaml", "sub/deep/e.yml", "sub/orgmodel.yaml", "x.YAML"]


def test_a_file_changed_since_it_was_read_is_never_stored_as_the_reference(make_ws, cache_dir):
    """The reference holds the bytes each file had when its digest was taken, read again while it is written: a
    file changed in between leaves no reference (an earlier one stays), never one whose bytes and digests differ."""
    from orgmodel.check import stored

    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    files = stored.current_files([root])
    entry = stored.reference_entry(cache_dir, [root])
    stored.write_reference(cache_dir, [root], files)
    before = entry.read_bytes()
    assert stored.read_reference(entry)[0] == stored.summary(files)
    (root / "roles.yaml").write_text(ROLES.replace("Leder", "Chef"), encoding="utf-8")
    stored.write_reference(cache_dir, [root], files)
    assert entry.read_bytes() == before
    assert sorted(p.name for p in cache_dir.iterdir()) == [entry.name]
    entry.unlink()
    stored.write_reference(cache_dir, [root], files)
    assert not entry.exists() and not list(cache_dir.iterdir())
