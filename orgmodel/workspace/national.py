"""Several workspaces read as one national model (``orgmodel check fyn/ mvj/`` or ``orgmodel check national/``).

Each politikreds keeps its own workspace. :func:`open_workspaces` loads every workspace given (or every
folder directly below a given folder that holds an ``orgmodel.yaml``) and merges them into one
:class:`Workspace` whose ``parts`` are the workspaces as loaded. In the merged workspace every file is
named from the folder the workspaces share (``fyn/roles.yaml``), so each finding and row names its
workspace; the part's name is its folder's path below that shared folder.

- An id defined in two workspaces is a duplicate (``id.duplicate``), as within one workspace.
- A reference from one workspace to an id of another is allowed: a national body (the Rigspolitiet's
  unit, a shared Ungdomskriminalitetsnævn) is written once and referenced by several districts.
- Each workspace's settings (scope, rule severities, vocabulary, coverage defaults, ``max_age``) apply to
  its own entities: :meth:`Workspace.own` gives the part an entity belongs to, and :meth:`Workspace.view`
  the merged records seen with one part's settings.
- A vocabulary term two workspaces define differently cannot be merged: an error names both.
- An organisation copied from another workspace (``defined_in``) is that workspace's entry; a copy whose
  ``defined_in`` names a workspace read with it that does not define the organisation is an error
  (``ref.defined-in``), as ``orgmodel neo4j push`` refuses it.

With one workspace, :func:`open_workspaces` returns it exactly as :func:`open_workspace` does.

>>> ws = open_workspaces(["examples/midt-og-vestjylland"])
>>> ws.parts
{}
"""

import dataclasses
import gc
from collections.abc import Sequence
from pathlib import Path

from orgmodel.errors import UnreadableInputError
from orgmodel.gcpause import paused_gc
from orgmodel.model import AREAS, Finding, Manifest, Scope, Text, builtin_vocabulary, fill_counts, lookup_area, ui_words

from .cache import open_workspace
from .folders import part_prefixes, workspace_folders
from .loader import Record, Workspace
from .unchanged import versions_stamp


def open_workspaces(paths: Sequence[Path]) -> Workspace:
    """Load the workspaces at ``paths`` (folders, or folders of workspace folders) as one model."""
    folders = workspace_folders(paths or [Path(".")])
    if len(folders) == 1:
        return open_workspace(folders[0])
    parts, unreadable = [], []
    for folder in folders:
        try:
            parts.append(open_workspace(folder))
        except UnreadableInputError as error:
            unreadable.append(_placed(error, folder))
    if unreadable:
        raise UnreadableInputError("\n".join(unreadable))
    with paused_gc():
        merged = merge_workspaces(parts)
        gc.freeze()  # as open_workspace does for each part: the merged copies live until the command exits
    return merged


def _placed(error: UnreadableInputError, folder: Path) -> str:
    """The message of a workspace that cannot be read, each file it names named with its folder.

    >>> print(_placed(UnreadableInputError("a.yaml:3: tab", "use spaces"), Path("national/fyn")))
    national/fyn/a.yaml:3: tab
      Fix: use spaces
    """
    lines = str(error).splitlines()
    return "\n".join(line if line.startswith((" ", str(folder))) else f"{folder}/{line}" for line in lines)


def merge_workspaces(parts: Sequence[Workspace]) -> Workspace:
    """One workspace holding the records of ``parts``, files named from the folder they share."""
    common, prefixes = part_prefixes([p.root for p in parts])
    named = {prefix: part for prefix, part in zip(prefixes, parts, strict=True)}
    merged = Workspace(common, _national_manifest(parts, prefixes), _merged_vocabulary(named), {}, [])
    merged.parts = named
    for prefix, part in named.items():
        _add_part(merged, prefix, part)
    merged.problems += _copies_of_no_entry(named)
    if all(part.versions for part in parts):
        merged.versions = versions_stamp(b"", [(prefix, part.versions or b"") for prefix, part in named.items()])
    return merged


