"""The report's explorer page in headless Chromium: the time from navigation to the first interaction.

Only the explorer page and its assets are written (the rest of a national report takes minutes and is
not what is measured here). The time is the page's own mark ``orgmodel-explorer-ready``, set when the
network is drawn and the list of nodes is in place, as Chromium's ``performance`` reports it (best of 3).

    python bench/explorer_bench.py            # prints the rows of the "Explorer page" section
"""

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402  (after the sys.path setup)

from orgmodel.report import build as report  # noqa: E402  (after the sys.path setup)
from orgmodel.report import explorer  # noqa: E402
from orgmodel.report.pages import Site  # noqa: E402
from orgmodel.workspace import load_workspace  # noqa: E402

TODAY = dt.date(2026, 11, 22)
LIMITS = {"district": 1.0, "nation": 3.0}


def write_page(workspace: Path, out: Path) -> int:
    """Write explorer.html with every asset it loads into ``out``; the number of nodes it draws."""
    site = Site.of(load_workspace(workspace), today=TODAY)
    lib = explorer.library()
    if lib is None:
        raise SystemExit("cytoscape.js is missing: run `make cytoscape` first")
    env = report._environment(site, True)
    jobs = report._explorer_jobs(site, env, lib, 120)
    jobs += [(f"assets/{name}", report._asset(name)) for name in report.ASSETS]
    jobs.append(("assets/search-index.js", report._search_index(site, env)))
    for name, make in jobs:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        content = make(target)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return len(explorer.explorer_nodes(site)[0])


def first_interaction(page: Path, repeat: int = 3) -> float:
    """Best of ``repeat`` fresh loads: seconds from navigation to the page's ready mark."""
    from tests.browser import chromium

    times = []
    with chromium() as driver:
        for _ in range(repeat):
            driver.get("about:blank")
            driver.get(page.as_uri())
            end = time.monotonic() + 60
            mark = None
            while mark is None and time.monotonic() < end:
                mark = driver.execute_script("var m = performance.getEntriesByName('orgmodel-explorer-ready');"
                                             "return m.length ? m[0].startTime : null;")
                time.sleep(0.05)
            if mark is None:
                raise SystemExit(f"{page} never became ready")
            times.append(mark / 1000)
    return min(times)


def explorer_rows() -> list[str]:
    """The rows of the "Explorer page" section of bench/RESULTS.md."""
    national = HERE / ".cache" / "nation-20000"
    if not national.exists():
        generate(national, 20000)
    cases = {"district": ("the bundled example (district)", HERE.parent / "examples" / "midt-og-vestjylland"),
             "nation": ("national, 20,000 entities (bodies and kommuner)", national)}
    lines = ["| workspace | nodes drawn | first interaction s | target | result |", "|---|---:|---:|---:|---|"]
    for key, (name, workspace) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            nodes = write_page(workspace, Path(tmp))
            seconds = first_interaction(Path(tmp) / "explorer.html")
        verdict = "pass" if seconds <= LIMITS[key] else "FAIL"
        lines.append(f"| {name} | {nodes:,} | {seconds:.2f} | ≤ {LIMITS[key]:g} s | {verdict} |")
    return lines


if __name__ == "__main__":
    print("\n".join(explorer_rows()))
