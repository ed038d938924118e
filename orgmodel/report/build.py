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

import dataclasses
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import markupsafe

from orgmodel import clock
from orgmodel.check import CheckResult
from orgmodel.diagram import charts, dot, draw_map, render
from orgmodel.diagram.views import Line
from orgmodel.errors import GraphvizFailedError, UsageError
from orgmodel.files import atomic_dir, output_folder
from orgmodel.graph import build_graph
from orgmodel.model import WEB_ADDRESS, cite, fill_counts, label_text
from orgmodel.workspace import Workspace, load_workspace  # noqa: F401  (load_workspace: doctest)

from .explorer import Districts, Library, explorer_data, explorer_layout, explorer_page, library
from .national import district_sites, national_page, node_districts
from .pages import Site, bodies, bodies_page, body_page, children, search_entries, start_page
from .sections import check_page, coverage_page, glossary_page, goals_page, maps, participants_page, status_page
from .stamp import Stored, added_files, report_key, stamp_text, stored_report
from .text import format_date

MARKER = ".orgmodel-report"
"""The file that marks a folder as a report orgmodel may replace."""
MARKER_TEXT = ("This folder was written by `orgmodel report`.\n"
               "Building the report again replaces the whole folder.\n")
ASSETS = ("style.css", "search.js")
NAV = (("home", "index.html"), ("bodies", "bodies.html"), ("participants", "participants.html"),
       ("goals", "goals.html"), ("status", "status.html"), ("coverage", "coverage.html"), ("check", "check.html"),
       ("glossary", "glossary.html"))
EXPLORER_NAV = ("explorer", "explorer.html")
"""The explorer page's place in the navigation, after the bodies, when cytoscape.js is there to draw it."""
NO_LIBRARY = ("the explorer page (explorer.html) is left out: the graph library cytoscape.js is not installed "
              "with orgmodel.\n  Fix: run `make cytoscape` in orgmodel's checkout (it fetches cytoscape from the "
              "npm registry), then install orgmodel again from the checkout")

STATEMENT_SOURCE = "digst-tilgaengelighedserklaering"
"""Public bodies publish an accessibility statement and link it from every footer (sources.yaml)."""

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
    accessibility_statement: str | None = None
    """The address of the accessibility statement every footer links to (None: the report links none)."""

    @property
    def notice(self) -> str:
        """What the user should know before publishing the report: a missing accessibility statement."""
        if self.accessibility_statement:
            return ""
        return ("the report links no accessibility statement (tilgængelighedserklæring), which a public "
                f"authority's website needs ({cite(STATEMENT_SOURCE, 'en')}). Give its address with "
                "--accessibility-statement URL, or set 'accessibility_statement: URL' in orgmodel.yaml.")
    notes: tuple[str, ...] = ()
    """What the reader of the command should know, e.g. a page left out and how to get it."""
    problems: int = 0
    """The workspace's errors of format (``Workspace.problems``) when it was loaded for this report."""
    current: bool = False
    """The folder held this report already, as a build would write it now: nothing was built or written."""


@dataclass(frozen=True)
class Inputs:
    """What a report is made from besides orgmodel and its libraries: the workspaces as given and the options,
    with the date taken as today (see :mod:`.stamp`)."""

    paths: tuple
    lang: str | None
    with_names: bool
    as_of: dt.date | None
    today: dt.date
    statement: str | None

    def key(self) -> str | None:
        """The key of the report these inputs make, from the workspaces' files as they are now."""
        return report_key(self.paths, self.lang, self.with_names, self.today, self.as_of, self.statement)


def write_report(paths: tuple, output: Path, load: Callable[[], Workspace], lang: str | None = None,
                 with_names: bool = False, as_of: dt.date | None = None, progress: Progress | None = None,
                 timeout: float = 60, today: dt.date | None = None, statement: str | None = None) -> Report:
    """The report of the workspaces at ``paths`` in ``output``: the one already there when it is current (the
    same key, every file as written; see :mod:`.stamp`), else built by :func:`build_report` from the workspace
    ``load()`` gives, with a stamp that lets the next build stop early.

    >>> import tempfile
    >>> out, paths = Path(tempfile.mkdtemp()) / "site", ("examples/midt-og-vestjylland",)
    >>> load = lambda: load_workspace(paths[0])
    >>> day = dt.date(2026, 11, 22)
    >>> write_report(paths, out, load, today=day).current, write_report(paths, out, load, today=day).current
    (False, True)
    """
    output = Path(output)
    inputs = Inputs(tuple(paths), lang, with_names, as_of, today or clock.today(), statement)
    key = inputs.key()
    check_target(output)
    stored = stored_report(output, MARKER, key) if (output / MARKER).is_file() else None
    if stored is not None:
        return Report(output, stored.pages, stored.errors, stored.warnings, stored.statement, stored.notes,
                      stored.problems, current=True)
    return build_report(load(), output, lang, with_names, as_of, progress, timeout, inputs.today, statement,
                        stamp=(inputs, key) if key else None)


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