def _add_part(merged: Workspace, prefix: str, part: Workspace) -> None:
    def shown(file: str) -> str:
        return f"{prefix}/{file}"

    def moved(record: Record) -> Record:
        return Record(record.kind, record.entity, shown(record.file), record.line, record.unreadable)

    merged.files += [shown(f) for f in part.files]
    merged.part_of_file.update((shown(f), prefix) for f in part.files)
    for record in part.records.values():
        copy = moved(record)
        first = merged.records.setdefault(record.id, copy)
        if first is copy:
            continue
        if first.kind == copy.kind and _is_copy(copy):
            continue  # a copy of an organisation another workspace defines: the owner's entry (or a first copy) stands
        if first.kind == copy.kind and _is_copy(first):
            merged.records[record.id] = copy
            continue
        merged.duplicates.append((copy, first))
    merged.duplicates += [(moved(a), moved(b)) for a, b in part.duplicates]
    for id_, kind in part.invalid_ids.items():
        merged.invalid_ids.setdefault(id_, kind)
    merged.problems += [dataclasses.replace(f, file=shown(f.file)) for f in part.problems]
    merged.placeholder_files.update({shown(f): lines for f, lines in part.placeholder_files.items()})


def workspace_id(manifest: Manifest) -> str | None:
    """The id that names a workspace to others (``defined_in``, the partition of a shared Neo4j database):
    ``id`` in orgmodel.yaml, else the one politikreds of its scope without the ``kreds-``; else ``None``.

    >>> workspace_id(Manifest(name="MVJ", scope=Scope(politikredse=["kreds-midt-og-vestjylland"])))
    'midt-og-vestjylland'
    """
    if manifest.id:
        return manifest.id
    scope = manifest.scope
    kredse = [lookup_area(x, "politikreds") for x in scope.politikredse] if scope else []
    if scope and len(kredse) == 1 and not scope.kommuner and kredse[0] and AREAS[kredse[0]].kind == "politikreds":
        return kredse[0].removeprefix("kreds-")
    return None


def _copies_of_no_entry(parts: dict[str, Workspace]) -> list[Finding]:
    """``ref.defined-in`` of each copy (``defined_in``) whose named workspace is read with it but does not define
    the organisation: read as one, the copy would stand for an entry that is not there (or is another's)."""
    prefix_of = {i: prefix for prefix, part in parts.items() if (i := workspace_id(part.manifest)) is not None}
    problems = []
    for prefix, part in parts.items():
        for record in part.records.values():
            owner = getattr(record.entity, "defined_in", None)
            if owner is None or owner not in prefix_of:
                continue  # an owner not read here cannot be asked
            definers = sorted(i for i, p in prefix_of.items() if (r := parts[p].records.get(record.id)) is not None
                              and r.kind == record.kind and not _is_copy(r))
            if owner in definers:
                continue
            named = f"'{owner}'" if prefix_of[owner] == owner else f"'{owner}' (the folder {prefix_of[owner]})"
            fix = (f"write 'defined_in: {definers[0]}'" if definers else
                   f"add the organisation '{record.id}' to the workspace {named}, or remove 'defined_in' to keep it "
                   "in this workspace")
            problems.append(Finding(
                "error", f"{prefix}/{record.file}", part.line_of(record, "defined_in"), "ref.defined-in", record.id,
                f"'defined_in' says the organisation '{record.id}' is defined in the workspace {named}, but that "
                "workspace does not define it" + (f"; the workspace '{definers[0]}' does" if definers else ""), fix))
    return problems


def _is_copy(record: Record) -> bool:
    """Whether the entry is a workspace's copy of an organisation another workspace defines (``defined_in``)."""
    return getattr(record.entity, "defined_in", None) is not None


