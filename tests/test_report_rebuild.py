"""`orgmodel report` into a folder that holds the same report already: nothing is made again. Anything that would
change a file of the report (the workspace, an option, orgmodel, its libraries) or anything changed in the folder
means a real build; the diagrams are laid out beside the pages, with the same bytes and errors."""

import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from orgmodel.cli import cli
from orgmodel.errors import OrgmodelError
from orgmodel.report import build as report_module
from orgmodel.report import stamp as stamp_module
from orgmodel.report.build import MARKER, MARKER_TEXT, build_report
from orgmodel.workspace import load_workspace

from .conftest import TODAY
from .districts import bornholm, find, write
from .test_report import NO_STATEMENT, _files, needs_dot

pytestmark = needs_dot
ARGS = ["--today", TODAY.isoformat()]


def _report(runner, ws: Path, out: Path, *options: str):
    return runner.invoke(cli, ["report", str(ws), "-o", str(out), *ARGS, *options], catch_exceptions=False)


def _up_to_date(out: Path, pages: int = 16) -> str:
    return (f"The report in {out} is up to date ({pages} pages): the workspace, the options and orgmodel are as "
            f"when it was built, so nothing was written.\n"
            f"Open {out / 'index.html'} in a browser, or publish the folder as it is.\n")


def _wrote(out: Path, pages: int = 16) -> str:
    return f"Wrote {pages} pages to {out}\nOpen {out / 'index.html'} in a browser, or publish the folder as it is.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Bornholm's workspace and its report, built once by the command."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("rebuild")
    ws = folder / "ws"
    ws.mkdir()
    (ws / "orgmodel.yaml").write_text("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n", encoding="utf-8")
    (ws / "data.yaml").write_text(yaml.safe_dump(bornholm(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = folder / "site"
    assert _report(CliRunner(), ws, out).stdout == _wrote(out)
    return ws, out


@pytest.fixture
def copy(built, tmp_path):
    """A copy of the built report (its stamp names no folder, so the copy is as current as the original)."""
    target = tmp_path / "site"
    shutil.copytree(built[1], target)
    return target


def _inodes(out: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(out.rglob("*"))}


def test_an_unchanged_report_is_not_built_again(runner, built, copy):
    before = _inodes(copy)
    result = _report(runner, built[0], copy)
    assert result.exit_code == 0
    assert result.stdout == _up_to_date(copy)
    assert result.stderr == NO_STATEMENT
    assert _inodes(copy) == before


def test_the_marker_holds_the_stamp_after_its_text(built):
    text = (built[1] / MARKER).read_text(encoding="utf-8")
    head, stamp = text[:len(MARKER_TEXT)], text[len(MARKER_TEXT):].splitlines()
    assert head == MARKER_TEXT and stamp[0] == "" and stamp[1].startswith('stamp: {"format":1,"key":"')
    assert sorted(row.split("  ")[1] for row in stamp[2:]) == sorted(n for n in _files(built[1]) if n != MARKER)
    assert all(len(row.split("  ")[0]) == 64 for row in stamp[2:])


def test_an_up_to_date_report_repeats_the_notes_of_its_build(runner, make_ws, tmp_path):
    data = bornholm()
    find(data, "kredsraad")["chair"] = "borgmester-bornholm"
    ws = write(make_ws, data)
    (ws / "extra.yaml").write_text("roles:\n  - id: x\n    titel: X\n", encoding="utf-8")
    out = tmp_path / "site"
    first = _report(runner, ws, out)
    again = _report(runner, ws, out)
    assert first.stdout == _wrote(out) and again.stdout == _up_to_date(out)
    assert first.stderr == again.stderr
    assert again.stderr.startswith("Note: the workspace has 1 error(s) of format; answers may be incomplete.")
    assert again.stderr.endswith(NO_STATEMENT + "Note: the check found 2 error(s); the report lists them on "
                                 "check.html.\n")


def _changed(out: Path) -> None:
    page = out / "bodies" / "ssp.html"
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h2", 1))


def _linked(out: Path) -> None:
    page = out / "index.html"
    kept = out.parent / "index.html"
    page.rename(kept)
    page.symlink_to(kept)


FOLDER_CHANGES = {
    "a page changed, the same size": _changed,
    "a page deleted": lambda out: (out / "glossary.html").unlink(),
    "a diagram deleted": lambda out: (out / "img" / "structure.svg").unlink(),
    "a file added": lambda out: (out / "stray.html").write_text("left over", encoding="utf-8"),
    "a file added in a folder": lambda out: (out / "bodies" / "stray.html").write_text("x", encoding="utf-8"),
    "an empty folder added": lambda out: (out / "drafts").mkdir(),
    "a page replaced by a link to its bytes": _linked,
    "the stamp edited": lambda out: (out / MARKER).write_text(
        (out / MARKER).read_text(encoding="utf-8").replace('"key":"', '"key":"0', 1), encoding="utf-8"),
    "a file's digest edited": lambda out: (out / MARKER).write_text(
        (out / MARKER).read_text(encoding="utf-8").replace("  index.html", "0  index.html"), encoding="utf-8"),
    "the stamp removed": lambda out: (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8"),
}


@pytest.mark.parametrize("change", FOLDER_CHANGES)
def test_a_change_in_the_folder_means_a_real_build(runner, built, copy, change):
    FOLDER_CHANGES[change](copy)
    result = _report(runner, built[0], copy)
    assert result.exit_code == 0 and result.stdout == _wrote(copy)
    assert _files(copy) == _files(built[1])
    assert _report(runner, built[0], copy).stdout == _up_to_date(copy)


OPTIONS = {"--lang en": ["--lang", "en"], "--with-names": ["--with-names"],
           "another --today": ["--today", "2026-11-23"], "--as-of": ["--as-of", "2026-06-01"],
           "--accessibility-statement": ["--accessibility-statement", "https://www.example.dk/was"]}


@pytest.mark.parametrize("option", OPTIONS)
def test_another_option_means_a_real_build(runner, built, copy, option):
    result = _report(runner, built[0], copy, *OPTIONS[option])
    assert result.exit_code == 0 and result.stdout == _wrote(copy)
    assert _report(runner, built[0], copy, *OPTIONS[option]).stdout == _up_to_date(copy)
    assert _report(runner, built[0], copy).stdout == _wrote(copy)
    assert _files(copy) == _files(built[1])


STAMPS = {"orgmodel's code": "code_stamp", "its templates": "_assets", "a library": "_libraries",
          "Graphviz": "_graphviz"}


@pytest.mark.parametrize("part", STAMPS)
def test_another_orgmodel_library_or_graphviz_means_a_real_build(runner, built, copy, part, monkeypatch):
    real = getattr(stamp_module, STAMPS[part])
    monkeypatch.setattr(stamp_module, STAMPS[part], lambda: real() + "!")
    assert _report(runner, built[0], copy).stdout == _wrote(copy)
    assert _report(runner, built[0], copy).stdout == _up_to_date(copy)


def test_each_part_of_the_key_is_read_as_installed():
    assert "templates/style.css:" in stamp_module._assets()
    assert "jinja2:" in stamp_module._libraries() and "matplotlib:" in stamp_module._libraries()
    assert stamp_module._graphviz().split("|")[2].startswith("dot - graphviz version")


def test_a_changed_workspace_means_a_real_build_equal_to_a_cold_one(runner, make_ws, tmp_path):
    data = bornholm()
    ws = write(make_ws, data)
    out = tmp_path / "site"
    assert _report(runner, ws, out).stdout == _wrote(out)
    find(data, "ssp")["meetings_per_year"] = 11
    (ws / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _report(runner, ws, out).stdout == _wrote(out)
    assert _report(runner, ws, out).stdout == _up_to_date(out)
    cold = tmp_path / "cold"
    assert _report(runner, ws, cold).stdout == _wrote(cold)
    assert _files(out) == _files(cold)
    (ws / "more.yaml").write_text("policies: []\n", encoding="utf-8")
    assert _report(runner, ws, out).stdout == _wrote(out)


def test_a_file_changed_while_the_report_is_made_leaves_no_stamp(runner, built, copy, monkeypatch):
    keys = iter(["before", "after"])
    monkeypatch.setattr(report_module.Inputs, "key", lambda self: next(keys))
    assert _report(runner, built[0], copy).stdout == _wrote(copy)
    assert (copy / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    monkeypatch.undo()
    assert _report(runner, built[0], copy).stdout == _wrote(copy)
    assert _report(runner, built[0], copy).stdout == _up_to_date(copy)


def test_a_workspace_that_cannot_be_read_is_never_taken_as_current(built, copy, monkeypatch):
    monkeypatch.setattr(stamp_module, "file_digests", lambda folders: None)
    made = report_module.write_report((built[0],), copy, lambda: load_workspace(built[0]), today=TODAY)
    assert not made.current and (copy / MARKER).read_text(encoding="utf-8") == MARKER_TEXT


# --- the diagrams laid out beside the pages ---------------------------------------------------


def test_diagrams_are_laid_out_while_the_pages_are_made_with_the_same_bytes(built, tmp_path, monkeypatch):
    real_dot, real_render, spans = report_module.dot.render_dot, report_module._render, []

    def timed(kind, real):
        def run(*args, **kwargs):
            start = time.perf_counter()
            if kind == "layout":
                time.sleep(0.2)
            try:
                return real(*args, **kwargs)
            finally:
                spans.append((kind, start, time.perf_counter()))
        return run

    monkeypatch.setattr(report_module.dot, "render_dot", timed("layout", real_dot))
    monkeypatch.setattr(report_module, "_render", timed("page", real_render))
    build_report(load_workspace(built[0]), tmp_path / "site", today=TODAY)
    layouts = [(a, b) for kind, a, b in spans if kind == "layout"]
    pages = [(a, b) for kind, a, b in spans if kind == "page"]
    assert len(layouts) > 1 and any(a < d and c < b for a, b in layouts for c, d in pages)
    assert _files(tmp_path / "site") == {**_files(built[1]), MARKER: MARKER_TEXT.encode()}


def test_a_diagram_that_fails_in_its_thread_fails_the_build_as_before(built, copy, monkeypatch):
    real = report_module.dot.render_dot
    calls = []

    def fail_on_the_second(text, *args, **kwargs):
        calls.append(threading.current_thread().name)
        if len(calls) == 2:
            raise OrgmodelError("Graphviz needed more than 60 s to lay out the diagram. Narrow the view")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(report_module.dot, "render_dot", fail_on_the_second)
    before = _files(copy)
    with pytest.raises(OrgmodelError, match="Graphviz needed more than 60 s"):
        build_report(load_workspace(built[0]), copy, today=TODAY)
    assert all(name.startswith("orgmodel-dot") for name in calls)
    assert _files(copy) == before
    assert sorted(p.name for p in copy.parent.iterdir()) == ["site"]
    assert not [t for t in threading.enumerate() if t.name.startswith("orgmodel-dot")]


def test_the_error_of_the_first_job_in_order_is_raised_though_a_later_one_fails_sooner(built, copy, monkeypatch):
    calls = []

    def first_fails_late(text, *args, **kwargs):
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            time.sleep(0.5)
            raise OrgmodelError("the first diagram")
        raise OrgmodelError("a later diagram")

    def page_fails(env, template, target, **values):
        raise OrgmodelError(f"the page {target.name}")

    monkeypatch.setattr(report_module, "DRAWING_THREADS", 2)
    monkeypatch.setattr(report_module.dot, "render_dot", first_fails_late)
    monkeypatch.setattr(report_module, "_render", page_fails)
    with pytest.raises(OrgmodelError, match="^the page index.html$"):
        build_report(load_workspace(built[0]), copy, today=TODAY)
    calls.clear()
    monkeypatch.setattr(report_module, "_render", lambda env, template, target, **values:
                        None if target.name == "index.html" else page_fails(env, template, target))
    with pytest.raises(OrgmodelError, match="^the first diagram$"):
        build_report(load_workspace(built[0]), copy, today=TODAY)
    assert len(calls) > 1 and all(name.startswith("orgmodel-dot") for name in calls)


def test_a_file_put_into_an_earlier_report_is_not_lost_without_a_word(runner, built, copy):
    (copy / "tilgaengelighed.html").write_text("<p>vores egen side</p>", encoding="utf-8")
    result = _report(runner, built[0], copy)
    assert result.exit_code == 0 and result.stdout == _wrote(copy)
    assert "Note: the folder held 1 file(s) the earlier report had not written, removed with it (the folder is " \
           "replaced whole): tilgaengelighed.html. Keep your own files beside the report's folder" in result.stderr
    assert not (copy / "tilgaengelighed.html").exists()


def test_a_renamed_link_to_a_district_makes_the_report_stale(tmp_path):
    """A district's pages are named by its folder as found: a link renamed renames them."""
    import datetime as dt

    from .conftest import EXAMPLE

    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "mvj").symlink_to(EXAMPLE.resolve())
    day = dt.date(2026, 11, 22)
    before = stamp_module.report_key([tmp_path / "national"], None, False, day, None, None)
    (tmp_path / "national" / "mvj").rename(tmp_path / "national" / "midt-og-vest")
    assert before is not None
    assert stamp_module.report_key([tmp_path / "national"], None, False, day, None, None) != before
