"""`orgmodel report` of a national workspace as a user runs it: wall time, CPU and peak memory of the process.

    python bench/report_bench.py [--scales 20000,100000]

Each build is a fresh child process (``python -m orgmodel report WS -o OUT``), so start-up, loading the
workspace, the check, the graph, the pages, the diagrams and the charts all count. CPU seconds and peak
resident memory are the child's own (``resource.getrusage(RUSAGE_CHILDREN)``, taken from a wrapper process
per build so one build's peak does not hide the next); the CPU of the Graphviz processes it starts is
counted too. A second build into the same folder is the rebuild of an unchanged workspace: its pages are
made again, and every file whose bytes are unchanged is linked from the earlier report, not written.

Targets (issue 19): ≤ 60 s and ≤ 500 MB for the national workspace of about 10,000 pages.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"wall_s": 60.0, "peak_mb": 500.0}
CHILD = ("import json, resource, subprocess, sys\n"
         "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
         "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(json.dumps({'cpu_s': r.ru_utime + r.ru_stime, 'peak_mb': r.ru_maxrss / 1024}))\n")
"""Runs one command and prints its CPU seconds and peak memory (ru_maxrss: the largest of its children)."""


def build(root: Path, out: Path) -> dict:
    """Wall time, CPU seconds and peak MB of one `orgmodel report` process; the number of HTML pages."""
    cmd = [sys.executable, "-m", "orgmodel", "report", str(root), "-o", str(out), "--today", "2026-11-22"]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, *cmd], check=True, capture_output=True, text=True,
                          cwd=HERE.parent)
    wall = time.perf_counter() - start
    return {"wall_s": wall, **json.loads(done.stdout), "pages": sum(1 for _ in out.rglob("*.html"))}


def unchanged_files(out: Path, before: dict[str, int]) -> int:
    """How many files of the report kept their inode (were linked from the earlier report, not written)."""
    return sum(1 for p in out.rglob("*") if p.is_file() and before.get(str(p)) == p.stat().st_ino)


def measure(root: Path) -> dict:
    """A cold build into a new folder, then a rebuild of the unchanged workspace into the same folder."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report"
        cold = build(root, out)
        inodes = {str(p): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
        again = build(root, out)
        kept = unchanged_files(out, inodes)
        shutil.rmtree(out, ignore_errors=True)
    return {"cold": cold, "again": again, "files": len(inodes), "kept": kept}


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def report_rows(roots: dict[str, Path]) -> list[str]:
    """The rows of bench/RESULTS.md's section on `orgmodel report`."""
    lines = ["| scale | HTML pages | build | wall s | ÷ 60 s | CPU s | peak MB | ÷ 500 MB | files kept |",
             "|---|---:|---|---:|---|---:|---:|---|---:|"]
    for scale, root in roots.items():
        print(f"measuring the report of {scale} …", flush=True)
        r = measure(root)
        for name, b in (("cold", r["cold"]), ("unchanged, rebuilt", r["again"])):
            wall, peak = b["wall_s"] / TARGETS["wall_s"], b["peak_mb"] / TARGETS["peak_mb"]
            kept = f"{r['kept']:,} of {r['files']:,}" if name != "cold" else ""
            lines.append(f"| {scale} | {b['pages']:,} | {name} | {b['wall_s']:.1f} | {wall:.2f} "
                         f"{verdict(wall <= 1)} | {b['cpu_s']:.1f} | {b['peak_mb']:,.0f} | {peak:.2f} "
                         f"{verdict(peak <= 1)} | {kept} |")
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from run import main_for_scales

    main_for_scales(__doc__.splitlines()[0], report_rows)
    print(f"load average: {os.getloadavg()}")
