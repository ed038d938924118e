"""Where a workspace's files are: its manifest, its YAML files, the workspace folders a path names.

Kept apart from :mod:`.loader` and free of pydantic, so that :mod:`orgmodel.check.cache` can tell whether
a stored result is current without loading the model.

>>> find_manifest(Path("examples/midt-og-vestjylland")).name
'orgmodel.yaml'
"""

import errno
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
    _refuse_near_manifest(path)
    raise UnreadableInputError(
        f"{path}: no {MANIFEST} in this folder, so it is not an orgmodel workspace",
        f"give the folder that holds {MANIFEST}, or create one with "
        f"`orgmodel init --kreds KREDS {path}`")


def _refuse_near_manifest(folder: Path) -> None:
    """Raise the error of a folder without a manifest that holds what was surely meant as one
    (:func:`_near_manifest`): told "no orgmodel.yaml", a user looks for the file they see."""
    near = _near_manifest(folder)
    if near is not None:
        raise UnreadableInputError(f"{folder}: no {MANIFEST} in this folder, but {near}",
                                   f"rename or point it so that the folder holds a file named exactly {MANIFEST}")


def _near_manifest(folder: Path) -> str | None:
    """What in ``folder`` was surely meant as its manifest, in words: a link named ``orgmodel.yaml`` to nothing, or a
    file named all but so (``orgmodel.yaml.txt``, ``Orgmodel.yaml``); None when there is none.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "Orgmodel.YAML.txt").write_text("name: X")
    >>> _near_manifest(folder)
    "'Orgmodel.YAML.txt', whose name is not orgmodel.yaml (a suffix .txt, or capitals)"
    """
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return None
    for name in names:
        if name in (MANIFEST, "orgmodel.yml") and os.path.islink(folder / name):
            return f"'{name}' is a link to {os.readlink(folder / name)}, which does not exist"
        bare = name.strip().lower().removesuffix(".txt")
        if bare in (MANIFEST, "orgmodel.yml") and name not in (MANIFEST, "orgmodel.yml"):
            return f"'{name}', whose name is not {MANIFEST} (a suffix .txt, or capitals)"
    return None


def workspace_files(root: Path, manifest: Path) -> list[Path]:
    """The manifest, then every ``*.yaml`` and ``*.yml`` file below ``root`` (a dangling link to one too, and a
    suffix in capitals) in order of their names, leaving out folders and files whose names start with ``.`` or
    ``_``; a folder that is a link is read as the folder it links to (once), and a folder that may not be read
    is an error (its files would be left out).

    >>> [p.name for p in workspace_files(Path("examples/midt-og-vestjylland"),
    ...                                   Path("examples/midt-og-vestjylland/orgmodel.yaml"))][:3]
    ['orgmodel.yaml', 'councils.yaml', 'documents.yaml']
    """
    return [manifest] + [root / name for name in workspace_file_names(root, manifest)[1:]]


def workspace_file_names(root: Path, manifest: Path) -> list[str]:
    """The names from ``root`` (with ``/``) of :func:`workspace_files`, the manifest's first."""
    names: list[str] = []
    misnamed: list[str] = []
    _add_yaml_names(names, str(root), "", manifest.name if manifest.parent == root else None,
                    {os.path.realpath(root)}, misnamed)
    if misnamed:
        raise UnreadableInputError("\n".join(_misnamed_problem(os.path.join(root, name)) for name in sorted(misnamed)))
    return [manifest.relative_to(root).as_posix(), *sorted(names)]


def is_yaml_name(name: str) -> bool:
    """Whether a file of this name is read as YAML: ``.yaml`` or ``.yml``, in any case (``goals.YAML``).

    >>> is_yaml_name("goals.YAML"), is_yaml_name("goals.yaml.bak")
    (True, False)
    """
    return name.lower().endswith((".yaml", ".yml"))


def is_misnamed_yaml(name: str) -> bool:
    """Whether a file of this name is a YAML file that an editor saved with ``.txt`` after its name (Notepad does,
    unless "Save as type" is "All files"): it is not read, and would be left out without a word.

    >>> is_misnamed_yaml("viborg.yaml.txt"), is_misnamed_yaml("goals.YML.TXT"), is_misnamed_yaml("README.txt")
    (True, True, False)
    """
    return name.lower().endswith((".yaml.txt", ".yml.txt"))


def _misnamed_problem(path: str) -> str:
    """The problem and fix of a file that :func:`is_misnamed_yaml`.

    >>> print(_misnamed_problem("ws/forums/viborg.yaml.txt"))  # doctest: +NORMALIZE_WHITESPACE
    ws/forums/viborg.yaml.txt: the name ends in .txt, so the file is not read as YAML and its entries would be left out
      Fix: rename it to viborg.yaml (Notepad adds .txt unless "Save as type" is "All files"), or put '_' before its
      name to leave it out on purpose
    """
    name = os.path.basename(path)
    return (f"{path}: the name ends in .txt, so the file is not read as YAML and its entries would be left out\n"
            f"  Fix: rename it to {name[:-4]} (Notepad adds .txt unless \"Save as type\" is \"All files\"), or put '_' "
            "before its name to leave it out on purpose")


