"""Which areas a workspace is about: its scope (from the manifest, else from its councils).

An area in the manifest's scope that is unknown, or listed under the wrong kind
(a kommune under ``politikredse``), and a scope that names no area, are problems: :func:`scope_problems` names
each one, the rule ``scope.unknown-area`` reports them, and the gap tables
refuse to answer for a scope they cannot read (:func:`require_valid_scope`).
"""

from dataclasses import dataclass

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.errors import UsageError
from orgmodel.model import AREAS, Manifest, Scope, kommuner_of, lookup_area, resolve_area
from orgmodel.workspace import Workspace

_KIND_OF_LIST = {"politikredse": "politikreds", "kommuner": "kommune"}


@dataclass(frozen=True)
class ScopeProblem:
    """An area of the scope that names no area of its list's kind: where it stands, what is wrong, the fix."""

    section: str
    """``politikredse`` or ``kommuner`` ("" for a scope that names no area)."""
    index: int
    written: str
    message: str
    fix: str


def scope_problems(manifest: Manifest) -> list[ScopeProblem]:
    """Every unknown or misplaced area in the manifest's scope, in the order written.

    >>> [p.message for p in scope_problems(Manifest(name="x", scope={"kommuner": ["kreds-fyn"]}))]
    ["the scope lists 'kreds-fyn' under 'kommuner', but it is the politikreds Fyn"]
    """
    if manifest.scope is None:
        return []
    if not manifest.scope.politikredse and not manifest.scope.kommuner:
        return [ScopeProblem("", 0, "", "the scope names no politikreds and no kommune, so no rule that looks at "
                             "each district or kommune (SSP, PSP, KSP, lokalråd, handleplan) has anything to check",
                             "list the districts under 'politikredse:' (or kommuner under 'kommuner:'), or remove "
                             "'scope:' to take them from the workspace's kredsråd and lokalråd")]
    problems = []
    for section, kind in _KIND_OF_LIST.items():
        for index, written in enumerate(getattr(manifest.scope, section)):
            found = lookup_area(written, kind)
            if found is None:
                problems.append(ScopeProblem(
                    section, index, written,
                    f"the scope lists '{written}' under '{section}', which is not a known {kind}."
                    f"{_suggestion(written, kind)}",
                    f"use the id, name or code of a {kind} from `orgmodel areas --kind {kind}`"))
            elif AREAS[found].kind != kind:
                area = AREAS[found]
                other = next(s for s, k in _KIND_OF_LIST.items() if k == area.kind)
                fix = f"move '{written}' under '{other}:'"
                if area.kind == "kommune":
                    fix += f", or name its politikreds '{area.kreds}' to take in every kommune of the district"
                problems.append(ScopeProblem(
                    section, index, written,
                    f"the scope lists '{written}' under '{section}', but it is the {area.kind} {area.name}", fix))
    return problems


def asked_areas(written: list[str] | None, kommuner: list[str]) -> list[str] | None:
    """The areas of ``--area``, each once however it is named (id, name or code); ``None`` when none is given.

    Refused (:class:`UsageError`) when one lies outside the scope's ``kommuner`` (a politikreds: when none of its
    kommuner is in it): the workspace does not model it, and each of its rows would read as a gap. An empty
    ``kommuner`` (no scope known) refuses nothing.

    >>> asked_areas(["silkeborg", "740", "Silkeborg", "kreds-midt-og-vestjylland"], ["silkeborg"])
    ['silkeborg', 'kreds-midt-og-vestjylland']
    """
    if not written:
        return None
    areas = list(dict.fromkeys(resolve_area(a) for a in written))
    known = set(kommuner)
    for area in areas if known else ():
        inside = area in known if AREAS[area].kind == "kommune" else bool(known & set(kommuner_of(area)))
        if not inside:
            raise UsageError(f"--area '{area}' ({AREAS[area].name}) is outside the workspace's scope, so the workspace "
                             "does not describe it, and every row of it would read as a gap\n  Fix: name a kommune or "
                             "politikreds of the scope (`orgmodel areas`), or add it to 'scope:' in orgmodel.yaml")
    return areas


def kommuner_asked(areas: list[str] | None, kommuner: list[str]) -> list[str] | None:
    """The kommuner of ``areas``: a kommune itself, a politikreds each of its kommuner in the scope's ``kommuner``
    (all of them when no scope is known); ``None`` when no area is asked.

    >>> kommuner_asked(["kreds-bornholm", "aarhus"], [])
    ['bornholm', 'aarhus']
    """
    if not areas:
        return None
    known = set(kommuner)
    found = [k for a in areas for k in ([a] if AREAS[a].kind == "kommune" else kommuner_of(a))
             if AREAS[a].kind == "kommune" or not known or k in known]
    return list(dict.fromkeys(found))


def serves_areas(area: str | None, wanted: set[str]) -> bool:
    """Whether a body or policy placed on ``area`` belongs to the answer for the ``wanted`` areas: placed on one of
    them, on a kommune of a wanted politikreds, or on the politikreds of a wanted kommune (it serves that kommune).

    >>> serves_areas("kreds-fyn", {"odense"}), serves_areas("odense", {"kreds-fyn"}), serves_areas("aarhus", {"odense"})
    (True, True, False)
    """
    if not wanted or area in wanted:
        return True
    if area not in AREAS:
        return False
    if AREAS[area].kind == "kommune":
        return AREAS[area].kreds in wanted
    return any(AREAS[w].kreds == area for w in wanted)


