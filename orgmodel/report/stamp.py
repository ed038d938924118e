"""Whether the report in a folder is the one a build would write now, found without loading the workspace.

A build writes into the folder's marker file (``.orgmodel-report``), after its two lines of text, a *stamp*:
the key of everything the report is made from, what the command said (pages, errors, notes), and the SHA-256
and name of every file it wrote, one a line as ``sha256sum`` writes them. The report in a folder is current
(:func:`stored_report`) when the key is the same and the folder holds exactly those files with those bytes:
a changed, deleted or extra file (or folder) means a real build.

The key (:func:`report_key`) holds the name, size and digest of every file of the workspaces with their
resolved folders (read as ``orgmodel check``'s stored output is: :func:`orgmodel.workspace.file_digests`),
orgmodel's version and code (modules, data, templates and the bundled cytoscape.js), Python's version, the
installed libraries the pages, charts and maps are made with, Graphviz (its ``dot``, its version and the
settings read from the environment), and the options: language, names or not, the accessibility statement,
the date taken as today and ``--as-of``. A key that cannot be made (an unreadable file, a workspace past its
limits) is None, and a report without a key is never taken as current.

>>> import datetime as dt
>>> day = dt.date(2026, 11, 22)
>>> key = report_key(["examples/midt-og-vestjylland"], None, False, day, None, None)
>>> key == report_key(["examples/midt-og-vestjylland"], None, False, day, None, None)
True
>>> key == report_key(["examples/midt-og-vestjylland"], "en", False, day, None, None)
False
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from orgmodel import __version__
from orgmodel.errors import OrgmodelError
from orgmodel.workspace import code_stamp, file_digests, workspace_folders

_FORMAT = 1
STAMP = "stamp: "
"""The start of the stamp's line in the marker file; the files' lines follow it."""
_LIBRARIES = ("jinja2", "markupsafe", "matplotlib", "numpy", "PIL", "networkx", "pydantic", "pydantic_core", "yaml",
              "yaml_rs")
_ENVIRONMENT = ("MPLCONFIGDIR", "MATPLOTLIBRC", "FONTCONFIG_FILE", "FONTCONFIG_PATH", "GVBINDIR", "GV_FILE_PATH")
"""Environment variables that change what matplotlib or Graphviz draw."""
_ASSETS = ("templates", "vendor")
"""The folders of orgmodel/report whose files (not modules, so not in :func:`code_stamp`) a report is made of."""


class Stored(NamedTuple):
    """What the command said when it built the report in a folder."""

    pages: int
    errors: int
    warnings: int
    problems: int
    statement: str | None
    notes: tuple[str, ...]


def report_key(paths: Sequence, lang: str | None, with_names: bool, today: dt.date, as_of: dt.date | None,
               statement: str | None) -> str | None:
    """The key of a report of the workspaces at ``paths`` with these options, as hex (see the module's
    docstring); None when a file cannot be read (the load then says why)."""
    try:
        folders = workspace_folders([Path(p) for p in paths] or [Path(".")])
        files = file_digests(folders)
    except (OSError, OrgmodelError):
        return None
    if files is None:
        return None
    # the folders as found, not resolved: a district's name in the report is its folder's (a link's own name)
    parts = [str(_FORMAT), sys.version, __version__, code_stamp(), _assets(), _libraries(), _graphviz(),
             repr((lang, with_names, statement)), today.isoformat(), as_of.isoformat() if as_of else "-",
             repr([os.path.abspath(folder) for folder in folders])]
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    for root, read in files:
        digest.update(f"\0\0{root}\0{len(read)}".encode("utf-8", "surrogatepass"))
        for name, size, sha in read:
            digest.update(f"\0{name}\0{size}\0".encode("utf-8", "surrogatepass") + sha)
    return digest.hexdigest()


def stamp_text(key: str, stored: Stored, folder: Path) -> str:
    """The stamp of the report just written to ``folder`` (every file but the marker), to follow the marker's
    text; empty when a file's name cannot be written on one line (that report is then never taken as current).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "index.html").write_text("hej")
    >>> print(stamp_text("k", Stored(1, 0, 0, 0, None, ()), folder), end="")
    <BLANKLINE>
    stamp: {"format":1,"key":"k","pages":1,"errors":0,"warnings":0,"problems":0,"statement":null,"notes":[]}
    9c478bf63e9500cb5db1e85ece82f18c8eb9e52e2f9135acd7f10972c8d563ba  index.html
    """
    lines = [STAMP + json.dumps({"format": _FORMAT, "key": key, **stored._asdict()}, ensure_ascii=True,
                                separators=(",", ":"))]
    names = _files(folder)
    for name in names if names is not None else ["\n"]:  # a folder the build did not write alone: no stamp
        if "\n" in name or "\r" in name:
            return ""
        lines.append(f"{_digest(folder / name)}  {name}")
    return "\n" + "\n".join(lines) + "\n"


def stored_report(folder: Path, marker: str, key: str | None) -> Stored | None:
    """What the command said when it built the report in ``folder``, when that report is current: its marker
    file ``marker`` holds a stamp with ``key``, and the folder holds exactly the files the stamp names, with
    their bytes. Else None."""
    if key is None:
        return None
    try:
        with open(folder / marker, encoding="utf-8", newline="\n") as f:
            text = f.read()
        start = text.index("\n" + STAMP) + 1
        head, *rows = text[start:].split("\n")
        stamp = json.loads(head[len(STAMP):])
        if stamp.get("format") != _FORMAT or stamp.get("key") != key or rows[-1:] != [""]:
            return None
        written = {name: sha for sha, name in (row.split("  ", 1) for row in rows[:-1])}
        stored = Stored(*(stamp[field] for field in Stored._fields))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    present = _files(folder, marker)
    if present is None or sorted(present) != sorted(written):
        return None
    if any(_digest(folder / name) != sha for name, sha in written.items()):
        return None
    return stored._replace(notes=tuple(stored.notes))


def added_files(folder: Path, marker: str) -> list[str]:
    """The files in the report in ``folder`` that its stamp does not name: put there since (a user's own page, a
    logo), and lost when the report is built again. Empty when the marker holds no stamp to tell by.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "index.html").write_text("hej")
    >>> _ = (folder / ".orgmodel-report").write_text("x" + stamp_text("k", Stored(1, 0, 0, 0, None, ()), folder))
    >>> _ = (folder / "logo.png").write_text("mine")
    >>> added_files(folder, ".orgmodel-report")
    ['logo.png']
    """
    try:
        with open(folder / marker, encoding="utf-8", newline="\n") as f:
            text = f.read()
        rows = text[text.index("\n" + STAMP) + 1:].split("\n")[1:]
    except (OSError, ValueError):
        return []
    written = {row.split("  ", 1)[1] for row in rows if "  " in row}
    found: list[str] = []
    for root, _, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        found += [name for file in files if (name := (base / file).as_posix()) != marker and name not in written]
    return sorted(found)


def _files(folder: Path, marker: str | None = None) -> list[str] | None:
    """The name (relative, with ``/``) of every file below ``folder`` but ``marker``, sorted; None when the
    folder holds anything but plain files and the folders that lead to them (a link, an empty folder, …)."""
    names: list[str] = []
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        if not dirs and not files or any(os.path.islink(os.path.join(root, d)) for d in dirs):
            return None
        for name in files:
            path = os.path.join(root, name)
            if not os.path.isfile(path) or os.path.islink(path):
                return None
            names.append((base / name).as_posix())
    return sorted(n for n in names if n != marker)


def _digest(path: Path) -> str:
    """The SHA-256 of a file's bytes as hex; empty when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return ""


