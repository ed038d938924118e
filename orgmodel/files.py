"""Writing output files and folders whole or not at all.

Everything is first written to a hidden temporary file or folder beside the
target, named ``.NAME.orgmodel-PID-RANDOM`` (plus the target's suffix), and
then renamed onto the target in one step. A run that is killed leaves at most
such a hidden leftover; the next run that writes the same target removes
leftovers whose process is gone.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "a.txt", "hello\\n")
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import UsageError

TEMP_MARK = ".orgmodel-"
"""Between the target's name and the process id in the name of a temporary file or folder."""


def format_of_output(output: Path | None, fmt: str | None, suffixes: dict[str, str], formats: tuple[str, ...],
                     default: str | None = None) -> str:
    """The format to write: ``fmt`` when given, else the one the suffix of ``output`` names (``suffixes``: suffix
    without its dot → format), else ``default`` when there is no ``output``.

    Checked before any work, so a file named ``x.jpg`` is refused at once instead of receiving another format,
    and ``--format graphml -o x.gexf`` does not write GraphML into a file every tool opens as GEXF.

    >>> suffixes = {"svg": "svg", "gv": "dot"}
    >>> format_of_output(Path("a.GV"), None, suffixes, ("svg", "dot")), format_of_output(None, None, suffixes,
    ...     ("svg", "dot"), "svg")
    ('dot', 'svg')
    >>> format_of_output(Path("a.svg"), "dot", suffixes, ("svg", "dot"))
    Traceback (most recent call last):
    ...
    orgmodel.errors.UsageError: -o a.svg names svg but --format is dot; give a file ending in the format's \
suffix, or leave out --format
    """
    suffix = output.suffix.lstrip(".").lower() if output else ""
    if fmt is not None:
        if fmt not in formats:
            raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(formats)}")
        if suffix in suffixes and suffixes[suffix] != fmt:
            raise UsageError(f"-o {output} names {suffixes[suffix]} but --format is {fmt}; give a file ending in "
                             f"the format's suffix, or leave out --format")
        return fmt
    if output is None and default is not None:
        return default
    if output is None:
        raise UsageError(f"cannot tell the format of standard output; give --format ({', '.join(formats)})")
    if suffix not in suffixes:
        raise UsageError(f"cannot tell the format of -o {output} from its suffix "
                         f"'{output.suffix or '(none)'}'; use one of {', '.join(f'.{s}' for s in suffixes)}, "
                         f"or give --format ({', '.join(formats)})")
    return suffixes[suffix]