def _national_manifest(parts: Sequence[Workspace], names: list[str]) -> Manifest:
    """The settings of the whole: a name listing the parts, their language when they agree, the largest
    ``max_age``, the union of their scopes (none when a part has none: then the data decides), and the address of
    their accessibility statement when those that write one write the same."""
    languages = {p.manifest.language for p in parts}
    language = languages.pop() if len(languages) == 1 else "da"
    words = ui_words("report")
    scopes = [p.manifest.scope for p in parts]
    scope = None if any(s is None for s in scopes) else Scope(
        politikredse=sorted({a for s in scopes if s for a in s.politikredse}),
        kommuner=sorted({a for s in scopes if s for a in s.kommuner}))
    name = {lang: fill_counts(words[lang]["national_name"], count=len(parts), names=", ".join(names))
            for lang in ("da", "en")}
    statements = {p.manifest.accessibility_statement for p in parts} - {None}
    return Manifest(name=Text(**name), language=language, scope=scope, max_age=max(p.manifest.max_age for p in parts),
                    accessibility_statement=statements.pop() if len(statements) == 1 else None)


def _merged_vocabulary(parts: dict[str, Workspace]):
    """The built-in terms plus every part's own. A term that means one thing in one part and another in another
    is an error: one vocabulary serves the tables of the parts read as one, so a district's change of a built-in
    term (a forum type no longer expected, other partners required) would apply to the others' bodies unseen."""
    vocabulary = builtin_vocabulary()
    written = sorted({(section, term_id) for part in parts.values() if part.manifest.vocabulary is not None
                      for section, terms in part.manifest.vocabulary if terms for term_id in terms})
    for section, term_id in written:
        held = [(prefix, part, term) for prefix, part in parts.items()
                if (term := part.vocabulary.sections[section].get(term_id)) is not None]
        other = next((each for each in held[1:] if each[2] != held[0][2]), None)
        if other is not None:
            raise _differing_term(section, term_id, held[0][:2], other[:2])
    for part in parts.values():
        vocabulary = vocabulary.merged_with(part.manifest.vocabulary)
    return vocabulary


def _differing_term(section: str, term_id: str, first: tuple[str, Workspace],
                    second: tuple[str, Workspace]) -> UnreadableInputError:
    """The error of a term that two parts read differently: both define it, or one changes a built-in term."""
    writes = [term_id in _written_terms(part, section) for _, part in (first, second)]
    if all(writes):
        return UnreadableInputError(
            f"{_place(first, section, term_id)} and {_place(second, section, term_id)}: the workspaces "
            f"define the vocabulary term '{term_id}' of '{section}' differently, so they cannot be read as one",
            "give the term the same labels and facts in both orgmodel.yaml files, or a different id in one of them")
    changer, keeper = (first, second) if writes[0] else (second, first)
    return UnreadableInputError(
        f"{_place(changer, section, term_id)}: the workspace changes the built-in vocabulary term '{term_id}' "
        f"of '{section}', and {keeper[0]}/{keeper[1].manifest_file} keeps it as built in, so they cannot be read as "
        f"one: read as one, they share one vocabulary, and {keeper[0]}'s entries would be counted with "
        f"{changer[0]}'s change",
        f"write the same change in {keeper[0]}/{keeper[1].manifest_file}, or give the changed term an id of its own "
        f"in {changer[0]}/{changer[1].manifest_file} (and use that id in its entries)")


def _place(named: tuple[str, Workspace], section: str, term_id: str) -> str:
    return _term_place(named[1], named[0], section, term_id)


def _written_terms(part: Workspace, section: str) -> dict:
    extension = part.manifest.vocabulary
    return {} if extension is None else getattr(extension, section)


def _term_place(part: Workspace, prefix: str, section: str, term_id: str) -> str:
    line = part.manifest_lines.get(f"vocabulary.{section}.{term_id}") or part.manifest_lines.get("vocabulary", 1)
    return f"{prefix}/{part.manifest_file}:{line}"
