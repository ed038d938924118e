"""Where a workspace's files are: its manifest, its YAML files, the workspace folders a path names.

Kept apart from :mod:`.loader` and free of pydantic, so that :mod:`orgmodel.check.cache` can tell whether
a stored result is current without loading the model.

>>> find_manifest(Path("examples/midt-og-vestjylland")).name
'orgmodel.yaml'
"""

import os
from collections.abc import Sequence
from pathlib import Path

from orgmodel.errors import UnreadableInputError

MANIFEST = "orgmodel.yaml"
MAX_WORKSPACE_FILES = 10_000
MAX_WORKSPACE_BYTES = 128 * 2**20
"""Limits of a whole workspace, checked before anything is read. A national workspace of 100,000
entities is about 15 MiB; reading 128 MiB of YAML takes minutes and gigabytes of memory."""
_MANIFESTS = (MANIFEST, "orgmodel.yml")


def find_manifest(path: Path) -> Path:
    """The manifest for a workspace given as a folder or as its ``orgmodel.yaml``."""
    path = Path(path)
    if path.is_file() and path.name in (MANIFEST, "orgmodel.yml"):
        return path
    if not path.exists():
        raise UnreadableInputError(f"{path}: no such folder",
                              "give the folder that holds orgmodel.yaml")
    if not path.is_dir():
        raise UnreadableInputError(f"{path}: not a workspace folder",
                              "give the folder that holds orgmodel.yaml, not a single file")
    for name in (MANIFEST, "orgmodel.yml"):
        if (path / name).is_file():
            return path / name
    raise UnreadableInputError(
        f"{path}: no {MANIFEST} in this folder, so it is not an orgmodel workspace",
        f"give the folder that holds {MANIFEST}, or create one with "
        f"`orgmodel init --kreds KREDS {path}`")


def workspace_files(root: Path, manifest: Path) -> list[Path]:
    """The manifest, then every ``*.yaml`` and ``*.yml`` file below ``root`` (a dangling link to one too) in
    order of their names, leaving out folders and files whose names start with ``.`` or ``_``; folders that
    are links are not followed, and a folder that may not be read is left out.

    >>> [p.name for p in workspace_files(Path("examples/midt-og-vestjylland"),
    ...                                   Path("examples/midt-og-vestjylland/orgmodel.yaml"))][:3]
    ['orgmodel.yaml', 'councils.yaml', 'documents.yaml']
    """
    return [manifest] + [root / name for name in workspace_file_names(root, manifest)[1:]]


def workspace_file_names(root: Path, manifest: Path) -> list[str]:
    """The names from ``root`` (with ``/``) of :func:`workspace_files`, the manifest's first."""
    names: list[str] = []
    _add_yaml_names(names, str(root), "", manifest.name if manifest.parent == root else None)
    return [manifest.relative_to(root).as_posix(), *sorted(names)]


def _add_yaml_names(names: list[str], folder: str, prefix: str, manifest: str | None) -> None:
    """Add the names (from the root, with ``/``) of the YAML files in ``folder`` and the folders below it to
    ``names``: one pass of :func:`os.scandir` per folder, where two ``Path.rglob`` took ten times as long."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        if name.endswith((".yaml", ".yml")) and name != manifest and (
                entry.is_file() or entry.is_symlink() and not os.path.exists(entry.path)):
            names.append(prefix + name)
        if entry.is_dir(follow_symlinks=False):
            _add_yaml_names(names, entry.path, f"{prefix}{name}/", None)


def workspace_folders(paths: Sequence[Path]) -> list[Path]:
    """The workspace folders ``paths`` name: each path that holds a manifest, or the folders below it that do.

    >>> workspace_folders([Path("examples")])
    [PosixPath('examples/midt-og-vestjylland')]
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir() and not any((path / name).is_file() for name in _MANIFESTS):
            below = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                           and any((p / name).is_file() for name in _MANIFESTS))
            if not below:
                raise UnreadableInputError(
                    f"{path}: no {MANIFEST} in this folder nor in any folder directly below it, so it holds "
                    "no orgmodel workspace",
                    f"give a workspace folder (one that holds {MANIFEST}), or a folder whose subfolders are "
                    "workspaces, one per politikreds")
            found += below
        else:
            found.append(find_manifest(path).parent)
    seen: dict[Path, Path] = {}
    for folder in found:
        first = seen.setdefault(folder.resolve(), folder)
        if first is not folder:
            raise UnreadableInputError(f"{folder}: the workspace is given twice (also as {first})",
                                       "give each workspace once")
    return found


def input_files(paths: Sequence[Path]) -> frozenset[str]:
    """The real paths of the files the workspaces at ``paths`` are read from: an output must not replace one. Empty
    when the workspaces cannot be found (reading them then says why).

    >>> any(p.endswith("councils.yaml") for p in input_files([Path("examples/midt-og-vestjylland")]))
    True
    """
    try:
        folders = workspace_folders(list(paths))
        return frozenset(os.path.realpath(os.path.join(folder, name)) for folder in folders
                         for name in workspace_file_names(folder, find_manifest(folder)))
    except (OSError, UnreadableInputError):
        return frozenset()


def part_prefixes(roots: Sequence[Path]) -> tuple[Path, list[str]]:
    """The folder that the workspace folders ``roots`` share, and each one's path from it: the prefix of its files'
    names in the merged workspace.

    >>> part_prefixes([Path("national/fyn"), Path("national/bornholm")])[1]
    ['fyn', 'bornholm']
    """
    absolute = [Path(os.path.abspath(root)) for root in roots]
    common = Path(os.path.commonpath(absolute))
    return common, [p.relative_to(common).as_posix() for p in absolute]
