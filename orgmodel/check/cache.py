"""Reuse the output of ``orgmodel check`` while nothing it depends on has changed.

:func:`check_output` is what ``orgmodel check`` runs: it loads the workspaces given, checks them and
formats the result, and stores the result and the output in the cache folder
(:func:`orgmodel.workspace.cache_folder`; ``ORGMODEL_CACHE=off`` turns it off). A later run with the same
key gives the stored output without loading the workspace, running the rules, or even importing them;
one in another format formats the stored result. The key holds everything the output depends on:

- the name and contents of every file of every workspace (:func:`orgmodel.workspace.content_stamp`),
  orgmodel's version and code, Python's version and the installed pydantic, networkx and PyYAML;
- the folders as given and the current folder (the output names the workspace as given);
- the date taken as today (``--today``, else today's date from :mod:`orgmodel.clock`) and ``--as-of``;
- for the output: the format, ``--strict`` and whether it is coloured.

One entry is kept per folder as given (and per format of its output): a changed key replaces it.

>>> from orgmodel import clock
>>> day = clock.today()
>>> cold = check_output([Path("examples/midt-og-vestjylland")], "json", today=day)
>>> cold == check_output([Path("examples/midt-og-vestjylland")], "json", today=day)
True
"""

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, cast

from orgmodel import clock
from orgmodel.errors import OrgmodelError
from orgmodel.workspace import (
    cache_folder,
    code_stamp,
    content_stamp,
    read_entry,
    workspace_folders,
    write_entry,
)

if TYPE_CHECKING:
    from orgmodel.model import Manifest
    from orgmodel.workspace import Workspace

    from .result import CheckResult

_FORMAT = 2
_LIBRARIES = ("pydantic", "pydantic_core", "networkx", "yaml")


@dataclass(frozen=True)
class CheckOutput:
    """The finished output of a check and whether it fails (exit code 1)."""

    text: str
    fails: bool


@dataclass
class Checked:
    """What the output of a check shows of its workspace, stored with the findings in place of it.

    ``records`` is a ``range`` as long as the workspace has entities: the output shows only their number.
    """

    root: Path
    manifest: "Manifest"
    records: range
    files: list[str]
    parts: dict[str, None]
    versions: bytes | None = None

    @classmethod
    def of(cls, ws: "Workspace | Checked") -> "Checked":
        return cls(ws.root, ws.manifest, range(len(ws.records)), list(ws.files), dict.fromkeys(ws.parts),
                   ws.versions)


def check_output(paths: Sequence[Path], fmt: str = "text", strict: bool = False, style=None,
                 today: dt.date | None = None, as_of: dt.date | None = None) -> CheckOutput:
    """The output of ``orgmodel check`` of the workspaces at ``paths`` in format ``fmt`` (see
    :data:`orgmodel.check.FORMATS`; ``style``, a function like :func:`click.style`, colours the text
    format), stored or made now.
    """
    today = today or clock.today()
    as_of = as_of or today
    folder = cache_folder()
    key = None if folder is None else _key(paths, today, as_of)
    if folder is None or key is None:
        return _format(_fresh(paths, today, as_of), fmt, strict, style)
    shown = hashlib.sha256(key + f"\0{fmt}\0{strict}\0{style is not None}".encode()).digest()
    entry = folder / f"check-{_name(paths, fmt, strict, style is not None)}.output"
    stored = read_entry(entry, shown)
    if isinstance(stored, CheckOutput):
        return stored
    result, current = _result(paths, today, as_of, folder, key)
    output = _format(result, fmt, strict, style)
    if current:
        write_entry(folder, entry, shown, output)
    return output


def check_workspaces(paths: Sequence[Path], today: dt.date | None = None,
                     as_of: dt.date | None = None) -> "CheckResult":
    """Load the workspaces at ``paths`` (see :func:`orgmodel.workspace.open_workspaces`) and check them,
    or give the stored result of the same check of the same files.

    A result read back carries a :class:`Checked` in place of its workspace: enough for every output
    format, which then writes the same text as after a fresh check.
    """
    today = today or clock.today()
    as_of = as_of or today
    folder = cache_folder()
    key = None if folder is None else _key(paths, today, as_of)
    if folder is None or key is None:
        return _fresh(paths, today, as_of)
    return _result(paths, today, as_of, folder, key)[0]


