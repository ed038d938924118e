"""`orgmodel check` answered from a stored output before click is imported (orgmodel/__main__.py with
orgmodel/check/stored.py): the same bytes and exit code as the command line, for each format and option it
answers; any other option, and a file that changed what it says, goes to click."""

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from orgmodel import __main__ as entry
from orgmodel.cli import cli

ORGS = "organisations:\n  - id: a\n    name: Alpha\n    category: kommune\n    area: bornholm\n"
ROLES = "roles:\n  - id: r\n    title: TODO\n    organisation: a\n  - id: s\n    title: Æble\n    organisation: nope\n"
RUN = ("import sys\nfrom orgmodel.__main__ import main\nsys.argv = ['orgmodel', *sys.argv[1:]]\ntry:\n    main()\n"
       "finally:\n    sys.stderr.write('click' if 'click' in sys.modules else repr(sorted(m for m in ("
       "'pickle', 'pydantic', 'typing', 'yaml', 'networkx', 'dataclasses') if m in sys.modules)))\n")


def orgmodel(args: list[str], cwd: Path, cache: Path | None, **environ: str) -> tuple[int, bytes, str]:
    """Exit code, standard output and ``click`` when click was imported, else which of pickle, pydantic, typing,
    PyYAML, networkx and dataclasses were, of ``orgmodel ARGS`` in a fresh process."""
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(cache)} if cache else {**os.environ, "ORGMODEL_CACHE": "off"}
    env.pop("ORGMODEL_TODAY", None)
    env.update(environ)
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, cwd=cwd, env=env)
    return done.returncode, done.stdout, done.stderr.decode().rsplit("\n", 1)[-1]


def test_the_options_answered_early_are_those_of_the_command():
    """A new option of `orgmodel check`, or a changed choice or default, must be taught to orgmodel/__main__.py."""
    params = {p.name: p for p in cli.commands["check"].params}
    assert sorted(params) == ["as_of", "fmt", "output", "strict", "today", "workspace", "workspace_option"]
    assert all(p.envvar is None for p in params.values())
    assert params["fmt"].opts == ["--format"] and params["fmt"].default == "text"
    assert isinstance(params["fmt"].type, click.Choice)
    assert tuple(params["fmt"].type.choices) == entry._CHOICES["--format"]
    assert params["today"].opts == ["--today"] and params["as_of"].opts == ["--as-of"]
    assert params["strict"].opts == ["--strict"] and params["strict"].is_flag
    assert set(entry._CHOICES) == {"--format", "--today", "--as-of"}


@pytest.mark.parametrize("args", [
    [], ["--format", "json"], ["--format=sarif", "--strict"], ["--format", "junit", "--today", "2026-03-01"],
    ["--today=2026-03-01", "--as-of", "2025-01-01", "--format", "text"],
])
def test_a_stored_output_is_written_without_click_as_click_writes_it(make_ws, tmp_path, args):
    root = make_ws({"orgs.yaml": ORGS, "sub/roles.yaml": ROLES})
    cache = tmp_path / "cache"
    expected = orgmodel(["check", "ws", *args], tmp_path, None)
    first = orgmodel(["check", "ws", *args], tmp_path, cache)
    second = orgmodel(["check", "ws", *args], tmp_path, cache)
    (root / "orgs.yaml").write_text(ORGS + "# a note\n", encoding="utf-8")
    after_a_comment = orgmodel(["check", "ws", *args], tmp_path, cache)
    assert expected[:2] == first[:2] == second[:2] == after_a_comment[:2]
    assert expected[0] == 1 and b"nope" in expected[1]
    assert (first[2], second[2], after_a_comment[2]) == ("click", "[]", "['typing', 'yaml']")


def test_the_current_folder_is_the_workspace_when_none_is_given(make_ws, tmp_path):
    root = make_ws({"orgs.yaml": ORGS})
    cache = tmp_path / "cache"
    expected = orgmodel(["check"], root, None)[:2]
    assert orgmodel(["check"], root, cache)[:2] == expected
    assert orgmodel(["check"], root, cache) == (*expected, "[]")
    assert orgmodel(["check", "."], root, cache) == (*expected, "[]")


@pytest.mark.parametrize("args", [
    ["--format", "xml"], ["--strict", "--strict"], ["--today", "2026-03-01", "--today", "2026-03-02"], ["--", "ws"],
    ["-w", "ws"], ["--today", "31-12-2026"], ["--help"], ["--format"],
])
def test_anything_else_goes_to_click(make_ws, tmp_path, args):
    make_ws({"orgs.yaml": ORGS})
    cache = tmp_path / "cache"
    arguments = ["check", *args] if "ws" in args else ["check", "ws", *args]
    orgmodel(["check", "ws"], tmp_path, cache)
    assert orgmodel(arguments, tmp_path, cache) == (*orgmodel(arguments, tmp_path, None)[:2], "click")