def accessibility_statement(ws: Workspace, given: str | None) -> str | None:
    """The address of the accessibility statement: ``given`` (``--accessibility-statement``), else the
    manifest's ``accessibility_statement``, else None. A given address that is not http(s) is refused.

    >>> accessibility_statement(load_workspace("examples/midt-og-vestjylland"), "https://example.dk/was")
    'https://example.dk/was'
    >>> accessibility_statement(load_workspace("examples/midt-og-vestjylland"), "www.example.dk/was")
    Traceback (most recent call last):
    ...
    orgmodel.errors.UsageError: the accessibility statement 'www.example.dk/was' is not a web address. \
Give the whole address, starting with https:// or http://, e.g. https://www.example.dk/was
    """
    if given is None:
        return ws.manifest.accessibility_statement
    if not re.match(WEB_ADDRESS, given):
        raise UsageError(f"the accessibility statement '{given}' is not a web address. Give the whole address, "
                         "starting with https:// or http://, e.g. https://www.example.dk/was")
    return given


def build_report(ws: Workspace, output: Path, lang: str | None = None, with_names: bool = False,
                 as_of: dt.date | None = None, progress: Progress | None = None, timeout: float = 60,
                 today: dt.date | None = None, statement: str | None = None,
                 stamp: tuple[Inputs, str] | None = None) -> Report:
    """Write the report of the entries of ``ws`` valid on ``as_of`` to the folder ``output``, checked with
    ``today`` as the date rules count from (default: :func:`orgmodel.clock.today`; ``as_of`` defaults to it).
    Every footer links the accessibility statement at ``statement`` (default: the manifest's). With ``stamp``
    (what ``ws`` was loaded from and its key, taken before it was loaded) the marker holds the stamp of
    :mod:`.stamp`, if the files still give that key once the report is made."""
    output = Path(output)
    check_target(output)
    statement = accessibility_statement(ws, statement)
    lib = library()
    if ws.parts:
        result, jobs = _national_jobs(ws, lang, with_names, as_of, today, timeout, statement, lib)
    else:
        site = Site.of(ws, lang, with_names, as_of, today)
        result, jobs = site.result, _district_jobs(site, statement, lib, timeout)
    earlier = output if (output / MARKER).is_file() else None
    added = added_files(output, MARKER) if earlier else []
    drawings = [(name, make) for name, make in jobs if isinstance(make, _Drawing)]
    with atomic_dir(output) as tmp, _Ahead(jobs, tmp, earlier) as ahead:
        for done, (name, make) in enumerate(jobs, 1):
            if not ahead.started(done - 1):
                target = tmp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                content = make(target)
                put(target, content, earlier / name if earlier else None)
                del content
            jobs[done - 1] = (name, _made)  # let go of what the job held: its page's data, its diagram's text
            del make
            if progress:
                progress(done, len(jobs))
        ahead.finish()
        counts = result.counts
        failed = tuple(f"Graphviz could not draw {name} ({drawing.failure}); the page shows a notice in its place "
                       "and every fact as text. `orgmodel diagram --format dot` gives the DOT text to report it "
                       "to Graphviz" for name, drawing in drawings if drawing.failure)
        removed = (f"the folder held {len(added)} file(s) the earlier report had not written, removed with it (the "
                   f"folder is replaced whole): {', '.join(added[:10])}{' …' if len(added) > 10 else ''}. Keep your "
                   "own files beside the report's folder",) if added else ()
        report = Report(output, sum(1 for name, _ in jobs if name.endswith(".html")), counts["error"],
                        counts["warning"], statement, (() if lib else (NO_LIBRARY,)) + failed, len(ws.problems))
        marker = MARKER_TEXT
        if stamp is not None and stamp[0].key() == stamp[1]:  # else a file changed while the report was made
            marker += stamp_text(stamp[1], Stored(report.pages, report.errors, report.warnings, report.problems,
                                                  statement, report.notes), tmp)
        report = dataclasses.replace(report, notes=report.notes + removed)  # of this build only, not stored
        put(tmp / MARKER, marker, earlier / MARKER if earlier else None)
    return report


