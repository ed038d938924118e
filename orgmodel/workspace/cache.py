"""Reuse a loaded workspace while none of its files has changed.

The command line loads workspaces through :func:`open_workspace`: the first
run reads and validates every file (a cold load) and stores the result in the
user's cache folder; later runs whose files all have the same names and
contents, on the same version of orgmodel, read the stored result
back (a warm load), which is many times faster for a national workspace. When
some files changed, what each unchanged file gave is read back and only the
changed ones are parsed and validated again.

The cache folder is ``$ORGMODEL_CACHE_DIR``, else ``$XDG_CACHE_HOME/orgmodel``,
else ``~/.cache/orgmodel``. ``ORGMODEL_CACHE=off`` turns the cache off. A cache
that cannot be read or written is ignored: the workspace is then loaded from
its files as usual. Only files owned by the current user and not writable by
others are read back, because a cache file is a Python pickle.

>>> cold = open_workspace("examples/midt-og-vestjylland")
>>> warm = open_workspace("examples/midt-og-vestjylland")
>>> warm.records.keys() == cold.records.keys(), warm is cold
(True, False)
"""

import gc
import hashlib
from pathlib import Path

from orgmodel import __version__
from orgmodel.gcpause import paused_gc

from .lines import LineIndex
from .loader import Workspace, find_manifest, load_workspace, workspace_files
from .stamp import add_files, cache_folder, code_stamp, read_entry, write_entry

_FORMAT = 3


def open_workspace(path) -> Workspace:
    """Load the workspace at ``path``, from the cache when its files are unchanged.

    Meant for a command that works on one workspace until it exits: the loaded
    objects are moved out of the garbage collector's sight (``gc.freeze``),
    because they live as long as the process and contain no cycles to collect.
    """
    with paused_gc():
        ws = _open(find_manifest(Path(path)))
        # Frozen before the collector runs again: else the first allocation after the pause would
        # set off a full collection of everything just loaded.
        gc.freeze()
    return ws


def _open(manifest: Path) -> Workspace:
    folder = cache_folder()
    if folder is None:
        return load_workspace(manifest)
    files = workspace_files(manifest.parent, manifest)
    stamp = _stamp(manifest.parent, files)
    if stamp is None:
        return load_workspace(manifest)
    name = hashlib.sha256(str(manifest.resolve()).encode()).hexdigest()[:24]
    entry = folder / (name + ".pickle")
    ws = _read(entry, stamp)
    if ws is None:
        ws = _load_changed(manifest, folder, folder / (name + ".files.pickled"))
        if _stamp(manifest.parent, workspace_files(manifest.parent, manifest)) == stamp:  # else one changed meanwhile
            _write(folder, entry, stamp, ws)
    else:
        _as_given(ws, manifest.parent)
    return ws


def _load_changed(manifest: Path, folder: Path, entry: Path) -> Workspace:
    """Load a workspace some of whose files changed: the others are not parsed again (see ``parsed`` of
    :func:`load_workspace`), then store what each file gave for the next change."""
    header = f"{_FORMAT} {__version__} {code_stamp()}".encode()
    parsed = read_entry(entry, header)
    if not isinstance(parsed, dict):
        parsed = {}
    ws = load_workspace(manifest, parsed)
    write_entry(folder, entry, header, parsed)
    return ws


def _as_given(ws: Workspace, root: Path) -> None:
    """Give a workspace read back from the cache the root as this run names it.

    The cache is keyed by the resolved path, so one entry serves ``mvj3`` from one folder and
    ``/abs/path/mvj3`` from another; the root stored with it is the one the first run was given,
    relative to that run's folder. Kept, it would name the wrong folder in the output and send the
    line index (which reads the files again for the lines of keys) to files that are not there.
    """
    ws.root = root
    ws.lines = LineIndex(root)


def _stamp(root: Path, files: list[Path]) -> bytes | None:
    """What must be equal for a cached load to be valid: versions, and each file's name and contents
    (None when a file cannot be read: the load then says why)."""
    digest = hashlib.sha256(f"{_FORMAT} {__version__} {code_stamp()}".encode())
    return digest.digest() if add_files(digest, root, files) else None


def _read(entry: Path, stamp: bytes) -> Workspace | None:
    ws = read_entry(entry, stamp)
    return ws if isinstance(ws, Workspace) else None


def _write(folder: Path, entry: Path, stamp: bytes, ws: Workspace) -> None:
    write_entry(folder, entry, stamp, ws)