def text_or_named_format(output: Path | None, fmt: str | None, suffixes: dict[str, str], formats: tuple[str, ...],
                         default: str) -> str:
    """:func:`format_of_output` for a command whose ``default`` is plain text, which a file of any name may hold
    (``check -o check.log``): a suffix no format claims takes ``default``, one that names a format takes it.

    >>> suffixes = {"json": "json", "sarif": "sarif"}
    >>> [text_or_named_format(Path(n), None, suffixes, ("text", "json", "sarif"), "text") for n in ("a.log", "a.SARIF")]
    ['text', 'sarif']
    """
    suffix = output.suffix.lstrip(".").lower() if output else ""
    if fmt is None and suffix not in suffixes:
        return default
    return format_of_output(output, fmt, suffixes, formats, default)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    reason = exc.strerror or str(exc)
    return UsageError(f"cannot write {path}: {reason}. "
                        "Check that the folder exists, that you may write to it and that the disk has room")


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_leftovers(path: Path) -> list[Path]:
    """Remove temporary files and folders for ``path`` left by runs that were killed; return them.

    Only names this module makes (``.NAME.orgmodel-PID-…``) whose process no longer runs are removed.
    """
    path = Path(path)
    prefix = f".{path.name}{TEMP_MARK}"
    removed: list[Path] = []
    try:
        candidates = [p for p in (path.parent or Path(".")).iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for leftover in candidates:
        pid = leftover.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and _process_gone(int(pid)):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _temp_prefix(path: Path) -> str:
    return f".{path.name}{TEMP_MARK}{os.getpid()}-"


STDOUT = "-"
"""The output name that means standard output (``-o -``), for the commands whose output is a stream."""


def is_stdout(path) -> bool:
    """Whether ``path`` is ``-``, standard output.

    >>> is_stdout(Path("-")), is_stdout(Path("a.json")), is_stdout(None)
    (True, False, False)
    """
    return path is not None and str(path) == STDOUT


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _resolve(path: Path) -> tuple[Path, str]:
    """The path to write for ``path`` (a symlink's final target) and how to name it in a message."""
    if not path.is_symlink():
        return path, str(path)
    target = Path(os.path.realpath(path))
    return target, f"{path} (a link to {target})"


def _target_mode(path: Path) -> tuple[Path, str, int | None]:
    """What writing ``path`` writes to (a symlink's final target), how to name it, and its mode (None: absent)."""
    target, named = _resolve(path)
    try:
        return target, named, os.stat(target).st_mode
    except FileNotFoundError:
        return target, named, None
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def output_file(path: Path, inputs: frozenset[str] = frozenset()) -> Path:
    """The file to write for the output ``path``: a symlink's final target; refuse anything but a regular file, and
    a file of ``inputs`` (the real paths of the files a command reads, which its output would replace).

    A device, a FIFO, a socket or a folder is refused before anything is opened, so nothing is written to it.

    >>> try:
    ...     output_file(Path("/dev/null"))
    ... except UsageError as error:
    ...     print(str(error)[:52])
    cannot write /dev/null: it is a character device, no
    """
    target, named, mode = _target_mode(Path(path))
    if mode is not None and not stat.S_ISREG(mode):
        kind = _kind(mode)
        fix = "Give a file name inside the folder" if kind == "a folder" else "Give the name of a regular file"
        raise UsageError(f"cannot write {named}: it is {kind}, not a regular file, so nothing was written. {fix}")
    if mode is not None and os.path.realpath(target) in inputs:
        raise UsageError(f"cannot write {named}: it is a file of the workspace being read, so nothing was written. "
                         "Give an output path outside the workspace folder")
    return target


def output_folder(path: Path) -> Path:
    """The folder to write for the output folder ``path``: a symlink's final target; refuse anything but a folder,
    and ``-`` (standard output, which a folder cannot go to: it would be a folder named ``-``)."""
    if is_stdout(Path(path)):
        raise UsageError("cannot write a folder to - (standard output), so nothing was written. Give a folder name")
    target, named, mode = _target_mode(Path(path))
    if mode is not None and not stat.S_ISDIR(mode):
        kind = "a file" if stat.S_ISREG(mode) else _kind(mode)
        raise UsageError(f"cannot write into {named}: it is {kind}, not a folder, so nothing was written. "
                         "Give a folder name")
    return target


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    A crash, a full disk or an error leaves the old file (or none), never half a file. A symlink is written
    through: the temporary file is made beside its target and renamed over the target, so the link stays.
    A device, a FIFO or another file that is not a regular file is refused before anything is opened.
    """
    path = Path(path)
    target = output_file(path)
    folder = target.parent or Path(".")
    remove_leftovers(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` whole or not at all."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


@contextlib.contextmanager
def atomic_dir(path: Path, *, replace: bool = True):
    """Yield a new temporary folder beside ``path``; on success it takes ``path``'s place.

    An error or an interruption removes the temporary folder and leaves ``path``
    as it was. With ``replace`` a folder already at ``path`` is replaced whole;
    without it ``path`` must not exist or be an empty folder (for a new workspace).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "site"
    >>> with atomic_dir(target) as tmp:
    ...     _ = (tmp / "index.html").write_text("<p>hej</p>")
    >>> sorted(p.name for p in target.iterdir())
    ['index.html']
    """
    given = Path(path)
    path = output_folder(given)
    if not replace and path.exists() and any(path.iterdir()):
        raise UsageError(f"{given} already exists and is not empty; choose a new folder")
    make_folder(path.parent)
    remove_leftovers(path)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(path), dir=path.parent))
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        _move_into_place(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _cannot_write(given, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _move_into_place(tmp: Path, path: Path) -> None:
    """Rename ``tmp`` to ``path``, moving an existing folder aside first and removing it after."""
    if not path.exists():
        os.rename(tmp, path)
        return
    aside = Path(tempfile.mkdtemp(prefix=_temp_prefix(path), suffix=".old", dir=path.parent))
    os.rename(path, aside / path.name)
    try:
        os.rename(tmp, path)
    except BaseException:
        os.rename(aside / path.name, path)
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)


def write_texts_atomic(texts: dict[Path, str]) -> None:
    """Write several files: all temporary files first, then one rename each at the very end.

    A run killed while writing leaves every file as it was; only the few
    microseconds of the renames can leave some files new and others old.
    """
    with contextlib.ExitStack() as stack:
        for path, text in texts.items():
            tmp = stack.enter_context(atomic_path(path))
            tmp.write_text(text, encoding="utf-8", newline="\n")


@contextlib.contextmanager
def made_folder(path: Path):
    """:func:`make_folder` for the time of a write: an error or an interruption removes again the folders it made
    (when empty), so a failed write leaves no folder behind.

    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     with made_folder(base / "a" / "b"):
    ...         raise OSError("disk full")
    ... except OSError:
    ...     pass
    >>> list(base.iterdir())
    []
    """
    path = Path(path)
    new = [p for p in (path, *path.parents) if not os.path.lexists(p)]
    make_folder(path)
    try:
        yield path
    except BaseException:
        for folder in new:  # the deepest first
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def make_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) for output, or raise a clear error."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        if not path.is_file():
            output_folder(path)  # a device, a FIFO or a socket: says which
        raise UsageError(f"cannot write into {path}: it is a file, not a folder. Give a folder name") from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return path
