"""What the caches key their entries by, and how an entry is read and written safely (no pydantic here).

:func:`content_stamp` is a digest of the names and contents of a workspace's files with orgmodel's version
and code; :func:`read_entry` and :func:`write_entry` read and write one cache file, a pickle, only when it
is the current user's and writable by no one else.

>>> code_stamp() == code_stamp()
True
"""

import hashlib
import os
import sys
from pathlib import Path

from orgmodel import __version__
from orgmodel.errors import OrgmodelError

from .folders import MAX_WORKSPACE_BYTES, MAX_WORKSPACE_FILES, find_manifest, workspace_file_names, workspace_files

_FORMAT = 1


def cache_folder() -> Path | None:
    """Where cached workspaces live, or None when the cache is turned off."""
    if os.environ.get("ORGMODEL_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("ORGMODEL_CACHE_DIR"):
        return Path(os.environ["ORGMODEL_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "orgmodel"


def code_stamp() -> str:
    """Size and time of orgmodel's own modules and data, so an edited checkout never reads stale results."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts: list[tuple[str, str, os.stat_result]] = []
    _add_code(parts, package, "")
    return "|".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for _, name, st in sorted(parts))


_LIBRARIES = ("pydantic", "pydantic_core", "networkx", "yaml", "yaml_rs")
"""The libraries whose results and messages a loaded workspace or a check holds."""


def library_stamp() -> str:
    """Python's version, and where the libraries a cached result depends on are installed and when: an upgrade
    (pydantic rewording a message, yaml-rs reading a value otherwise) makes every entry stale.

    Found without importing them (:func:`importlib.util.find_spec`).
    """
    from importlib.util import find_spec

    found = [sys.version]
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        st = os.stat(origin) if origin else None
        found.append(f"{name}:{origin}:{st.st_size if st else ''}:{st.st_mtime_ns if st else ''}")
    return "|".join(found)


def _add_code(parts: list, folder: str, prefix: str) -> None:
    """Add the path (from the package), name and status of every module below ``folder``, and of the files of
    ``data/``, to ``parts``."""
    with os.scandir(folder) as found:
        for entry in found:
            if entry.name.endswith(".py") or prefix == "data/" and not entry.is_dir():
                parts.append((prefix + entry.name, entry.name, entry.stat()))
            elif entry.is_dir(follow_symlinks=False):
                _add_code(parts, entry.path, f"{prefix}{entry.name}/")


def add_files(digest, root: Path, files: list[Path]) -> bool:
    """Add the names and contents of ``files`` to ``digest``; False when one cannot be read or the
    workspace is past its limits.

    The contents, not sizes and times: an edit within one tick of the file system's clock that keeps
    the size and the inode leaves the times as they were. Reading and hashing costs a few per cent of
    parsing.
    """
    if len(files) > MAX_WORKSPACE_FILES:
        return False
    digest.update(f"\0\0{root.resolve()}\0{len(files)}".encode())
    total = 0
    try:
        for path in files:
            data = path.read_bytes()
            total += len(data)
            if total > MAX_WORKSPACE_BYTES:
                return False
            digest.update(f"\0{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return False
    return True


def read_entry(entry: Path, stamp: bytes) -> object | None:
    """What the cache file ``entry`` holds, if it was stored with ``stamp``; else (or unreadable) None.

    Only a file owned by the current user and writable by no one else is read, because it is a pickle.
    """
    import pickle  # here: a stored check output is given without pickle (see orgmodel.check.stored)

    try:
        with entry.open("rb") as f:
            st = os.fstat(f.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None
            if pickle.load(f) != stamp:
                return None
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def write_entry(folder: Path, entry: Path, stamp: bytes, value: object) -> None:
    """Store ``value`` with ``stamp`` as the cache file ``entry`` (owner-only); a failure is ignored."""
    import pickle

    from orgmodel.files import atomic_path

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_path(entry) as tmp, tmp.open("wb") as f:
            pickle.dump(stamp, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        entry.chmod(0o600)
    except (OSError, OrgmodelError, pickle.PicklingError, RecursionError):
        pass  # a cache that cannot be written is simply not used


def write_entries(folder: Path, entries: list[tuple[Path, bytes]], value: object) -> None:
    """Store ``value`` as each cache file of ``entries`` with its stamp, as :func:`write_entry` would, pickling
    ``value`` once; a failure is ignored.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_entries(folder, [(folder / "a", b"1"), (folder / "b", b"2")], {"x": [1]})
    >>> read_entry(folder / "a", b"1"), read_entry(folder / "b", b"2"), read_entry(folder / "b", b"1")
    ({'x': [1]}, {'x': [1]}, None)
    """
    import pickle

    from orgmodel.files import atomic_path

    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError):
        return  # a cache that cannot be written is simply not used
    for entry, stamp in entries:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with atomic_path(entry) as tmp, tmp.open("wb") as f:
                pickle.dump(stamp, f, protocol=pickle.HIGHEST_PROTOCOL)
                f.write(data)
            entry.chmod(0o600)
        except (OSError, OrgmodelError):
            pass


def content_stamp(folders: list[Path]) -> bytes | None:
    """A digest of the names and contents of every file of the workspaces in ``folders``, with orgmodel's
    version and code; None when a file cannot be read or a workspace is past its limits (the load then
    says why).

    >>> content_stamp([Path("examples/midt-og-vestjylland")]) == content_stamp([Path("examples/midt-og-vestjylland")])
    True
    """
    digest = hashlib.sha256(f"{_FORMAT} {__version__} {code_stamp()}".encode())
    try:
        for folder in folders:
            manifest = find_manifest(folder)
            if not add_files(digest, manifest.parent, workspace_files(manifest.parent, manifest)):
                return None
    except (OSError, OrgmodelError):
        return None
    return digest.digest()


FileDigests = list[tuple[str, list[tuple[str, int, bytes]]]]
"""Each workspace's resolved root, and the name (relative, with ``/``), size and SHA-256 digest of each of its
files, the manifest first (:func:`file_digests`)."""


def file_digests(folders: list[Path]) -> FileDigests | None:
    """Each workspace folder's resolved root with the name, size and digest of each of its files, the manifest
    first; None when a file cannot be read or a workspace is past its limits (the load then says why). One file
    is held at a time: of a national workspace (74 MB of YAML at 500,000 entities) the bytes would otherwise stay
    in memory through the whole check. :func:`file_bytes` reads a file again when its bytes are needed.

    >>> [(name, size > 0, len(digest)) for name, size, digest in
    ...  file_digests([Path("examples/midt-og-vestjylland")])[0][1]][:2]
    [('orgmodel.yaml', True, 32), ('councils.yaml', True, 32)]
    """
    found = []
    try:
        for folder in folders:
            manifest = find_manifest(folder)
            root = manifest.parent
            names = workspace_file_names(root, manifest)
            if len(names) > MAX_WORKSPACE_FILES:
                return None
            read, total, folder_name = [], 0, str(root)
            for name in names:
                with open(os.path.join(folder_name, name), "rb", buffering=0) as f:
                    data = f.read()
                total += len(data)
                if total > MAX_WORKSPACE_BYTES:
                    return None
                read.append((name, len(data), hashlib.sha256(data).digest()))
            found.append((str(root.resolve()), read))
    except (OSError, OrgmodelError):
        return None
    return found


def file_bytes(root: str, name: str, size: int, digest: bytes) -> bytes | None:
    """The bytes of the file ``name`` of the workspace at ``root`` (as :func:`file_digests` gives them), when they
    are still those of ``size`` and ``digest``; else (changed since, or unreadable) None.

    >>> root, read = file_digests([Path("examples/midt-og-vestjylland")])[0]
    >>> file_bytes(root, *read[0]).startswith(b"#"), file_bytes(root, read[0][0], read[0][1], bytes(32))
    (True, None)
    """
    try:
        with open(os.path.join(root, name), "rb", buffering=0) as f:
            data = f.read(size + 1)
    except OSError:
        return None
    return data if len(data) == size and hashlib.sha256(data).digest() == digest else None
