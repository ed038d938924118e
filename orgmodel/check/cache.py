"""Reuse the result of ``orgmodel check`` while nothing it depends on has changed.

:func:`check_workspaces` is what ``orgmodel check`` runs: it loads the workspaces given and checks
them, and stores the findings in the cache folder (:func:`orgmodel.workspace.cache_folder`, turned off
by ``ORGMODEL_CACHE=off``). A later run whose key is the same reads them back instead of loading the
workspace and running the rules. The key holds everything the result depends on:

- the name and contents of every file of every workspace (:func:`orgmodel.workspace.content_stamp`),
  orgmodel's version and code, Python's and the libraries' versions;
- the folders as given and the current folder (the output names the workspace as given);
- the date taken as today (``--today``, else today's date from :mod:`orgmodel.clock`), ``--as-of``
  and the categories of rules run.

Only what the output needs is stored (:class:`Checked`: the folder, the manifest, the numbers of
entities and files, the names of the parts), so reading it back costs far less than loading the
workspace from its own cache.

>>> from orgmodel import clock
from orgmodel.errors import OrgmodelError
>>> day = clock.today()
>>> cold = check_workspaces([Path("examples/midt-og-vestjylland")], day)
>>> again = check_workspaces([Path("examples/midt-og-vestjylland")], day)
>>> again.findings == cold.findings
True
"""

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import networkx
import pydantic
import yaml

from orgmodel import clock
from orgmodel.errors import OrgmodelError
from orgmodel.model import Manifest
from orgmodel.workspace import (
    Workspace,
    cache_folder,
    content_stamp,
    open_workspaces,
    read_entry,
    workspace_folders,
    write_entry,
)

from .run import CheckResult, check

_FORMAT = 1


@dataclass
class Checked:
    """What the output of a check shows of its workspace, stored with the findings in place of it.

    ``records`` is a ``range`` as long as the workspace has entities: the output shows only their number.
    """

    root: Path
    manifest: Manifest
    records: range
    files: list[str]
    parts: dict[str, None]

    @classmethod
    def of(cls, ws: Workspace) -> "Checked":
        return cls(ws.root, ws.manifest, range(len(ws.records)), list(ws.files), dict.fromkeys(ws.parts))


def check_workspaces(paths: Sequence[Path], today: dt.date | None = None, as_of: dt.date | None = None,
                     categories: tuple[str, ...] | None = None) -> CheckResult:
    """Load the workspaces at ``paths`` (see :func:`orgmodel.workspace.open_workspaces`) and check them,
    or give the stored result of the same check of the same files.

    A result read back carries a :class:`Checked` in place of its workspace: enough for every output
    format (:data:`orgmodel.check.FORMATS`), which then writes the same text as after a fresh check.
    """
    today = today or clock.today()
    as_of = as_of or today
    folder = cache_folder()
    key = None if folder is None else _key(paths, today, as_of, categories)
    if folder is None or key is None:
        return check(open_workspaces(paths), today, categories, as_of)
    entry = folder / ("check-" + hashlib.sha256(key).hexdigest()[:24] + ".pickle")
    stored = read_entry(entry, key)
    if isinstance(stored, CheckResult) and isinstance(stored.workspace, Checked):
        return stored
    result = check(open_workspaces(paths), today, categories, as_of)
    if _key(paths, today, as_of, categories) == key:  # else a file changed while it was read
        write_entry(folder, entry, key, replace(result, workspace=cast(Workspace, Checked.of(result.workspace))))
    return result


def _key(paths: Sequence[Path], today: dt.date, as_of: dt.date, categories) -> bytes | None:
    """Everything the result depends on, as bytes; None when the files cannot all be read (the load says why)."""
    try:
        folders = workspace_folders(list(map(Path, paths)) or [Path(".")])
    except (OSError, OrgmodelError):  # the load raises the same error with its text
        return None
    stamp = content_stamp(folders)
    if stamp is None:
        return None
    parts = [str(_FORMAT), sys.version, pydantic.VERSION, networkx.__version__, yaml.__version__, os.getcwd(),
             repr([str(p) for p in paths]), today.isoformat(), as_of.isoformat(), repr(categories)]
    return hashlib.sha256("\0".join(parts).encode() + stamp).digest()
