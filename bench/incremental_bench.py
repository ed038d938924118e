"""`orgmodel check` as a user runs it, whole process against whole process: cold, unchanged, one file edited.

    python bench/incremental_bench.py [--scales district,20000,100000]

Each measurement is the CPU time (user + system) of a fresh child process, so start-up and imports
count on both sides: the yardstick is a process that parses every file of the workspace with PyYAML's
CSafeLoader and nothing else. The workspace is copied into a temporary folder first, so the edits
touch no file of bench/.cache; the check's cache is a fresh temporary folder.

- cold: the first check, with an empty cache (it also stores the cache);
- unchanged: the same check again (the stored output, :mod:`orgmodel.check.cache`);
- one file edited: a comment appended to one kommune's file, then the check (that file is parsed
  again, the others' entries come from the cache; its entries and the place of every line that is not
  a comment or blank are as before, so the stored check still holds: :mod:`orgmodel.workspace.unchanged`);
- one name edited: the name of one entry in another kommune's file changed, then the check (labels alone
  changed: the stored findings are shown with the new name, :mod:`orgmodel.check.relabel`);
- one category edited: the category of one organisation in a third kommune's file changed, then the check
  (that file is parsed again; the graph and the rules run on everything);
- with findings: the same three after a fifth of the entities were given a placeholder (``TODO``) for
  their name or title, in text, JSON and SARIF.
"""

import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"cold": 1.0, "unchanged": 0.1, "edited": 0.3, "growth": 1.10}
BARE = ("import sys, pathlib, yaml\n"
        "root = pathlib.Path(sys.argv[1])\n"
        "for p in sorted([*root.rglob('*.yaml'), *root.rglob('*.yml')]):\n"
        "    with p.open('rb') as f:\n"
        "        yaml.load(f, Loader=yaml.CSafeLoader)\n")


