"""The coverage queries against Neo4j: Cypher selects the sources, the shared definition counts them.

Equal answers to :func:`orgmodel.queries.coverage.coverage` on the same workspace are a tested promise.
"""

import json

from orgmodel.errors import UsageError
from orgmodel.graph import CoverageSource
from orgmodel.model import AREAS, Manifest, builtin_vocabulary, kommuner_of, lookup_area
from orgmodel.queries import Table, asked_areas, kommuner_asked, scope_problems
from orgmodel.queries import coverage as cov
from orgmodel.queries import partners as prt

from .sync import Connection, connect

SOURCES = """
MATCH (n) WHERE (n:Council OR n:Forum OR n:Goal) AND n.area IS NOT NULL
  AND (size(n.cov_ages) > 0 OR n.has_covers OR size(coalesce(n.cov_assumed_groups, [])) > 0)
OPTIONAL MATCH (n)-[:COVERS]->(t)
WITH n, collect(t) AS terms
RETURN n.id AS id, n:Goal AS is_goal, n.area AS area, n.cov_ages AS ages, n.structure AS structure,
       [x IN terms WHERE x:PersonGroup | substring(x.id, 6)] + coalesce(n.cov_assumed_groups, []) AS groups,
       [x IN terms WHERE x:CrimeType | substring(x.id, 6)] AS crimes,
       coalesce(n.cov_assumed, []) AS assumed
ORDER BY id
"""
FORUMS = "MATCH (f:Forum) RETURN f.id AS id, f.area AS area, f.type AS type, f._ws AS ws ORDER BY id"
COUNCILS = "MATCH (c:Council) WHERE c.area IS NOT NULL RETURN c.type AS type, c.area AS area, c._ws AS ws"
MANIFESTS = "MATCH (m:OrgmodelWorkspace) RETURN m.id AS id, m._manifest AS manifest ORDER BY id"


NO_WORKSPACE = "neo4j"
"""The workspace a database without workspace nodes is read as: all its councils are its own."""


def _span(text: str) -> tuple[int, int]:
    first, last = text.split("-")
    return int(first), int(last)


def _scope(manifest: Manifest, councils: list[dict], ws_id: str) -> list[str]:
    """The kommuner of one workspace's scope; without one, those of its own kredsråd and lokalråd (another
    workspace's councils are of that one's scope)."""
    if ws_id != NO_WORKSPACE:
        councils = [c for c in councils if c["ws"] == ws_id]
    if manifest.scope is not None:
        kredse = [a for a in (lookup_area(x, "politikreds") for x in manifest.scope.politikredse)
                  if a and AREAS[a].kind == "politikreds"]
        kommuner = {k for kreds in kredse for k in kommuner_of(kreds)}
        kommuner.update(a for a in (lookup_area(x, "kommune") for x in manifest.scope.kommuner)
                        if a and AREAS[a].kind == "kommune")
        return sorted(kommuner)
    kredsraad_areas = {c["area"] for c in councils if c["type"] == "kredsraad"}
    kommuner = {k for kreds in kredsraad_areas for k in kommuner_of(kreds)}
    kommuner.update(c["area"] for c in councils if c["type"] == "lokalraad" and c["area"] in AREAS)
    return sorted(kommuner)


def _manifests(conn: Connection, rows: list[dict]) -> dict[str, Manifest]:
    """The manifest of every workspace in the database (one named ``neo4j`` when there is none), checked."""
    manifests = {r["id"]: Manifest.model_validate(json.loads(r["manifest"])) for r in rows} or \
        {NO_WORKSPACE: Manifest(name=NO_WORKSPACE)}
    problems = [(ws_id, p) for ws_id, m in manifests.items() for p in scope_problems(m)]
    if problems:  # an answer for a scope that names nothing would silently leave out every area it meant
        raise UsageError("\n".join(f"the workspace '{ws_id}' in the database at {conn.uri}: {p.message}\n  Fix: "
                                   f"{p.fix}, then push the workspace again" for ws_id, p in problems))
    return manifests


def _one_max_age(conn: Connection, manifests: dict[str, Manifest]) -> int:
    """The ``max_age`` all workspaces share; one table has one age range, and a silent choice would
    misreport the others' gaps."""
    if len({m.max_age for m in manifests.values()}) > 1:
        listed = ", ".join(f"'{i}' {m.max_age}" for i, m in sorted(manifests.items()))
        raise UsageError(f"the workspaces in the database at {conn.uri} count ages up to different limits "
                         f"(max_age: {listed}), so one table of age gaps cannot answer for all of them. Fix: "
                         "give them the same max_age in orgmodel.yaml and push again")
    return next(iter(manifests.values())).max_age


