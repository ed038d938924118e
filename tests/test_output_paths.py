"""Output paths (issue 15, item 3): symlinks are written through, devices and FIFOs refused, ``-o -`` is
standard output where the output is one stream. And the workspace argument (item 16): positional and
``-w/--workspace`` alike, with a hint where a folder is given in place of an id.

The tests run as root here; a device is made with ``os.mknod`` in ``tmp_path`` and the real /dev/null is only
ever refused, never opened.
"""

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.errors import UsageError
from orgmodel.files import TEMP_MARK, atomic_dir, output_file, write_text_atomic

from .conftest import EXAMPLE

DEVICE_MESSAGE = "it is a character device, not a regular file, so nothing was written. Give the name of a regular file"
FIFO_MESSAGE = "it is a FIFO (named pipe), not a regular file, so nothing was written. Give the name of a regular file"


def _run(argv, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in argv], catch_exceptions=False, prog_name="orgmodel", **kwargs)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)


@pytest.fixture
def small(make_ws):
    return make_ws({"organisations.yaml": """\
        organisations:
          - id: politi
            name: Politiet
            category: politi
        """})


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.out"
    os.mkfifo(path)
    return path


@pytest.fixture
def device(tmp_path):
    """A character device like /dev/null (major 1, minor 3), made in tmp_path: writing to it would harm nothing."""
    path = tmp_path / "null.out"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


# --- the library: files.py ------------------------------------------------------------------------------------

def test_a_device_or_fifo_is_refused_before_anything_is_opened(device, fifo):
    for path, message in ((device, DEVICE_MESSAGE), (fifo, FIFO_MESSAGE)):
        with pytest.raises(UsageError) as caught:
            write_text_atomic(path, "x")
        assert str(caught.value) == f"cannot write {path}: {message}"
    assert stat.S_ISCHR(device.stat().st_mode) and stat.S_ISFIFO(fifo.stat().st_mode)
    assert _leftovers(device.parent) == []


def test_dev_null_is_refused_and_left_as_it_is():
    before = os.stat("/dev/null")
    with pytest.raises(UsageError, match="^cannot write /dev/null: it is a character device"):
        output_file(Path("/dev/null"))
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_a_symlink_is_written_through_atomically(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "real") == []


def test_a_link_to_a_device_names_both(tmp_path, device):
    link = tmp_path / "link.out"
    link.symlink_to(device)
    with pytest.raises(UsageError) as caught:
        write_text_atomic(link, "x")
    assert str(caught.value) == f"cannot write {link} (a link to {device}): {DEVICE_MESSAGE}"
    assert link.is_symlink() and stat.S_ISCHR(device.stat().st_mode)


def test_a_folder_symlink_is_replaced_behind_the_link(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    link = tmp_path / "report"
    link.symlink_to(tmp_path / "site")
    with atomic_dir(link) as tmp:
        (tmp / "index.html").write_text("new")
    assert link.is_symlink() and sorted(p.name for p in link.iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "site"]


def test_a_folder_output_that_is_a_fifo_is_refused(fifo):
    with pytest.raises(UsageError) as caught, atomic_dir(fifo):
        pass
    assert str(caught.value) == (f"cannot write into {fifo}: it is a FIFO (named pipe), not a folder, so nothing "
                                 "was written. Give a folder name")


# --- every command that writes --------------------------------------------------------------------------------

WRITERS = {
    "check": ["check", "{ws}", "--format", "json", "-o", "{out}"],
    "export graphml": ["export", "{ws}", "--format", "graphml", "-o", "{out}"],
    "export xlsx": ["export", "{ws}", "--format", "xlsx", "-o", "{out}"],
    "diagram": ["diagram", "{ws}", "--format", "dot", "-o", "{out}"],
    "gaps --chart": ["gaps", "ages", "{ws}", "--chart", "{out}"],
}


def _argv(argv, ws, out):
    return [str(a).replace("{ws}", str(ws)).replace("{out}", str(out)) for a in argv]


@pytest.mark.parametrize("command", list(WRITERS))
def test_every_command_refuses_a_fifo_and_a_device(command, small, tmp_path):
    for kind in ("fifo", "device"):
        name = "out.svg" if command == "gaps --chart" else "out"
        path = tmp_path / kind / name
        path.parent.mkdir()
        if kind == "fifo":
            os.mkfifo(path)
        else:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        result = _run(_argv(WRITERS[command], small, path))
        message = FIFO_MESSAGE if kind == "fifo" else DEVICE_MESSAGE
        assert (result.exit_code, result.output) == (2, f"Error: cannot write {path}: {message}\n")
        assert sorted(p.name for p in path.parent.iterdir()) == [name]
        assert (stat.S_ISFIFO if kind == "fifo" else stat.S_ISCHR)(path.stat().st_mode)


@pytest.mark.parametrize("command", list(WRITERS))
def test_every_command_writes_through_a_symlink(command, small, tmp_path):
    suffix = ".svg" if command == "gaps --chart" else ".out"
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / f"target{suffix}"
    target.write_text("old")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(target)
    ws = EXAMPLE if command == "gaps --chart" else small  # a chart needs areas in scope
    result = _run(_argv(WRITERS[command], ws, link))
    assert result.exit_code in (0, 1) and f"Wrote {link}\n" in result.output
    assert link.is_symlink() and target.is_file() and target.read_bytes() != b"old"
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "real") == []


