"""Reuse the output of ``orgmodel check`` while nothing it depends on has changed.

:func:`check_output` is what ``orgmodel check`` runs: it gives the stored output
(:func:`.stored.stored_output`, which says what the key holds), else loads the workspaces given, checks
them, formats the result, and stores the result, the output and the files checked (the reference) in
the cache folder (:func:`orgmodel.workspace.cache_folder`; ``ORGMODEL_CACHE=off`` turns it off). A later
run whose files are the same, or say the same (only comments and blank lines edited), gives the stored
output without loading the workspace, running the rules, or even importing them; one in another format
formats the stored result.

One entry of each kind is kept per folder as given (and per format of its output): a changed key replaces it.

>>> from orgmodel import clock
>>> day = clock.today()
>>> cold = check_output([Path("examples/midt-og-vestjylland")], "json", today=day)
>>> cold == check_output([Path("examples/midt-og-vestjylland")], "json", today=day)
True
"""

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from orgmodel import clock
from orgmodel.gcpause import paused_gc
from orgmodel.workspace import cache_folder, read_entry, write_entries

from .relabel import relabelled_result
from .stored import (
    FAILS,
    Files,
    current_files,
    entry_name,
    key,
    output_entry,
    plain,
    proven,
    read_output,
    shown_key,
    stored_flags,
    write_output,
    write_reference,
)

if TYPE_CHECKING:
    from orgmodel.workspace import Workspace

    from .result import CheckResult

@dataclass(frozen=True)
class CheckOutput:
    """The finished output of a check and whether it fails (exit code 1)."""

    text: str
    fails: bool


@dataclass(frozen=True)
class ShownManifest:
    """What the output of a check shows of a workspace's manifest: its name, in Danish or else English."""

    name: str


@dataclass
class Checked:
    """What the output of a check shows of its workspace, stored with the findings in place of it: read back
    without pydantic.

    ``records`` is a ``range`` as long as the workspace has entities: the output shows only their number.
    """

    root: Path
    manifest: ShownManifest
    records: range
    files: list[str]
    parts: dict[str, None]
    versions: bytes | None = None
    roots: dict[str, str] = field(default_factory=dict)
    """Of several workspaces read as one: each one's resolved root and the prefix of its files' names."""

    @classmethod
    def of(cls, ws: "Workspace | Checked") -> "Checked":
        if isinstance(ws, Checked):
            return ws
        name = ws.manifest.name
        shown = ShownManifest(str(name if isinstance(name, str) else (name.da or name.en)))
        roots = {str(Path(part.root).resolve()): prefix for prefix, part in ws.parts.items()}
        return cls(ws.root, shown, range(len(ws.records)), list(ws.files), dict.fromkeys(ws.parts), ws.versions,
                   roots)


@paused_gc(freeze=True)
def check_output(paths: Sequence[Path], fmt: str = "text", strict: bool = False, style=None,
                 today: dt.date | None = None, as_of: dt.date | None = None) -> CheckOutput:
    """The output of ``orgmodel check`` of the workspaces at ``paths`` in format ``fmt`` (see
    :data:`orgmodel.check.FORMATS`; ``style``, a function like :func:`click.style`, colours the text
    format), stored or made now.

    The garbage collector is paused throughout, not only while loading and checking: the findings, the
    output's values and the caches' pickles are many objects without cycles, and each collection would
    walk every one of them still alive (0.1-0.2 s of a cold check with 17,000 findings in SARIF). What is
    alive at the end is frozen (see :func:`~orgmodel.gcpause.paused_gc`): the first collection after the
    pause would walk it all once more.
    """
    today = today or clock.today()
    as_of = as_of or today
    folder = cache_folder()
    files = None if folder is None else current_files(paths)
    if folder is None or files is None:
        return _format(_fresh(paths, today, as_of), fmt, strict, style)
    checked, reference = proven(folder, paths, files)
    coloured = style is not None
    shown = shown_key(key(paths, today, as_of, checked), fmt, strict, coloured)
    entry = output_entry(folder, paths, fmt, strict, coloured)
    stored = read_output(entry, shown)
    if stored is not None:
        return CheckOutput(stored[0].decode("utf-8", "surrogatepass"), bool(stored[1] & FAILS))
    result, current = _result(paths, today, as_of, folder, files, checked, reference)
    return _stored_format(folder, entry, shown, result, fmt, strict, style, current)


@paused_gc(freeze=True)
def relabelled_output(paths: Sequence[Path], fmt: str, strict: bool, today: str,
                      as_of: str) -> tuple[bytes, bool] | None:
    """The output of ``orgmodel check`` of ``paths`` (not coloured) when the files changed only in labels since
    the stored check (:mod:`.relabel`), stored, and whether it fails, as :func:`.stored.plain_output` gives a
    stored one; else None.

    What ``orgmodel/__main__.py`` asks when no output is stored, before it imports click and the command line:
    the dates are the texts ``YYYY-MM-DD`` given, which the keys hold as they are.
    """
    folder = cache_folder()
    files = None if folder is None else current_files(paths)
    if folder is None or files is None:
        return None
    checked, reference = proven(folder, paths, files)
    check_key = key(paths, today, as_of, checked)
    result = None if reference else _relabelled_and_stored(folder, paths, today, as_of, files, check_key)
    if result is None or check_key is None:
        return None
    entry = output_entry(folder, paths, fmt, strict, False)
    output = _stored_format(folder, entry, shown_key(check_key, fmt, strict, False), result, fmt, strict, None, True)
    data = output.text.encode("utf-8", "surrogatepass")
    return plain((data, stored_flags(data, output.fails)), False)


