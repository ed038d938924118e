"""The stored output of ``orgmodel check``, found without loading the workspace or importing the models.

:func:`stored_output` is what ``orgmodel check`` asks first (before click is imported, see
``orgmodel/__main__.py``) and what :func:`.cache.check_output` asks before it checks. It reads every file
of the workspaces, and gives the output stored for them in that format with those options, or None.
It imports neither pydantic, networkx, PyYAML (unless a file was edited), pickle nor the rules.

The files an output was made from are the *reference*, stored once per folder as given (``.ref``):
each file's name, size and digest, and its bytes. The files count as the reference's while each one
has the same bytes, or, for a file other than the manifest, still says the same
(:func:`orgmodel.workspace.says_the_same`: only comment and blank lines changed, the values and lines
as before); so a comment added gives the stored output, and nothing is written.

The key of an output (:func:`key`) holds everything it depends on: the files as above with orgmodel's
version and code, Python's version and the installed pydantic, networkx and PyYAML, the folders as
given and the current folder, the date taken as today and ``--as-of``, and for the output the format,
``--strict`` and whether it is coloured. One output is kept per folder as given and options: a
changed key replaces it.

>>> import datetime as dt, tempfile, os
>>> os.environ["ORGMODEL_CACHE_DIR"] = tempfile.mkdtemp()
>>> paths, day = ["examples/midt-og-vestjylland"], dt.date(2026, 11, 22)
>>> stored_output(paths, "json", False, False, day, day) is None
True
>>> from orgmodel.check import check_output
>>> made = check_output(paths, "json", today=day)
>>> stored_output(paths, "json", False, False, day, day) == (made.text.encode(), made.fails)
True
>>> del os.environ["ORGMODEL_CACHE_DIR"]
"""

import hashlib
import marshal
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from orgmodel import __version__
from orgmodel.errors import OrgmodelError
from orgmodel.workspace import (
    cache_folder,
    code_stamp,
    file_bytes,
    file_digests,
    library_stamp,
    says_the_same,
    workspace_folders,
)

_FORMAT = 3
_REFERENCE = b"orgmodel check reference 1\0" + sys.version.encode() + b"\0"
FAILS, _SURROGATES, _ESCAPES = 1, 2, 4
"""The flags of a stored output (:func:`stored_flags`): it fails, it holds lone surrogates or escape characters."""

Files = list[tuple[str, list[tuple[str, int, bytes]]]]
"""Each workspace's resolved root, and the name, size and digest of each of its files (:func:`file_digests`);
:func:`~orgmodel.workspace.file_bytes` reads a file's bytes again when they are needed."""
Summary = tuple[tuple[str, tuple[tuple[str, int, bytes], ...]], ...]
"""The same as stored in a reference."""


def stored_output(paths: Sequence, fmt: str, strict: bool, coloured: bool, today, as_of) -> tuple[bytes, bool] | None:
    """The output stored for a check of the workspaces at ``paths`` as they are now (UTF-8, lone surrogates
    kept) and whether it fails; None when none is stored or the cache is off. ``today`` and ``as_of`` are dates
    or their texts ``YYYY-MM-DD``. See the module's docstring."""
    found = _stored(paths, fmt, strict, coloured, today, as_of)
    return None if found is None else (found[0], bool(found[1] & FAILS))


def plain_output(paths: Sequence, fmt: str, strict: bool, coloured: bool, today, as_of) -> tuple[bytes, bool] | None:
    """:func:`stored_output`, only when its bytes are what ``click.echo`` writes of its text to a UTF-8 stream:
    no lone surrogates, and no escape characters unless ``coloured`` (click leaves them out of what it writes
    to a file or pipe; a coloured output goes to a terminal)."""
    return plain(_stored(paths, fmt, strict, coloured, today, as_of), coloured)


def plain(found: tuple[bytes, int] | None, coloured: bool) -> tuple[bytes, bool] | None:
    """An output and its flags (see :func:`stored_flags`) as :func:`plain_output` gives it: the bytes and whether
    it fails, when they are what ``click.echo`` writes; else None."""
    if found is None or found[1] & _SURROGATES or found[1] & _ESCAPES and not coloured:
        return None
    return found[0], bool(found[1] & FAILS)


