"""The push plan is pure: golden-tested and checked without a server."""

import pytest

from orgmodel.cli import cli
from orgmodel.errors import UsageError
from orgmodel.graph import build_graph
from orgmodel.neo4j.planner import (
    BATCH,
    META_LABEL,
    SHARED_LABELS,
    desired_state,
    plan,
    rel_type,
    state_fingerprint,
    workspace_id,
)
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
    # renamed; two goals and the plans (after the goals in the file) moved a line; the fingerprint
    assert written == {"ssp", "o1", "s1", "plan", "handleplan", "bornholm"}
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


def _fingerprint(make_ws, data, manifest=None, public=False, prefix=""):
    root = write(make_ws, data, manifest) if manifest else write(make_ws, data)
    if prefix:
        (root / "data.yaml").write_text(prefix + (root / "data.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ws = load_workspace(root)
    return state_fingerprint(build_graph(ws), ws, public)


def test_the_state_fingerprint_changes_with_anything_the_database_would_hold(make_ws):
    """An unchanged re-push compares only this fingerprint, so whatever changes a node, a property or a
    relationship must change it: a field, a seat, --public, the line of an entry, the manifest."""
    same = _fingerprint(make_ws, bornholm())
    assert _fingerprint(make_ws, bornholm()) == same
    renamed = bornholm()
    find(renamed, "ssp")["name"] = "SSP Bornholm og Christiansø"
    seat = bornholm()
    find(seat, "ssp")["members"].remove("bornholm-klub")
    changes = {"a field": _fingerprint(make_ws, renamed), "a seat": _fingerprint(make_ws, seat),
               "--public": _fingerprint(make_ws, bornholm(), public=True),
               "a line": _fingerprint(make_ws, bornholm(), prefix="# a comment moves every entry down\n"),
               "the manifest": _fingerprint(make_ws, bornholm(), manifest="name: Bornholm\n")}
    assert len(set(changes.values()) | {same}) == len(changes) + 1, changes


def test_the_workspace_node_holds_the_fingerprint(make_ws):
    ws = load_workspace(write(make_ws, bornholm()))
    G = build_graph(ws)
    meta = desired_state(G, ws)[0][META_LABEL]["bornholm"]
    assert meta["_state"] == meta["_hash"] == state_fingerprint(G, ws)
    assert meta["_ws"] == "bornholm"


def test_the_workspace_id_comes_from_the_manifest_or_the_one_politikreds(make_ws):
    assert workspace_id(load_workspace(write(make_ws, bornholm()))) == "bornholm"
    named = "name: Bornholm\nid: oestersoeen\nscope: {politikredse: [kreds-bornholm]}\n"
    assert workspace_id(load_workspace(write(make_ws, bornholm(), named))) == "oestersoeen"
    two = "name: Øst\nscope: {politikredse: [kreds-bornholm, kreds-sydsjaelland-og-lolland-falster]}\n"
    ws = load_workspace(write(make_ws, bornholm(), two))
    with pytest.raises(UsageError, match="has no id.*add a line such as 'id: my-district' to .*orgmodel.yaml"):
        workspace_id(ws)


def test_owned_nodes_name_their_workspace_and_shared_ones_none(make_ws):
    ws = load_workspace(write(make_ws, bornholm()))
    nodes, _ = desired_state(build_graph(ws), ws)
    for label, by_id in nodes.items():
        assert all(("_ws" in p) == (label not in SHARED_LABELS) for p in by_id.values()), label
    assert nodes["Forum"]["ssp"]["_ws"] == "bornholm"


def test_a_push_never_removes_shared_nodes_or_their_relationships(make_ws):
    """Areas and terms another workspace added stay when this workspace's push does not have them."""
    ws = load_workspace(write(make_ws, bornholm()))
    G = build_graph(ws)
    nodes, rels = desired_state(G, ws)
    existing = {label: {i: p["_hash"] for i, p in by_id.items()} for label, by_id in nodes.items()}
    existing["PersonGroup"]["group:someone-elses"] = "x"
    existing["Forum"]["gone"] = "x"
    extra = {("PARENT", "PersonGroup", "group:someone-elses", "PersonGroup", "group:unge", ()),
             ("MEMBER", "Forum", "gone", "Organisation", "bornholms-politi", ())}
    result = plan(G, ws, existing, rels | extra)
    assert [s.what for s in result.steps] == ["remove MEMBER (Forum → Organisation)", "remove Forum"]


def _dated(since):
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": since}]
    return data


def test_a_seats_dates_are_properties_of_its_relationship(make_ws):
    ws = load_workspace(write(make_ws, _dated("2025-01-01")))
    nodes, rels = desired_state(build_graph(ws), ws)
    assert ("MEMBER", "Council", "lokalraad", "Organisation", "bornholm-kommune",
            (("since", "2025-01-01"),)) in rels
    assert ("CHAIR", "Council", "lokalraad", "Role", "politikommissaer", ()) in rels
    step = next(s for s in plan(build_graph(ws), ws).steps if s.what == "add MEMBER (Council → Organisation)")
    assert step.cypher.endswith("MERGE (a)-[r:MEMBER]->(b) SET r = row.props")
    assert {"a": "lokalraad", "b": "bornholm-kommune", "props": {"since": "2025-01-01"}} in step.batches[0]
    undated = next(s for s in plan(build_graph(ws), ws).steps if s.what == "add MEMBER (Forum → Organisation)")
    assert undated.cypher.endswith("MERGE (a)-[:MEMBER]->(b)") and "props" not in undated.batches[0][0]
    existing = {label: {i: p["_hash"] for i, p in by_id.items()} for label, by_id in nodes.items()}
    ws2 = load_workspace(write(make_ws, _dated("2025-06-01")))
    changed = plan(build_graph(ws2), ws2, existing, rels)
    rel_steps = [(s.what, [row for b in s.batches for row in b]) for s in changed.steps if "MEMBER" in s.what]
    assert rel_steps == [
        ("remove MEMBER (Council → Organisation)", [{"a": "lokalraad", "b": "bornholm-kommune",
                                                     "props": {"since": "2025-01-01"}}]),
        ("add MEMBER (Council → Organisation)", [{"a": "lokalraad", "b": "bornholm-kommune",
                                                  "props": {"since": "2025-06-01"}}])]


def test_a_schema_rule_another_push_made_at_the_same_moment_counts_as_made():
    """Neo4j 5.26 may refuse ``CREATE … IF NOT EXISTS`` of a rule another push created at the same moment
    (EquivalentSchemaRuleAlreadyExists): the rule exists, as asked. Any other refusal still stops the push."""
    from neo4j import exceptions as ex

    from orgmodel.neo4j.sync import _create_schema_rule

    class Session:
        def __init__(self, code):
            self.code, self.runs = code, 0

        def execute_write(self, work):
            self.runs += 1
            raise ex.Neo4jError._hydrate_neo4j(code=self.code, message="refused")

    _create_schema_rule(Session("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"), "CREATE INDEX …")
    with pytest.raises(ex.ClientError):
        _create_schema_rule(Session("Neo.ClientError.Schema.ConstraintValidationFailed"), "CREATE CONSTRAINT …")


@pytest.mark.parametrize("listed, created", [
    ("all", []),
    ("all but one", ["CREATE INDEX orgmodel_role_ws IF NOT EXISTS FOR (n:Role) ON (n._ws)"]),
    ("none", "all"),
    ("refused", "all"),
    ("an index of a constraint's name", ["CREATE CONSTRAINT orgmodel_area_id IF NOT EXISTS FOR (n:Area) REQUIRE "
                                         "n.id IS UNIQUE"]),
])
def test_a_push_creates_only_the_schema_rules_the_database_lacks(listed, created):
    """The push asks which constraints and indexes exist (two SHOW queries) and creates the others ``IF NOT
    EXISTS``; a rule counts by its name in its own kind. When the database will not list them, each is created."""
    from neo4j import exceptions as ex

    from orgmodel.neo4j.planner import constraints, schema_rules
    from orgmodel.neo4j.sync import _ensure_schema

    rules = schema_rules()
    names = {kind: [name for k, name, _ in rules if k == kind] for kind in ("CONSTRAINT", "INDEX")}
    if listed == "all but one":
        names["INDEX"].remove("orgmodel_role_ws")
    elif listed == "none":
        names = {"CONSTRAINT": [], "INDEX": []}
    elif listed == "an index of a constraint's name":
        names["CONSTRAINT"].remove("orgmodel_area_id")
        names["INDEX"].append("orgmodel_area_id")

    class Tx:
        def __init__(self, session):
            self.session = session

        def run(self, statement):
            self.session.created.append(statement)
            return self

        def consume(self):
            pass

    class Session:
        def __init__(self):
            self.created: list = []

        def run(self, query):
            if listed == "refused":
                raise ex.Neo4jError._hydrate_neo4j(code="Neo.ClientError.Security.Forbidden", message="no")
            return [{"name": name} for name in names["INDEX" if "INDEXES" in query else "CONSTRAINT"]]

        def execute_write(self, work):
            return work(Tx(self))

    session = Session()
    _ensure_schema(session)
    assert session.created == (constraints() if created == "all" else created)
    assert constraints() == [statement for _, _, statement in rules]


def test_a_node_gone_from_a_label_is_deleted_unless_it_is_the_same_node_wanted_under_another(make_ws):
    """Only a node listed under the label it is wanted under too (a label added by hand) loses the label alone: an
    entry gone whose id an area or another kind of entry has was kept as a node without labels."""
    ws = load_workspace(write(make_ws, bornholm()))
    G = build_graph(ws)
    nodes, rels = desired_state(G, ws)
    existing = {label: {i: p["_hash"] for i, p in by_id.items()} for label, by_id in nodes.items()}
    steps = {s.what: [row["id"] for b in s.batches for row in b] for s in plan(G, ws, {
        **existing, "Organisation": {**existing["Organisation"], "bornholm": "old"},  # an area's id
        "Council": {**existing["Council"], "ssp": "hand"},  # the Forum 'ssp', given the label Council by hand
        "Goal": {**existing["Goal"], "psp-bornholm": "old"},  # a goal that became a forum (written anew as one)
        "Forum": {i: h for i, h in existing["Forum"].items() if i != "psp-bornholm"}}, rels).steps}
    assert steps["remove Organisation"] == ["bornholm"] and steps["remove Goal"] == ["psp-bornholm"]
    assert steps["remove the label Council"] == ["ssp"] and "remove Council" not in steps
