"""A check after names and titles (and free text) alone were edited: the stored findings with the new labels.

A rule names an entry in its messages by its id and label (:mod:`.labels`), and no rule reads a label
otherwise (tests/test_relabel.py edits labels and compares with a check made anew). So when every file
that changed since the stored check changed only labels, and notes and descriptions that no rule reads
(:func:`orgmodel.workspace.renamed` proves it, without pydantic or the workspace), the check of the files
now is the stored one with each label read from an edited entry shown anew, sorted again: no load, no
graph, no rules.

>>> import datetime as dt, os, shutil, tempfile
>>> from pathlib import Path
>>> from orgmodel.check import check_output
>>> os.environ["ORGMODEL_CACHE_DIR"] = tempfile.mkdtemp()
>>> ws = Path(tempfile.mkdtemp()) / "ws"
>>> _ = shutil.copytree("examples/midt-og-vestjylland", ws)
>>> day = dt.date(2026, 11, 22)
>>> before = check_output([ws], today=day)
>>> roles = ws / "roles.yaml"
>>> _ = roles.write_text(roles.read_text().replace("title: Chefpolitiinspektør", "title: Chefpolitiinspektøren"))
>>> folder = Path(os.environ["ORGMODEL_CACHE_DIR"])
>>> from orgmodel.workspace import read_files
>>> relabelled_result(folder, [ws], day, day, read_files([ws])) is not None
True
>>> del os.environ["ORGMODEL_CACHE_DIR"]
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.workspace import part_prefixes, renamed, says_the_same

from . import labels
from .stored import Files, key, read_reference, reference_blob, reference_entry, same_names, summary

if TYPE_CHECKING:
    from .result import CheckResult


def relabelled_result(folder: Path, paths: Sequence[Path], today: dt.date, as_of: dt.date,
                      files: Files) -> "CheckResult | None":
    """The check of ``files`` made from the stored check of the reference (see :mod:`.stored`), when every file
    that differs from it changed only labels; else None."""
    edited = _edited_labels(folder, paths, files)
    if edited is None:
        return None
    new_labels, before = edited
    from .cache import stored_result  # here: the cache module uses this one

    result = stored_result(folder, paths, key(paths, today, as_of, before))
    names = _file_names(files)
    if result is None or not result.relabels or sorted(result.workspace.files) != sorted(names.values()):
        return None  # the files are named otherwise than this module names them: no label can be placed
    shown = {(node, (names[root, name], line)): text for (node, (root, name, line)), text in new_labels.items()}
    findings, ignored = _sorted(_relabelled(result.findings, shown)), _sorted(_relabelled(result.ignored, shown))
    if findings is None or ignored is None:
        return None
    workspace = replace(result.workspace, versions=None)
    return replace(result, workspace=workspace, findings=findings, ignored=ignored)


def _file_names(files: Files) -> dict[tuple[str, str], str]:
    """Each file's name in the check's workspace by its root and name: with its folder's prefix when the check
    reads several workspaces as one (:func:`orgmodel.workspace.part_prefixes`)."""
    if len(files) == 1:
        return {(root, name): name for root, read in files for name, _ in read}
    prefixes = part_prefixes([Path(root) for root, _ in files])[1]
    return {(root, name): f"{prefix}/{name}" for prefix, (root, read) in zip(prefixes, files, strict=True)
            for name, _ in read}


def _edited_labels(folder: Path, paths: Sequence[Path], files: Files) -> tuple[dict, tuple] | None:
    """The new labels (entry id and place, as root, file name and line → shown) of the files that changed since
    the reference, and the reference's summary; None when anything but labels and free text changed, or nothing
    did."""
    stored = read_reference(reference_entry(folder, paths))
    if stored is None:
        return None
    before, entry, offset = stored
    now = summary(files)
    if not same_names(before, now):
        return None
    shown: dict = {}
    edited = False
    for (root, read_before), (_, read_now), (_, data_now) in zip(before, now, files, strict=True):
        for index, (old, new, (name, data)) in enumerate(zip(read_before, read_now, data_now, strict=True)):
            if old != new:
                old_data = reference_blob(entry, offset, old[1])
                if index == 0:
                    return None  # the manifest
                if not says_the_same(old_data, data, name):
                    found = renamed(old_data, data, name)
                    if found is None:
                        return None
                    edited = True
                    shown.update({(node, (root, name, line)): labels.shown_label(node, text)
                                  for (node, line), text in found.items()})
            offset += old[1]
    return (shown, before) if edited else None


def _sorted(findings: list) -> list | None:
    """``findings`` in the order of a check: sorted by :meth:`~orgmodel.model.Finding.sort_key`; None when a
    finding that names an entry by its label now sorts alike with another. A check made anew keeps such findings
    in the order the rules made them, which is not known here (and drops one of two equal ones)."""
    from orgmodel.model import Finding

    ordered = sorted(findings, key=Finding.sort_key)
    for a, b in pairwise(ordered):
        if (a.template is not None or b.template is not None) and a.sort_key() == b.sort_key():
            return None
    return ordered


def _relabelled(findings: list, shown: dict) -> list:
    return [f if f.template is None else _with_labels(f, shown) for f in findings]


def _with_labels(finding, shown: dict):
    of_message, of_fix = finding.template
    if of_message is not None:
        of_message = labels.relabelled(of_message, shown)
    if of_fix is not None:
        of_fix = labels.relabelled(of_fix, shown)
    return replace(finding, message=finding.message if of_message is None else labels.shown_text(of_message),
                   fix=finding.fix if of_fix is None else labels.shown_text(of_fix), template=(of_message, of_fix))
