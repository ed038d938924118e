"""Kommune policies (``policies:``) that goals serve (``serves:``): checks, gaps, report, exports, workbook."""

import datetime as dt
import json
import shutil

import pytest

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.diff.compare import compare
from orgmodel.export import export
from orgmodel.graph import build_graph, sources
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE, TODAY
from .districts import bornholm, find, write
from .test_spreadsheet import Book, _export, run

POLICY = {"id": "boernepolitik-bornholm", "type": "boernepolitik", "name": "Børne- og ungepolitik",
          "area": "bornholm"}
UNSERVED = {"id": "sundhedspolitik-bornholm", "type": "sundhedspolitik", "name": "Sundhedspolitik",
            "area": "bornholm"}


def with_policies(serves=("boernepolitik-bornholm",)):
    data = bornholm()
    data["policies"] = [dict(POLICY), dict(UNSERVED)]
    find(data, "o1")["serves"] = list(serves)
    return data


def findings(make_ws, data):
    result = check(load_workspace(write(make_ws, data)), TODAY)
    return [(f.rule, f.entity, f.message) for f in result.findings if f.rule.startswith(("ref.", "vocabulary."))]


def test_a_goal_serves_a_policy_on_the_graph(make_ws):
    G = build_graph(load_workspace(write(make_ws, with_policies())))
    assert G.nodes["boernepolitik-bornholm"]["kind"] == "policy"
    assert sources(G, "boernepolitik-bornholm", "serves") == ["o1"]
    assert findings(make_ws, with_policies()) == []


def test_serves_is_a_checked_reference(make_ws):
    assert findings(make_ws, with_policies(["boernepolitik-bornholmm", "s1"])) == [
        ("ref.dangling", "o1", "'serves' names 'boernepolitik-bornholmm', which does not exist. "
         "Did you mean 'boernepolitik-bornholm'?"),
        ("ref.wrong-kind", "o1", "'serves' names 's1', which is a goal; 'serves' of a goal must name a policy")]


def test_a_policy_type_comes_from_the_vocabulary(make_ws):
    data = with_policies()
    data["policies"][0]["type"] = "borne-politik"
    got = findings(make_ws, data)
    assert [(rule, entity) for rule, entity, _ in got] == [("vocabulary.unknown-term", "boernepolitik-bornholm")]
    assert "policy type 'borne-politik'" in got[0][2]


def test_gaps_policies_lists_the_policies_no_goal_serves(make_ws, runner):
    root = write(make_ws, with_policies())
    result = runner.invoke(cli, ["gaps", "policies", str(root), "--format", "csv"], catch_exceptions=False)
    assert (result.exit_code, result.output) == (
        0, "policy,type,area,name\nsundhedspolitik-bornholm,sundhedspolitik,bornholm,Sundhedspolitik\n")
    served = runner.invoke(cli, ["gaps", "policies", str(write(make_ws, with_policies(
        ["boernepolitik-bornholm", "sundhedspolitik-bornholm"]))), "--format", "json"], catch_exceptions=False)
    assert (served.exit_code, json.loads(served.output)) == (0, [])
    other = runner.invoke(cli, ["gaps", "policies", str(root), "--area", "koebenhavn", "--format", "json"],
                          catch_exceptions=False)
    assert (other.exit_code, other.stdout) == (2, "")  # outside the scope: an empty list would read as all served
    assert other.stderr.startswith("Error: --area 'koebenhavn' (København) is outside the workspace's scope")


def test_a_goal_not_valid_on_the_day_serves_nothing(make_ws, runner):
    data = with_policies()
    find(data, "o1")["valid_to"] = dt.date(2025, 12, 31)
    root = write(make_ws, data)
    result = runner.invoke(cli, ["gaps", "policies", str(root), "--as-of", "2026-06-01", "--format", "csv"],
                           catch_exceptions=False)
    assert result.output.splitlines()[1:] == ["boernepolitik-bornholm,boernepolitik,bornholm,Børne- og ungepolitik",
                                              "sundhedspolitik-bornholm,sundhedspolitik,bornholm,Sundhedspolitik"]


def test_the_example_has_illustrative_policies_served_by_goals(runner):
    ws = load_workspace(EXAMPLE)
    policies = [r for r in ws.records.values() if r.kind == "policy"]
    assert len(policies) == 3 and all("illustrativ" in r.entity.tags for r in policies)
    result = runner.invoke(cli, ["gaps", "policies", str(EXAMPLE), "--format", "csv"], catch_exceptions=False)
    assert result.output == ("policy,type,area,name\nsundhedspolitik-silkeborg,sundhedspolitik,silkeborg,"
                             "Sundhedspolitik 2024-2027 (eksempel)\n")


