"""`orgmodel import` of a national workbook against a cold load of the same workspace from YAML (issue 19).

    python bench/import_bench.py [--scales 20000,100000]

Each measurement is the CPU time (user + system) of a fresh child process, so start-up and imports count on
both sides. The yardstick is a process that loads the workspace from its YAML files with the cache off
(``ORGMODEL_CACHE=off``: parsed, validated, line numbers recorded), the first thing every command does. The
workbook is the one ``orgmodel export WS --format xlsx`` writes; it is imported twice:

- unchanged: the workbook as exported (nothing is written: "No changes");
- edited: the same workbook with the title of five roles changed in their cells (five entries changed, their
  files written), into a fresh copy of the workspace each time.
"""

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 2.0
EDITED = 5
LOAD = "import sys; from orgmodel.workspace import load_workspace; load_workspace(sys.argv[1])"


def cpu(cmd: list[str], env: dict) -> float:
    """CPU seconds (user + system) of one child process running ``cmd``; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_titles(book: Path, out: Path, count: int = EDITED) -> None:
    """Copy ``book`` to ``out`` with the Danish title (column B of the sheet ``roles``) of rows 2.. changed."""
    with zipfile.ZipFile(book) as src:
        sheets = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', src.read("xl/workbook.xml").decode())
        rels = {re.search(r'Id="([^"]+)"', rel)[1]: re.search(r'Target="/?(?:xl/)?([^"]+)"', rel)[1]
                for rel in re.findall(r"<Relationship [^>]*>", src.read("xl/_rels/workbook.xml.rels").decode())}
        roles = "xl/" + rels[dict(sheets)["roles"]]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == roles:
                    text = data.decode("utf-8")
                    for row in range(2, count + 2):
                        text, n = re.subn(rf'(<c r="B{row}"[^>]*><is><t[^>]*>)([^<]*)(</t>)',
                                          r"\1\2 (redigeret)\3", text, count=1)
                        assert n == 1, f"no title cell B{row} in {roles}"
                    data = text.encode("utf-8")
                dst.writestr(item, data)


def measure(source: Path, repeat: int = 2) -> dict:
    """Best of ``repeat`` of each measurement, each a fresh process (see the module's docstring)."""
    times: dict[str, list[float]] = {"load": [], "unchanged": [], "edited": []}
    with tempfile.TemporaryDirectory() as tmp:
        ws, book, edited = Path(tmp) / "ws", Path(tmp) / "book.xlsx", Path(tmp) / "edited.xlsx"
        shutil.copytree(source, ws)
        env = {**os.environ, "ORGMODEL_CACHE": "off"}
        orgmodel = [sys.executable, "-m", "orgmodel"]
        subprocess.run([*orgmodel, "export", str(ws), "--format", "xlsx", "-o", str(book)], env=env, check=True,
                       stdout=subprocess.DEVNULL, cwd=HERE.parent)
        edit_titles(book, edited)
        for _ in range(repeat):
            times["load"].append(cpu([sys.executable, "-c", LOAD, str(ws)], env))
            times["unchanged"].append(cpu([*orgmodel, "import", str(book), str(ws)], env))
            copy = Path(tmp) / "copy"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(source, copy)
            times["edited"].append(cpu([*orgmodel, "import", str(edited), str(copy)], env))
        out = subprocess.run([*orgmodel, "import", str(edited), str(ws), "--dry-run"], env=env, capture_output=True,
                             text=True, check=True, cwd=HERE.parent).stdout
    changed = sum(1 for line in out.splitlines() if ": changed " in line)
    assert changed == EDITED, out
    return {k: min(v) for k, v in times.items()}


def entities(root: Path) -> int:
    return sum(len(re.findall(r"^\s*- id: ", p.read_text(encoding="utf-8"), re.M)) for p in root.rglob("*.yaml"))


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def import_rows(roots: dict[str, Path]) -> list[str]:
    """The rows of bench/RESULTS.md's section on the workbook import."""
    lines = ["| scale | entities | cold load s | import, unchanged s | unchanged ÷ load (≤ 2.0) | "
             f"import, {EDITED} cells edited s | edited ÷ load (≤ 2.0) |",
             "|---|---:|---:|---:|---|---:|---|"]
    for scale, root in roots.items():
        print(f"measuring the import at {scale} …", flush=True)
        n = entities(root)
        r = measure(root, repeat=1 if n >= 400_000 else 2)
        u, e = r["unchanged"] / r["load"], r["edited"] / r["load"]
        lines.append(f"| {scale} | {n:,} | {r['load']:.2f} | {r['unchanged']:.2f} | {u:.2f} {verdict(u <= TARGET)} | "
                     f"{r['edited']:.2f} | {e:.2f} {verdict(e <= TARGET)} |")
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from run import main_for_scales

    main_for_scales(__doc__.splitlines()[0], import_rows)