@pytest.mark.parametrize("command", [*WRITERS, "status"])
@pytest.mark.parametrize("through_link", [False, True])
def test_every_command_refuses_to_replace_a_file_of_the_workspace_it_reads(command, through_link, small, tmp_path):
    ws = small
    before = (ws / "organisations.yaml").read_bytes()
    out = ws / "organisations.yaml"
    if through_link or command == "gaps --chart":  # (a chart is written only to a name ending in .svg)
        out = tmp_path / ("out.svg" if command == "gaps --chart" else "out")
        out.symlink_to(ws / "organisations.yaml")
    argv = ["status", "{ws}", "-o", "{out}"] if command == "status" else WRITERS[command]
    result = _run(_argv(argv, ws, out))
    named = f"{out} (a link to {ws / 'organisations.yaml'})" if out.is_symlink() else str(out)
    assert (result.exit_code, result.output) == (
        2, f"Error: cannot write {named}: it is a file of the workspace being read, so nothing was written. Give an "
           "output path outside the workspace folder\n")
    assert (ws / "organisations.yaml").read_bytes() == before and _leftovers(ws) == []


def test_the_export_to_dev_null_is_refused(small):
    result = _run(["export", small, "--format", "json", "-o", "/dev/null"])
    assert (result.exit_code, result.output) == (2, f"Error: cannot write /dev/null: {DEVICE_MESSAGE}\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_csv_export_refuses_a_fifo_as_its_folder(small, fifo):
    result = _run(["export", small, "--format", "csv", "-o", fifo])
    assert (result.exit_code, result.output) == (
        2, f"Error: cannot write into {fifo}: it is a FIFO (named pipe), not a folder, so nothing was written. "
           "Give a folder name\n")


def test_report_into_a_symlink_to_a_folder_keeps_the_link(small, tmp_path, fifo):
    (tmp_path / "site").mkdir()
    link = tmp_path / "report"
    link.symlink_to(tmp_path / "site")
    result = _run(["report", small, "-o", link, "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (tmp_path / "site" / "index.html").is_file()
    assert _leftovers(tmp_path) == []
    result = _run(["report", small, "-o", fifo])
    assert (result.exit_code, result.output) == (
        2, f"Error: cannot write into {fifo}: it is a FIFO (named pipe), not a folder, so nothing was written. "
           "Give a folder name\n")


def test_init_into_a_symlink_to_an_empty_folder_and_not_into_a_fifo(tmp_path, fifo):
    (tmp_path / "empty").mkdir()
    link = tmp_path / "fyn"
    link.symlink_to(tmp_path / "empty")
    result = _run(["init", "--kreds", "kreds-fyn", link, "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (tmp_path / "empty" / "orgmodel.yaml").is_file()
    result = _run(["init", "--kreds", "kreds-fyn", fifo])
    assert (result.exit_code, result.output) == (
        2, f"Error: cannot write into {fifo}: it is a FIFO (named pipe), not a folder, so nothing was written. "
           "Give a folder name\n")


# --- -o - : standard output -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cypher"])
def test_export_to_standard_output_is_the_file(fmt, small, tmp_path):
    _run(["export", small, "--format", fmt, "-o", tmp_path / "x"])
    result = _run(["export", small, "--format", fmt, "-o", "-"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout_bytes == (tmp_path / "x").read_bytes()


@pytest.mark.parametrize(("fmt", "message"), [
    ("csv", "--format csv writes a folder of files, not one stream; give a folder with -o"),
    ("xlsx", "--format xlsx writes a binary workbook, not one stream; give a file name ending in .xlsx with -o")])
def test_export_refuses_standard_output_for_folders_and_workbooks(fmt, message, small, tmp_path):
    result = _run(["export", small, "--format", fmt, "-o", "-"], env={"PWD": str(tmp_path)})
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    assert not Path("-").exists()


def test_check_and_diagram_to_standard_output(small, tmp_path):
    plain = _run(["check", small, "--format", "json", "--today", "2026-11-22"])
    dashed = _run(["check", small, "--format", "json", "--today", "2026-11-22", "-o", "-"])
    assert (dashed.exit_code, dashed.output) == (plain.exit_code, plain.output)
    plain = _run(["diagram", small, "--format", "dot"])
    dashed = _run(["diagram", small, "--format", "dot", "-o", "-"])
    assert (dashed.exit_code, dashed.stdout) == (0, plain.stdout)
    result = _run(["diagram", small, "--format", "png", "-o", "-"])
    assert result.exit_code == 2 and result.output.endswith("Error: --format png writes a binary file: give -o FILE\n")
    assert not Path("-").exists()


# --- the workspace argument (item 16) -------------------------------------------------------------------------

POSITIONAL = [["check"], ["gaps", "partners"], ["gaps", "ages"], ["stats"], ["diagram", "--format", "dot"],
              ["export", "--format", "cypher", "-o", "-"], ["neo4j", "push", "--dry-run"]]


@pytest.mark.parametrize("command", POSITIONAL, ids=" ".join)
def test_every_workspace_command_takes_the_folder_as_argument_or_option(command, small):
    positional = _run([*command, small])
    for flag in ("-w", "--workspace"):
        optional = _run([*command, flag, small])
        assert (optional.exit_code, optional.stdout) == (positional.exit_code, positional.stdout)
    same = _run([*command, small, "-w", small])
    assert (same.exit_code, same.stdout) == (positional.exit_code, positional.stdout)


def test_the_workspace_given_twice_differently_is_refused(small, tmp_path):
    result = _run(["stats", small, "-w", tmp_path])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: the workspace is given twice, as {small} and as -w {tmp_path}; "
                                  "give it once\n")


def test_import_takes_the_workspace_with_w(small, tmp_path):
    _run(["export", small, "--format", "xlsx", "-o", tmp_path / "x.xlsx"])
    positional = _run(["import", tmp_path / "x.xlsx", small, "--dry-run"])
    optional = _run(["import", tmp_path / "x.xlsx", "-w", small, "--dry-run"])
    assert (optional.exit_code, optional.output) == (positional.exit_code, positional.output) == (0, positional.output)


def test_vocabulary_takes_w_too(small):
    assert _run(["vocabulary", "levels", "-w", small]).output == _run(
        ["vocabulary", "levels", "--workspace", small]).output


@pytest.mark.parametrize(("argv", "example"), [
    (["show", "{ws}", "ssp-silkeborg"], "orgmodel show ssp-silkeborg -w {ws}"),
    (["show", "{ws}"], "orgmodel show ENTITY -w {ws}"),
    (["who", "silkeborg-kommune", "{ws}"], "orgmodel who silkeborg-kommune -w {ws}"),
    (["path", "{ws}", "a", "b", "--format", "json"], "orgmodel path a b -w {ws}"),
    (["vocabulary", "{ws}"], "orgmodel vocabulary SECTION -w {ws}"),
])
def test_a_folder_where_an_id_belongs_gets_a_hint(argv, example):
    ws = os.path.relpath(EXAMPLE)
    result = _run([a.replace("{ws}", ws) for a in argv])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: '{ws}' is a folder: give the workspace with -w, e.g. "
                                  f"`{example.replace('{ws}', ws)}`\n")


def test_ids_with_w_work_as_before():
    result = _run(["show", "ssp-silkeborg", "-w", EXAMPLE, "--format", "json"])
    assert result.exit_code == 0 and '"ssp-silkeborg"' in result.stdout


# --- the loader: dangling links, an empty manifest ------------------------------------------------------------

def test_a_dangling_symlinked_yaml_is_reported(small):
    (small / "extra.yaml").symlink_to("gone.yaml")
    for env in ({"ORGMODEL_CACHE": "off"}, {}):
        result = _run(["check", small], env=env)
        assert (result.exit_code, result.output) == (
            2, "Error: extra.yaml: the file is a link to gone.yaml, which does not exist\n"
               "  Fix: point the link at the file it stands for, or delete the link\n")


def test_an_empty_manifest_asks_for_the_name(small):
    (small / "orgmodel.yaml").write_text("")
    result = _run(["check", small])
    assert (result.exit_code, result.output) == (
        2, "Error: orgmodel.yaml: the file is empty, and the workspace needs its settings here\n"
           "  Fix: add at least the workspace's name, e.g. 'name: Kredsrådet i Fyn' "
           "(see `orgmodel schema --manifest`)\n")


@pytest.mark.parametrize("argv", [["report", str(EXAMPLE), "-o", "-"], ["init", "--kreds", "fyn", "-"]])
def test_a_folder_output_given_as_dash_is_refused_not_made(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(argv)
    assert (result.exit_code, result.output) == (
        2, "Error: cannot write a folder to - (standard output), so nothing was written. Give a folder name\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["diagram", str(EXAMPLE), "--format", "dot", "--timeout", "nan"], "'nan' is not a number of seconds."),
    (["diagram", str(EXAMPLE), "--format", "dot", "--timeout", "inf"], "inf is not in the range 1<=x<=86400."),
    (["stats", str(EXAMPLE), "--sample", "1"], "1 is not in the range x>=2."),
])
def test_an_option_value_that_ended_in_a_traceback_is_refused(argv, message):
    result = _run(argv)
    assert result.exit_code == 2 and result.output.endswith(f"{message}\n") and "Traceback" not in result.output


def test_the_address_of_neo4j_browser_is_refused_with_the_bolt_address():
    result = _run(["neo4j", "query", "RETURN 1", "--uri", "http://localhost:7474"])
    assert (result.exit_code, result.output) == (
        2, "Error: 'http://localhost:7474' is the address of Neo4j Browser (HTTP), not of the database; write its Bolt "
           "address, e.g. bolt://127.0.0.1:7687 (or neo4j+s://xxxx.databases.neo4j.io)\n")
