"""``orgmodel report``: a static HTML site of a workspace that a secretariat can publish as it is.

The site is built into a temporary folder beside the target and moved into
place at the end (:func:`orgmodel.files.atomic_dir`), so a failure leaves the
previous report, or nothing. A folder that is neither empty nor a previous
report (marked by :data:`MARKER`) is never overwritten.

Pages are Jinja2 templates (``orgmodel/report/templates``) with autoescaping:
every text from the model is escaped. Diagrams and charts are separate SVG
files shown with ``<img>``. Style sheet, scripts and the search index are
local files, so every page works opened from the file system and asks for
nothing on the network. Names of role holders are left out unless
``with_names``; as a safeguard every text is also cleared of holders' names.

>>> check_target(Path("examples"))
Traceback (most recent call last):
...
orgmodel.errors.UsageError: examples is not empty and holds no earlier report, so it is left alone. \
Give a new or empty folder with -o, or remove the folder yourself first
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import markupsafe

from orgmodel.check import CheckResult
from orgmodel.diagram import charts, dot, render
from orgmodel.errors import UsageError
from orgmodel.files import atomic_dir, output_folder
from orgmodel.graph import build_graph
from orgmodel.model import label_text
from orgmodel.workspace import Workspace

from .national import district_sites, national_page
from .pages import Site, bodies, bodies_page, body_page, children, search_entries, start_page
from .sections import check_page, coverage_page, glossary_page, goals_page, participants_page
from .text import format_date

MARKER = ".orgmodel-report"
"""The file that marks a folder as a report orgmodel may replace."""
MARKER_TEXT = ("This folder was written by `orgmodel report`.\n"
               "Building the report again replaces the whole folder.\n")
ASSETS = ("style.css", "search.js")
NAV = (("home", "index.html"), ("bodies", "bodies.html"), ("participants", "participants.html"),
       ("goals", "goals.html"), ("coverage", "coverage.html"), ("check", "check.html"),
       ("glossary", "glossary.html"))

Progress = Callable[[int, int], None]
Job = tuple[str, Callable[[Path], str | bytes | None]]
"""A file of the report: its path inside the report, and the function that makes its content (None: it writes it)."""


@dataclass(frozen=True)
class Report:
    """What was built: the folder, the number of HTML pages and the check's counts."""

    path: Path
    pages: int
    errors: int
    warnings: int


def check_target(path: Path) -> None:
    """Refuse a target that is a file, or a non-empty folder that is not a previous report."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        if not path.is_file():
            output_folder(path)  # a device, a FIFO or a socket: says which
        raise UsageError(f"{path} is a file; give a folder for the report, e.g. -o report")
    if path.is_dir() and not (path / MARKER).is_file() and any(path.iterdir()):
        raise UsageError(f"{path} is not empty and holds no earlier report, so it is left alone. "
                           "Give a new or empty folder with -o, or remove the folder yourself first")


def build_report(ws: Workspace, output: Path, lang: str | None = None, with_names: bool = False,
                 as_of: dt.date | None = None, progress: Progress | None = None, timeout: float = 60,
                 today: dt.date | None = None) -> Report:
    """Write the report of the entries of ``ws`` valid on ``as_of`` to the folder ``output``, checked with
    ``today`` as the date rules count from (default: :func:`orgmodel.clock.today`; ``as_of`` defaults to it)."""
    output = Path(output)
    check_target(output)
    if ws.parts:
        result, jobs = _national_jobs(ws, lang, with_names, as_of, today, timeout)
    else:
        site = Site.of(ws, lang, with_names, as_of, today)
        result, jobs = site.result, _jobs(site, _environment(site), timeout)
    with atomic_dir(output) as tmp:
        for done, (name, make) in enumerate(jobs, 1):
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            content = make(target)
            if isinstance(content, bytes):
                target.write_bytes(content)
            elif content is not None:
                target.write_text(content, encoding="utf-8", newline="\n")
            if progress:
                progress(done, len(jobs))
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    counts = result.counts
    return Report(output, sum(1 for name, _ in jobs if name.endswith(".html")), counts["error"], counts["warning"])


def _national_jobs(ws: Workspace, lang: str | None, with_names: bool, as_of: dt.date | None,
                  today: dt.date | None, timeout: float) -> tuple[CheckResult, list[Job]]:
    """The files of a national report (see :mod:`.national`): each district's report in a folder of its name,
    and a front page over them all with one search box for every district."""
    result, sites = district_sites(ws, lang, with_names, as_of, today)
    jobs: list[Job] = []
    entries: list[list[str | None]] = []
    for name, site in sites.items():
        jobs += [(f"{name}/{path}", make) for path, make in _jobs(site, _environment(site), timeout)]
        entries += [[n, text, kind, f"{name}/{url}" if url else None] for n, text, kind, url in search_entries(site)]
    front = Site(ws, build_graph(ws, as_of=result.as_of), result, lang or ws.manifest.language, with_names,
                 result.as_of)
    env = _environment(front, nav=NAV[:1])
    entries += [[name, label_text(site.ws.manifest.name, front.lang), front.t["col_workspace"], f"{name}/index.html"]
                for name, site in sites.items()]
    jobs += [("index.html", _page(env, "national.html", national_page(ws, result, sites, front.lang), "home")),
             *[(f"assets/{name}", _asset(name)) for name in ASSETS],
             ("assets/search-index.js", _search_index(front, env, sorted(entries, key=lambda e: str(e[0]))))]
    return result, jobs


def _environment(site: Site, nav=NAV) -> jinja2.Environment:
    redact = _redactor(site)
    env = jinja2.Environment(loader=jinja2.PackageLoader("orgmodel.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=redact)
    env.globals.update(lang=site.lang, t=site.t, site={
        "name": site.name, "as_of": format_date(site.as_of, site.lang), "with_names": site.with_names, "nav": nav})
    env.globals["redact"] = redact
    return env


def holder_names(ws: Workspace) -> list[str]:
    """The names of every role holder in the workspace, longest first."""
    names = {getattr(getattr(r.entity, "holder", None), "name", "") for r in ws.records.values()}
    return sorted((n.strip() for n in names if n and n.strip()), key=lambda n: (-len(n), n))


def _redactor(site: Site) -> Callable:
    """A function that clears holders' names from a text (unless names are to be shown)."""
    names = [] if site.with_names else holder_names(site.ws)

    def redact(value):
        if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
            for name in names:
                value = value.replace(name, "[…]")
        return value

    return redact


