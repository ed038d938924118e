"""The national repository's CI templates and the pre-commit hook (issue 17).

The templates are YAML that GitHub and GitLab read; each `orgmodel` command they run is run here on a
national folder (Neo4j with --dry-run). The hook is installed and run by the real `pre-commit` on a
temporary git repository, from a snapshot of this checkout as it is (committed or not).
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from orgmodel.cli import cli

from .conftest import ROOT
from .districts import national

GITHUB = ROOT / "templates" / "ci" / "github-actions.yml"
GITLAB = ROOT / "templates" / "ci" / "gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _commands(lines: list[str], variables: dict[str, str]) -> list[list[str]]:
    """The `orgmodel …` commands of script lines, with ``$NAME`` and ``"$NAME"`` replaced by ``variables``."""
    found = []
    for line in lines:
        for part in line.replace("||", ";").split(";"):
            words = shlex.split(part.split(" #")[0], comments=True)
            if words[:1] == ["orgmodel"]:
                found.append([variables.get(w.lstrip("$"), w) if w.startswith("$") else w for w in words[1:]])
    return found


def _github_steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def _run_commands(runner, commands: list[list[str]], tmp_path) -> None:
    for args in commands:
        if args[:2] == ["neo4j", "push"]:
            args = [*args, "--dry-run"]
        if "-o" in args:
            args[args.index("-o") + 1] = str(tmp_path / args[args.index("-o") + 1])
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        if "sarif" in args:
            sarif = json.loads((tmp_path / "orgmodel.sarif").read_text(encoding="utf-8"))
            assert sarif["runs"][0]["results"], "the national example has findings"


def test_github_actions_template_checks_uploads_sarif_and_pushes_from_main(runner, tmp_path):
    data = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = _github_steps(data)
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(upload) == 1 and upload[0]["with"]["sarif_file"] == "orgmodel.sarif" and upload[0]["if"] == "always()"
    assert data["jobs"]["neo4j"]["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    assert data["permissions"]["security-events"] == "write"
    land = national(tmp_path / "national")
    commands = _commands([s["run"] for s in steps if "run" in s], {"WORKSPACES": str(land)})
    assert [c[:2] for c in commands] == [["check", str(land)], ["neo4j", "push"]]
    assert commands[0][2:] == ["--format", "sarif", "-o", "orgmodel.sarif"]
    _run_commands(runner, commands, tmp_path)


def test_gitlab_template_checks_keeps_sarif_and_pushes_from_main(runner, tmp_path):
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    check, push = data["orgmodel-check"], data["orgmodel-neo4j"]
    assert check["artifacts"]["when"] == "always" and check["artifacts"]["paths"] == ["orgmodel.sarif"]
    assert push["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    land = national(tmp_path / "national")
    commands = _commands(check["script"] + push["script"], {"WORKSPACES": str(land)})
    assert commands[0] == ["check", str(land), "--format", "sarif", "-o", "orgmodel.sarif"]
    assert [c[:2] for c in commands] == [["check", str(land)], ["check", str(land)], ["neo4j", "push"]]
    _run_commands(runner, commands, tmp_path)


def test_the_hook_runs_orgmodel_check_once_per_commit():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"], h["pass_filenames"]) for h in hooks] == [
        ("orgmodel-check", "orgmodel check", "python", False)]
    assert "check" in cli.commands


def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, text=True).stdout


def _snapshot(target: Path) -> str:
    """This checkout as it is now (what pip needs to install it, and the hook file), as a git repository at
    ``target``; returns the commit for ``rev``."""
    files = _git(ROOT, "ls-files", "-co", "--exclude-standard").splitlines()
    for name in files:
        if (name.startswith("orgmodel/") or name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")) \
                and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "snapshot")
    return _git(target, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A secretariat's repository holding a clean workspace, with orgmodel's hook in its configuration."""
    base = tmp_path_factory.mktemp("precommit")
    source = base / "orgmodel-src"
    source.mkdir()
    rev = _snapshot(source)
    repo = base / "sekretariat"
    national(repo / "national")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{
        "repo": str(source), "rev": rev,
        "hooks": [{"id": "orgmodel-check", "args": ["national/", "--today", "2026-11-22"]}]}]}), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo, base / "pre-commit-home"


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "ORGMODEL_CACHE": "off"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=900)


def test_pre_commit_hook_passes_a_good_workspace_and_fails_a_broken_one(hook_repo):
    repo, home = hook_repo
    good = _pre_commit(repo, home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "orgmodel check" in good.stdout and "Passed" in good.stdout
    forums = repo / "national" / "mvj" / "forums" / "silkeborg.yaml"
    forums.write_text(forums.read_text(encoding="utf-8").replace("under: lokalraad-silkeborg",
                                                                 "under: lokalraad-silkebrog", 1), encoding="utf-8")
    _git(repo, "add", "-A")
    bad = _pre_commit(repo, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "ref.dangling" in bad.stdout and "lokalraad-silkebrog" in bad.stdout
