"""`make bench`: orgmodel against its yardsticks at several scales; writes bench/RESULTS.md and a plot.

    python bench/run.py [--scales district,20000,100000,500000] [--out bench/RESULTS.md]
    python bench/run.py --only explorer     # measure the explorer page alone; replace its section only
    python bench/run.py --only incremental  # cold, unchanged and one-file-edited checks; replace their section
    python bench/run.py --only growth --scales 20000,500000  # a cold check's growth and peak memory
    python bench/run.py --only national     # a national check and gaps over 12 workspaces; replace its section
    python bench/run.py --only report --scales 20000,100000  # `orgmodel report`: time, memory; its section
    python bench/run.py --only import --scales 20000,100000  # workbook import against a cold load

Synthetic workspaces are generated once into bench/.cache/ (not committed). Each
scale is measured in a fresh process (bench/measure_scale.py), every ratio in
the same run as its yardstick. With NEO4J_URI set (``make bench`` starts a test
server), the Neo4j push is measured against an optimal loader as well.
"""

import argparse
import datetime as dt
import importlib
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
# A user's orgmodel runs from compiled bytecode, as pip installs it; a machine that turns the writing of
# bytecode off would make every measured process compile orgmodel's modules again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402  (after the sys.path setup)

DISTRICT = "kreds-midt-og-vestjylland"
TARGETS = {"cold": 1.0, "warm": 0.05, "check": 0.3, "query": 2.0, "help": 1.5, "memory_gb": 1.0}


def workspace_for(scale: str) -> Path:
    """The synthetic workspace of a scale: ``district`` (one politikreds) or a number of entities."""
    if scale == "district":
        root, make = CACHE / "district-5000", lambda r: generate(r, 5000, kredse=[DISTRICT])
    else:
        root, make = CACHE / f"nation-{int(scale)}", lambda r: generate(r, int(scale))
    if not root.exists():
        print(f"generating {root.name} …", flush=True)
        make(root)
    return root


def measure(root: Path, *flags: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "measure_scale.py"), str(root), *flags],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


