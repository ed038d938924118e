"""A check after names and titles (and free text) alone were edited: the stored findings with the new labels.

A rule names an entry in its messages by its id and label (:mod:`.labels`), and no rule reads a label
otherwise (tests/test_relabel.py edits labels and compares with a check made anew). So when every file
that changed since the stored check changed only labels, and notes and descriptions that no rule reads
(:func:`orgmodel.workspace.label_edits` proves it, without pydantic or the workspace), the check of the files
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
>>> from orgmodel.workspace import file_digests
>>> relabelled_result(folder, [ws], day, day, file_digests([ws])) is not None
True
>>> del os.environ["ORGMODEL_CACHE_DIR"]
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, cast

from orgmodel.workspace import label_edits, says_the_same

from . import labels
from .stored import Files, differing, key, read_reference, reference_entry, same_names, summary

if TYPE_CHECKING:
    from .cache import Checked
    from .result import CheckResult


def relabelled_result(folder: Path, paths: Sequence[Path], today: dt.date, as_of: dt.date,
                      files: Files) -> "CheckResult | None":
    """The check of ``files`` made from the stored check of the reference (see :mod:`.stored`), when every file
    that differs from it changed only labels and free text; else None."""
    edited = _edited_labels(folder, paths, files)
    if edited is None:
        return None
    new_labels, before = edited
    from .cache import stored_result  # here: the cache module uses this one

    result = stored_result(folder, paths, key(paths, today, as_of, before))
    if result is None or not result.relabels:
        return None  # no check stored for the reference, or one whose findings took equal ones as one
    names = _file_names(files, cast("Checked", result.workspace).roots)
    if names is None or sorted(result.workspace.files) != sorted(names.values()):
        return None  # the files are named otherwise than the stored check named them: no label can be placed
    shown = {(node, (names[root, name], line)): text for (node, (root, name, line)), text in new_labels.items()}
    findings = _sorted(_with_new_labels(result.findings, shown))
    ignored = _sorted(_with_new_labels(result.ignored, shown))
    if findings is None or ignored is None:
        return None
    workspace = replace(result.workspace, versions=None)
    return replace(result, workspace=workspace, findings=findings, ignored=ignored)


def _file_names(files: Files, roots: dict[str, str]) -> dict[tuple[str, str], str] | None:
    """Each file's name in the stored check's workspace by its workspace's root and its name: with the prefix of
    its workspace (``roots``: each resolved root's, as the check that was stored named them) when several were
    read as one; None when a root is not among them."""
    if not roots:
        return {(root, name): name for root, read in files for name, _, _ in read} if len(files) == 1 else None
    if any(root not in roots for root, _ in files):
        return None
    return {(root, name): f"{roots[root]}/{name}" for root, read in files for name, _, _ in read}


def _edited_labels(folder: Path, paths: Sequence[Path], files: Files) -> tuple[dict, tuple] | None:
    """The new labels (entry id and place, as root, file name and line → shown) of the files that changed since
    the reference, and the reference's summary; None when anything but labels and free text changed, or nothing
    did."""
    stored = read_reference(reference_entry(folder, paths))
    if stored is None:
        return None
    before, entry, start = stored
    now = summary(files)
    if not same_names(before, now):
        return None
    shown: dict = {}
    edited = False
    for root, index, name, was, data in differing(before, entry, start, now):
        if index == 0 or data is None:
            return None  # the manifest, or a file changed again since it was read
        if not says_the_same(was, data, name):
            found = label_edits(was, data, name)
            if found is None:
                return None
            edited = True
            shown.update({(node, (root, name, line)): labels.shown_label(node, text)
                          for (node, line), text in found.items()})
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


def _with_new_labels(findings: list, shown: dict) -> list:
    return [f if f.template is None else _with_labels(f, shown) for f in findings]


def _with_labels(finding, shown: dict):
    of_message, of_fix = finding.template
    if of_message is not None:
        of_message = labels.relabelled(of_message, shown)
    if of_fix is not None:
        of_fix = labels.relabelled(of_fix, shown)
    return replace(finding, message=finding.message if of_message is None else labels.shown_text(of_message),
                   fix=finding.fix if of_fix is None else labels.shown_text(of_fix), template=(of_message, of_fix))
