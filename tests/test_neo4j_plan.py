"""The push plan is pure: golden-tested and checked without a server."""

from orgmodel.cli import cli
from orgmodel.graph import build_graph
from orgmodel.neo4j_plan import BATCH, desired_state, plan, rel_type
from orgmodel.workspace import load_workspace

from .districts import bornholm, find, write


def test_dry_run_plan_is_golden(make_ws, runner, golden):
    root = write(make_ws, bornholm())
    result = runner.invoke(cli, ["neo4j", "push", str(root), "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0
    golden("neo4j-plan.cypher", result.output)


def test_plan_against_the_same_state_is_empty(make_ws):
    ws = load_workspace(write(make_ws, bornholm()))
    G = build_graph(ws)
    nodes, rels = desired_state(G, ws)
    existing = {label: {i: p["_hash"] for i, p in by_id.items()} for label, by_id in nodes.items()}
    again = plan(G, ws, existing, rels)
    assert again.steps == []
    assert again.counts["nodes to write"] == 0


def test_plan_writes_only_what_changed_and_removes_what_is_gone(make_ws):
    data = bornholm()
    ws = load_workspace(write(make_ws, data))
    nodes, rels = desired_state(build_graph(ws), ws)
    existing = {label: {i: p["_hash"] for i, p in by_id.items()} for label, by_id in nodes.items()}
    find(data, "ssp")["name"] = "SSP Bornholm"
    data["goals"] = [g for g in data["goals"] if g["id"] != "h1"]
    ws2 = load_workspace(write(make_ws, data))
    changed = plan(build_graph(ws2), ws2, existing, rels)
    written = {row["id"] for step in changed.steps if step.what.startswith("write") for b in step.batches for row in b}
    assert written == {"ssp", "o1", "s1", "workspace"}  # renamed; two goals moved a line; the fingerprint
    assert changed.counts["nodes to remove"] == 1
    assert [s.what for s in changed.steps][:3] == ["remove DERIVES_FROM (Goal → Goal)", "remove OWNER (Goal → Forum)",
                                                   "remove Goal"]


def test_batches_and_parameters_only(make_ws):
    data = bornholm()
    data["roles"] += [{"id": f"r{n}", "title": "x'}) DETACH DELETE n //"} for n in range(BATCH + 5)]
    ws = load_workspace(write(make_ws, data))
    result = plan(build_graph(ws), ws)
    roles = next(s for s in result.steps if s.what == "write Role")
    assert [len(b) for b in roles.batches] == [BATCH, 9]
    assert all("DETACH DELETE n //" not in s.cypher for s in result.steps)
    assert result.constraints[0].startswith("CREATE CONSTRAINT orgmodel_area_id IF NOT EXISTS FOR (n:Area)")


def test_relationship_types_are_checked():
    assert rel_type("reports_to") == "REPORTS_TO"
    try:
        rel_type("member]->() DELETE x //")
    except ValueError:
        pass
    else:
        raise AssertionError("an unsafe relationship type was accepted")
