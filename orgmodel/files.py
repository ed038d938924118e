"""Writing output files whole or not at all."""

import os
import tempfile
from pathlib import Path

from .errors import UsageProblem


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A crash or a full disk leaves the old file (or none), never half a file.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}. "
                           "Check that the folder exists and that you may write to it") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
