"""Against a real Neo4j server: `make test` starts one and sets NEO4J_URI; with CI set, none is a failure."""

import json
import os

import pytest
import yaml

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.errors import OrgmodelError, UsageError
from orgmodel.graph import build_graph
from orgmodel.neo4j import Connection, push, query
from orgmodel.neo4j import coverage as neo4j_coverage
from orgmodel.queries import scope_kommuner
from orgmodel.queries.coverage import coverage
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE, TODAY
from .districts import bornholm, find, write

URI = os.environ.get("NEO4J_URI")
if not URI and os.environ.get("CI"):
    raise RuntimeError("CI is set but NEO4J_URI is not: the Neo4j test server did not start")
pytestmark = pytest.mark.skipif(not URI, reason="no Neo4j server (make test starts one)")


@pytest.fixture
def conn():
    connection = Connection(URI, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                            os.environ.get("NEO4J_DATABASE"))
    query(connection, "MATCH (n) DETACH DELETE n", write=True)
    return connection


def counts(conn):
    """Nodes and relationships of the model (the lock node that serialises pushes is not counted)."""
    _, rows = query(conn, "MATCH (n) WHERE NOT n:OrgmodelLock WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() "
                          "RETURN nodes, count(r)")
    return tuple(rows[0])


def push_ws(conn, root):
    ws = load_workspace(root)
    return push(conn, ws, build_graph(ws))


def test_push_is_idempotent(conn):
    first = push_ws(conn, EXAMPLE)
    assert first.counts["nodes to write"] == first.counts["nodes"] == 281  # the late action (issue 16), 3 policies
    before = counts(conn)
    assert before == (281, 488)
    again = push_ws(conn, EXAMPLE)
    assert again.counts == {**first.counts, "nodes to write": 0, "relationships to add": 0}
    assert again.steps == []
    assert counts(conn) == before


def test_a_push_with_other_options_is_compared_again(conn):
    """--public changes what is stored: the fingerprint differs, so the push compares and writes."""
    ws = load_workspace(EXAMPLE)
    push(conn, ws, build_graph(ws))
    public = push(conn, ws, build_graph(ws), public=True)
    assert public.steps and public.counts["nodes to write"] >= 1
    assert push(conn, ws, build_graph(ws), public=True).steps == []


def test_full_push_repairs_changes_made_by_hand(conn):
    push_ws(conn, EXAMPLE)
    query(conn, "MATCH (f:Forum {id: 'psp-silkeborg'}) DETACH DELETE f", write=True)
    ws = load_workspace(EXAMPLE)
    assert push(conn, ws, build_graph(ws)).counts["nodes to write"] == 0
    repaired = push(conn, ws, build_graph(ws), full=True)
    assert repaired.counts["nodes to write"] == 1
    assert counts(conn) == (281, 488)
    query(conn, "MATCH (f:Forum {id: 'ssp-silkeborg'}) SET f.label = 'HAND EDIT', f.area = 'koebenhavn'",
          write=True)
    query(conn, "MATCH (f:Forum {id: 'ssp-silkeborg'})-[:UNDER]->(c) CREATE (f)-[:UNDER]->(c)", write=True)
    assert push(conn, ws, build_graph(ws), full=True).counts["nodes to write"] == 1
    assert counts(conn) == (281, 488)
    assert query(conn, "MATCH (f:Forum {id: 'ssp-silkeborg'}) RETURN f.area, f.label")[1] == [
        ["silkeborg", "SSP Silkeborg"]]
    # the workspace node's manifest (read by pull and neo4j gaps) and a shared area the workspace uses too
    query(conn, "MATCH (m:OrgmodelWorkspace) SET m._manifest = '{\"name\": \"HAND EDIT\"}'", write=True)
    query(conn, "MATCH (a:Area {id: 'silkeborg'}) SET a.label = 'HAND EDIT'", write=True)
    assert push(conn, ws, build_graph(ws), full=True).counts["nodes to write"] == 2
    assert query(conn, "MATCH (m:OrgmodelWorkspace) RETURN m._manifest CONTAINS 'HAND EDIT'")[1] == [[False]]
    assert query(conn, "MATCH (a:Area {id: 'silkeborg'}) RETURN a.label")[1] == [["Silkeborg"]]


def test_full_push_takes_a_label_added_by_hand_off_and_keeps_the_node(conn):
    """The node, listed under both labels, was deleted as one no longer wanted under the other, and reported as
    a repair."""
    push_ws(conn, EXAMPLE)
    query(conn, "MATCH (f:Forum {id: 'ssp-silkeborg'}) SET f:Council", write=True)
    ws = load_workspace(EXAMPLE)
    push(conn, ws, build_graph(ws), full=True)
    assert query(conn, "MATCH (n {id: 'ssp-silkeborg'}) RETURN labels(n)")[1] == [[["Forum"]]]
    assert counts(conn) == (281, 488)


