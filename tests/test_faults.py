"""Faults: Neo4j going away mid-push, the process killed while writing, a read-only output folder, and
paths with spaces and Danish letters.
"""

import errno
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.errors import UsageError
from orgmodel.files import TEMP_MARK, atomic_path, write_text_atomic

from .conftest import EXAMPLE, ROOT
from .outputs import is_temporary, leftovers

URI = os.environ.get("NEO4J_URI")
needs_neo4j = pytest.mark.skipif(not URI, reason="no Neo4j server (make test starts one)")


def synthetic(folder: Path, entities: int, seed: int = 7) -> Path:
    """A generated national-style workspace (bench/synthetic.py)."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, entities, seed=seed)
    return folder


# --- Neo4j going away mid-push ---------------------------------------------------------------------------

class CuttingProxy:
    """A TCP proxy between the driver and the test server that cuts every connection once the
    driver has sent ``cut_after`` bytes (counted from :meth:`arm`)."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.sent = 0
        self.cut_after: int | None = None
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, cut_after: int | None) -> None:
        with self.lock:
            self.sent, self.cut_after = 0, cut_after
            self.cut.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, upstream: bool) -> None:
        try:
            while data := source.recv(65536):
                if upstream:
                    with self.lock:
                        self.sent += len(data)
                        cut = self.cut_after is not None and self.sent >= self.cut_after
                    if cut:
                        self._cut_everything()
                        return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def _cut_everything(self) -> None:
        self.cut.set()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()
        self._cut_everything()


@pytest.fixture
def proxy():
    host, port = URI.split("://", 1)[1].rsplit(":", 1)
    running = CuttingProxy(host, int(port))
    yield running
    running.close()


