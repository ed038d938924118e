"""A non-editable ``pip install .`` into a fresh virtual environment works."""

import os
import shutil
import subprocess
import venv

import pytest

from .conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "out", "*.egg-info",
                                                                 "__pycache__", ".pytest_cache", "build"))
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    proc = subprocess.run(pip + [str(source)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return env_dir / "bin"


def test_installed_command_checks_the_example(installed, tmp_path):
    env = {**os.environ, "ORGMODEL_TODAY": "2026-11-22"}
    proc = subprocess.run([str(installed / "orgmodel"), "check", str(EXAMPLE)], capture_output=True,
                          text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("0 errors, 12 warnings, 19 information. The check passes.\n")


def test_installed_package_has_its_data_and_is_not_the_checkout(installed, tmp_path):
    code = "import orgmodel, orgmodel.model.areas as a; print(orgmodel.__file__); print(len(a.AREAS))"
    proc = subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path, count = proc.stdout.split()
    assert "site-packages" in path and not path.startswith(str(ROOT))
    assert count == "110"
    proc = subprocess.run([str(installed / "orgmodel"), "vocabulary", "crimes", "--format", "csv"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert "indbrud,Indbrud,Burglary" in proc.stdout


@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"), reason="Graphviz is not installed")
def test_installed_package_writes_the_report_with_its_templates(installed, tmp_path):
    out = tmp_path / "report"
    proc = subprocess.run(
        [str(installed / "orgmodel"), "report", str(EXAMPLE), "-o", str(out), "--today", "2026-11-22"],
        capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Wrote 37 pages to {out}\n")
    for asset in ("style.css", "search.js"):
        packaged = (ROOT / "orgmodel" / "report" / "templates" / asset).read_text(encoding="utf-8")
        assert (out / "assets" / asset).read_text(encoding="utf-8") == packaged
    assert "Retsplejelovens § 115 giver politiet" in (out / "glossary.html").read_text(encoding="utf-8")
    vendor = ROOT / "orgmodel" / "report" / "vendor"  # fetched by `make cytoscape`, package data of the install
    assert (out / "assets" / "cytoscape.min.js").read_bytes() == (vendor / "cytoscape.min.js").read_bytes()
    assert "cytoscape.js 3.34.4" in (out / "explorer.html").read_text(encoding="utf-8")
    assert "make cytoscape" not in proc.stderr  # the explorer page is there: no note that it is left out


def test_the_readme_python_example_runs_on_the_installed_package(installed, tmp_path):
    """The block under "Using orgmodel from Python" runs as written; ``check`` stays callable after a first call."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using orgmodel from Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    code = block.replace('"examples/midt-og-vestjylland"', repr(str(EXAMPLE))) + (
        "assert check(ws).counts == result.counts and result.counts['error'] == 0\n"
        "assert orgmodel.graph.area_of(G, 'ssp-silkeborg') == 'silkeborg'\n"
        "import orgmodel.check\n"
        "assert orgmodel.CheckResult is orgmodel.check.CheckResult\n")
    proc = subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "ORGMODEL_TODAY": "2026-11-22"})
    assert proc.returncode == 0, proc.stderr