def warm_loads(root: Path, repeat: int) -> float:
    """Best time of a warm load, each in a fresh process reading the cache an earlier one wrote."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ORGMODEL_CACHE_DIR": folder}
        subprocess.run([sys.executable, "-c", "import sys; from orgmodel.workspace.cache import open_workspace; "
                        "open_workspace(sys.argv[1])", str(root)], check=True, env=env, cwd=HERE.parent)
        return min(measure(root, "--warm", env=env)["warm"] for _ in range(repeat))


def startup(repeat: int = 7) -> tuple[float, float]:
    """Best wall time of `orgmodel --help` and of `python -c "import click"`, run in turn."""
    orgmodel = [sys.executable, "-m", "orgmodel", "--help"]
    click = [sys.executable, "-c", "import click"]
    ours, theirs = [], []
    for _ in range(repeat):
        for cmd, times in ((click, theirs), (orgmodel, ours)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return min(ours), min(theirs)


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def scale_rows(results: dict) -> list[str]:
    lines = ["| scale | entities | YAML MB | bare CSafeLoader s | cold load s | cold ÷ bare (≤ 1.0) | "
             "cold load in a fresh process s | warm s | warm ÷ cold (≤ 0.05) | graph s | check s | "
             "check ÷ cold (≤ 0.3) | peak MB | KB/entity |",
             "|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---|---:|---:|"]
    for scale, r in results.items():
        cold, warm, chk = r["cold"] / r["bare"], r["warm"] / r["check_cold"], r["check"] / r["check_cold"]
        lines.append(
            f"| {scale} | {r['entities']:,} | {r['yaml_mb']:.1f} | {r['bare']:.2f} | {r['cold']:.2f} | "
            f"{cold:.2f} {verdict(cold <= TARGETS['cold'])} | {r['check_cold']:.2f} | {r['warm']:.3f} | "
            f"{warm:.3f} {verdict(warm <= TARGETS['warm'])} | {r['build']:.2f} | {r['check']:.2f} | "
            f"{chk:.2f} {verdict(chk <= TARGETS['check'])} | {r['peak_mb']:,.0f} | "
            f"{r['peak_mb'] * 1024 / r['entities']:.1f} |")
    return lines


def query_rows(results: dict) -> list[str]:
    scales = list(results)
    lines = ["| query | " + " | ".join(f"{s}: ms, × scan" for s in scales) + " | target |",
             "|---|" + "---|" * len(scales) + "---|"]
    for name in next(iter(results.values()))["queries"]:
        cells, target = [], None if name.startswith("stats") else TARGETS["query"]
        for s in scales:
            seconds, scan = results[s]["queries"][name]
            ratio = seconds / scan
            mark = "" if target is None else f" {verdict(ratio <= target)}"
            cells.append(f"{seconds * 1000:.1f} ms, {ratio:.2f}×{mark}")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {'≤ 2×' if target else 'none'} |")
    return lines


def growth_rows(results: dict) -> list[str]:
    """How each step grows between the smallest and the largest national scale (1.0 = linear)."""
    nation = [s for s in results if s != "district"]
    if len(nation) < 2:
        return []
    a, b = results[nation[0]], results[nation[-1]]
    n = b["entities"] / a["entities"]
    # n log n in the same terms: the exponent k with n^k = (n_b log n_b) / (n_a log n_a)
    allowed = math.log(n * math.log(b["entities"]) / math.log(a["entities"])) / math.log(n)
    lines = [f"Growth from {a['entities']:,} to {b['entities']:,} entities ({n:.0f}× as many): the exponent k "
             f"in time ∝ entities^k (1.00 is linear; n log n would be {allowed:.2f}; a step passes up to "
             f"{allowed + 0.1:.2f}, because repeated runs on this machine differ by about ±0.1).", "",
             "| step | exponent | result |", "|---|---:|---|"]
    for key, label in (("bare", "bare CSafeLoader (yardstick)"), ("cold", "cold load"), ("warm", "warm load"),
                       ("build", "graph build"), ("check", "check"), ("peak_mb", "peak memory")):
        k = math.log(b[key] / a[key]) / math.log(n)
        lines.append(f"| {label} | {k:.2f} | {verdict(k <= allowed + 0.1)} |")
    for name in a["queries"]:
        if name.startswith("stats"):
            continue
        k = math.log(b["queries"][name][0] / a["queries"][name][0]) / math.log(n)
        lines.append(f"| {name} | {k:.2f} | {verdict(k <= allowed + 0.1)} |")
    return lines


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scales = list(results)
    xs = [results[s]["entities"] for s in scales]
    fig, (ax, mem) = plt.subplots(1, 2, figsize=(11, 4.5))
    for key, label in (("bare", "bare CSafeLoader"), ("cold", "cold load"), ("warm", "warm load"),
                       ("build", "graph build"), ("check", "check")):
        ax.plot(xs, [results[s][key] for s in scales], marker="o", label=label)
    ax.plot(xs, [results[s]["queries"]["gaps ages (every kommune)"][0] for s in scales], marker="o",
            label="gaps ages")
    ref = results[scales[0]]["cold"]
    ax.plot(xs, [ref * x / xs[0] for x in xs], "k:", label="linear growth")
    ax.set(xscale="log", yscale="log", xlabel="entities", ylabel="CPU seconds", title="Cost against scale")
    ax.legend(fontsize=8)
    mem.plot(xs, [results[s]["peak_mb"] for s in scales], marker="o", label="peak RSS")
    mem.axhline(1024, color="red", linestyle="--", label="1 GB target")
    mem.set(xscale="log", xlabel="entities", ylabel="MB", title="Peak memory (load, graph, check, gaps)")
    mem.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def diagram_rows() -> list[str]:
    from diagram_bench import diagram_rows as rows

    lines = ["| measurement | seconds | ratio or seconds | target | result |", "|---|---:|---:|---:|---|"]
    for name, a, b, limit, result in rows():
        unit = "×" if b != 1.0 else " s"
        lines.append(f"| {name} | {a:.3f} | {a / b:.3f} | ≤ {limit:g}{unit} | {result} |")
    return lines


EXPLORER_INTRO = ("Time from navigation to the first interaction (the network drawn and the list of nodes in place) of "
                  "the report's explorer page, opened from the disk in this machine's headless Chromium; best of 3 "
                  "loads, with the load average of the shared machine when measured.")


def main_for_scales(description: str, rows_of, default: str = "20000,100000") -> None:
    """The command line of a bench module measured per scale: ``--scales``, then its table printed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scales", default=default)
    args = parser.parse_args()
    print("\n".join(rows_of({s: workspace_for(s) for s in args.scales.split(",")})))


def section(title: str, intro: str, rows: list[str], load: bool = False) -> list[str]:
    """A section of RESULTS.md: its heading, its intro (with the day measured, and the machine's load average when
    measured in wall time), its table. A section measured alone (``--only``) so says when, whatever the date at the
    top of the file."""
    intro = f"Measured on {dt.date.today().isoformat()}. {intro}"
    if load:
        intro += " Load average (1, 5, 15 min) before: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + "."
    return [f"## {title}", "", intro, "", *rows, ""]