def _made(target: Path) -> None:
    """The job of a file that has been written."""


def put(target: Path, content: str | bytes | None, earlier: Path | None = None) -> None:
    """Write ``content`` (None: its job has written ``target`` itself) to ``target``. Where the earlier report
    holds a file ``earlier`` with the same bytes, that file is linked instead, so a page that did not change
    keeps its inode and time, and a web server or sync tool sees it unchanged.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> put(folder / "old.html", "<p>hej</p>")
    >>> put(folder / "new.html", "<p>hej</p>", folder / "old.html")
    >>> (folder / "new.html").stat().st_ino == (folder / "old.html").stat().st_ino
    True
    """
    if content is None:
        if earlier is not None and _same_files(earlier, target):
            twin = target.with_name(target.name + ".same")
            if _link(earlier, twin):
                os.replace(twin, target)
        return
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if earlier is not None and _same_file(earlier, data) and _link(earlier, target):
        return
    target.write_bytes(data)


def _same_file(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a plain file (not a link) holding exactly ``data``."""
    try:
        info = path.lstat()
        return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_files(earlier: Path, written: Path) -> bool:
    """Whether ``earlier`` is a plain file (not a link) with the bytes of ``written``, read a megabyte at a time:
    a page of 40 MB is not held whole, twice, to be compared.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_text("hej"), (folder / "b").write_text("hej"), (folder / "c").write_text("hej!")
    >>> _same_files(folder / "a", folder / "b"), _same_files(folder / "a", folder / "c")
    (True, False)
    """
    try:
        info = earlier.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != written.stat().st_size:
            return False
        with open(earlier, "rb") as old, open(written, "rb") as new:
            while (block := old.read(1 << 20)) == new.read(1 << 20):
                if not block:
                    return True
        return False
    except OSError:
        return False


def _link(source: Path, target: Path) -> bool:
    """Hard-link ``source`` as ``target``; False where the file system cannot (the caller writes instead)."""
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _district_jobs(site: Site, statement: str | None, lib: Library | None, timeout: float) -> list[Job]:
    """The files of one district's report, with the explorer page when its library is at hand."""
    env = _environment(site, statement, explorer=lib is not None)
    pages, charts_and_maps = _jobs(site, env, timeout)
    # matplotlib's drawings last: what it loads and leaves behind is then not beside the explorer's data
    return pages + (_explorer_jobs(site, env, lib, timeout) if lib else []) + charts_and_maps


def _national_jobs(ws: Workspace, lang: str | None, with_names: bool, as_of: dt.date | None,
                  today: dt.date | None, timeout: float, statement: str | None,
                  lib: Library | None) -> tuple[CheckResult, list[Job]]:
    """The files of a national report (see :mod:`.national`): each district's report in a folder of its name,
    and a front page over them all with one search box for every district."""
    result, sites = district_sites(ws, lang, with_names, as_of, today)
    jobs: list[Job] = []
    entries: list[list[str | None]] = []
    for name, site in sites.items():
        jobs += [(f"{name}/{path}", make) for path, make in _district_jobs(site, statement, lib, timeout)]
        entries += [[n, text, kind, f"{name}/{url}" if url else None] for n, text, kind, url in search_entries(site)]
    front = Site(ws, build_graph(ws, as_of=result.as_of), result, lang or ws.manifest.language, with_names,
                 result.as_of)
    env = _environment(front, statement, explorer=lib is not None, nav=NAV[:1])
    if lib:
        jobs += _explorer_jobs(front, env, lib, timeout, node_districts(ws, front.G, sites, front.lang))
    entries += [[name, label_text(site.ws.manifest.name, front.lang), front.t["col_workspace"], f"{name}/index.html"]
                for name, site in sites.items()]
    front_page = {**national_page(ws, result, sites, front.lang), "maps": maps(front)}
    jobs += [(m["image"], _map(front, m["data"])) for m in front_page["maps"]]
    jobs += [("index.html", _page(env, "national.html", front_page, "home")),
             *[(f"assets/{name}", _asset(name)) for name in ASSETS],
             ("assets/search-index.js", _search_index(front, env, sorted(entries, key=lambda e: str(e[0]))))]
    return result, jobs


def _environment(site: Site, statement: str | None = None, explorer: bool = False,
                 nav: tuple = NAV) -> jinja2.Environment:
    redact = _redactor(site)
    nav = nav[:2] + (EXPLORER_NAV,) + nav[2:] if explorer else nav
    env = jinja2.Environment(loader=jinja2.PackageLoader("orgmodel.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=redact)
    env.globals.update(lang=site.lang, t=site.t, site={
        "name": site.name, "as_of": format_date(site.as_of, site.lang), "with_names": site.with_names, "nav": nav,
        "statement": statement})
    env.globals["redact"] = redact
    env.globals["fill"] = fill_counts
    return env


def _redacted_text(site: Site, text: str) -> str:
    """A diagram's or chart's text (DOT, SVG) cleared of holders' names, as written and as XML escapes them
    (unless names are to be shown): the pages are cleared by :func:`_redactor`, the pictures here.

    >>> from orgmodel.workspace import load_workspace
    >>> site = Site.of(load_workspace("examples/midt-og-vestjylland"), None, False, None, dt.date(2026, 11, 22))
    >>> _redacted_text(site, "no names here")
    'no names here'
    """
    if site.with_names:
        return text
    for name in site.cleared_names:
        escaped = str(markupsafe.escape(name))
        for written in dict.fromkeys((name, escaped, escaped.replace("&#39;", "&#x27;"))):
            text = text.replace(written, "[…]")
    return text


def _redacted_picture(site: Site, draw: Callable[[Path], object]) -> Callable[[Path], None]:
    """The job ``draw`` (a chart or map written as SVG), its file cleared of holders' names afterwards."""
    def job(target: Path) -> None:
        draw(target)
        if not site.with_names and site.cleared_names:
            text = target.read_text(encoding="utf-8")
            cleared = _redacted_text(site, text)
            if cleared != text:
                target.write_text(cleared, encoding="utf-8")
    return job


def _redact_diagram(site: Site, diagram) -> None:
    """Clear holders' names from a diagram's texts before they are laid out: a box wraps a long text over lines,
    each a text of its own in the SVG, and a name cut in two is no longer found in the DOT or the SVG."""
    names = [] if site.with_names else site.cleared_names
    if not names:
        return

    def clear(text: str) -> str:
        text = " ".join(text.split())  # as the box shows it: a name written over two lines is one
        for name in names:
            text = text.replace(" ".join(name.split()), "[…]")
        return text

    diagram.title = clear(diagram.title)
    diagram.notes[:] = [clear(n) for n in diagram.notes]
    diagram.legend[:] = [(clear(text), colour) for text, colour in diagram.legend]
    for box in diagram.boxes.values():
        box.title, box.subtitle = clear(box.title), clear(box.subtitle)
        box.lines = [line._replace(text=clear(line.text)) if isinstance(line, Line) else (clear(line[0]), line[1])
                     for line in box.lines]
    for cluster in diagram.clusters:
        cluster.title = clear(cluster.title)
    for link in diagram.links:
        link.label = clear(link.label)


def _redactor(site: Site) -> Callable:
    """A function that clears holders' names from a text (unless names are to be shown)."""
    names = [] if site.with_names else site.cleared_names

    def redact(value):
        if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
            for name in names:
                value = value.replace(name, "[…]")
        return value

    return redact


def _page(env, template: str, page: dict | Callable[[], dict], current: str,
          root: str = "") -> Callable[[Path], None]:
    """The job of a page; ``page`` is its data, or the function that makes it when the page is written (so a
    large page's data is not held while the other pages are made)."""
    return lambda target: _render(env, template, target, page=page() if callable(page) else page,
                                  current=current, root=root)


def _render(env, template: str, target: Path, **values) -> None:
    """Write ``template`` filled with ``values`` to ``target`` as it is rendered: a page of forty megabytes is
    never one string, nor the million pieces Jinja would join into it."""
    with open(target, "w", encoding="utf-8") as out:
        out.writelines(env.get_template(template).generate(page_title="", **values))


def _body_page(site: Site, env, body: str, diagram: dict) -> Callable[[Path], None]:
    """The job of a body's page: its data is made when the page is written, so the pages of a large
    workspace are not all held in memory at once. ``diagram`` holds the page's diagram, if it has one."""
    return lambda target: _render(env, "body.html", target, page={**body_page(site, body), **diagram},
                                  current="bodies", root="../")


def _diagram(site: Site, page: dict, path: str, view: str, kommune: str | None,
             timeout: float) -> list[tuple[str, Callable[[Path], bytes]]]:
    """Put a view on ``page`` with as many levels as can be read; the job that draws it, if any."""
    diagram, depth = render.fitting_view(site.G, view, kommune, site.style)
    if diagram is None:
        note = site.t["diagram_too_big"]
    else:
        note = fill_counts(site.t["diagram_levels"], levels=depth) if depth else ""
        if diagram.omitted:  # the chart's own note names command-line options; the page says it for readers
            diagram.notes.clear()
            omitted = fill_counts(site.t["diagram_omitted"], count=len(diagram.omitted.bodies))
            note = " ".join(filter(None, (note, omitted)))
    page.update(diagram=path if diagram else None, diagram_note=note)
    if diagram is None:
        return []
    _redact_diagram(site, diagram)
    # the text is held until the job runs, not the diagram
    return [(path, _Drawing(_redacted_text(site, dot.to_dot(diagram)), timeout, dot.widest_row(diagram),
                            site.t["diagram_failed"]))]


class _Drawing:
    """The job of a diagram: its DOT text laid out by Graphviz's ``dot`` into SVG. :class:`_Ahead` may instead
    start it in a thread beforehand (``dot`` runs in a process of its own), which writes the file itself.

    A layout Graphviz cannot make (it crashes on some graphs) does not stop the report: the picture says so
    (``failed_text``, with ``{error}``) and :attr:`failure` holds the reason for the command's notes."""

    def __init__(self, text: str, timeout: float, widest: int, failed_text: str = "{error}"):
        self.text: str | None = text
        self.timeout, self.widest, self.failed_text = timeout, widest, failed_text
        self.failure: str | None = None

    def __call__(self, target: Path) -> bytes:
        text, self.text = self.text or "", None
        return self._svg(text)

    def _svg(self, text: str) -> bytes:
        try:
            return dot.render_dot(text, "svg", self.timeout, self.widest)
        except GraphvizFailedError as error:
            self.failure = str(error).removeprefix("Graphviz could not draw the diagram: ")
            return _notice_svg(self.failed_text.format(error=self.failure))

    def start(self, pool: ThreadPoolExecutor, target: Path, earlier: Path | None) -> Future:
        """Lay the diagram out in ``pool`` and :func:`put` it at ``target``; the text is then let go."""
        text, self.text = self.text or "", None

        def draw() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            put(target, self._svg(text), earlier)

        return pool.submit(draw)


def _notice_svg(text: str) -> bytes:
    """A picture that holds only ``text``: what stands in place of a diagram Graphviz could not draw.

    >>> _notice_svg("a < b").decode().count("a &lt; b")
    1
    """
    width = 12 + 7 * len(text)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" viewBox="0 0 {width} 40">'
            f'<text x="6" y="24" font-family="sans-serif" font-size="12">{markupsafe.escape(text)}</text>'
            "</svg>\n").encode()


class _Early:
    """A job whose slow part, a layout by a Graphviz program, :class:`_Ahead` starts in a thread from the
    beginning: ``prepare()`` reads what the layout needs (in the thread that makes the pages, which alone reads
    the graph) and gives the function that lays it out; the job ``make`` takes its result from ``result()``."""

    def __init__(self, make: Callable[[Path], str | bytes | None], prepare: Callable[[], Callable[[], dict]]):
        self.make, self.prepare = make, prepare
        self.future: Future | None = None

    def __call__(self, target: Path) -> str | bytes | None:
        return self.make(target)

    def start(self, pool: ThreadPoolExecutor) -> None:
        self.future = pool.submit(self.prepare())

    def result(self) -> dict:
        """The layout's result, laid out now when it was not started."""
        return self.prepare()() if self.future is None else self.future.result()


def _cpus() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


DRAWING_THREADS = max(1, min(3, _cpus() - 1))
"""How many Graphviz layouts run at a time beside the Python process that makes the pages: one CPU is left to
the pages, which take longer than all the layouts together (the 100k report: about 40 s of pages, 20 s of
layouts), so on 2 CPUs a second thread of layouts would only slow the pages down."""


class _Ahead:
    """Lay out the diagrams among ``jobs`` (and the explorer's places) in :data:`DRAWING_THREADS` threads from
    the start, in job order, while the pages are made; each thread writes its diagram's file (into the report
    being built, ``tmp``; linked from ``earlier`` when the same). Every file is the same as when made in turn,
    and the error raised is the one of the first job in order that fails: :meth:`finish` (or leaving after
    another job's error) waits for the layouts before it. Leaving cancels what has not started and waits for
    the layouts running, each within its time limit.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> jobs = [("a.svg", _Drawing("digraph { a }", 60, 0)), ("img/b.svg", _Drawing("digraph { b }", 60, 0))]
    >>> with _Ahead(jobs, tmp, None) as ahead:
    ...     [ahead.started(index) for index in range(len(jobs))]
    ...     ahead.finish()
    [True, True]
    >>> sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.svg"))
    ['a.svg', 'img/b.svg']
    """

    def __init__(self, jobs: list[Job], tmp: Path, earlier: Path | None):
        early = [make for _, make in jobs if isinstance(make, _Drawing | _Early)]
        self.pool = ThreadPoolExecutor(DRAWING_THREADS, "orgmodel-dot") if early else None
        self.drawn: dict[int, Future] = {}
        """The future of each diagram started, by its job's place in ``jobs``."""
        self.at, self.finishing = 0, False
        if self.pool is None:
            return
        for layout in early:
            if isinstance(layout, _Early):
                layout.start(self.pool)
        for index, (name, job) in enumerate(jobs):
            if isinstance(job, _Drawing):
                self.drawn[index] = job.start(self.pool, tmp / name, earlier / name if earlier else None)

    def started(self, index: int) -> bool:
        """Whether the job at ``index``, the next in order, is a diagram a thread draws (else the caller makes it)."""
        self.at = index
        return index in self.drawn

    def finish(self, before: int | None = None) -> None:
        """Wait for the diagrams (those before the job at ``before``), raising the first one's error."""
        self.finishing = before is None
        for index in sorted(self.drawn):
            if before is None or index < before:
                self.drawn[index].result()

    def __enter__(self) -> "_Ahead":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is None:
            return
        try:
            if isinstance(error, Exception) and not self.finishing:
                self.finish(before=self.at)  # an earlier diagram's error is the one to report
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _chart(site: Site, dimension: str) -> Callable[[Path], None]:
    return _redacted_picture(site, lambda target: charts.coverage_chart(site.ws, dimension, target, as_of=site.as_of,
                                                                         lang=site.lang, G=site.G))


def _map(site: Site, data) -> Callable[[Path], None]:
    return _redacted_picture(site, lambda target: draw_map(data, target, site.lang))


def _asset(name: str) -> Callable[[Path], str]:
    return lambda _: resources.files(__package__).joinpath(f"templates/{name}").read_text("utf-8")


def _search_index(site: Site, env, entries: list | None = None) -> Callable[[Path], None]:
    """The job of the search index, written entry by entry (10 MB at 100,000 entities)."""
    def make(target: Path) -> None:
        redact = env.globals["redact"]
        rows = (json.dumps([redact(v) for v in entry], ensure_ascii=True, separators=(",", ":"))
                for entry in (search_entries(site) if entries is None else entries))
        with open(target, "w", encoding="utf-8") as out:
            out.write("// The search index of this orgmodel report: [id, name, kind, page].\n"
                      "window.ORGMODEL_SEARCH = [\n")
            out.writelines((",\n" if n else "") + row for n, row in enumerate(rows))
            out.write("\n];\n")
    return make


def _explorer_jobs(site: Site, env, lib: Library, timeout: float, districts: Districts | None = None) -> list[Job]:
    """The explorer page, its data as a script (pages opened from the disk cannot fetch JSON), its script, and
    cytoscape.js with its licence; a national one's nodes link into their ``districts``' folders. The data is
    made when the page is written and let go once its script is written: it is not held beside the other pages."""
    made: dict = {}

    def data() -> dict:
        if not made:
            made.update(explorer_data(site, env.globals["redact"], timeout, districts=districts,
                                      places=places.result()))
        return made

    def script(target: Path) -> None:
        _write_script(data(), target)
        made.clear()

    places = _Early(_page(env, "explorer.html", lambda: explorer_page(site, data(), lib), "explorer"),
                    lambda: explorer_layout(site, timeout))
    return [("explorer.html", places),
            ("assets/explorer-data.js", script), ("assets/explorer.js", _asset("explorer.js")),
            ("assets/cytoscape.min.js", lambda _: lib.script),
            ("assets/cytoscape-LICENSE.txt", lambda _: lib.licence)]


def _write_script(data: dict, target: Path) -> None:
    """Write the explorer's data as the script ``window.ORGMODEL_EXPLORER = {…};``, the items of its lists one by
    one: the same bytes as one ``json.dumps``, without the whole text (20 MB at 100,000 entities) in memory.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "data.js"
    >>> _write_script({"nodes": [{"id": "a"}, {"id": "b"}], "skip": [], "left_out": "x"}, target)
    >>> target.read_text().splitlines()[1]
    'window.ORGMODEL_EXPLORER = {"nodes":[{"id":"a"},{"id":"b"}],"skip":[],"left_out":"x"};'
    """
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":"))

    with open(target, "w", encoding="utf-8") as out:
        out.write("// The network of this orgmodel report, read by explorer.js.\nwindow.ORGMODEL_EXPLORER = {")
        for n, (key, value) in enumerate(data.items()):
            out.write(("," if n else "") + dumps(key) + ":")
            if isinstance(value, list):
                out.write("[")
                out.writelines(("," if i else "") + dumps(item) for i, item in enumerate(value))
                out.write("]")
            else:
                out.write(dumps(value))
        out.write("};\n")


