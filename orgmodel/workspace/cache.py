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
from .packed import pack, unpack
from .stamp import add_files, cache_folder, code_stamp, library_stamp, read_entry, write_entry

_FORMAT = 6


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
    entry, header = folder / (name + ".pickle"), _header()
    stored_stamp, stored, parsed = _read(entry, header)
    if stored_stamp == stamp and stored is not None:
        _as_given(stored, manifest.parent)
        return stored
    # Only the files that changed are parsed again: the others' entries come from ``parsed``, updated in place.
    ws = load_workspace(manifest, parsed)
    if stored is not None and ws.versions == stored.versions:
        return ws  # the files say what the stored ones said: storing them again would only cost time
    current = _stamp(manifest.parent, workspace_files(manifest.parent, manifest)) == stamp  # else one changed meanwhile
    write_entry(folder, entry, header, (stamp if current else None, pack(ws if current else None, parsed)))
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


def _header() -> bytes:
    """What a cache entry must have been written with to be read at all: the cache format, orgmodel's code and the
    libraries (the load's messages are pydantic's words, its values yaml-rs's reading)."""
    return f"{_FORMAT} {__version__} {code_stamp()} {library_stamp()}".encode()


def _stamp(root: Path, files: list[Path]) -> bytes | None:
    """What must be equal for a cached load to be valid: versions, and each file's name and contents
    (None when a file cannot be read: the load then says why)."""
    digest = hashlib.sha256(_header())
    return digest.digest() if add_files(digest, root, files) else None


def _read(entry: Path, header: bytes) -> tuple[bytes | None, Workspace | None, dict]:
    """The stamp and workspace stored in ``entry`` and what each file gave (see ``parsed`` of
    :func:`load_workspace`); ``(None, None, {})`` when there is no usable entry.

    One entry holds both, as a table of records (:mod:`.packed`): each record is stored once.
    """
    stored = read_entry(entry, header)
    stamp: object
    packed: tuple
    try:
        stamp, packed = stored  # type: ignore[misc]
        ws, parsed = unpack(packed)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None, None, {}
    if (stamp is None or isinstance(stamp, bytes)) and (ws is None or isinstance(ws, Workspace)):
        return stamp, ws, parsed
    return None, None, {}
