"""Measure one synthetic workspace against its yardsticks, in one process; print JSON.

    python bench/measure_scale.py ROOT [--repeat 2]     # times
    python bench/measure_scale.py ROOT --check          # cold load, then check, as `orgmodel check` runs
    python bench/measure_scale.py ROOT --warm           # a load from the cache ($ORGMODEL_CACHE_DIR)
    python bench/measure_scale.py ROOT --memory         # peak RSS of load, graph, check and gaps

Run by bench/run.py once per scale, each in a fresh process, so "cold" means
nothing was loaded before in this process (the operating system's file cache
is warm for the yardstick and for orgmodel alike).
"""

import argparse
import datetime as dt
import gc
import json
import os
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from orgmodel.check import check  # noqa: E402  (after the sys.path setup)
from orgmodel.graph import build_graph  # noqa: E402  (after the sys.path setup)
from orgmodel.queries import coverage, lookup, partners, scope, stats  # noqa: E402  (after the sys.path setup)
from orgmodel.workspace import open_workspace  # noqa: E402  (after the sys.path setup)
from orgmodel.workspace.loader import load_workspace, workspace_files  # noqa: E402  (after the sys.path setup)

TODAY = dt.date(2026, 11, 22)


def timed(fn) -> tuple[float, object]:
    """CPU seconds of ``fn`` (steadier than wall time on a shared machine; the work is single-threaded)."""
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def best_alternating(fn, yardstick, repeat: int) -> tuple[float, float]:
    """Best time of ``fn`` and of ``yardstick``, measured in turn so machine load hits both alike."""
    mine, theirs = [], []
    for _ in range(repeat):
        theirs.append(timed(yardstick)[0])
        mine.append(timed(fn)[0])
    return min(mine), min(theirs)


def bare_parse(files: list[Path]) -> None:
    """The yardstick for loading: PyYAML's CSafeLoader on every file, nothing else."""
    for path in files:
        with path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)


def node_scan(G) -> int:
    """The yardstick for queries: one pass over every node and its attributes."""
    return sum(1 for _, data in G.nodes(data=True) if data["kind"] == "forum")


def queries(G, ws) -> dict:
    kommuner = scope.scope_kommuner(G, ws.manifest)
    first = kommuner[0]
    same_kreds = [k for k in kommuner if k != first and scope.AREAS[k].kreds == scope.AREAS[first].kreds][-1]
    return {
        "gaps ages (every kommune)": lambda: coverage.coverage(G, "ages", scope_areas=kommuner),
        "gaps groups (every kommune)": lambda: coverage.coverage(G, "groups", scope_areas=kommuner),
        "gaps crimes (every kommune)": lambda: coverage.coverage(G, "crimes", scope_areas=kommuner),
        "gaps groups --matrix": lambda: coverage.matrix(G, "groups", coverage.coverage(G, "groups",
                                                                                     scope_areas=kommuner)),
        "gaps partners (every body)": lambda: partners.partner_rows(G),
        "gaps partners --by kommune": lambda: partners.forum_type_rows(G, kommuner),
        "who (a kommune organisation)": lambda: lookup.who(G, f"{first}-kommune"),
        "path (across a district)": lambda: lookup.path(G, f"{first}-skole-0", f"borgmester-{same_kreds}"),
        "show (a lokalråd)": lambda: lookup.show(G, f"lokalraad-{first}"),
        "stats --sample 10 (betweenness; no target)": lambda: stats.brokers(G, top=20, k=10),
    }


def measure(root: Path, repeat: int) -> dict:
    files = workspace_files(root, root / "orgmodel.yaml")
    cold, bare = best_alternating(lambda: load_workspace(root), lambda: bare_parse(files), repeat)
    ws = load_workspace(root)
    build, G = timed(lambda: build_graph(ws))
    scan = min(timed(lambda: node_scan(G))[0] for _ in range(5))
    rows = {}
    for name, fn in queries(G, ws).items():
        slow = name.startswith("stats")
        seconds, scan_here = best_alternating(fn, lambda: node_scan(G), 2 if slow else 7)
        rows[name] = [seconds, scan_here]
    return {"entities": len(ws.records), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "yaml_mb": sum(f.stat().st_size for f in files) / 1e6, "bare": bare, "cold": cold,
            "build": build, "scan": scan, "queries": rows}


def warm_load(root: Path) -> dict:
    """A warm load as a user meets it: the first load in a fresh process, from a cache written before."""
    cache = Path(os.environ["ORGMODEL_CACHE_DIR"])
    before = sorted((p.name, p.stat().st_mtime_ns) for p in cache.glob("*.pickle"))
    seconds = timed(lambda: open_workspace(root))[0]
    if not before or sorted((p.name, p.stat().st_mtime_ns) for p in cache.glob("*.pickle")) != before:
        raise SystemExit(f"{cache} held no current cache of {root}: that load was cold")
    return {"warm": seconds}


def first_check(root: Path) -> dict:
    """`check` as a user runs it: the first check after a cold load in a fresh process, and that load.

    A second check in the same process is cheaper (lines of findings already read,
    memory already taken from the system), so it would flatter the ratio.
    """
    cold, ws = timed(lambda: load_workspace(root))
    return {"check_cold": cold, "check": timed(lambda: check(ws, TODAY))[0]}


def memory(root: Path) -> dict:
    """Peak resident memory of what a user runs: load and check, then a graph and a gap query."""
    before = peak_rss_mb()
    ws = load_workspace(root)
    check(ws, TODAY)
    G = build_graph(ws)
    coverage.coverage(G, "ages", scope_areas=scope.scope_kommuner(G, ws.manifest))
    return {"entities": len(ws.records), "peak_mb": peak_rss_mb(), "start_mb": before}


def peak_rss_mb() -> float:
    """This program's peak resident memory (VmHWM); ru_maxrss would include the parent's peak
    inherited through fork and exec."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--memory", action="store_true")
    mode.add_argument("--warm", action="store_true")
    args = parser.parse_args()
    result = memory(args.root) if args.memory else first_check(args.root) if args.check \
        else warm_load(args.root) if args.warm else measure(args.root, args.repeat)
    print(json.dumps(result))