def _add_yaml_names(names: list[str], folder: str, prefix: str, manifest: str | None, seen: set[str],
                    misnamed: list[str]) -> None:
    """Add the names (from the root, with ``/``) of the YAML files in ``folder`` and the folders below it to
    ``names``, and those of YAML files saved with ``.txt`` after their names to ``misnamed``: one pass of
    :func:`os.scandir` per folder, where two ``Path.rglob`` took ten times as long. A folder that is a link is read
    as the folder it links to, once (``seen``: the real paths read, against a loop)."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except PermissionError:
        raise UnreadableInputError(f"{folder}: the folder may not be read, so its files would be left out",
                                   "give yourself read access to it, or put '_' before its name to leave it out "
                                   "on purpose") from None
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        is_file, is_dir = _kind(entry)
        if is_yaml_name(name) and name != manifest and (
                is_file or entry.is_symlink() and not os.path.exists(entry.path)):
            names.append(prefix + name)
        elif is_file and is_misnamed_yaml(name):
            misnamed.append(prefix + name)
        elif not is_file and not is_dir and _stands_for_a_folder(entry):
            raise UnreadableInputError(
                f"{entry.path}: a link to {os.readlink(entry.path)}, which does not exist (a shared drive not "
                "connected?), so the YAML files it stands for would be left out",
                "connect the drive or point the link at the folder it stands for, or put '_' before its name to leave "
                "it out on purpose")
        if is_dir:
            real = os.path.realpath(entry.path)
            if entry.is_symlink() and real in seen:
                continue  # a link back to a folder already read
            seen.add(real)
            _add_yaml_names(names, entry.path, f"{prefix}{name}/", None, seen, misnamed)


def _stands_for_a_folder(entry: os.DirEntry) -> bool:
    """Whether ``entry``, neither a file nor a folder, is a link to nothing whose target is named as a folder is
    (no suffix): a shared folder of YAML files not there today would be left out without a word. A link to a
    missing file of another kind (``plan.pdf``) is no workspace's business.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "shared").symlink_to("/nowhere/forums"); (folder / "doc").symlink_to("/nowhere/plan.pdf")
    >>> with os.scandir(folder) as found:
    ...     sorted((e.name, _stands_for_a_folder(e)) for e in found)
    [('doc', False), ('shared', True)]
    """
    return entry.is_symlink() and not Path(os.readlink(entry.path)).suffix


def _kind(entry: os.DirEntry) -> tuple[bool, bool]:
    """Whether ``entry`` is a file and whether it is a folder, following a link; a link that cannot be followed to
    the end (a loop of links, ``ln -s loopy.yaml loopy.yaml``) is an error, as it could stand for either.

    >>> with os.scandir("examples/midt-og-vestjylland") as found:
    ...     sorted({_kind(entry) for entry in found})
    [(False, True), (True, False)]
    """
    try:
        return entry.is_file(), entry.is_dir()
    except OSError as error:
        why = "the link leads round in a loop of links" if error.errno == errno.ELOOP else \
            f"it cannot be looked at ({error.strerror})"
        raise UnreadableInputError(f"{entry.path}: {why}, so what it stands for would be left out",
                                   "point the link at the file or folder it stands for, or delete the link") from None


def workspace_folders(paths: Sequence[Path]) -> list[Path]:
    """The workspace folders ``paths`` name: each path that holds a manifest, or the folders below it that do.

    >>> workspace_folders([Path("examples")])
    [PosixPath('examples/midt-og-vestjylland')]
    """
    found: list[Path] = []
    given = {Path(path).resolve() for path in paths}
    for path in map(Path, paths):
        if path.is_dir() and not any((path / name).is_file() for name in _MANIFESTS):
            found += _workspaces_below(path, given)
        else:
            found.append(find_manifest(path).parent)
    seen: dict[Path, Path] = {}
    for folder in found:
        first = seen.setdefault(folder.resolve(), folder)
        if first is not folder:
            raise UnreadableInputError(f"{folder}: the workspace is given twice (also as {first})",
                                       "give each workspace once")
    for real, folder in seen.items():
        outer = next((seen[other] for other in real.parents if other in seen), None)
        if outer is not None:
            raise UnreadableInputError(f"{folder}: the workspace lies inside the workspace {outer}, whose files "
                                       "include its files, so each entry would be read twice",
                                       f"give the workspaces side by side, or move {folder} out of {outer}")
    return found


def _workspaces_below(path: Path, given: set[Path]) -> list[Path]:
    """The workspace folders directly below ``path``, a folder that is no workspace itself. What else in it holds YAML
    (a folder of workspaces, a folder of YAML files without a manifest, a YAML file) would be left out, and is refused,
    but a folder also given (``given``: the real paths given) is read on its own.

    >>> _workspaces_below(Path("examples"), set())
    [PosixPath('examples/midt-og-vestjylland')]
    """
    entries = sorted(_listing(path))
    folders = [p for p in entries if p.is_dir() and not p.name.startswith((".", "_"))]
    below = [p for p in folders if any((p / name).is_file() for name in _MANIFESTS)]
    held = {p: _held(p) for p in folders if p not in below and p.resolve() not in given}
    nested = [p for p, kind in held.items() if kind == "workspaces"]
    if not below and not nested and not any(p.resolve() in given for p in folders):
        _refuse_near_manifest(path)
        raise UnreadableInputError(
            f"{path}: no {MANIFEST} in this folder nor in any folder directly below it, so it holds "
            "no orgmodel workspace",
            f"give a workspace folder (one that holds {MANIFEST}), or a folder whose subfolders are "
            "workspaces, one per politikreds")
    loose = [p for p in entries if is_yaml_name(p.name) and not p.name.startswith((".", "_")) and not p.is_dir()]
    problems = [_left_out_problem(kind, [p for p, held_kind in held.items() if held_kind == kind], path)
                for kind in ("workspaces", "yaml")] + [_loose_problem(loose, path)]
    if any(problems):
        raise UnreadableInputError("\n".join(problem for problem in problems if problem))
    return below


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        raise _unreadable_folder(str(folder)) from None


def _unreadable_folder(folder: str) -> UnreadableInputError:
    return UnreadableInputError(f"{folder}: the folder may not be read, so its files would be left out",
                                "give yourself read access to it, or put '_' before its name to leave it out on "
                                "purpose")


def _held(folder: Path) -> str:
    """What ``folder``, no workspace, holds in it and the folders below it (leaving out names that start with ``.``
    or ``_``, as a workspace does): ``"workspaces"`` (a folder with a manifest), else ``"yaml"`` (YAML files), else
    ``""`` (a report's folder, say).

    >>> _held(Path("examples")), _held(Path("examples/midt-og-vestjylland/forums")), _held(Path("docs"))
    ('workspaces', 'yaml', '')
    """
    def refuse(error: OSError) -> None:
        if not isinstance(error, FileNotFoundError):  # (one removed meanwhile holds nothing)
            raise _unreadable_folder(error.filename or str(folder))

    held = ""
    seen = {os.path.realpath(folder)}  # a linked folder is looked into, as a workspace reads it, once
    for top, dirs, files in os.walk(folder, onerror=refuse, followlinks=True):
        kept = []
        for name in dirs:
            real = os.path.realpath(os.path.join(top, name))
            if not name.startswith((".", "_")) and real not in seen:
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        if top != str(folder) and any(name in _MANIFESTS for name in files):
            return "workspaces"
        if any(is_yaml_name(name) and not name.startswith((".", "_")) for name in files):
            held = "yaml"
    return held


def _left_out_problem(kind: str, folders: list[Path], path: Path) -> str:
    """The problem and fix of folders below ``path`` that hold what :func:`_held` calls ``kind`` but no manifest: a
    district whose ``orgmodel.yaml`` is missing or misspelt, or districts grouped by region, would be left out of the
    national view without a word. Empty when there are none."""
    if not folders:
        return ""
    listed = ", ".join(str(folder) for folder in folders)
    if kind == "workspaces":
        return (f"{listed}: a folder of workspaces inside {path}, whose workspaces are read only from the folders "
                f"directly below it, so they would be left out\n  Fix: give that folder as well, as in `orgmodel check "
                f"{path} {folders[0]}`, or put '_' before its name to leave it out on purpose")
    return (f"{listed}: YAML files in a folder without {MANIFEST}, beside the workspaces in {path}, so they would be "
            f"left out\n  Fix: give the folder its {MANIFEST} (`orgmodel init --kreds KREDS FOLDER` writes one), or "
            "put '_' before its name to leave it out on purpose")


def _loose_problem(files: list[Path], path: Path) -> str:
    """The problem and fix of YAML files directly in ``path``, a folder of workspaces: no workspace reads them. Empty
    when there are none."""
    if not files:
        return ""
    listed = ", ".join(str(file) for file in files)
    return (f"{listed}: YAML files directly in {path}, which is no workspace but holds workspaces in its folders, so "
            f"they would be left out\n  Fix: move each into the workspace it belongs to (the other workspaces may "
            "refer to its entries), or put '_' before its name to leave it out on purpose; a file that is no "
            f"workspace's (a tool's settings) may stay if you give the workspaces themselves: `orgmodel check "
            f"{path / 'KREDS1'} {path / 'KREDS2'}`")


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