def explorer_section() -> list[str]:
    from explorer_bench import explorer_rows

    return section("Explorer page", EXPLORER_INTRO, explorer_rows(), load=True)


INCREMENTAL_INTRO = ("`orgmodel check` as a user runs it, each number the CPU seconds of a fresh process (start-up and "
                     "imports included), against a fresh process that only parses the same files with PyYAML's "
                     "CSafeLoader (bench/incremental_bench.py; best of two). Cold: an empty cache; unchanged: the "
                     "same check again; comment added: a comment appended to one kommune's file (what the files say "
                     "is unchanged, so the check stored before holds); a name edited: then the name of one entry "
                     "changed in another kommune's file (only labels changed, so the stored findings are shown with "
                     "the new name: orgmodel/check/relabel.py); a category edited: then the category of one "
                     "organisation changed in a third kommune's file (that file is parsed again, the graph and every "
                     "rule run on everything).")


GROWTH_INTRO = ("One cold `orgmodel check` (an empty cache, text output) per scale, as a user runs it: the CPU "
                "seconds and peak resident memory of a fresh process, against a fresh process that only parses the "
                "same files with PyYAML's CSafeLoader (bench/incremental_bench.py `growth_rows`; `python bench/run.py "
                "--only growth --scales 20000,500000`). Targets of issue 19: the exponent of the growth from 20,000 "
                "to 500,000 entities ≤ 1.10, and ≤ 1 GB at 500,000 entities.")


NATIONAL_INTRO = ("The 12 politikredse as 12 generated workspaces in one folder (`national/`), read as one national "
                  "model, each number the CPU seconds of a fresh process with `ORGMODEL_CACHE=off` "
                  "(bench/national_bench.py; best of two), against loading the same folder with `open_workspaces` "
                  "in a fresh process. Targets, from the check above: ≤ 0.3× the load (the old target) and ≤ 1.0× "
                  "the bare parse (the new); the gaps queries have none beyond the comparison with the load.")


def national_section(totals: list[int]) -> list[str]:
    from national_bench import measure as national_measure
    from national_bench import national_rows

    return section("National check over 12 workspaces", NATIONAL_INTRO,
                   national_rows({t: national_measure(t, CACHE, 2) for t in totals}))


REPORT_INTRO = ("`orgmodel report` of a synthetic national workspace as a user runs it (bench/report_bench.py): "
                "wall time of the whole process, its CPU seconds and peak memory (of the process and the Graphviz "
                "processes it starts, together), one build each. Targets of issue 19: ≤ 60 s and ≤ 500 MB for "
                "about 10,000 pages. Unchanged: the same command again into the same folder, the workspace "
                "unchanged: the report's stamp shows it is current, so nothing is made. One entity renamed: the "
                "whole report is made again, and the files whose bytes are the same are linked from the earlier "
                "report, not written (\"files kept\").")


IMPORT_INTRO = ("`orgmodel import` of the workbook `orgmodel export --format xlsx` wrote, against a cold load of the "
                "same workspace from its YAML files (`ORGMODEL_CACHE=off`), each number the CPU seconds of a fresh "
                "process, start-up and imports included (bench/import_bench.py; best of two). Unchanged: the workbook "
                "as exported; edited: the Danish title of five roles changed, imported into a fresh copy.")


SCALE_SECTIONS = {
    "incremental": ("Incremental check", INCREMENTAL_INTRO, "incremental_bench", "incremental_rows", False),
    "growth": ("Growth and memory of a cold check", GROWTH_INTRO, "incremental_bench", "growth_rows", False),
    "report": ("Report", REPORT_INTRO, "report_bench", "report_rows", True),
    "import": ("Workbook import", IMPORT_INTRO, "import_bench", "import_rows", False),
}
"""The sections measured per scale of synthetic workspace: title, intro, the bench module and its table, and
whether the intro gives the load average (for wall times)."""


def scale_section(name: str, scales: list[str]) -> list[str]:
    """The section ``name`` of :data:`SCALE_SECTIONS`, measured at ``scales``."""
    title, intro, module, rows, load = SCALE_SECTIONS[name]
    rows_of = getattr(importlib.import_module(module), rows)
    return section(title, intro, rows_of({s: workspace_for(s) for s in scales}), load=load)


def replace_section(text: str, lines: list[str]) -> str:
    """``text`` (RESULTS.md) with the section of ``lines`` (its first line the heading) replaced or added before
    the Neo4j section."""
    heading = lines[0]
    if heading in text:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        return text[:start] + "\n".join(lines) + "\n" + (text[end + 1:] if end >= 0 else "")
    at = text.index("## Neo4j")
    return text[:at] + "\n".join(lines) + "\n" + text[at:]