def test_removed_entities_and_relations_go(conn, make_ws):
    data = bornholm()
    push_ws(conn, write(make_ws, data))
    data["forums"] = [f for f in data["forums"] if f["id"] != "ssp"]
    data["goals"] = [g for g in data["goals"] if g["id"] != "h1"]
    find(data, "lokalraad")["members"] = []
    result = push_ws(conn, write(make_ws, data))
    assert result.counts["nodes to remove"] == 2
    _, rows = query(conn, "MATCH (n:Forum) RETURN n.id ORDER BY n.id")
    assert rows == [["ksp-bornholm"], ["psp-bornholm"], ["sekretariat"], ["ukn-bornholm"]]
    _, rows = query(conn, "MATCH (:Council {id: 'lokalraad'})-[r:MEMBER]->() RETURN count(r)")
    assert rows == [[0]]


def test_a_seats_dates_travel_on_the_member_relationship(conn, make_ws):
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": "2025-01-01"}]
    push_ws(conn, write(make_ws, data))
    rel = "MATCH (:Council {id: 'lokalraad'})-[r:MEMBER]->(:Organisation {id: 'bornholm-kommune'}) RETURN r.since"
    assert query(conn, rel)[1] == [["2025-01-01"]]
    find(data, "lokalraad")["members"][0]["since"] = "2025-06-01"
    result = push_ws(conn, write(make_ws, data))
    assert (result.counts["relationships to add"], result.counts["relationships to remove"]) == (1, 1)
    assert query(conn, rel)[1] == [["2025-06-01"]]
    assert push_ws(conn, write(make_ws, data)).steps == []


def test_a_failed_push_leaves_the_previous_state(conn, make_ws, monkeypatch):
    push_ws(conn, EXAMPLE)
    before = query(conn, "MATCH (n) RETURN n.id, n._hash ORDER BY n.id")
    from orgmodel.neo4j import planner as neo4j_plan

    real_plan = neo4j_plan.plan

    def broken_plan(*args, **kwargs):
        result = real_plan(*args, **kwargs)
        if result.steps:
            result.steps[-1].cypher = "UNWIND $rows AS row CALL { WITH row RETURN 1/0 AS boom } RETURN boom"
        return result

    data = bornholm()
    monkeypatch.setattr("orgmodel.neo4j.sync.plan", broken_plan)
    with pytest.raises(OrgmodelError, match="Neo4j refused the request"):
        push_ws(conn, write(make_ws, data))
    assert query(conn, "MATCH (n) RETURN n.id, n._hash ORDER BY n.id") == before


def test_injection_stays_data(conn, make_ws):
    data = bornholm()
    nasty = "x'}) DETACH DELETE n WITH 1 AS x MATCH (m) DETACH DELETE m //` \\u0027 {a: $rows}"
    find(data, "ssp")["name"] = nasty
    find(data, "ssp")["tags"] = ["`; DROP", "$x"]
    push_ws(conn, write(make_ws, data))
    _, rows = query(conn, "MATCH (f:Forum {id: 'ssp'}) RETURN f.label")
    assert rows == [[nasty]]
    assert counts(conn)[0] > 100