def _page(env, template: str, page: dict, current: str, root: str = "") -> Callable[[Path], str]:
    return lambda _: env.get_template(template).render(page=page, current=current, root=root, page_title="")


def _diagram(site: Site, page: dict, path: str, view: str, kommune: str | None,
             timeout: float) -> list[tuple[str, Callable[[Path], bytes]]]:
    """Put a view on ``page`` with as many levels as can be read; the job that draws it, if any."""
    diagram, depth = render.fitting_view(site.G, view, kommune, site.style)
    if diagram is None:
        note = site.t["diagram_too_big"]
    else:
        note = site.t["diagram_levels"].format(levels=depth) if depth else ""
        if diagram.omitted:  # the chart's own note names command-line options; the page says it for readers
            diagram.notes.clear()
            note = " ".join(filter(None, (note, site.t["diagram_omitted"].format(count=len(diagram.omitted.bodies)))))
    page.update(diagram=path if diagram else None, diagram_note=note)
    return [(path, lambda _: dot.render(diagram, "svg", timeout))] if diagram else []


def _chart(site: Site, dimension: str) -> Callable[[Path], None]:
    return lambda target: charts.coverage_chart(site.ws, dimension, target, as_of=site.as_of, lang=site.lang)


def _asset(name: str) -> Callable[[Path], str]:
    return lambda _: resources.files(__package__).joinpath(f"templates/{name}").read_text("utf-8")


def _search_index(site: Site, env, entries: list | None = None) -> Callable[[Path], str]:
    def make(_):
        redact = env.globals["redact"]
        rows = [json.dumps([redact(v) for v in entry], ensure_ascii=True, separators=(",", ":"))
                for entry in (search_entries(site) if entries is None else entries)]
        return ("// The search index of this orgmodel report: [id, name, kind, page].\n"
                "window.ORGMODEL_SEARCH = [\n" + ",\n".join(rows) + "\n];\n")
    return make


def _below(site: Site, body: str) -> set[str]:
    """Every body under a body, however deep."""
    found, frontier = set(), [body]
    while frontier:
        frontier = [c for b in frontier for c in children(site, b) if c not in found and c != body]
        found.update(frontier)
    return found


def _jobs(site: Site, env, timeout: float) -> list[Job]:
    """Every file of the report as (path inside the report, function that makes its content)."""
    G = site.G
    coverage = coverage_page(site)
    goals = goals_page(site)
    home = start_page(site)
    jobs: list[Job] = [("index.html", _page(env, "index.html", home, "home")),
                       *_diagram(site, home, "img/structure.svg", "structure", None, timeout),
                       ("bodies.html", _page(env, "bodies.html", bodies_page(site), "bodies"))]
    for body in bodies(G):
        page = body_page(site, body)
        area = G.nodes[body].get("area")
        if G.nodes[body]["type"] == "lokalraad" and children(site, body) and area:
            page.update(diagram_alt=site.t["kommune_diagram_alt"].format(
                name=page["name"], forums=len(_below(site, body))))
            jobs += _diagram(site, page, f"img/{body}.svg", "structure", area, timeout)
        jobs.append((f"bodies/{body}.html", _page(env, "body.html", page, "bodies", "../")))
    jobs += [("participants.html", _page(env, "participants.html", participants_page(site), "participants")),
             ("goals.html", _page(env, "goals.html", goals, "goals")),
             ("coverage.html", _page(env, "coverage.html", coverage, "coverage")),
             ("check.html", _page(env, "check.html", check_page(site), "check")),
             ("glossary.html", _page(env, "glossary.html", glossary_page(site), "glossary"))]
    if goals["diagram"]:
        jobs += _diagram(site, goals, goals["diagram"], "goals", None, timeout)
    jobs += [(d["chart"], _chart(site, d["id"])) for d in coverage["dimensions"] if d["chart"]]
    jobs += [(f"assets/{name}", _asset(name)) for name in ASSETS]
    jobs.append(("assets/search-index.js", _search_index(site, env)))
    return jobs