def _stored(paths: Sequence, fmt: str, strict: bool, coloured: bool, today, as_of) -> tuple[bytes, int] | None:
    folder = cache_folder()
    files = None if folder is None else current_files(paths)
    if folder is None or files is None:
        return None
    return read_output(output_entry(folder, paths, fmt, strict, coloured),
                       shown_key(key(paths, today, as_of, proven(folder, paths, files)[0]), fmt, strict, coloured))


def stored_flags(data: bytes, fails: bool) -> int:
    """The flags of a stored output: whether it fails, whether its text holds lone surrogates (written with
    ``surrogatepass``) or escape characters."""
    flags = FAILS if fails else 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        flags |= _SURROGATES
    return flags | (_ESCAPES if b"\x1b" in data else 0)


def current_files(paths: Sequence) -> Files | None:
    """The files of the workspaces at ``paths`` (the current folder when none); None when they cannot all be
    read (the load then says why)."""
    try:
        folders = workspace_folders(list(map(Path, paths)) or [Path(".")])
    except (OSError, OrgmodelError):
        return None
    return file_digests(folders)


def summary(files: Files) -> Summary:
    """``files`` as a reference stores them (tuples, which :mod:`marshal` reads back as they were written)."""
    return tuple((root, tuple(read)) for root, read in files)


def key(paths: Sequence, today, as_of, files: Summary) -> bytes | None:
    """Everything a check's result depends on, as a digest (see the module's docstring); None when the current
    folder is gone."""
    try:
        here = os.getcwd()
        # the folders as found, not resolved: of several workspaces, the names of the parts are their folders' (a
        # link renamed renames its part, while the resolved roots in ``files`` stay)
        found = [os.path.abspath(folder) for folder in workspace_folders(list(map(Path, paths)) or [Path(".")])]
    except (OSError, OrgmodelError):
        return None
    parts = [str(_FORMAT), sys.version, __version__, code_stamp(), library_stamp(), here, repr([str(p) for p in paths]),
             _day(today), _day(as_of), repr(found)]
    digest = hashlib.sha256("\0".join(parts).encode())
    for root, read in files:
        digest.update(f"\0\0{root}\0{len(read)}".encode())
        for name, size, sha in read:
            digest.update(f"\0{name}\0{size}\0".encode() + sha)
    return digest.digest()


def _day(day) -> str:
    """A date (``datetime.date``) or its ISO text, as ISO text: the early path of ``orgmodel check`` passes the
    text as written, without importing datetime."""
    return day if isinstance(day, str) else day.isoformat()


def shown_key(check_key: bytes | None, fmt: str, strict: bool, coloured: bool) -> bytes | None:
    """The key of an output: the check's key with the format and options."""
    if check_key is None:
        return None
    return hashlib.sha256(check_key + f"\0{fmt}\0{strict}\0{coloured}".encode()).digest()


def entry_name(paths: Sequence, *parts) -> str:
    """The name of a cache entry: the folders as given, the current folder and ``parts``."""
    try:
        here = os.getcwd()
    except OSError:
        here = ""
    return hashlib.sha256(repr((here, *map(str, paths), *parts)).encode()).hexdigest()[:24]


def output_entry(folder: Path, paths: Sequence, fmt: str, strict: bool, coloured: bool) -> Path:
    return folder / f"check-{entry_name(paths, fmt, strict, coloured)}.shown"


def reference_entry(folder: Path, paths: Sequence) -> Path:
    return folder / f"check-{entry_name(paths)}.ref"


def proven(folder: Path, paths: Sequence, files: Files) -> tuple[Summary, bool]:
    """The files of the stored reference when ``files`` say what they said (see the module's docstring), else
    the summary of ``files``; and whether it is the reference's."""
    now = summary(files)
    stored = read_reference(reference_entry(folder, paths))
    if stored is None:
        return now, False
    before, entry, start = stored
    if not same_names(before, now):
        return now, False
    for _, index, name, was, data in differing(before, entry, start, now):
        if index == 0 or data is None or not says_the_same(was, data, name):
            return now, False
    return before, True


