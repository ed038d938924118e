"""Writing output files whole or not at all."""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from .errors import UsageProblem


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    A crash, a full disk or an error leaves the old file (or none), never half a file.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent or ".")
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}. "
                           "Check that the folder exists and that you may write to it") from None
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` whole or not at all."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


@contextlib.contextmanager
def atomic_dir(path: Path):
    """Yield a new temporary folder beside ``path``; on success it takes ``path``'s place.

    An error or an interruption removes the temporary folder and leaves ``path``
    as it was; a folder already at ``path`` is replaced whole.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}. "
                           "Check that you may write to the folder it is in") from None
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        _move_into_place(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _move_into_place(tmp: Path, path: Path) -> None:
    """Rename ``tmp`` to ``path``, moving an existing folder aside first and removing it after."""
    if not path.exists():
        os.rename(tmp, path)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
    os.rename(path, aside / path.name)
    try:
        os.rename(tmp, path)
    except BaseException:
        os.rename(aside / path.name, path)
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)