def _suggestion(written: str, kind: str) -> str:
    """``Did you mean 'kreds-fyn'?`` among the areas of ``kind`` only, named by their ids."""
    keys = {key: a.id for a in AREAS.values() if a.kind == kind
            for key in (a.id, a.name.casefold(), *(alias.casefold() for alias in a.aliases))}
    hint = suggest(str(written).casefold(), keys)
    return f" Did you mean '{keys[hint.split(chr(39))[1]]}'?" if hint else ""


def require_valid_scope(ws: Workspace) -> None:
    """Raise :class:`UsageError` naming the manifest's line when its scope lists an unknown or misplaced area.

    An answer for a scope that cannot be read would silently leave out every area it meant.
    """
    named = [(f"{name}/{part.manifest_file}", part) for name, part in ws.parts.items()] or [(ws.manifest_file, ws)]
    lines = [f"{file}:{_line(each, p.section)}: {p.message}\n  Fix: {p.fix}"
             for file, each in named for p in scope_problems(each.manifest)]
    if lines:
        raise UsageError("\n".join(lines))


def _line(ws: Workspace, section: str) -> int:
    return ws.manifest_lines.get(f"scope.{section}") or ws.manifest_lines.get("scope") or 1


def scope_kredse(G: g.Graph, manifest: Manifest) -> list[str]:
    """Politikredse in scope: the manifest's, else those where the workspace has a kredsråd."""
    if manifest.scope is not None:
        found = (lookup_area(a, "politikreds") for a in manifest.scope.politikredse)
        return sorted({a for a in found if a and AREAS[a].kind == "politikreds"})
    kredse = {g.kreds_of(G, g.area_of(G, c)) for c in g.nodes_of_kind(G, "council", "kredsraad")}
    return sorted(k for k in kredse if k is not None)


def scope_kommuner(G: g.Graph, manifest: Manifest) -> list[str]:
    """Kommuner in scope: those of the scoped kredse plus the manifest's (or those with a lokalråd)."""
    kommuner = {k for kreds in scope_kredse(G, manifest) for k in kommuner_of(kreds)}
    if manifest.scope is not None:
        listed = manifest.scope.kommuner
        kommuner.update(a for a in (lookup_area(k, "kommune") for k in listed) if a and AREAS[a].kind == "kommune")
    else:
        for council in g.nodes_of_kind(G, "council", "lokalraad"):
            area = g.area_of(G, council)
            if area in AREAS and AREAS[area].kind == "kommune":
                kommuner.add(area)
    return sorted(kommuner)


def workspace_kommuner(G: g.Graph, ws: Workspace) -> list[str]:
    """Kommuner in the scope of ``ws`` (:func:`scope_kommuner`); of several workspaces read as one, those in each
    one's own scope, or found from the data for one that writes none: the merged settings have no scope when one
    part has none, and the kommuner of the others' scopes would be left out.

    >>> from orgmodel.workspace import load_workspace
    >>> ws = load_workspace("examples/midt-og-vestjylland")
    >>> workspace_kommuner(g.build_graph(ws), ws) == scope_kommuner(g.build_graph(ws), ws.manifest)
    True
    """
    if not ws.parts:
        return scope_kommuner(G, ws.manifest)
    return sorted({k for part in ws.parts.values() for k in scope_kommuner(G, part.manifest)})


def entries_scope(ws: Workspace) -> Scope | None:
    """The scope the entries of ``ws`` give, read from its records without building its graph: the same
    politikredse and kommuner as :func:`scope_kredse` and :func:`scope_kommuner` find on ``build_graph(ws)`` for a
    manifest without a scope (the manifest's own scope is not read).

    A council's area is the one it writes: the graph inherits none through a council's references (chair,
    members, invited, secretariat, reports_to). ``None`` when only the graph can tell: a kredsråd's area whose
    id is also the id of an entry stands in the graph as that entry, not as the area.

    >>> from orgmodel.workspace import load_workspace
    >>> entries_scope(load_workspace("examples/midt-og-vestjylland")).politikredse
    ['kreds-midt-og-vestjylland']
    """
    kredse: set[str] = set()
    kommuner: set[str] = set()
    for record in ws.records.values():
        written = record.get("type") if record.kind == "council" else None
        type_ = ws.vocabulary.canonical("council_types", written) if written is not None else None
        if type_ not in ("kredsraad", "lokalraad"):
            continue
        area = g.written_area(ws, record)
        if area is None:
            continue
        if type_ == "kredsraad" and area in ws.records:
            return None
        if type_ == "kredsraad":
            kreds = area if AREAS[area].kind == "politikreds" else AREAS[area].kreds
            kredse.update((kreds,) if kreds else ())
        elif AREAS[area].kind == "kommune":
            kommuner.add(area)
    kommuner.update(k for kreds in kredse for k in kommuner_of(kreds))
    return Scope(politikredse=sorted(kredse), kommuner=sorted(kommuner))


def workspace_of_areas(G: g.Graph, ws: Workspace) -> dict[str, str]:
    """Of several workspaces read as one: the workspace each politikreds and kommune belongs to (the one whose
    scope names it, else the one that writes its kredsråd or lokalråd); empty for one workspace.

    >>> from orgmodel.workspace import load_workspace
    >>> ws = load_workspace("examples/midt-og-vestjylland")
    >>> workspace_of_areas(g.build_graph(ws), ws)
    {}
    """
    found: dict[str, str] = {}
    for name, part in ws.parts.items():
        if part.manifest.scope is not None:
            found.update((area, name) for area in scope_kredse(G, part.manifest) + scope_kommuner(G, part.manifest))
    for council in g.nodes_of_kind(G, "council") if ws.parts else ():
        owner, area = G.nodes[council].get("workspace"), g.area_of(G, council)
        if owner and area in AREAS:
            for each in (area, *(kommuner_of(area) if AREAS[area].kind == "politikreds" else ())):
                found.setdefault(each, owner)
    return found
