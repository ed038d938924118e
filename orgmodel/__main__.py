"""The ``orgmodel`` command (and ``python -m orgmodel``): the command line of :mod:`orgmodel.cli`.

A check whose output is stored (:mod:`orgmodel.check.stored`), or whose files changed only in names and
titles since (:mod:`orgmodel.check.relabel`), is answered before click and the command line are imported,
which would cost more than the rest of such a run: only for the options this module knows, written the
ways it knows (:func:`_check_options`); anything else, and every other command, goes to
:mod:`orgmodel.cli`, which writes the same bytes and exits with the same code.
"""

import os
import re
import sys

_ISO_DAY = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as ``YYYY-MM-DD``: passed on as written (without importing datetime), it can only match the key of an
output stored for that real date (the keys hold ``date.isoformat()``); any other form goes to the command line."""
_CHOICES = {"--format": ("text", "json", "junit", "sarif"), "--today": None, "--as-of": None}
"""The options of ``orgmodel check`` with a value that the stored output is given for (None: any value), as
:mod:`orgmodel.cli` declares them; ``--strict`` is the one flag. tests/test_cli_fast.py compares them."""


def main() -> None:
    """Run ``orgmodel`` with the arguments of this process."""
    try:
        if sys.argv[1:2] == ["check"]:
            _stored_check(sys.argv[2:])
        from .cli import cli

        cli(prog_name="orgmodel")
    except KeyboardInterrupt:  # Ctrl-C before click runs the command (which says the same then)
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    except OSError as error:
        stream = _failed_stream(error)
        if stream is None:
            raise
        if stream == "stderr":  # nowhere left to say why: end as a reader that went away ends it
            _to_nothing(sys.stderr)
            sys.exit(1)
        _unwritable_output(error)


def _failed_stream(error: OSError) -> str | None:
    """``"stdout"`` or ``"stderr"`` when ``error`` was raised writing to standard output or error: by
    ``click.echo``, through which the command line writes everything, or by :func:`_write`; else None (every
    other file orgmodel writes goes through :func:`orgmodel.files.atomic_path`, whose errors are its own)."""
    tb = error.__traceback__
    if tb is None:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    where = (frame.f_globals.get("__name__"), frame.f_code.co_name)
    if where == (__name__, "_write"):
        return "stdout"
    if where != ("click.utils", "echo"):
        return None
    written = frame.f_locals.get("file")
    return "stderr" if frame.f_locals.get("err") or written in (sys.stderr, sys.__stderr__) else "stdout"


def _unwritable_output(error: OSError) -> None:
    """End the run as an output file that cannot be written ends it: ``Error: …`` on standard error and exit code
    2, never a traceback. A stream that failed is sent to nothing, so that what is left in its buffer fails no
    more when Python flushes it at exit."""
    _to_nothing(sys.stdout)
    try:
        sys.stderr.write(f"Error: cannot write the output: {error.strerror or error}. Check that the disk has room, "
                         "or write to a file with -o where the command has it\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        _to_nothing(sys.stderr)
    sys.exit(2)


def _to_nothing(stream) -> None:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _check_options(args: list[str]) -> tuple[list[str], dict[str, str], bool] | None:
    """The folders, the options with a value and ``--strict`` of ``orgmodel check ARGS``; None for anything
    else (another option, an option given twice, ``--``, ``-o``, a value not among the choices), which
    :mod:`orgmodel.cli` then reads.

    >>> _check_options(["ws", "--format=json", "--today", "2026-11-22"])
    (['ws'], {'--format': 'json', '--today': '2026-11-22'}, False)
    >>> _check_options(["ws", "--format", "xml"]) is None, _check_options(["-o", "x.txt", "ws"]) is None
    (True, True)
    """
    paths: list[str] = []
    values: dict[str, str] = {}
    strict = False
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("-") or arg == "-":
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name == "--strict" and not equals and not strict:
            strict = True
            continue
        if name not in _CHOICES or name in values:
            return None
        if not equals:
            value = next(rest, None)  # type: ignore[assignment]
            if value is None:
                return None
        choices = _CHOICES[name]
        if choices is not None and value not in choices:
            return None
        values[name] = value
    return paths, values, strict


def _stored_check(args: list[str]) -> None:
    """Write the stored output of ``orgmodel check ARGS`` and exit as the check would; return when there is
    none, or when click would write it differently (another encoding, no standard output, Windows)."""
    options = _check_options(args)
    out = sys.stdout
    if options is None or out is None or sys.platform == "win32" or not hasattr(out, "buffer"):
        return
    import codecs

    if codecs.lookup(out.encoding or "ascii").name != "utf-8":
        return
    paths, values, strict = options
    fmt = values.get("--format", "text")
    day = values["--today"] if "--today" in values else os.environ.get("ORGMODEL_TODAY") or _today()
    valid_on = values.get("--as-of", day)
    if not (_ISO_DAY.fullmatch(day) and _ISO_DAY.fullmatch(valid_on)):
        return  # another form of a date, or no date: the command line reads it, or says why
    from pathlib import Path

    from orgmodel.check import plain_output

    folders = [Path(p) for p in paths or ["."]]
    coloured = fmt == "text" and out.isatty()
    try:
        found = plain_output(folders, fmt, strict, coloured, day, valid_on)
        if found is None and not coloured:
            from orgmodel.check import relabelled_output

            found = relabelled_output(folders, fmt, strict, day, valid_on)
    except Exception:  # never a traceback here: the command line does the same work, and reports
        return
    if found is None:
        return
    data, fails = found
    _write(out, data + b"\n")
    sys.exit(1 if fails else 0)


def _today() -> str:
    from orgmodel.clock import today

    return today().isoformat()


def _write(out, data: bytes) -> None:
    """Write ``data`` to ``out`` as ``click.echo`` writes text; a reader that went away ends the run as click
    ends it then (exit code 1, no message)."""
    import errno

    try:
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())  # nothing left to flush at exit
        sys.exit(1)


if __name__ == "__main__":
    main()
