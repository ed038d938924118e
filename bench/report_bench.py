"""`orgmodel report` of a national workspace as a user runs it: wall time, CPU and peak memory of the process.

    python bench/report_bench.py [--scales 20000,100000]

Each build is a fresh child process (``python -m orgmodel report WS -o OUT``), so start-up, loading the
workspace, the check, the graph, the pages, the diagrams and the charts all count. CPU seconds and peak
resident memory are the child's own (``resource.getrusage(RUSAGE_CHILDREN)``, taken from a wrapper process
per build so one build's peak does not hide the next); the CPU of the Graphviz processes it starts is
counted too. The workspace is a copy in a temporary folder. A second build into the same folder is the rebuild
of an unchanged workspace: the report's stamp (orgmodel/report/stamp.py) is the same and every file is as
written, so nothing is made again. A third build follows the change of one entity's name (in one kommune's
file): the whole report is made again, and every file whose bytes are unchanged is linked from the earlier
report, not written ("files kept").

Targets (issue 19): ≤ 60 s and ≤ 500 MB for the national workspace of about 10,000 pages.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
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
    """Wall time, CPU seconds and peak MB of one `orgmodel report` process; the number of HTML pages.

    The peak is the larger of the largest process's own (``ru_maxrss``) and the most the processes held
    together in a sample every 100 ms (:func:`_tree_mb`): the report runs Graphviz processes beside itself."""
    cmd = [sys.executable, "-m", "orgmodel", "report", str(root), "-o", str(out), "--today", "2026-11-22"]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *cmd], stdout=subprocess.PIPE, text=True,
                            cwd=HERE.parent)
    together = [0.0]
    sampler = threading.Thread(target=_sample, args=(proc, together), daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    found = json.loads(stdout)
    return {"wall_s": wall, **found, "peak_mb": max(found["peak_mb"], together[0]),
            "pages": sum(1 for _ in out.rglob("*.html"))}


def _sample(proc: subprocess.Popen, most: list[float]) -> None:
    """Keep in ``most[0]`` the most memory (MB) the processes below ``proc`` held together."""
    while proc.poll() is None:
        most[0] = max(most[0], _tree_mb(proc.pid))
        time.sleep(0.1)


def _tree_mb(root: int) -> float:
    """The proportional set size (PSS: a page shared by n processes counts 1/n in each, so a child just forked,
    whose pages are its parent's, is not counted twice) of the processes below ``root`` (the wrapper), in MB."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    parents[int(entry.name)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except OSError:
                continue
    below, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - below
        below |= frontier
    total = 0
    for pid in below:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith(b"Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def unchanged_files(out: Path, before: dict[str, int]) -> int:
    """How many files of the report kept their inode (were linked from the earlier report, not written)."""
    return sum(1 for p in out.rglob("*") if p.is_file() and before.get(str(p)) == p.stat().st_ino)


def measure(root: Path) -> dict:
    """A cold build into a new folder, a rebuild of the unchanged workspace into the same folder, and a rebuild
    after one entity's name changed."""
    with tempfile.TemporaryDirectory() as tmp:
        ws, out = Path(tmp) / "ws", Path(tmp) / "report"
        shutil.copytree(root, ws)
        cold = build(ws, out)
        inodes = {str(p): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
        again = build(ws, out)
        kept = unchanged_files(out, inodes)
        inodes = {str(p): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
        changed = sorted((ws / "kommuner").glob("*.yaml"))[0]
        changed.write_text(re.sub(r"(\n\s+name: )(.*)", r"\1\2 (renamed)", changed.read_text(encoding="utf-8"),
                                  count=1), encoding="utf-8")
        one = build(ws, out)
        kept_one = unchanged_files(out, inodes)
        shutil.rmtree(out, ignore_errors=True)
    return {"cold": cold, "again": again, "one": one, "files": len(inodes), "kept": kept, "kept_one": kept_one}


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def report_rows(roots: dict[str, Path]) -> list[str]:
    """The rows of bench/RESULTS.md's section on `orgmodel report`."""
    lines = ["| scale | HTML pages | build | wall s | ÷ 60 s | CPU s | peak MB | ÷ 500 MB | files kept |",
             "|---|---:|---|---:|---|---:|---:|---|---:|"]
    for scale, root in roots.items():
        print(f"measuring the report of {scale} …", flush=True)
        r = measure(root)
        for name, b, kept_files in (("cold", r["cold"], None), ("unchanged, rebuilt", r["again"], r["kept"]),
                                    ("one entity renamed, rebuilt", r["one"], r["kept_one"])):
            wall, peak = b["wall_s"] / TARGETS["wall_s"], b["peak_mb"] / TARGETS["peak_mb"]
            kept = f"{kept_files:,} of {r['files']:,}" if kept_files is not None else ""
            lines.append(f"| {scale} | {b['pages']:,} | {name} | {b['wall_s']:.1f} | {wall:.2f} "
                         f"{verdict(wall <= 1)} | {b['cpu_s']:.1f} | {b['peak_mb']:,.0f} | {peak:.2f} "
                         f"{verdict(peak <= 1)} | {kept} |")
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from run import main_for_scales

    main_for_scales(__doc__.splitlines()[0], report_rows)
    print(f"load average: {os.getloadavg()}")