def main(scales: list[str], out: Path) -> None:
    results = {}
    for scale in scales:
        root = workspace_for(scale)
        print(f"measuring {root.name} …", flush=True)
        repeat = 1 if scale.isdigit() and int(scale) >= 500_000 else 2
        checks = [measure(root, "--check") for _ in range(repeat)]
        results[scale] = {**measure(root, "--repeat", str(repeat)),
                          **{key: min(c[key] for c in checks) for key in ("check", "check_cold")},
                          "warm": warm_loads(root, repeat),
                          **{k: v for k, v in measure(root, "--memory").items() if k == "peak_mb"}}
    ours, theirs = startup()
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    plot(results, HERE / "scaling.svg")
    lines = [
        "# Benchmark results", "",
        f"Generated by `make bench` (`python bench/run.py`) on {dt.date.today().isoformat()}, "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs. "
        "Times are CPU seconds of the one process (steadier than wall time on this shared machine); "
        "every ratio compares two measurements taken in the same process, in turn. A section measured again "
        "alone since (`python bench/run.py --only …`) starts with its own date.", "",
        "Scales: `district` is one synthetic politikreds (Midt- og Vestjylland, 11 kommuner); the others "
        "are the whole nation (12 politikredse, 98 kommuner) with schools, associations, staff and SSP "
        "local groups scaled to the number of entities.", "",
        "## Load, cache, check and memory", "", *scale_rows(results), "",
        "Targets: cold load ≤ 1.0× a bare `yaml.load(f, CSafeLoader)` of the same files; warm load (from the "
        "cache, `orgmodel.workspace.cache`) ≤ 0.05× cold; `check` (building its graph and running every rule) ≤ 0.3× "
        "cold load; ≤ 1 GB peak at 500k entities. Warm load and `check` are measured as a user meets them, "
        "each in a fresh process: the warm load is the first load of a process from a cache an earlier one "
        "wrote; `check` the first check after a cold load. Both are compared with that cold load, the first "
        "thing its process did (best of two processes each; one at 500k). The other columns come from one "
        "process per scale.", "",
        "## Queries against one scan of the graph's nodes", "", *query_rows(results), "",
        "## Growth", "", *growth_rows(results), "", "![cost against scale](scaling.svg)", "",
        "## Start-up", "",
        "| measurement | seconds | ratio | target | result |", "|---|---:|---:|---:|---|",
        f"| `orgmodel --help` ÷ `python -c \"import click\"` (wall time, best of 7) | {ours:.3f} | "
        f"{ours / theirs:.2f} | ≤ {TARGETS['help']} | {verdict(ours / theirs <= TARGETS['help'])} |", "",
        "## Diagrams", "",
        "The district is the bundled example; the nation a synthetic workspace of 5,000 entities.", "",
        *diagram_rows(), "",
        *explorer_section(),
        *scale_section("incremental", scales),
        *national_section([20_000, 100_000]),
        *scale_section("report", [s for s in scales if s.isdigit() and int(s) <= 100_000]),
        *scale_section("import", [s for s in scales if s != "district"]),
    ]
    if os.environ.get("NEO4J_URI"):
        from neo4j_push import districts_main
        from neo4j_push import main as neo4j_rows

        lines += ["## Neo4j", "", *neo4j_rows(100_000, CACHE / "nation-100000"), "",
                  *districts_main(100_000, CACHE), ""]
    else:
        lines += ["## Neo4j", "", "Not measured in this run (NEO4J_URI was not set; `make bench` starts a server).", ""]
    notes = (HERE / "NOTES.md").read_text(encoding="utf-8")
    out.write_text("\n".join(lines) + "\n" + notes, encoding="utf-8")
    print(f"wrote {out} and {HERE / 'scaling.svg'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="district,20000,100000,500000")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--totals", default="20000,100000",
                        help="entities in all of the 12 workspaces (--only national)")
    parser.add_argument("--only", choices=["explorer", "national", *SCALE_SECTIONS],
                        help="measure one part alone and replace its section")
    args = parser.parse_args()
    if args.only:
        sections = {"explorer": explorer_section,
                    **{name: partial(scale_section, name, args.scales.split(",")) for name in SCALE_SECTIONS},
                    "national": lambda: national_section([int(t) for t in args.totals.split(",")])}
        section = sections[args.only]()
        args.out.write_text(replace_section(args.out.read_text(encoding="utf-8"), section), encoding="utf-8")
        print(f"wrote the {args.only} section of {args.out}")
    else:
        main(args.scales.split(","), args.out)