def differing(before: Summary, entry: Path, start: int, now: Summary):
    """Each file of ``now`` whose bytes differ from the reference's (``before``, its bytes in ``entry`` from
    ``start``; the same names): its workspace's root, its index in it (0: the manifest), its name, its bytes in
    the reference and now (None when they are no longer those of ``now``: it changed again since)."""
    offset = start
    for (root, read_before), (_, read_now) in zip(before, now, strict=True):
        for index, (old, new) in enumerate(zip(read_before, read_now, strict=True)):
            if old != new:
                yield root, index, new[0], reference_blob(entry, offset, old[1]), file_bytes(root, *new)
            offset += old[1]


def same_names(before: Summary, now: Summary) -> bool:
    """Whether two summaries name the same workspaces and files, in the same order."""
    return [(root, [name for name, _, _ in read]) for root, read in before] == \
        [(root, [name for name, _, _ in read]) for root, read in now]


def read_reference(entry: Path) -> tuple[Summary, Path, int] | None:
    """The summary stored in the reference ``entry`` and where its files' bytes begin; None when unusable."""
    try:
        with _open_own(entry) as f:
            if f.read(len(_REFERENCE)) != _REFERENCE:
                return None
            size = int.from_bytes(f.read(8), "big")
            stored = marshal.loads(f.read(size))
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return stored, entry, len(_REFERENCE) + 8 + size


def reference_blob(entry: Path, offset: int, size: int) -> bytes:
    """The ``size`` bytes at ``offset`` of the reference ``entry`` (empty when unreadable: no file says the same
    as that, but for an empty one, whose layout and reading then differ)."""
    try:
        with _open_own(entry) as f:
            f.seek(offset)
            data = f.read(size)
    except OSError:
        return b""
    return data if len(data) == size else b""


def write_reference(folder: Path, paths: Sequence, files: Files) -> None:
    """Store ``files`` as the reference of the check of ``paths``, their bytes read again one at a time; nothing
    when one of them changed since it was read, or on a failure."""
    header = marshal.dumps(summary(files))
    _write(folder, reference_entry(folder, paths),
           [_REFERENCE, len(header).to_bytes(8, "big"), header,
            *(lambda root=root, file=file: file_bytes(root, *file) for root, read in files for file in read)])


def read_output(entry: Path, stamp: bytes | None) -> tuple[bytes, int] | None:
    """The output stored in ``entry`` with ``stamp``, and its flags (see :func:`stored_flags`); else None."""
    if stamp is None:
        return None
    try:
        with _open_own(entry) as f:
            if f.read(len(stamp)) != stamp:
                return None
            flags, digest = f.read(1), f.read(32)
            data = f.read()
    except OSError:
        return None
    # A file cut short (a crash before the disk had it all) or changed is not shown as the output.
    return (data, flags[0]) if len(flags) == 1 and hashlib.sha256(data).digest() == digest else None


def write_output(folder: Path, entry: Path, stamp: bytes, data: bytes, fails: bool) -> None:
    """Store the output ``data`` with ``stamp`` as ``entry``, with its digest (a failure is ignored)."""
    _write(folder, entry, [stamp, bytes([stored_flags(data, fails)]), hashlib.sha256(data).digest(), data])


def _open_own(entry: Path):
    """``entry`` opened to read, when it is the current user's and writable by no one else (else OSError):
    what it holds is given as orgmodel's output, and the reference is read with :mod:`marshal`."""
    f = open(entry, "rb")  # noqa: SIM115  (closed by the caller's with)
    st = os.fstat(f.fileno())
    if st.st_uid != os.getuid() or st.st_mode & 0o022:
        f.close()
        raise PermissionError(f"{entry}: not the current user's own")
    return f


def _write(folder: Path, entry: Path, pieces: list) -> None:
    """Write ``pieces`` as ``entry``: bytes, or a function that gives them (None stores nothing at all)."""
    from orgmodel.files import atomic_path

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_path(entry) as tmp, open(tmp, "wb") as f:
            for piece in pieces:
                data = piece if type(piece) is bytes else piece()
                if data is None:  # a file changed since it was read: its reference is not stored
                    raise OrgmodelError(f"{entry}: a file changed while it was stored")
                f.write(data)
        entry.chmod(0o600)
    except (OSError, OrgmodelError):
        pass  # a cache that cannot be written is simply not used