def coverage(conn: Connection, dimension: str, by: str = "kommune", areas: list[str] | None = None):
    """Coverage rows read from Neo4j, for every workspace in the database at once: the scope is all their
    scopes together, and ``areas`` (as written with ``--area``) must lie in it. For one workspace, the same
    rows :func:`orgmodel.queries.coverage.coverage` gives."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            sources = session.execute_read(lambda tx: [r.data() for r in tx.run(SOURCES)])
            councils = session.execute_read(lambda tx: [r.data() for r in tx.run(COUNCILS)])
            manifest_rows = session.execute_read(lambda tx: [r.data() for r in tx.run(MANIFESTS)])
    manifests = _manifests(conn, manifest_rows)
    by_area: dict = {}
    for r in sources:
        source = CoverageSource(r["id"], not r["is_goal"], tuple(_span(a) for a in r["ages"]),
                                tuple(sorted(r["groups"])), tuple(sorted(r["crimes"])), r["structure"],
                                tuple(r["assumed"]))
        by_area.setdefault(r["area"], []).append(source)
    # the terms the workspaces' vocabularies hold (a term node stays when no workspace has the term any more)
    own = {ws_id: _current_terms(builtin_vocabulary().merged_with(m.vocabulary)) for ws_id, m in manifests.items()}
    terms = {section: sorted({t for found in own.values() for t in found[section]}) for section in ("groups", "crimes")}
    scopes = {ws_id: _scope(m, councils, ws_id) for ws_id, m in manifests.items()}
    scope = sorted({k for kommuner in scopes.values() for k in kommuner})
    areas = asked_areas(areas, scope)
    max_age = _one_max_age(conn, manifests) if dimension == "ages" else next(iter(manifests.values())).max_age
    rows = cov.coverage_of_sources(by_area, dimension, by, areas, scope, max_age, terms)
    if dimension == "ages":
        return rows
    # a kommune's rows are the terms of its own workspace, as `orgmodel gaps` gives them there
    holders = {k: [own[ws_id][dimension] for ws_id, kommuner in scopes.items() if k in kommuner] for k in scope}
    return [r for r in rows if r.kommuner is not None or not holders.get(r.area)
            or any(r.item in found for found in holders[r.area])]


def _current_terms(vocabulary) -> dict[str, set[str]]:
    """The person groups and crime types of a vocabulary but its aliases."""
    return {section: {t for t, term in vocabulary[section].items() if term.alias_of is None}
            for section in ("groups", "crimes")}


def vocabulary(conn: Connection):
    """The vocabulary the workspaces in the database write, together: the labels of ``neo4j gaps``' tables."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            manifest_rows = session.execute_read(lambda tx: [r.data() for r in tx.run(MANIFESTS)])
    merged = builtin_vocabulary()
    for manifest in _manifests(conn, manifest_rows).values():
        merged = merged.merged_with(manifest.vocabulary)
    return merged


def forum_types(conn: Connection, areas: list[str] | None = None) -> Table:
    """Which expected forum types (SSP, SSP+, PSP, KSP) each kommune of every workspace in the database has:
    the table of ``orgmodel gaps partners --by kommune``, for all partitions at once."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            found = session.execute_read(lambda tx: [r.data() for r in tx.run(FORUMS)])
            councils = session.execute_read(lambda tx: [r.data() for r in tx.run(COUNCILS)])
            manifest_rows = session.execute_read(lambda tx: [r.data() for r in tx.run(MANIFESTS)])
    manifests = _manifests(conn, manifest_rows)
    scopes = {ws_id: _scope(m, councils, ws_id) for ws_id, m in manifests.items()}
    scope = sorted({k for kommuner in scopes.values() for k in kommuner})
    kommuner = kommuner_asked(asked_areas(areas, scope), scope) or scope
    vocabularies = {ws_id: builtin_vocabulary().merged_with(m.vocabulary) for ws_id, m in manifests.items()}
    expected = sorted({t for v in vocabularies.values() for t in prt.expected_types(v)})
    # as `orgmodel gaps` counts them: a forum of a type below an expected one is of that type; a kommune's expected
    # types are its own workspace's
    forums = [(f["id"], f["area"], prt.expected_kind(vocabularies.get(f["ws"]), f["type"], expected)) for f in found]
    own = {k: prt.expected_types(vocabularies[ws_id]) for ws_id, ks in scopes.items() for k in ks}
    rows = prt.forum_types_of(forums, expected, kommuner, own)
    return Table(["area", "forum_type", "status", "bodies"], [[r.area, r.type, r.status, list(r.bodies)] for r in rows])