def _env(uri: str) -> dict:
    return {"NEO4J_URI": uri, "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
            "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}


def _snapshot(uri: str) -> tuple:
    from orgmodel.neo4j import Connection, query

    conn = Connection(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    _, nodes = query(conn, "MATCH (n) RETURN n.id, labels(n), n._hash ORDER BY n.id")
    _, rels = query(conn, "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id ORDER BY a.id, type(r), b.id")
    return [tuple(map(str, row)) for row in nodes], [tuple(row) for row in rels]


def _push(workspace: Path, uri: str):
    return CliRunner().invoke(cli, ["neo4j", "push", str(workspace)], env=_env(uri), catch_exceptions=False)


@needs_neo4j
def test_neo4j_going_away_mid_push_keeps_the_previous_state_and_a_rerun_converges(proxy, tmp_path):
    from orgmodel.neo4j import Connection, query

    query(Connection(URI, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")),
          "MATCH (n) DETACH DELETE n", write=True)
    before, after = synthetic(tmp_path / "before", 2500, seed=7), synthetic(tmp_path / "after", 2500, seed=8)
    via_proxy = f"bolt://127.0.0.1:{proxy.port}"
    assert _push(after, URI).exit_code == 0
    state_after = _snapshot(URI)
    assert _push(before, URI).exit_code == 0
    state_before = _snapshot(URI)
    assert state_before != state_after

    proxy.arm(None)
    assert _push(after, via_proxy).exit_code == 0, "a push through the proxy works when nothing is cut"
    full_push_bytes = proxy.sent
    assert _snapshot(URI) == state_after
    assert _push(before, URI).exit_code == 0

    proxy.arm(full_push_bytes // 2)
    result = _push(after, via_proxy)
    assert proxy.cut.is_set()
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: lost the connection to Neo4j at {via_proxy}"), result.output
    assert "Traceback" not in result.output
    assert _snapshot(URI) == state_before, "a push cut halfway must leave the previous state"

    proxy.arm(None)
    again = _push(after, via_proxy)
    assert again.exit_code == 0, again.output
    assert _snapshot(URI) == state_after


@needs_neo4j
@pytest.mark.parametrize(("error", "says"), [
    ("SessionExpired", "nothing was changed"), ("ServiceUnavailable", "nothing was changed"),
    ("IncompleteCommit", "the change may or may not be stored")])
def test_every_lost_connection_is_a_message(error, says):
    """However the driver reports a lost server, the user gets a message, never a traceback; a commit
    whose answer was lost is not called unchanged."""
    from neo4j import exceptions

    from orgmodel.errors import OrgmodelError
    from orgmodel.neo4j.sync import Connection, connect

    conn = Connection(URI, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with pytest.raises(OrgmodelError, match=f"^lost the connection to Neo4j at .*{says}"):
        with connect(conn):
            raise getattr(exceptions, error)("connection reset by peer")


# --- the process killed while writing ----------------------------------------------------------------------

def _orgmodel(*args: str) -> list[str]:
    return [sys.executable, "-m", "orgmodel", *args]


def _kill_at(argv: list[str], seconds: float) -> None:
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _full_run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def big_workspace(tmp_path_factory):
    return synthetic(tmp_path_factory.mktemp("big") / "ws", 2000)


KILLED = [
    ("export graphml",
     lambda ws, out: _orgmodel("export", str(ws), "--format", "graphml", "-o", str(out / "x.graphml")),
     "x.graphml"),
    ("export csv", lambda ws, out: _orgmodel("export", str(ws), "--format", "csv", "-o", str(out / "kumu")),
     "kumu"),
    ("diagram svg", lambda ws, out: _orgmodel("diagram", str(EXAMPLE), "-o", str(out / "struktur.svg")),
     "struktur.svg"),
    ("check sarif", lambda ws, out: _orgmodel("check", str(ws), "--format", "sarif", "-o", str(out / "c.sarif")),
     "c.sarif"),
    ("report", lambda ws, out: _orgmodel("report", str(EXAMPLE), "-o", str(out / "rapport"), "--today", "2026-11-22"),
     "rapport"),
]


def _contents(path: Path) -> dict[str, bytes]:
    """Every file of an output (a file, or a folder's files below it), by name; a killed run's hidden temporary
    files (``.NAME.orgmodel-PID-…``) are not output files: the test checks them as leftovers."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*"))
                if p.is_file() and not is_temporary(p.name)}
    return {path.name: path.read_bytes()} if path.exists() else {}


@pytest.mark.parametrize(("name", "argv", "target"), KILLED, ids=[k[0] for k in KILLED])
def test_killed_while_writing_leaves_the_old_file_or_a_complete_one(name, argv, target, big_workspace, tmp_path):
    """SIGKILL at several moments of a run: each output file is absent, the old file or the complete new one;
    a killed run leaves at most hidden temporary files (.NAME.orgmodel-PID-…), which the next run removes."""
    out = tmp_path / "ud"
    out.mkdir()
    command = argv(big_workspace, out)
    duration = _full_run(command)
    complete = _contents(out / target)
    assert complete and all(complete.values())
    kills = ((True, 0.9), (False, 0.95)) if name == "report" else ((True, 0.6), (True, 0.95), (False, 0.85),
                                                                     (False, 1.0))
    for keep_old, fraction in kills:
        if not keep_old:
            for path in out.iterdir():
                if not path.name.startswith("."):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        _kill_at(command, duration * fraction)
        now = _contents(out / target)
        if keep_old:
            assert now == complete, f"not the old file after a kill at {fraction:.0%} of a run"
        else:
            # each file whole or absent (the CSV pair is renamed one file after the other)
            assert all(complete.get(name) == data for name, data in now.items()), \
                f"half-written after a kill at {fraction:.0%} of a run"
        for leftover in leftovers(out):
            assert leftover.startswith(".") and TEMP_MARK in leftover
    _full_run(command)
    assert _contents(out / target) == complete
    assert leftovers(out) == [], "the next run removes what killed runs left"


@pytest.mark.parametrize("fraction", [0.5, 0.9, 1.0, 1.2])
def test_init_killed_leaves_no_half_workspace(fraction, tmp_path):
    target = tmp_path / "ny kreds"
    command = _orgmodel("init", "--kreds", "Fyn", str(target))
    duration = _full_run(command)
    expected = sorted(p.name for p in target.rglob("*"))
    shutil.rmtree(target)
    _kill_at(command, duration * fraction)
    assert not target.exists() or sorted(p.name for p in target.rglob("*")) == expected
    for leftover in tmp_path.iterdir():
        assert leftover == target or (leftover.name.startswith(".ny kreds" + TEMP_MARK))
    if not target.exists():
        _full_run(command)
        assert sorted(p.name for p in target.rglob("*")) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["ny kreds"]


def test_leftovers_of_a_live_process_are_kept(tmp_path):
    """Only temporary files of processes that are gone are removed: two runs at once do not collide."""
    live = tmp_path / f".x.svg{TEMP_MARK}{os.getppid()}-abc.svg"
    dead = tmp_path / f".x.svg{TEMP_MARK}999999999-abc.svg"
    other = tmp_path / f".y.svg{TEMP_MARK}999999999-abc.svg"
    for path in (live, dead, other):
        path.write_text("half")
    write_text_atomic(tmp_path / "x.svg", "<svg/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["x.svg", live.name, other.name])


# --- a read-only output folder -----------------------------------------------------------------------------

READ_ONLY_COMMANDS = [
    ["diagram", "{ws}", "-o", "{out}/struktur.svg"],
    ["export", "{ws}", "--format", "graphml", "-o", "{out}/x.graphml"],
    ["export", "{ws}", "--format", "csv", "-o", "{out}/kumu"],
    ["check", "{ws}", "-o", "{out}/check.txt"],
    ["gaps", "ages", "{ws}", "--chart", "{out}/ages.svg"],
    ["init", "--kreds", "Fyn", "{out}/fyn"],
]


def _invoke(argv: list[str], out: Path, ws: Path = EXAMPLE):
    return CliRunner().invoke(cli, [a.replace("{out}", str(out)).replace("{ws}", str(ws)) for a in argv],
                              catch_exceptions=False)


def _as_nobody(work) -> dict:
    """Run ``work()`` in a forked child that has given up root for the user 'nobody'; return its result.

    The child is forked, not started, because the interpreter lives where 'nobody' may not read: every
    module and cache the work needs must be loaded before (run it once as root first).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            payload = json.dumps(work())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            payload = json.dumps({"crash": f"{exc!r} {getattr(exc, 'filename', '')}"})
        os.write(write_end, payload.encode())
        os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return json.loads(data)


@pytest.mark.parametrize("argv", READ_ONLY_COMMANDS, ids=[" ".join(a[:2]) for a in READ_ONLY_COMMANDS])
def test_read_only_folder_is_a_clear_error(argv, tmp_path, monkeypatch):
    """A folder the user may not write to. Root writes anyway (checked with os.access after chmod), so as
    root the command runs in a child that has become the user 'nobody'; charts need matplotlib's files,
    which 'nobody' cannot read where Python is installed, so that one is skipped as root (the next test
    covers it through a refused write)."""
    import tempfile

    monkeypatch.setenv("ORGMODEL_CACHE", "off")  # the warm-up run must read the files as the child will
    base = Path(tempfile.mkdtemp(prefix="orgmodel-ro-"))
    try:
        base.chmod(0o755)
        out = base / "skrivebeskyttet"
        out.mkdir()
        out.chmod(0o555)
        if not os.access(out, os.W_OK):
            result = _invoke(argv, out)
            outcome = {"exit": result.exit_code, "output": result.output}
        elif os.geteuid() == 0 and "--chart" not in argv:
            # A copy 'nobody' may read: the checkout may sit in a folder only root can enter.
            ws = shutil.copytree(EXAMPLE, base / "arbejdsområde")
            for path in [ws, *ws.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            warm = base / "varm"
            warm.mkdir()
            assert _invoke(argv, warm, ws).exit_code in (0, 1), "the command works where it may write"

            def work():
                result = _invoke(argv, out, ws)
                return {"exit": result.exit_code, "output": result.output}

            outcome = _as_nobody(work)
        else:
            pytest.skip("running as root: a read-only folder is still writable")
        assert "crash" not in outcome, outcome
        assert outcome["exit"] == 2, outcome["output"]
        last = outcome["output"].strip().splitlines()[-1]
        assert last.startswith("Error: cannot write ") and "Permission denied" in last
        assert "Traceback" not in outcome["output"]
        assert list(out.iterdir()) == []
    finally:
        for folder in base.rglob("*"):
            if folder.is_dir():
                folder.chmod(0o755)
        shutil.rmtree(base)


@pytest.mark.parametrize("failure", [errno.EROFS, errno.EACCES, errno.ENOSPC])
@pytest.mark.parametrize("argv", READ_ONLY_COMMANDS, ids=[" ".join(a[:2]) for a in READ_ONLY_COMMANDS])
def test_a_refused_write_is_a_clear_error(argv, failure, tmp_path, monkeypatch):
    """The file system refuses the temporary file (read-only file system, no permission, disk full)."""
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = _invoke(argv, tmp_path)
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: cannot write ") and os.strerror(failure) in last
    assert "Traceback" not in result.output


def test_a_full_disk_while_writing_leaves_the_old_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("old")
    with pytest.raises(UsageError, match="cannot write .*No space left on device"):
        with atomic_path(path) as tmp:
            tmp.write_text("half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert path.read_text() == "old" and leftovers(tmp_path) == []


def test_an_output_that_is_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "x.svg").mkdir()
    result = _invoke(["diagram", str(EXAMPLE), "-o", "{out}/x.svg"], tmp_path)
    assert result.exit_code == 2 and result.output.startswith("Error: cannot write ")
    (tmp_path / "kumu").write_text("a file")
    result = _invoke(["export", str(EXAMPLE), "--format", "csv", "-o", "{out}/kumu"], tmp_path)
    assert result.exit_code == 2 and "it is a file, not a folder" in result.output
    assert leftovers(tmp_path) == []


# --- paths with spaces and Danish letters ------------------------------------------------------------------

def test_paths_with_spaces_and_danish_letters(tmp_path):
    base = tmp_path / "Mine Dokumenter" / "Kredsråd Øst æøå ÆØÅ"
    workspace = base / "arbejds område"
    out = base / "ud data ø"
    result = _invoke(["init", "--kreds", "Sydsjælland og Lolland-Falster", str(workspace)], out)
    assert result.exit_code == 0, result.output
    out.mkdir()
    runs = [
        (["check", str(workspace)], (0, 1)),
        (["check", str(workspace), "--format", "sarif", "-o", "{out}/tjek æ.sarif"], (0, 1)),
        (["diagram", str(workspace), "-o", "{out}/struktur ø.svg"], (0,)),
        (["diagram", str(workspace), "-o", "{out}/struktur ø.png"], (0,)),
        (["diagram", str(workspace), "-o", "{out}/struktur ø.pdf"], (0,)),
        (["diagram", str(workspace), "-o", "{out}/struktur ø.dot"], (0,)),
        (["gaps", "groups", str(workspace), "--chart", "{out}/grupper å.svg"], (0,)),
        (["export", str(workspace), "--format", "graphml", "-o", "{out}/graf å.graphml"], (0,)),
        (["export", str(workspace), "--format", "gexf", "-o", "{out}/graf å.gexf"], (0,)),
        (["export", str(workspace), "--format", "json", "-o", "{out}/graf å.json"], (0,)),
        (["export", str(workspace), "--format", "cypher", "-o", "{out}/graf å.cypher"], (0,)),
        (["export", str(workspace), "--format", "csv", "-o", "{out}/kumu å"], (0,)),
    ]
    for argv, ok in runs:
        result = _invoke(argv, out)
        assert result.exit_code in ok, (argv, result.output)
    sarif = json.loads((out / "tjek æ.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["originalUriBaseIds"]["WORKSPACE"]["uri"].endswith(
        "/Kredsr%C3%A5d%20%C3%98st%20%C3%A6%C3%B8%C3%A5%20%C3%86%C3%98%C3%85/arbejds%20omr%C3%A5de/")
    ET.parse(out / "struktur ø.svg")
    ET.parse(out / "grupper å.svg")
    ET.parse(out / "graf å.graphml")
    ET.parse(out / "graf å.gexf")
    assert json.loads((out / "graf å.json").read_text(encoding="utf-8"))["nodes"]
    assert (out / "struktur ø.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "struktur ø.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "kumu å" / "elements.csv").exists() and (out / "kumu å" / "connections.csv").exists()
    assert leftovers(base) == []


def test_readme_names_the_temporary_files():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`.NAME{TEMP_MARK}PID-RANDOM`" in readme and f"`.FOLDER{TEMP_MARK}PID-RANDOM`" in readme


FULL = "Error: cannot write the output: No space left on device. Check that the disk has room, or write to a file " \
       "with -o where the command has it\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", [["check", "{ws}"], ["check", "{ws}", "--format", "json"], ["gaps", "ages", "{ws}"],
                                  ["vocabulary"], ["--help"], ["--version"]])
def test_standard_output_that_cannot_be_written_is_a_clear_error(argv, tmp_path):
    """A full disk (or any device that refuses the bytes) behind standard output: ``Error: …`` and exit code 2,
    never a traceback; a check twice, because the second gives its stored output before the command line."""
    shutil.copytree(EXAMPLE, tmp_path / "ws")
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2 if argv[0] == "check" else 1):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "orgmodel", *(a.format(ws=tmp_path / "ws") for a in argv)],
                                  stdout=full, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert (done.returncode, done.stderr) == (2, FULL)


def test_another_os_error_is_not_taken_for_the_output(monkeypatch):
    """Only a write of the output is reported so: any other OSError that reaches the top is a fault of orgmodel,
    and stays one."""
    from orgmodel import __main__ as entry
    from orgmodel import cli as cli_module

    def broken(**kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sys, "argv", ["orgmodel", "vocabulary"])
    monkeypatch.setattr(cli_module, "cli", broken)
    with pytest.raises(OSError, match="No space left"):
        entry.main()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_standard_error_that_cannot_be_written_ends_quietly(tmp_path):
    """Only a note on standard error failed (here "Wrote …" after the output file was written whole): nowhere is
    left to say why, so the run ends as one whose reader went away ends (exit code 1), never with a traceback
    and never as a usage error."""
    shutil.copytree(EXAMPLE, tmp_path / "ws")
    env = {**os.environ, "ORGMODEL_CACHE_DIR": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "orgmodel", "check", str(tmp_path / "ws"), "-o",
                               str(tmp_path / "out.txt")], stdout=subprocess.PIPE, stderr=full, text=True, env=env,
                              cwd=ROOT)
    assert (done.returncode, done.stdout) == (1, "")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").endswith(" The check passes.\n")