def _stored_format(folder: Path, entry: Path, shown: bytes | None, result: "CheckResult", fmt: str, strict: bool,
                   style, current: bool) -> CheckOutput:
    """``result`` in format ``fmt``, stored as ``entry`` with the key ``shown`` when the files are ``current``."""
    output = _format(result, fmt, strict, style)
    if current and shown is not None:
        write_output(folder, entry, shown, output.text.encode("utf-8", "surrogatepass"), output.fails)
    return output


def check_workspaces(paths: Sequence[Path], today: dt.date | None = None,
                     as_of: dt.date | None = None) -> "CheckResult":
    """Load the workspaces at ``paths`` (see :func:`orgmodel.workspace.open_workspaces`) and check them,
    or give the stored result of the same check of the same files.

    A result read back carries a :class:`Checked` in place of its workspace: enough for every output
    format, which then writes the same text as after a fresh check. Its manifest keeps only the name
    (:class:`ShownManifest`), as text; for the rest, load the workspace.
    """
    today = today or clock.today()
    as_of = as_of or today
    folder = cache_folder()
    files = None if folder is None else current_files(paths)
    if folder is None or files is None:
        return _fresh(paths, today, as_of)
    return _result(paths, today, as_of, folder, files, *proven(folder, paths, files))[0]


def _result(paths: Sequence[Path], today: dt.date, as_of: dt.date, folder: Path, files: Files,
            checked: tuple, reference: bool) -> tuple["CheckResult", bool]:
    """The stored result of the files ``checked`` (:func:`.stored.proven`; ``reference``: they are the stored
    reference's), else a fresh one, stored, with ``files`` as the new reference unless ``reference``; and whether
    the files are still as read."""
    check_key = key(paths, today, as_of, checked)
    stored = None if check_key is None else stored_result(folder, paths, check_key)
    if stored is not None:
        return stored, True
    relabelled = None if reference else _relabelled_and_stored(folder, paths, today, as_of, files, check_key)
    if relabelled is not None:
        return relabelled, True
    result = _fresh(paths, today, as_of)
    current = current_files(paths) == files  # else a file changed while it was read
    if current and check_key is not None:
        # The rules' functions are left out: the output needs what a rule is, not how it runs, and reading the
        # result back then imports neither the rules nor what they use.
        shown = replace(result, workspace=cast("Workspace", Checked.of(result.workspace)),
                        rules={rule_id: rule.stored() for rule_id, rule in result.rules.items()})
        same = _same_key(paths, today, as_of, result.workspace.versions)
        entries = [(_result_entry(folder, paths), check_key)] + \
            ([] if same is None else [(_same_entry(folder, paths), same)])
        write_entries(folder, entries, shown)  # pickled once for both
        if not reference:
            write_reference(folder, paths, files)
    return result, current


def _relabelled_and_stored(folder: Path, paths: Sequence[Path], today, as_of, files: Files,
                           check_key: bytes | None) -> "CheckResult | None":
    """The check made from the stored one after labels alone changed (:mod:`.relabel`), stored under ``check_key``
    with ``files`` as the new reference; None when there is none such."""
    result = None if check_key is None else relabelled_result(folder, paths, today, as_of, files)
    if result is not None and check_key is not None:
        write_entries(folder, [(_result_entry(folder, paths), check_key)], result)
        write_reference(folder, paths, files)
    return result


def stored_result(folder: Path, paths: Sequence[Path], check_key: bytes | None) -> "CheckResult | None":
    """The result stored for the check of ``paths`` with ``check_key`` (see :func:`.stored.key`), or None."""
    return None if check_key is None else _stored_result(_result_entry(folder, paths), check_key)


def _result_entry(folder: Path, paths: Sequence[Path]) -> Path:
    return folder / f"check-{entry_name(paths)}.result"


def _stored_result(entry: Path, stamp: bytes) -> "CheckResult | None":
    from .result import CheckResult

    stored = read_entry(entry, stamp)
    return stored if isinstance(stored, CheckResult) and isinstance(stored.workspace, Checked) else None


def _fresh(paths: Sequence[Path], today: dt.date, as_of: dt.date) -> "CheckResult":
    """A check of the workspaces at ``paths``, or the stored check of files that say the same.

    After an edit of comments or blank lines only (:mod:`orgmodel.workspace.unchanged`), the check stored
    before the edit still holds: it is given without running the rules.
    """
    from orgmodel.workspace import open_workspaces

    ws = open_workspaces(paths)
    folder = cache_folder()
    same = None if folder is None else _same_key(paths, today, as_of, ws.versions)
    stored = None if same is None or folder is None else _stored_result(_same_entry(folder, paths), same)
    if stored is not None:
        return stored
    from .run import check  # only now: the rules and what they use are imported when they run

    return check(ws, today, as_of=as_of)


def _same_entry(folder: Path, paths: Sequence[Path]) -> Path:
    return folder / f"check-{entry_name(paths)}.same"


def _same_key(paths: Sequence[Path], today: dt.date, as_of: dt.date, versions: bytes | None) -> bytes | None:
    """The key of a result by what the files say (see :attr:`orgmodel.workspace.Workspace.versions`)."""
    if versions is None:
        return None
    # no files, but the folders they are in: a link to a folder may point elsewhere, and a manifest without a
    # name names the workspace after its folder
    stamp = key(paths, today, as_of, (("versions", ()), *((str(Path(p).resolve()), ()) for p in paths)))
    return None if stamp is None else hashlib.sha256(stamp + versions).digest()


def _format(result: "CheckResult", fmt: str, strict: bool, style) -> CheckOutput:
    from .output import FORMATS, format_text

    text = format_text(result, strict, style=style) if style is not None else FORMATS[fmt](result, strict)
    return CheckOutput(text, result.fails(strict))