def _below(site: Site, body: str) -> set[str]:
    """Every body under a body, however deep."""
    found, frontier = set(), [body]
    while frontier:
        frontier = [c for b in frontier for c in children(site, b) if c not in found and c != body]
        found.update(frontier)
    return found


def _jobs(site: Site, env, timeout: float) -> tuple[list[Job], list[Job]]:
    """Every file of the report but the explorer's as (path inside the report, function that makes its content):
    the pages, diagrams and assets; and the charts and maps."""
    G = site.G
    coverage = coverage_page(site)
    goals = goals_page(site)
    home = start_page(site)
    jobs: list[Job] = [("index.html", _page(env, "index.html", home, "home")),
                       *_diagram(site, home, "img/structure.svg", "structure", None, timeout),
                       ("bodies.html", _page(env, "bodies.html", lambda: bodies_page(site), "bodies"))]
    for body in bodies(G):
        diagram: dict = {}
        area = G.nodes[body].get("area")
        if G.nodes[body]["type"] == "lokalraad" and children(site, body) and area:
            diagram.update(diagram_alt=fill_counts(site.t["kommune_diagram_alt"], name=site.text(body),
                                                  forums=len(_below(site, body))))
            jobs += _diagram(site, diagram, f"img/{body}.svg", "structure", area, timeout)
        jobs.append((f"bodies/{body}.html", _body_page(site, env, body, diagram)))
    jobs += [("participants.html", _page(env, "participants.html", lambda: participants_page(site), "participants")),
             ("goals.html", _page(env, "goals.html", goals, "goals")),
             ("status.html", _page(env, "status.html", lambda: status_page(site), "status")),
             ("coverage.html", _page(env, "coverage.html", coverage, "coverage")),
             ("check.html", _page(env, "check.html", lambda: check_page(site), "check")),
             ("glossary.html", _page(env, "glossary.html", lambda: glossary_page(site), "glossary"))]
    if goals["diagram"]:
        jobs += _diagram(site, goals, goals["diagram"], "goals", None, timeout)
    jobs += [(f"assets/{name}", _asset(name)) for name in ASSETS]
    jobs.append(("assets/search-index.js", _search_index(site, env)))
    return jobs, ([(d["chart"], _chart(site, d["id"])) for d in coverage["dimensions"] if d["chart"]]
                  + [(m["image"], _map(site, m["data"])) for m in coverage["maps"]])
