import datetime as dt
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "midt-og-vestjylland"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 11, 22)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files (tests/golden, schema/) from the current output.")


@pytest.fixture
def golden(request):
    """Compare text with a golden file; with --update-golden, rewrite the file instead."""
    update = request.config.getoption("--update-golden")

    def compare(path: Path, actual: str):
        path = Path(path) if Path(path).is_absolute() else GOLDEN / path
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"{path} is missing; run `make golden`"
        assert actual == path.read_text(encoding="utf-8"), f"{path} differs; run `make golden` if intended"

    return compare


@pytest.fixture(scope="module")
def browser():
    """Chromium for a module of browser tests of the report (``tests/browser.py`` says what it needs)."""
    from .browser import report_browser

    with report_browser() as driver:
        yield driver


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """orgmodel's cache in a folder of the test's own, turned on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(folder))
    monkeypatch.delenv("ORGMODEL_CACHE", raising=False)
    return folder


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def make_ws(tmp_path):
    """Write a workspace from {relative path: YAML text}; the manifest gets a default."""

    def make(files: dict[str, str], name: str = "ws") -> Path:
        root, n = tmp_path / name, 1
        while root.exists():
            n += 1
            root = tmp_path / f"{name}{n}"
        root.mkdir()
        files = {"orgmodel.yaml": "name: Test\n", **files}
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The injection corpus (tests/injection_corpus.py) written as a workspace: (folder, workspace, graph)."""
    import yaml

    from orgmodel.graph import build_graph
    from orgmodel.workspace import load_workspace

    from .injection_corpus import CORPUS, MANIFEST

    root = tmp_path_factory.mktemp("injection") / "workspace æ ø"
    root.mkdir()
    (root / "orgmodel.yaml").write_text(yaml.safe_dump(MANIFEST, allow_unicode=True), encoding="utf-8")
    (root / "data.yaml").write_text(yaml.safe_dump(CORPUS, allow_unicode=True), encoding="utf-8")
    ws = load_workspace(root)
    assert ws.problems == [] and len(ws.records) == 20
    return root, ws, build_graph(ws)


def _hypothesis_profiles():
    """Hypothesis: a few thousand examples in `make test`, many more with HYPOTHESIS_PROFILE=fuzz (`make fuzz`).

    Failing examples are kept in .hypothesis/ (git-ignored) on a developer's machine; with CI set the run is
    derandomized (the same examples every time) and keeps no database, and a failure prints its blob.
    """
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "print_blob": True,
              "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.large_base_example, HealthCheck.filter_too_much]}
    settings.register_profile("default", max_examples=1000, **common)
    settings.register_profile("ci", max_examples=1000, derandomize=True, database=None, **common)
    settings.register_profile("fuzz", max_examples=30_000, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


_hypothesis_profiles()
