"""The coverage queries against Neo4j: Cypher selects the sources, the shared definition counts them.

Equal answers to :func:`orgmodel.queries.coverage.coverage` on the same workspace are a tested promise.
"""

import json

from orgmodel.errors import UsageError
from orgmodel.graph import CoverageSource
from orgmodel.model import AREAS, Manifest, kommuner_of, lookup_area
from orgmodel.queries import coverage as cov
from orgmodel.queries import scope_problems

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
TERMS = """
MATCH (t) WHERE t:PersonGroup OR t:CrimeType
RETURN CASE WHEN t:PersonGroup THEN 'groups' ELSE 'crimes' END AS section, substring(t.id, 6) AS term
ORDER BY term
"""
COUNCILS = "MATCH (c:Council) WHERE c.area IS NOT NULL RETURN c.type AS type, c.area AS area"
MANIFEST = "MATCH (m:OrgmodelWorkspace {id: 'workspace'}) RETURN m._manifest AS manifest"


def _span(text: str) -> tuple[int, int]:
    first, last = text.split("-")
    return int(first), int(last)


def _scope(manifest: Manifest, councils: list[dict]) -> list[str]:
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


def coverage(conn: Connection, dimension: str, by: str = "kommune", areas: list[str] | None = None):
    """Coverage rows read from Neo4j; the same rows :func:`orgmodel.queries.coverage.coverage` gives."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            sources = session.execute_read(lambda tx: [r.data() for r in tx.run(SOURCES)])
            terms_rows = session.execute_read(lambda tx: [r.data() for r in tx.run(TERMS)])
            councils = session.execute_read(lambda tx: [r.data() for r in tx.run(COUNCILS)])
            manifest_rows = session.execute_read(lambda tx: [r.data() for r in tx.run(MANIFEST)])
    manifest = Manifest.model_validate(json.loads(manifest_rows[0]["manifest"])) if manifest_rows else \
        Manifest(name="neo4j")
    problems = scope_problems(manifest)
    if problems:  # an answer for a scope that names nothing would silently leave out every area it meant
        raise UsageError("\n".join(f"the workspace in the database at {conn.uri}: {p.message}\n  Fix: {p.fix}, "
                                   "then push the workspace again" for p in problems))
    by_area: dict = {}
    for r in sources:
        source = CoverageSource(r["id"], not r["is_goal"], tuple(_span(a) for a in r["ages"]),
                                tuple(sorted(r["groups"])), tuple(sorted(r["crimes"])), r["structure"],
                                tuple(r["assumed"]))
        by_area.setdefault(r["area"], []).append(source)
    terms: dict[str, list[str]] = {"groups": [], "crimes": []}
    for r in terms_rows:
        terms[r["section"]].append(r["term"])
    return cov.coverage_of_sources(by_area, dimension, by, areas, _scope(manifest, councils), manifest.max_age,
                                   terms)