def test_exports_carry_policies_and_serves(make_ws, tmp_path):
    G = build_graph(load_workspace(write(make_ws, with_policies())))
    export(G, "cypher", tmp_path / "x.cypher")
    cypher = (tmp_path / "x.cypher").read_text(encoding="utf-8")
    assert "MERGE (n:Policy {id: 'boernepolitik-bornholm'})" in cypher
    assert ("MATCH (a:Goal {id: 'o1'}), (b:Policy {id: 'boernepolitik-bornholm'}) MERGE (a)-[:SERVES]->(b);"
            in cypher)
    export(G, "csv", tmp_path / "csv")
    assert "o1,boernepolitik-bornholm,serves" in (tmp_path / "csv" / "connections.csv").read_text(encoding="utf-8")


def test_a_pulled_workspace_keeps_its_policies():
    """`neo4j pull` writes a section per label: a Policy node becomes an entry of policies.yaml."""
    from orgmodel.workspace import workspace_files

    files = workspace_files({"name": "x"}, [("Policy", json.dumps(POLICY)), ("Area", "{}")])
    assert files["policies.yaml"] == {"policies": [POLICY]}


def test_diff_reports_a_new_policy(make_ws):
    old = load_workspace(write(make_ws, bornholm()))
    new = load_workspace(write(make_ws, with_policies()))
    result = compare(old, new)
    assert sorted((e.kind, e.id, e.change) for e in result.entities if e.kind == "policy") == [
        ("policy", "boernepolitik-bornholm", "added"), ("policy", "sundhedspolitik-bornholm", "added")]


def test_the_workbook_has_a_policies_sheet_that_round_trips(make_ws, tmp_path):
    ws = write(make_ws, with_policies())
    path = _export(ws, tmp_path / "p.xlsx")
    assert run("import", path, ws).output == "No changes: the workspace already matches the spreadsheet.\n"
    Book(path).set("policies", "sundhedspolitik-bornholm", "where", "https://example.org/sundhed").save()
    result = run("import", path, ws)
    assert result.exit_code == 0, result.output
    assert load_workspace(ws).records["sundhedspolitik-bornholm"].entity.where == "https://example.org/sundhed"


def test_a_dated_seat_round_trips_through_the_workbook(make_ws, tmp_path):
    data = bornholm()
    find(data, "lokalraad")["members"] = [{"id": "bornholm-kommune", "since": dt.date(2025, 1, 1)}]
    ws = write(make_ws, data)
    path = _export(ws, tmp_path / "s.xlsx")
    assert run("import", path, ws).output == "No changes: the workspace already matches the spreadsheet.\n"
    Book(path).set("councils", "lokalraad", "members", "bornholm-kommune (since 2025-03-01); bornholm-job").save()
    result = run("import", path, ws)
    assert result.exit_code == 0, result.output
    members = load_workspace(ws).records["lokalraad"].entity.members
    assert [(m if isinstance(m, str) else (m.id, m.since)) for m in members] == [
        ("bornholm-kommune", dt.date(2025, 3, 1)), "bornholm-job"]
    Book(path).set("councils", "lokalraad", "members", "bornholm-kommune (fra 2025)").save()
    bad = run("import", path, ws)
    assert bad.exit_code == 1 and ("write a member's seat as 'id (since YYYY-MM-DD, until YYYY-MM-DD)', "
                                   "not 'bornholm-kommune (fra 2025)'") in bad.output


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_report_shows_which_goals_serve_which_policy(make_ws, tmp_path, runner):
    root = write(make_ws, with_policies())
    result = runner.invoke(cli, ["report", str(root), "-o", str(tmp_path / "site"), "--today", "2026-11-22"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "goals.html").read_text(encoding="utf-8")
    assert '<h2 id="policies">Kommunernes politikker</h2>' in html
    policy = html[html.index('<li class="policy" id="boernepolitik-bornholm">'):]
    policy = policy[:policy.index("</li>")]
    assert '<a href="goals.html#o1">' in policy and "Børne- og ungepolitik" in policy
    unserved = html[html.index('<li class="policy" id="sundhedspolitik-bornholm">'):]
    assert '<span class="missing">Intet mål tjener denne politik.</span>' in unserved[:unserved.index("</li>")]
    goal = html[html.index('id="o1"'):]
    assert '<dt>Tjener</dt><dd><a href="goals.html#boernepolitik-bornholm">' in goal[:goal.index("</li>")]