def test_round_trip(conn, tmp_path, runner):
    push_ws(conn, EXAMPLE)
    out = tmp_path / "pulled"
    env = {"NEO4J_URI": URI, "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
           "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    result = runner.invoke(cli, ["neo4j", "pull", "-o", str(out)], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    original, pulled = load_workspace(EXAMPLE), load_workspace(out)
    G1, G2 = build_graph(original), build_graph(pulled)
    assert sorted(G1.nodes) == sorted(G2.nodes)
    assert sorted(G1.edges(keys=True)) == sorted(G2.edges(keys=True))
    assert sorted((f.rule, f.entity, f.message) for f in check(original, TODAY).findings) == \
        sorted((f.rule, f.entity, f.message) for f in check(pulled, TODAY).findings)
    manifest = yaml.safe_load((out / "orgmodel.yaml").read_text())
    assert manifest["scope"] == {"politikredse": ["kreds-midt-og-vestjylland"]}


@pytest.mark.parametrize("dimension", ["ages", "groups", "crimes"])
@pytest.mark.parametrize("by", ["kommune", "kreds", "scope"])
def test_cypher_coverage_equals_networkx(conn, dimension, by):
    push_ws(conn, EXAMPLE)
    ws = load_workspace(EXAMPLE)
    G = build_graph(ws)
    assert neo4j_coverage(conn, dimension, by) == coverage(G, dimension, by, None, scope_kommuner(G, ws.manifest))


def test_cypher_coverage_equals_networkx_on_generated_workspaces(conn, make_ws):
    import random

    rng = random.Random(5)
    for n in range(3):
        data = bornholm()
        for k in range(6):
            data["forums"].append({"id": f"f{n}-{k}", "type": rng.choice(["ssp", "psp", "andet", "lokalgruppe"]),
                                   "under": rng.choice(["lokalraad", "ssp", "kredsraad"]),
                                   "members": ["bornholms-politi"],
                                   "covers": {"ages": [f"{a}-{a + rng.randint(0, 30)}" for a in
                                                       rng.sample(range(0, 70), rng.randint(0, 2))],
                                              "groups": rng.sample(["boern", "unge", "aeldre", "ofre"], 2),
                                              "crimes": rng.sample(["vold", "indbrud", "tyveri"], 1)}})
        root = write(make_ws, data)
        push_ws(conn, root)
        ws = load_workspace(root)
        G = build_graph(ws)
        for dimension in ("ages", "groups", "crimes"):
            assert neo4j_coverage(conn, dimension) == coverage(G, dimension, "kommune", None,
                                                               scope_kommuner(G, ws.manifest))


def test_query_is_read_only_by_default(conn, runner):
    env = {"NEO4J_URI": URI, "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    result = runner.invoke(cli, ["neo4j", "query", "CREATE (n:Forum {id: 'x'})"], env=env, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.startswith("Error: Neo4j refused the request:")
    push_ws(conn, EXAMPLE)
    result = runner.invoke(cli, ["neo4j", "query", "MATCH (c:Council {type: 'kredsraad'}) RETURN c.id AS id",
                                 "--format", "csv"], env=env, catch_exceptions=False)
    assert result.output == "id\nkredsraad-mvj\n"


def test_query_gives_nodes_relationships_paths_and_dates_as_plain_values(conn, runner):
    env = {"NEO4J_URI": URI, "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    push_ws(conn, EXAMPLE)
    cypher = ("MATCH p = (l:Council {id: 'lokalraad-silkeborg'})-[r:REPORTS_TO]->(k:Council) "
              "RETURN k, r, p, date('2026-03-01') AS day ORDER BY k.id")
    result = runner.invoke(cli, ["neo4j", "query", cypher, "--format", "json"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["k"]["labels"] == ["Council"] and row["k"]["properties"]["id"] == "kredsraad-mvj"
    assert (row["r"]["type"], row["r"]["start"], row["r"]["end"]) == ("REPORTS_TO", "lokalraad-silkeborg",
                                                                      "kredsraad-mvj")
    assert [n["properties"]["id"] for n in row["p"]["nodes"]] == ["lokalraad-silkeborg", "kredsraad-mvj"]
    assert row["day"] == "2026-03-01"
    extra = runner.invoke(cli, ["neo4j", "query", "RETURN duration('P1M2DT3H') AS d, point({latitude: 55.6, "
                                "longitude: 12.5}) AS p", "--format", "json"], env=env, catch_exceptions=False)
    [values] = json.loads(extra.stdout)  # a duration and a point are tuples to the driver: they were bare numbers
    assert (values["d"], values["p"]) == ("P1M2DT3H", "WGS84Point(12.5, 55.6)")
    for fmt in ("csv", "table"):
        shown = runner.invoke(cli, ["neo4j", "query", cypher, "--format", fmt], env=env, catch_exceptions=False)
        assert shown.exit_code == 0 and "kredsraad-mvj" in shown.stdout and "<Node" not in shown.stdout


def test_bad_credentials_and_unreachable_server(runner):
    result = runner.invoke(cli, ["neo4j", "query", "RETURN 1", "--uri", URI, "--password", "wrong-password"],
                           catch_exceptions=False)
    if os.environ.get("NEO4J_PASSWORD"):
        assert result.exit_code == 1 and "refused the user name or password" in result.output
        assert "wrong-password" not in result.output
    result = runner.invoke(cli, ["neo4j", "query", "RETURN 1", "--uri", "bolt://127.0.0.1:1"],
                           catch_exceptions=False)
    assert result.exit_code == 1 and result.output.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:1")


def test_missing_database(runner):
    env = {"NEO4J_URI": URI, "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    result = runner.invoke(cli, ["neo4j", "query", "RETURN 1", "--database", "nosuchdb"], env=env,
                           catch_exceptions=False)
    assert result.exit_code == 1
    assert "the database 'nosuchdb' does not exist" in result.output


def test_cli_push_and_gaps_match_the_workspace(conn, runner):
    env = {"NEO4J_URI": URI, "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
           "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    pushed = runner.invoke(cli, ["neo4j", "push", str(EXAMPLE)], env=env, catch_exceptions=False)
    assert pushed.exit_code == 0
    assert pushed.output.startswith("nodes: 281, relationships: 488, nodes to write: 281")
    assert os.environ.get("NEO4J_PASSWORD", "\x00") not in pushed.output
    for dimension in ("ages", "groups"):
        from_db = runner.invoke(cli, ["neo4j", "gaps", dimension, "--format", "csv"], env=env, catch_exceptions=False)
        local = runner.invoke(cli, ["gaps", dimension, str(EXAMPLE), "--format", "csv"], catch_exceptions=False)
        assert from_db.output == local.output


def test_cypher_coverage_equals_networkx_with_assumed_coverage(conn, make_ws):
    """Bodies without covers (or without ages or groups) cover their type's defaults, the workspace's first."""
    data = bornholm()
    data["forums"] += [{"id": "ssp-plus", "type": "ssp-plus", "under": "lokalraad", "members": ["bornholms-politi"]},
                       {"id": "ksp-2", "type": "ksp", "under": "lokalraad", "members": ["bornholms-politi"],
                        "covers": {"groups": ["loesladte", "radikaliserede"]}},
                       {"id": "psp-2", "type": "psp", "under": "lokalraad", "members": ["bornholms-politi"],
                        "covers": {"ages": "30+", "crimes": ["vold"]}}]
    del find(data, "ssp")["covers"]
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n"
                "coverage_defaults:\n  ssp: {ages: 0-18, groups: [boern, unge, familier]}\n  ksp: {ages: []}\n")
    root = write(make_ws, data, manifest)
    push_ws(conn, root)
    ws = load_workspace(root)
    G = build_graph(ws)
    for dimension in ("ages", "groups", "crimes"):
        expected = coverage(G, dimension, "kommune", None, scope_kommuner(G, ws.manifest))
        assert neo4j_coverage(conn, dimension) == expected
        if dimension != "crimes":
            assert any(row.assumed for row in expected)


def test_gaps_from_the_database_refuse_a_scope_that_names_nothing(conn, make_ws):
    """A misspelt politikreds in the pushed manifest is an error naming it, not an answer for no kommune."""
    root = write(make_ws, bornholm(), "name: Bornholm\nid: bornholm\nscope: {politikredse: [kreds-bornhlm]}\n")
    push_ws(conn, root)
    with pytest.raises(UsageError, match="kreds-bornhlm.*Did you mean 'kreds-bornholm'"):
        neo4j_coverage(conn, "ages")


def _leaves(plan) -> list[str]:
    children = plan.get("children", [])
    return [leaf for child in children for leaf in _leaves(child)] if children else [plan["operatorType"]]


def test_the_pushes_lookups_by_id_seek_the_index_even_in_an_empty_database(conn):
    """The checks of a push that look ids up (claimed by another workspace, owners of copies, nodes others use)
    name the index to seek each id in (``USING INDEX SEEK``): valid Cypher, and the index exists once the push has
    made its schema, even in an empty database. Without the hint, Neo4j 5.26 at times planned one of them as a
    scan of the whole index per id while 12 districts were pushed one after another into an empty database
    (1-11 s more in two or three of the pushes, bench/NOTES.md); that sequence is measured there, not here."""
    from neo4j import GraphDatabase

    from orgmodel.neo4j.planner import CLAIMED, OWNED_LABELS, OWNERS, USED
    from orgmodel.neo4j.sync import _ensure_schema

    queries = [CLAIMED.format(label=label) for label in OWNED_LABELS] + [OWNERS] + \
        [USED.format(label=label) for label in OWNED_LABELS]
    auth = (conn.user, conn.password) if conn.password else None
    with GraphDatabase.driver(conn.uri, auth=auth) as driver, driver.session(database=conn.database) as session:
        _ensure_schema(session)
        assert session.run("MATCH (n) RETURN count(n) AS n").single()["n"] == 0
        for cypher in queries:
            plan = session.run("CYPHER replan=force EXPLAIN " + cypher, ids=["a", "b"], ws="w").consume().plan
            assert [leaf for leaf in _leaves(plan) if leaf != "Unwind@neo4j"] == ["NodeUniqueIndexSeek@neo4j"], cypher