def _result(paths: Sequence[Path], today: dt.date, as_of: dt.date, folder: Path,
            key: bytes) -> tuple["CheckResult", bool]:
    """The stored result of key ``key``, else a fresh one, stored; and whether the files still have that key."""
    entry = folder / f"check-{_name(paths)}.result"
    stored = _stored_result(entry, key)
    if stored is not None:
        return stored, True
    result = _fresh(paths, today, as_of)
    current = _key(paths, today, as_of) == key  # else a file changed while it was read
    if current:
        # The rules' functions are left out: the output needs what a rule is, not how it runs, and reading the
        # result back then imports neither the rules nor what they use.
        shown = replace(result, workspace=cast("Workspace", Checked.of(result.workspace)),
                        rules={rule_id: replace(rule, run=None) for rule_id, rule in result.rules.items()})
        write_entry(folder, entry, key, shown)
        same = _same_key(paths, today, as_of, result.workspace.versions)
        if same is not None:
            write_entry(folder, _same_entry(folder, paths), same, shown)
    return result, current


def _stored_result(entry: Path, key: bytes) -> "CheckResult | None":
    from .result import CheckResult

    stored = read_entry(entry, key)
    return stored if isinstance(stored, CheckResult) and isinstance(stored.workspace, Checked) else None


def _fresh(paths: Sequence[Path], today: dt.date, as_of: dt.date) -> "CheckResult":
    """A check of the workspaces at ``paths``, or the stored check of files that say the same.

    After an edit of comments or blank lines only (:mod:`orgmodel.workspace.unchanged`), the check stored
    before the edit still holds: it is given without running the rules.
    """
    from orgmodel.workspace import open_workspaces

    ws = open_workspaces(paths)
    folder = cache_folder()
    same = None if folder is None else _same_key(paths, today, as_of, ws.versions)
    stored = None if same is None or folder is None else _stored_result(_same_entry(folder, paths), same)
    if stored is not None:
        return stored
    from .run import check  # only now: the rules and what they use are imported when they run

    return check(ws, today, as_of=as_of)


def _same_entry(folder: Path, paths: Sequence[Path]) -> Path:
    return folder / f"check-{_name(paths)}.same"


def _same_key(paths: Sequence[Path], today: dt.date, as_of: dt.date, versions: bytes | None) -> bytes | None:
    """The key of a result by what the files say (see :attr:`orgmodel.workspace.Workspace.versions`)."""
    return None if versions is None else _key(paths, today, as_of, versions)


def _format(result: "CheckResult", fmt: str, strict: bool, style) -> CheckOutput:
    from .output import FORMATS, format_text

    text = format_text(result, strict, style=style) if style is not None else FORMATS[fmt](result, strict)
    return CheckOutput(text, result.fails(strict))


def _name(*parts) -> str:
    """The name of a cache entry: the folders as given, the current folder and ``parts``."""
    return hashlib.sha256(repr((os.getcwd(), *map(str, parts[0]), *parts[1:])).encode()).hexdigest()[:24]


def _key(paths: Sequence[Path], today: dt.date, as_of: dt.date, versions: bytes | None = None) -> bytes | None:
    """Everything the result depends on, as bytes; None when the files cannot all be read (the load says why).

    The files count by their contents, or with ``versions`` (:attr:`orgmodel.workspace.Workspace.versions`) by
    what they say.
    """
    try:
        folders = workspace_folders(list(map(Path, paths)) or [Path(".")])
        here = os.getcwd()
    except (OSError, OrgmodelError):  # the load raises the same error with its text
        return None
    stamp = content_stamp(folders) if versions is None else b"versions\0" + code_stamp().encode() + versions
    if stamp is None:
        return None
    parts = [str(_FORMAT), sys.version, _libraries(), here, repr([str(p) for p in paths]),
             today.isoformat(), as_of.isoformat()]
    return hashlib.sha256("\0".join(parts).encode() + stamp).digest()


def _libraries() -> str:
    """Where the libraries whose messages and results a check depends on are installed, and when.

    Found without importing them (:func:`importlib.util.find_spec`), so an upgrade changes the key.
    """
    found = []
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        st = os.stat(origin) if origin else None
        found.append(f"{name}:{origin}:{st.st_size if st else ''}:{st.st_mtime_ns if st else ''}")
    return "|".join(found)
