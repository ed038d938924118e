"""A national check and `gaps` over 12 district workspaces against loading them (issue 17, "Scale").

    python bench/national_bench.py [--totals 20000,100000]

The 12 politikredse are generated as 12 workspaces in one folder (bench/neo4j_push.py's ``districts``),
about ``total`` entities in all. Each number is the CPU time (user + system) of a fresh child process
running the command as a user does, with ``ORGMODEL_CACHE=off`` (every run cold):

- load: ``open_workspaces`` of the national folder and nothing else: the yardstick;
- bare parse: PyYAML's CSafeLoader on every file of it (the newer yardstick of the check);
- ``orgmodel check national/`` and each ``orgmodel gaps … national/``;
- the same check of a copy whose manifests name no scope (each part's scope comes from its own entries);
- the same load and check of ONE workspace holding the same files (every district's ``kredse/`` and
  ``kommuner/`` copied into one folder), to show what checking each part against the whole costs;
- the national check over the first 1, 3, 6 and 12 districts, against the load of the same districts:
  how its cost grows with the number of parts.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from incremental_bench import BARE, cpu, entities  # noqa: E402  (after the sys.path setup)
from neo4j_push import districts  # noqa: E402  (after the sys.path setup)

TODAY = "2026-11-22"
TARGETS = {"load": 0.3, "bare": 1.0}
GAPS = ("ages", "groups", "crimes", "partners")
LOAD = ("import sys\nfrom pathlib import Path\nfrom orgmodel.workspace import open_workspaces\n"
        "open_workspaces([Path(p) for p in sys.argv[1:]])\n")


def single_workspace(parts: list[Path], root: Path) -> Path:
    """One workspace at ``root`` holding every file of the district workspaces ``parts`` (made once)."""
    if root.exists():
        return root
    from orgmodel.model import AREAS

    tmp = root.with_name(root.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for part in parts:
        for sub in ("kredse", "kommuner"):
            shutil.copytree(part / sub, tmp / sub, dirs_exist_ok=True)
    kredse = sorted(a.id for a in AREAS.values() if a.kind == "politikreds")
    (tmp / "orgmodel.yaml").write_text("name: Syntetisk workspace\nid: syntetisk\nscope:\n  politikredse: ["
                                       + ", ".join(kredse) + "]\n", encoding="utf-8")
    tmp.rename(root)
    return root


def unscoped_copy(national: Path, root: Path) -> Path:
    """A copy of the national folder at ``root`` whose manifests name no scope: each part's scope then comes
    from its own kredsråd and lokalråd, as in a national repository of districts that write none.

    Made in a temporary folder: the generated folders in ``bench/.cache`` may be shared with other checkouts.
    """
    shutil.copytree(national, root)
    for manifest in root.glob("*/orgmodel.yaml"):
        manifest.write_text("name: Syntetisk workspace\n", encoding="utf-8")
    return root


def best(cmd: list[str], repeat: int) -> float:
    """Best CPU seconds of ``repeat`` fresh processes running ``cmd`` with every cache off."""
    env = {**os.environ, "ORGMODEL_CACHE": "off"}
    return min(cpu(cmd, env) for _ in range(repeat))


def orgmodel(*args: str) -> list[str]:
    return [sys.executable, "-m", "orgmodel", *args]


def measure(total: int, cache: Path, repeat: int) -> dict:
    """Every measurement of one total (see the module's docstring), in seconds."""
    parts = districts(total, cache)
    national = parts[0].parent
    single = single_workspace(parts, cache / f"single-{total}")
    print(f"measuring {total:,}: load, check, gaps …", flush=True)
    r = {"entities": entities(national), "single_entities": entities(single),
         "bare": best([sys.executable, "-c", BARE, str(national)], repeat),
         "load": best([sys.executable, "-c", LOAD, str(national)], repeat),
         "check": best(orgmodel("check", str(national), "--today", TODAY), repeat),
         "check_unscoped": _unscoped_check(national, repeat),
         "gaps": {q: best(orgmodel("gaps", q, str(national)), repeat) for q in GAPS},
         "single_load": best([sys.executable, "-c", LOAD, str(single)], repeat),
         "single_check": best(orgmodel("check", str(single), "--today", TODAY), repeat),
         "growth": {}}
    by_size = sorted(parts, key=lambda p: (-entities(p), p.name))  # largest first: the count grows steadily
    for k in (1, 3, 6, 12):
        print(f"measuring {total:,}: the national check over {k} districts …", flush=True)
        chosen = [str(p) for p in sorted(by_size[:k])]
        r["growth"][k] = (sum(entities(Path(p)) for p in chosen),
                          best([sys.executable, "-c", LOAD, *chosen], 1),
                          best(orgmodel("check", *chosen, "--today", TODAY), 1))
    return r


def _unscoped_check(national: Path, repeat: int) -> float:
    """Best CPU seconds of ``orgmodel check`` over a copy of ``national`` whose manifests name no scope."""
    with tempfile.TemporaryDirectory() as tmp:
        unscoped = unscoped_copy(national, Path(tmp) / "national")
        return best(orgmodel("check", str(unscoped), "--today", TODAY), repeat)


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def _row(r: dict, name: str, seconds: float, checked: bool = False) -> str:
    """One row: ``seconds`` against the load and the bare parse of the same total ``r``; targets if ``checked``."""
    ratio, parse = seconds / r["load"], seconds / r["bare"]
    target = f"≤ {TARGETS['load']}× load; ≤ {TARGETS['bare']}× bare" if checked else ""
    result = (f"{verdict(ratio <= TARGETS['load'])} (load); {verdict(parse <= TARGETS['bare'])} (bare)"
              if checked else "")
    return f"| {r['entities']:,} | {name} | {seconds:.2f} | {ratio:.2f} | {parse:.2f} | {target} | {result} |"


def national_rows(results: dict[int, dict]) -> list[str]:
    """The rows of bench/RESULTS.md's section on the national check."""
    lines = ["| entities | measurement | CPU s | ÷ load | ÷ bare parse | target | result |",
             "|---:|---|---:|---:|---:|---|---|"]
    for r in results.values():
        lines += [_row(r, "bare CSafeLoader parse of the 12 workspaces' files", r["bare"]),
                  _row(r, "load: `open_workspaces(national/)` (yardstick)", r["load"]),
                  _row(r, "`orgmodel check national/`", r["check"], checked=True),
                  _row(r, "`orgmodel check national/`, no scope in the manifests (each part's from its entries)",
                       r["check_unscoped"], checked=True),
                  *(_row(r, f"`orgmodel gaps {q} national/`", r["gaps"][q]) for q in GAPS),
                  _row(r, f"load of ONE workspace with the same files ({r['single_entities']:,} entities)",
                       r["single_load"]),
                  _row(r, "`orgmodel check single/`, ONE workspace with the same files", r["single_check"],
                       checked=True),
                  f"| {r['entities']:,} | national check ÷ check of ONE workspace | | "
                  f"{r['check'] / r['single_check']:.2f}× | | | |"]
    lines += ["", "The national check over the largest k districts (one fresh process each, `orgmodel check "
              "d1/ d2/ …`), against loading the same k workspaces; per part, the check judges that part's "
              "entities against the whole merged graph:", "",
              "| total | districts | entities | load s | national check s | check ÷ load | check µs per entity |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for total, r in results.items():
        for k, (count, load, chk) in r["growth"].items():
            lines.append(f"| {total:,} | {k} | {count:,} | {load:.2f} | {chk:.2f} | {chk / load:.2f} | "
                         f"{chk / count * 1e6:.0f} |")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--totals", default="20000,100000")
    args = parser.parse_args()
    totals = [int(t) for t in args.totals.split(",")]
    print("\n".join(national_rows({t: measure(t, HERE / ".cache", 2) for t in totals})))