def test_an_output_file_is_written_by_click(make_ws, tmp_path):
    make_ws({"orgs.yaml": ORGS})
    cache = tmp_path / "cache"
    orgmodel(["check", "ws", "--format", "json"], tmp_path, cache)
    code, out, imported = orgmodel(["check", "ws", "--format", "json", "-o", "out.json"], tmp_path, cache)
    assert (code, out, imported) == (0, b"", "click")
    assert (tmp_path / "out.json").read_bytes() == orgmodel(["check", "ws", "--format", "json"], tmp_path, None)[1]


def test_a_value_edited_goes_to_click(make_ws, tmp_path):
    root = make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    cache = tmp_path / "cache"
    orgmodel(["check", "ws"], tmp_path, cache)
    (root / "roles.yaml").write_text(ROLES.replace("nope", "a"), encoding="utf-8")
    code, out, imported = orgmodel(["check", "ws"], tmp_path, cache)
    assert (code, out, imported) == (*orgmodel(["check", "ws"], tmp_path, None)[:2], "click")
    assert b"nope" not in out


@pytest.mark.parametrize("args, environ, early", [
    ([], {"ORGMODEL_TODAY": "2026-03-01"}, True), (["--today", "2026-03-01"], {"ORGMODEL_TODAY": "2027-01-01"}, True),
    (["--today", "20260301"], {}, False), (["--today", "2026-02-30"], {}, False),
    (["--as-of", " 2026-01-01"], {}, False), ([], {"ORGMODEL_TODAY": "2026-13-01"}, False),
])
def test_a_date_is_passed_on_as_written_only_as_yyyy_mm_dd(make_ws, tmp_path, args, environ, early):
    """The early path takes ``YYYY-MM-DD`` as written (it can only match an output stored for that real date);
    another form that Python reads as a date, or no date, goes to the command line."""
    make_ws({"orgs.yaml": ORGS})
    cache = tmp_path / "cache"
    expected = orgmodel(["check", "ws", *args], tmp_path, None, **environ)[:2]
    assert orgmodel(["check", "ws", *args], tmp_path, cache, **environ)[:2] == expected
    assert orgmodel(["check", "ws", *args], tmp_path, cache, **environ) == (*expected, "[]" if early else "click")


def on_a_terminal(args: list[str], cwd: Path, cache: Path | None) -> tuple[int, bytes, str]:
    """:func:`orgmodel` with standard output on a pseudo-terminal, where the text format is coloured."""
    import pty

    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(cache)} if cache else {**os.environ, "ORGMODEL_CACHE": "off"}
    env.pop("ORGMODEL_TODAY", None)
    main, child = pty.openpty()
    with subprocess.Popen([sys.executable, "-c", RUN, *args], stdout=child, stderr=subprocess.PIPE, cwd=cwd,
                          env=env) as done:
        os.close(child)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal is closed when the process ends
                break
            if not chunk:
                break
            out += chunk
        imported = done.stderr.read().decode().rsplit("\n", 1)[-1]
    os.close(main)
    return done.returncode, out, imported


def test_a_coloured_output_on_a_terminal_is_written_as_click_writes_it(make_ws, tmp_path):
    make_ws({"orgs.yaml": ORGS, "roles.yaml": ROLES})
    cache = tmp_path / "cache"
    expected = on_a_terminal(["check", "ws"], tmp_path, None)[:2]
    assert b"\x1b[" in expected[1] and expected[0] == 1
    assert on_a_terminal(["check", "ws"], tmp_path, cache)[:2] == expected
    assert on_a_terminal(["check", "ws"], tmp_path, cache) == (*expected, "[]")
    assert orgmodel(["check", "ws"], tmp_path, cache)[1] == orgmodel(["check", "ws"], tmp_path, None)[1]


def test_ctrl_c_before_the_command_runs_ends_as_click_ends_it(monkeypatch, capsys):
    """Ctrl-C while orgmodel starts (before click runs the command) printed a KeyboardInterrupt traceback."""
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "_stored_check", interrupted)
    monkeypatch.setattr(sys, "argv", ["orgmodel", "check", "ws"])
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 1 and capsys.readouterr().err == "\nAborted!\n"
