"""Limits: a workspace that is too big, YAML alias bombs and very deep nesting are refused quickly, with a
clear message, in little memory (past about 20,000 levels libyaml used to crash the process). The time
bounds are generous (the machine is shared); a hang or a blow-up would take minutes or gigabytes.
"""

import json
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.errors import UnreadableInputError
from orgmodel.workspace.loader import MAX_WORKSPACE_BYTES, MAX_WORKSPACE_FILES, load_workspace

from .conftest import ROOT

SECONDS = 10
MEGABYTES = 400


def billion_laughs(levels: int = 9) -> str:
    """Ten to the power of ``levels`` values from a few hundred bytes of YAML."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def quadratic_blowup() -> str:
    """One anchored text of a megabyte, repeated by 300 aliases: 300 MB of text in every output."""
    return 'big: &big "' + "ø" * 1_000_000 + '"\nroles:\n' + "".join(
        f"  - {{id: r{n}, title: *big, note: *big}}\n" for n in range(150))


def _run_limited(workspace) -> dict:
    """Load a workspace in a child process limited to 2 GB of address space; return its outcome,
    time and peak memory."""
    code = f"""
import json, time
from orgmodel.errors import OrgmodelError
from orgmodel.workspace import load_workspace
start = time.perf_counter()
try:
    load_workspace({str(workspace)!r})
    outcome = "loaded"
except OrgmodelError as error:
    outcome = str(error)
# VmHWM belongs to this program alone; ru_maxrss would carry over the forking pytest's peak.
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({{"outcome": outcome, "seconds": time.perf_counter() - start, "megabytes": peak_kb / 1024}}))
"""

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("billion laughs", billion_laughs(), "data.yaml: YAML aliases (*name) in this file expand to more than 100,000"),
    ("a long text aliased", quadratic_blowup(), "data.yaml: YAML aliases (*name) in this file expand to more than"),
    ("nested lists", "roles: " + "[" * 50_000 + "]" * 50_000 + "\n", "data.yaml:1: the file is nested too deeply"),
    ("nested lists on lines", "roles:\n" + "  [\n" * 30_000, "data.yaml:1001: the file is nested too deeply"),
    ("nested sequences", "roles:\n" + "- " * 30_000 + "x\n", "data.yaml:2: the file is nested too deeply"),
    ("deep indentation", "roles:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 3000)) + "x\n",
     "data.yaml:1001: the file is nested too deeply"),
    ("nested a few hundred levels", "roles:\n" + "  [\n" * 600 + "  " + "]" * 600 + "\n",
     "data.yaml:52: the file is nested too deeply"),
])
def test_bombs_are_refused_quickly_in_little_memory(name, text, expected, make_ws):
    root = make_ws({"data.yaml": text})
    result = _run_limited(root)
    assert result["outcome"].startswith(expected), result["outcome"][:300]
    assert "Fix: " in result["outcome"]
    assert result["seconds"] < SECONDS, result
    assert result["megabytes"] < MEGABYTES, result


def test_alias_bomb_through_the_cli_exits_2_without_traceback(make_ws):
    root = make_ws({"data.yaml": billion_laughs()})
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(root)], catch_exceptions=False)
    assert time.perf_counter() - start < SECONDS
    assert result.exit_code == 2
    assert result.output.startswith("Error: data.yaml: YAML aliases (*name) in this file expand")
    assert "Traceback" not in result.output


def test_a_few_aliases_are_fine(make_ws):
    root = make_ws({"data.yaml": "x: &medlemmer [a, b]\nforums:\n  - {id: f, type: ssp, members: *medlemmer}\n"
                                 "  - {id: g, type: psp, members: *medlemmer}\n"})
    ws = load_workspace(root)
    assert ws.records["g"].entity.members == ["a", "b"]


def test_a_workspace_past_the_size_limit_is_refused_before_reading(make_ws):
    root = make_ws({})
    for n in range(3):
        with open(root / f"big-{n}.yaml", "wb") as handle:
            handle.truncate(MAX_WORKSPACE_BYTES // 3 + 2**20)
    start = time.perf_counter()
    with pytest.raises(UnreadableInputError) as info:
        load_workspace(root)
    assert time.perf_counter() - start < 1
    message = str(info.value)
    assert message.startswith(f"{root}: the workspace's YAML files hold 131 MiB; the limit is 128 MiB\n  Fix: ")
    assert "check that you gave the right folder" in message


def test_a_workspace_with_too_many_files_is_refused(make_ws):
    root = make_ws({})
    folder = root / "mange"
    folder.mkdir()
    for n in range(MAX_WORKSPACE_FILES):
        (folder / f"{n}.yaml").touch()
    result = CliRunner().invoke(cli, ["check", str(root)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {root}: the workspace has {MAX_WORKSPACE_FILES + 1:,} YAML files; "
                                    f"the limit is {MAX_WORKSPACE_FILES:,}")


def test_hidden_folders_do_not_count(make_ws):
    root = make_ws({"roles.yaml": "roles: [{id: a, title: A}]\n"})
    with open(root / ".git-lfs-cache.yaml", "wb") as handle:
        handle.truncate(MAX_WORKSPACE_BYTES + 1)
    assert list(load_workspace(root).records) == ["a"]


def test_readme_states_the_limits():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"more than {MAX_WORKSPACE_FILES:,} YAML files or {MAX_WORKSPACE_BYTES // 2**20} MiB" in readme
    from orgmodel.workspace.yamlfile import MAX_ALIAS_EXPANSION, MAX_DEPTH_TO_PARSE, MAX_FILE_BYTES

    assert f"a single file may hold {MAX_FILE_BYTES // 2**20} MiB" in readme
    assert f"at most {MAX_ALIAS_EXPANSION:,} values" in readme
    assert f"nesting past {MAX_DEPTH_TO_PARSE:,} levels" in readme
