"""Every output orgmodel writes, as one list the injection and privacy tests run through.

An :class:`Output` is a command line (with ``{ws}`` for the workspace and ``{out}`` for an
output folder) and a ``kind`` that tells tests/test_injection.py how to validate it.

EXTENSION POINT: to cover a new output, append it in :func:`build_outputs`. tests/test_privacy.py
then checks it for personal names with no further change; tests/test_injection.py needs a validator
for its ``kind`` in its ``VALIDATORS`` (a test fails for a kind without one).

:func:`render` runs an output in-process and returns every byte it produced: ``stdout``, each file
under ``{out}`` (each part of a workbook unpacked, as ``x.xlsx/xl/…``), and, for binary formats,
what was handed to the drawing program (``drawn.dot``: the DOT text given to Graphviz;
``drawn.chart``: every text placed on a matplotlib chart), so PNG and PDF are checked through what
they were drawn from.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from orgmodel.cli import cli


@dataclass(frozen=True)
class Output:
    """One way orgmodel writes something: the command line and how to validate it."""

    name: str
    argv: tuple[str, ...]
    kind: str
    public: bool = True
    """Whether the command has ``--public``."""
    ok_exit: tuple[int, ...] = (0,)
    env: dict = field(default_factory=dict)


def _table_outputs(name: str, argv: tuple[str, ...], public: bool = False) -> list[Output]:
    return [Output(f"{name} --format {fmt}", (*argv, "--format", fmt), f"table-{fmt}", public=public)
            for fmt in ("table", "json", "csv")]


def build_outputs(body: str, role: str, org: str, other: str, document: str | None = None) -> list[Output]:
    """Every output for a workspace with a forum ``body``, a role ``role`` (with a holder), an organisation
    ``org``, another entity ``other`` (for ``path``) and, when given, a samarbejdsplan or handleplan
    ``document``."""
    outputs = [Output(f"check --format {fmt}", ("check", "{ws}", "--format", fmt), f"check-{fmt}", public=False,
                      ok_exit=(0, 1)) for fmt in ("text", "json", "junit", "sarif")]
    outputs.append(Output("check -o", ("check", "{ws}", "--format", "sarif", "-o", "{out}/check.sarif"),
                          "check-sarif", public=False, ok_exit=(0, 1)))
    outputs += _table_outputs("gaps partners", ("gaps", "partners", "{ws}"))
    outputs += _table_outputs("gaps partners --by kommune", ("gaps", "partners", "{ws}", "--by", "kommune"))
    outputs += _table_outputs("gaps policies", ("gaps", "policies", "{ws}"))
    for dimension in ("ages", "groups", "crimes"):
        outputs += _table_outputs(f"gaps {dimension}", ("gaps", dimension, "{ws}"))
        outputs += _table_outputs(f"gaps {dimension} --matrix", ("gaps", dimension, "{ws}", "--matrix"))
        outputs.append(Output(f"gaps {dimension} --chart svg", ("gaps", dimension, "{ws}", "--format", "csv",
                                                                 "--chart", "{out}/chart.svg"), "chart", public=False))
    for entity in (body, role, org, *([document] if document else [])):
        outputs += _table_outputs(f"show {entity}", ("show", entity, "-w", "{ws}"), public=True)
    for entity in (role, org):
        outputs += _table_outputs(f"who {entity}", ("who", entity, "-w", "{ws}"))
    outputs += _table_outputs(f"path {role} {other}", ("path", role, other, "-w", "{ws}"))
    outputs += _table_outputs("stats", ("stats", "{ws}"))
    outputs += [Output(f"status --format {fmt}", ("status", "{ws}", "--format", fmt), f"table-{kind}", public=False)
                for fmt, kind in (("text", "table"), ("json", "json"), ("csv", "csv"))]
    views = [("structure", ()), ("structure --kommune", ("--kommune", "bornholm")), (f"body:{body}", ()),
             ("goals", ()), (f"focus:{role}:2", ()), (f"focus:{org}:1", ())]
    for view, extra in views:
        for fmt in ("svg", "dot", "mermaid", "png", "pdf"):
            target = () if fmt in ("dot", "mermaid") else ("-o", f"{{out}}/diagram.{fmt}")
            outputs.append(Output(f"diagram --view {view} --format {fmt}",
                                  ("diagram", "{ws}", "--view", view.split(" ")[0], "--format", fmt, *extra,
                                   "--member-label", "{title} {holder} {name} {organisation}", *target), fmt))
    for dimension in ("ages", "groups", "crimes"):
        for fmt in ("svg", "png", "pdf"):
            outputs.append(Output(f"diagram --view coverage --dimension {dimension} --format {fmt}",
                                  ("diagram", "{ws}", "--view", "coverage", "--dimension", dimension,
                                   "-o", f"{{out}}/coverage.{fmt}"), "chart" if fmt == "svg" else f"chart-{fmt}"))
    for fmt in ("svg", "png", "pdf"):
        for measure in (("forums",), ("group", "--term", "unge"), ("findings",)):
            outputs.append(Output(f"diagram --view map --measure {measure[0]} --format {fmt}",
                                  ("diagram", "{ws}", "--view", "map", "--measure", *measure, "-o",
                                   f"{{out}}/map.{fmt}"), "chart" if fmt == "svg" else f"map-{fmt}", public=False))
    for fmt in ("graphml", "gexf", "json", "cypher"):
        outputs.append(Output(f"export --format {fmt}", ("export", "{ws}", "--format", fmt, "-o", f"{{out}}/x.{fmt}"),
                              f"export-{fmt}"))
    outputs.append(Output("export --format csv", ("export", "{ws}", "--format", "csv", "-o", "{out}/kumu"),
                          "export-csv"))
    outputs.append(Output("export --format xlsx", ("export", "{ws}", "--format", "xlsx", "-o", "{out}/x.xlsx"),
                          "xlsx"))
    outputs.append(Output("neo4j push --dry-run", ("neo4j", "push", "{ws}", "--dry-run"), "plan"))
    outputs.append(Output("report", ("report", "{ws}", "-o", "{out}/report"), "report", ok_exit=(0,)))
    for fmt in ("text", "json"):
        outputs.append(Output(f"diff --format {fmt}", ("diff", "{ws}", "{changed}", "--format", fmt), f"diff-{fmt}"))
    return outputs


CHANGED_KEYS = ("name", "title", "note", "target", "source")


def changed_copy(workspace: Path, folder: Path) -> Path:
    """A copy of ``workspace`` with ' (ny)' after every name, title, note, target, source and holder name,
    so that ``diff`` has every text to show (``{changed}`` in an output's command line)."""
    import yaml

    def change(value, key=None):
        if isinstance(value, dict):
            return {k: change(v, k if key != "holder" else f"holder.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [change(v, key) for v in value]
        if isinstance(value, str) and (key in CHANGED_KEYS or key == "holder.name"):
            return value + " (ny)"
        return value

    copy = folder / f"{workspace.name} ny"
    for path in workspace.rglob("*.yaml"):
        target = copy / path.relative_to(workspace)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name != "orgmodel.yaml":
            data = {section: [change(entry) for entry in entries] for section, entries in data.items()}
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return copy


def render(output: Output, workspace: Path, out: Path, public: bool, monkeypatch) -> dict[str, bytes]:
    """Run ``output`` and return what it wrote: ``stdout``, every file below ``out``, and what was drawn."""
    from orgmodel.diagram import charts
    from orgmodel.diagram import dot as render_dot
    from orgmodel.diagram import map as kort

    drawn: dict[str, list[str]] = {"drawn.dot": [], "drawn.chart": []}
    real_layout, real_save = render_dot.layout, charts._save

    def layout(dot_text, fmt, timeout=60, program="dot", options=None):
        drawn["drawn.dot"].append(dot_text)
        return real_layout(dot_text, fmt, timeout, program, options)

    def drawing(real):
        def save(fig, path):
            from matplotlib.text import Text

            drawn["drawn.chart"] += [t.get_text() for t in fig.findobj(Text)]
            return real(fig, path)
        return save

    monkeypatch.setattr(render_dot, "layout", layout)
    monkeypatch.setattr(charts, "_save", drawing(real_save))
    monkeypatch.setattr(kort, "_save", drawing(kort._save))
    out.mkdir(parents=True, exist_ok=True)
    changed = changed_copy(workspace, out.parent) if "{changed}" in output.argv else workspace
    argv = [a.replace("{ws}", str(workspace)).replace("{out}", str(out)).replace("{changed}", str(changed))
            for a in output.argv]
    if public and output.public:
        argv.append("--public")
    result = CliRunner().invoke(cli, argv, catch_exceptions=False, env={"ORGMODEL_TODAY": "2026-11-22",
                                                                       **output.env})
    assert result.exit_code in output.ok_exit, f"{output.name}: exit {result.exit_code}\n{result.output}"
    produced = {"stdout": result.stdout_bytes}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            produced[path.relative_to(out).as_posix()] = path.read_bytes()
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as book:
                    for part in book.namelist():
                        produced[f"{path.relative_to(out).as_posix()}/{part}"] = book.read(part)
    produced.update({key: "\n".join(texts).encode("utf-8") for key, texts in drawn.items() if texts})
    return produced


_TEMPORARY = re.compile(r"^\..+\.orgmodel-\d+-")


def is_temporary(name: str) -> bool:
    """Whether a file name is one of orgmodel's temporary files (``.NAME.orgmodel-PID-…``)."""
    return bool(_TEMPORARY.match(name))


def leftovers(folder: Path) -> list[str]:
    """Temporary files and folders (``.NAME.orgmodel-PID-…``) left in ``folder``: none after a run."""
    return sorted(p.name for p in Path(folder).rglob(".*") if _TEMPORARY.match(p.name))