def cpu(cmd: list[str], env: dict) -> float:
    """CPU seconds (user + system) of one child process running ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def with_findings(root: Path) -> int:
    """Give every fifth entity of ``root`` a placeholder name or title; the number of entities changed."""
    changed = 0
    for path in sorted(root.rglob("*.yaml")):
        lines, count, pending = path.read_text(encoding="utf-8").splitlines(keepends=True), 0, False
        for i, line in enumerate(lines):
            if re.match(r"\s*- id: ", line):
                count += 1
                pending = count % 5 == 0
            elif pending and re.match(r"\s+(name|title): ", line):
                lines[i] = re.sub(r"((?:name|title): ).*", r"\1TODO", line)
                pending, changed = False, changed + 1
        path.write_text("".join(lines), encoding="utf-8")
    return changed


def measure(source: Path, fmt: str = "text", findings: bool = False, repeat: int = 2) -> dict:
    """Best of ``repeat`` of each measurement, each a fresh process (see the module's docstring)."""
    times: dict[str, list[float]] = {"bare": [], "cold": [], "unchanged": [], "edited": [], "value": [],
                                     "structure": []}
    for attempt in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            ws = Path(tmp) / "ws"
            shutil.copytree(source, ws)
            if findings:
                with_findings(ws)
            env = {**os.environ, "ORGMODEL_CACHE_DIR": str(Path(tmp) / "cache")}
            env.pop("ORGMODEL_CACHE", None)
            check = [sys.executable, "-m", "orgmodel", "check", str(ws), "--today", "2026-11-22", "--format", fmt]
            times["bare"].append(cpu([sys.executable, "-c", BARE, str(ws)], env))
            times["cold"].append(cpu(check, env))
            times["unchanged"].append(min(cpu(check, env) for _ in range(2)))
            edited = sorted((ws / "kommuner").glob("*.yaml"))[attempt]
            with edited.open("a", encoding="utf-8") as f:
                f.write("# edited\n")
            times["edited"].append(cpu(check, env))
            changed = sorted((ws / "kommuner").glob("*.yaml"))[attempt + 2]
            changed.write_text(re.sub(r"(\n\s+name: )(.*)", r"\1\2 (renamed)", changed.read_text(encoding="utf-8"),
                                      count=1), encoding="utf-8")
            times["value"].append(cpu(check, env))
            changed = sorted((ws / "kommuner").glob("*.yaml"))[attempt + 4]
            changed.write_text(re.sub(r"(\n\s+category: )(\S+)", r"\1skole", changed.read_text(encoding="utf-8"),
                                      count=1), encoding="utf-8")
            times["structure"].append(cpu(check, env))
            out = subprocess.run(check[:-2] + ["--format", "json"], env=env, capture_output=True, text=True,
                                 cwd=HERE.parent).stdout
    summary = json.loads(out)["summary"]
    return {**{k: min(v) for k, v in times.items()}, "findings": sum(summary[s] for s in ("error", "warning", "info"))}


def entities(root: Path) -> int:
    return sum(len(re.findall(r"^\s*- id: ", p.read_text(encoding="utf-8"), re.M)) for p in root.rglob("*.yaml"))


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


CASES = (("as generated, text", "text", False), ("a fifth with findings, text", "text", True),
         ("a fifth with findings, json", "json", True), ("a fifth with findings, sarif", "sarif", True))


def incremental_rows(roots: dict[str, Path]) -> list[str]:
    """The rows of bench/RESULTS.md's section on the incremental check."""
    lines = ["| scale | entities | case | findings | bare parse s | cold check s | cold ÷ bare (≤ 1.0) | "
             "unchanged s | unchanged ÷ bare (≤ 0.1) | comment added s | ÷ bare (≤ 0.3) | "
             "a name edited s | ÷ bare (≤ 0.3) | a category edited s | ÷ bare (≤ 0.3) |",
             "|---|---:|---|---:|---:|---:|---|---:|---|---:|---|---:|---|---:|---|"]
    cold_by_scale = {}
    for scale, root in roots.items():
        n = entities(root)
        for case, fmt, findings in CASES:
            print(f"measuring {scale}: {case} …", flush=True)
            r = measure(root, fmt, findings, repeat=1 if n >= 400_000 else 2)
            if case.startswith("as generated"):
                cold_by_scale[scale] = (n, r["cold"])
            c, u, e, v, t = (r[k] / r["bare"] for k in ("cold", "unchanged", "edited", "value", "structure"))
            lines.append(f"| {scale} | {n:,} | {case} | {r['findings']:,} | {r['bare']:.2f} | {r['cold']:.2f} | "
                         f"{c:.2f} {verdict(c <= TARGETS['cold'])} | {r['unchanged']:.3f} | "
                         f"{u:.3f} {verdict(u <= TARGETS['unchanged'])} | {r['edited']:.2f} | "
                         f"{e:.2f} {verdict(e <= TARGETS['edited'])} | {r['value']:.2f} | "
                         f"{v:.2f} {verdict(v <= TARGETS['edited'])} | {r['structure']:.2f} | "
                         f"{t:.2f} {verdict(t <= TARGETS['edited'])} |")
    nation = [s for s in cold_by_scale if s != "district"]
    if len(nation) >= 2:
        (na, ta), (nb, tb) = cold_by_scale[nation[0]], cold_by_scale[nation[-1]]
        k = math.log(tb / ta) / math.log(nb / na)
        lines += ["", f"Growth of the cold `orgmodel check` (whole process) from {na:,} to {nb:,} entities: exponent "
                  f"{k:.2f} (≤ {TARGETS['growth']:.2f}: {verdict(k <= TARGETS['growth'])})."]
    return lines


def cold_check(source: Path) -> dict:
    """CPU seconds and peak MB of one cold `orgmodel check` (empty cache) of ``source``, and of its bare parse."""
    from report_bench import CHILD

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ORGMODEL_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("ORGMODEL_CACHE", None)
        check = [sys.executable, "-m", "orgmodel", "check", str(source), "--today", "2026-11-22"]
        run = [sys.executable, "-c", CHILD]
        measured = [json.loads(subprocess.run([*run, *cmd], env=env, capture_output=True, text=True, cwd=HERE.parent,
                                              check=True).stdout)
                    for cmd in ([sys.executable, "-c", BARE, str(source)], check)]
    return {"bare": measured[0]["cpu_s"], "cold": measured[1]["cpu_s"], "peak_mb": measured[1]["peak_mb"]}


def growth_rows(roots: dict[str, Path]) -> list[str]:
    """The rows of bench/RESULTS.md's section on the growth and memory of a cold check (one run per scale)."""
    lines = ["| scale | entities | bare parse s | cold check s | cold ÷ bare | µs per entity | peak MB | "
             "≤ 1 GB at 500,000 |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    points = []
    for scale, root in roots.items():
        print(f"measuring a cold check of {scale} …", flush=True)
        n, r = entities(root), cold_check(root)
        points.append((n, r["cold"]))
        memory = verdict(r["peak_mb"] <= 1024) if n >= 400_000 else ""
        lines.append(f"| {scale} | {n:,} | {r['bare']:.2f} | {r['cold']:.2f} | {r['cold'] / r['bare']:.2f} | "
                     f"{r['cold'] / n * 1e6:.0f} | {r['peak_mb']:,.0f} | {memory} |")
    if len(points) >= 2:
        (na, ta), (nb, tb) = points[0], points[-1]
        k = math.log(tb / ta) / math.log(nb / na)
        lines += ["", f"Growth of the cold `orgmodel check` (whole process) from {na:,} to {nb:,} entities: exponent "
                  f"{k:.2f} (≤ {TARGETS['growth']:.2f}: {verdict(k <= TARGETS['growth'])})."]
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from run import main_for_scales

    main_for_scales(__doc__.splitlines()[0], incremental_rows, "district,20000,100000")