def _assets() -> str:
    """Size and time of the templates and the bundled script a report copies or fills."""
    here = Path(__file__).parent
    found = []
    for path in sorted(p for folder in _ASSETS for p in (here / folder).rglob("*") if p.is_file()):
        st = path.stat()
        found.append(f"{path.relative_to(here).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(found)


def _libraries() -> str:
    """Where each library a report is made with is installed, and when (found without importing it)."""
    found = []
    for name in _LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            st = os.stat(origin) if origin else None
        except OSError:
            st = None
        found.append(f"{name}:{origin}:{st.st_size if st else ''}:{st.st_mtime_ns if st else ''}")
    return "|".join(found)


def _graphviz() -> str:
    """Graphviz's ``dot`` and ``sfdp`` (where, size, time), the version ``dot -V`` names, and the environment
    variables that change what matplotlib and Graphviz draw."""
    found = []
    for program in ("dot", "sfdp"):
        path = shutil.which(program)
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        found.append(f"{program}:{path}:{os.path.realpath(path) if path else ''}:"
                     f"{st.st_size if st else ''}:{st.st_mtime_ns if st else ''}")
    try:
        version = subprocess.run(["dot", "-V"], capture_output=True, timeout=10, check=False).stderr
        found.append(version.decode("utf-8", "replace").strip())
    except (OSError, subprocess.SubprocessError):
        found.append("?")  # no dot: the build says so
    found += [f"{name}={os.environ.get(name)}" for name in _ENVIRONMENT]
    return "|".join(found)
