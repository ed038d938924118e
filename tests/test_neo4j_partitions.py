"""Many workspaces, one Neo4j database: partitions, shared nodes, concurrent pushes (against the real server)."""

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import uuid

import pytest
import yaml

from orgmodel.cli import cli
from orgmodel.errors import OrgmodelError, UsageError
from orgmodel.graph import build_graph
from orgmodel.model import kommuner_of
from orgmodel.neo4j import Connection, push, query, workspaces
from orgmodel.neo4j import coverage as neo4j_coverage
from orgmodel.neo4j.planner import SHARED_LABELS, desired_state
from orgmodel.neo4j.sync import connect
from orgmodel.queries import scope_kommuner
from orgmodel.queries.coverage import coverage
from orgmodel.workspace import load_workspace

from .conftest import ROOT
from .districts import bornholm, find, write

URI = os.environ.get("NEO4J_URI")
if not URI and os.environ.get("CI"):
    raise RuntimeError("CI is set but NEO4J_URI is not: the Neo4j test server did not start")
pytestmark = pytest.mark.skipif(not URI, reason="no Neo4j server (make test starts one)")

KREDSE = ["kreds-bornholm", "kreds-oestjylland", "kreds-sydoestjylland"]
ENV = {"NEO4J_URI": URI or "", "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
       "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}


@pytest.fixture
def conn():
    connection = Connection(URI, ENV["NEO4J_USER"], ENV["NEO4J_PASSWORD"], os.environ.get("NEO4J_DATABASE"))
    query(connection, "MATCH (n) DETACH DELETE n", write=True)
    return connection


def district(folder, kreds: str, entities: int = 150, seed: int = 7):
    """A generated workspace of one politikreds (bench/synthetic.py); its id is the kreds without 'kreds-'."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, entities, seed=seed, kredse=[kreds])
    return folder


def push_ws(conn, root, **options):
    ws = load_workspace(root)
    return push(conn, ws, build_graph(ws), **options)


def database(conn):
    """Every node (label, id, hash) and relationship (type, from id, to id) of the model in the database."""
    _, nodes = query(conn, "MATCH (n) WHERE NOT n:OrgmodelLock RETURN labels(n)[0], n.id, n._hash")
    _, rels = query(conn, "MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id")
    return {tuple(n) for n in nodes}, {tuple(r) for r in rels}


def union(roots):
    """What the database must hold after pushing ``roots``: the union of their desired states."""
    nodes, rels = set(), set()
    for root in roots:
        ws = load_workspace(root)
        by_label, wanted = desired_state(build_graph(ws), ws)
        nodes |= {(label, i, p["_hash"]) for label, by_id in by_label.items() for i, p in by_id.items()}
        rels |= {(t, a, b) for t, _, a, _, b, _ in wanted}
    return nodes, rels


def test_each_push_replaces_only_its_own_partition(conn, tmp_path):
    roots = [district(tmp_path / k, k) for k in KREDSE]
    for root in roots:
        push_ws(conn, root)
    assert workspaces(conn) == ["bornholm", "oestjylland", "sydoestjylland"]
    assert database(conn) == union(roots)
    smaller = tmp_path / "smaller"
    shutil.copytree(roots[1], smaller)
    (smaller / "kommuner" / "aarhus.yaml").unlink()
    result = push_ws(conn, smaller)
    assert result.counts["nodes to remove"] > 0
    assert database(conn) == union([roots[0], smaller, roots[2]])
    _, shared = query(conn, "MATCH (n) WHERE n:Area OR n:PersonGroup OR n:CrimeType RETURN count(n)")
    assert shared == [[sum(len(v) for k, v in desired_state(*_graph(smaller))[0].items() if k in SHARED_LABELS)]]


def test_a_folder_of_workspaces_pushes_each_into_its_own_partition(conn, tmp_path, runner):
    land = tmp_path / "land"
    roots = [district(land / k, k) for k in KREDSE]
    result = runner.invoke(cli, ["neo4j", "push", str(land)], env=ENV, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["bornholm", "oestjylland", "sydoestjylland"]
    assert workspaces(conn) == ["bornholm", "oestjylland", "sydoestjylland"]
    assert database(conn) == union(roots)
    again = runner.invoke(cli, ["neo4j", "push", str(roots[0])], env=ENV, catch_exceptions=False)
    assert again.exit_code == 0 and database(conn) == union(roots)  # one district alone: its own partition, unchanged
    planned = runner.invoke(cli, ["neo4j", "push", str(land), "--dry-run"], catch_exceptions=False).stdout
    assert [line for line in planned.splitlines() if line.startswith("// workspace ")] == \
        ["// workspace bornholm", "// workspace oestjylland", "// workspace sydoestjylland"]


def _graph(root):
    ws = load_workspace(root)
    return build_graph(ws), ws


def test_concurrent_pushes_from_separate_processes_end_as_the_union(conn, tmp_path):
    """Three secretariats push at once, round after round, each a new version; nothing is lost or mixed."""
    rounds = 4
    versions = {k: [district(tmp_path / f"{k}-{n}", k, seed=n) for n in range(rounds)] for k in KREDSE}
    _, names = query(conn, "SHOW CONSTRAINTS YIELD name RETURN name")
    for [name] in names:  # the first round starts in a database without constraints (they deadlock when made)
        query(conn, f"DROP CONSTRAINT `{name}`", write=True)
    _, names = query(conn, "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
    for [name] in names:
        query(conn, f"DROP INDEX `{name}`", write=True)
    for n in range(rounds):
        procs = [subprocess.Popen([sys.executable, "-m", "orgmodel", "neo4j", "push", str(versions[k][n])],
                                  env={**os.environ, **ENV}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for k in KREDSE]
        outputs = [p.communicate(timeout=300) for p in procs]
        for proc, (out, err) in zip(procs, outputs, strict=True):
            assert proc.returncode == 0, (out, err)
            assert err.decode() == "", err
            assert out.decode().startswith("nodes: ")
        assert database(conn) == union([versions[k][n] for k in KREDSE]), f"round {n}"


def test_an_id_another_workspace_owns_is_refused_naming_both(conn, make_ws, tmp_path):
    """The small Bornholm workspace of the rule tests defines 'bornholm-kommune' and 'bornholm-klub' too."""
    push_ws(conn, district(tmp_path / "bornholm", "kreds-bornholm"))
    before = database(conn)
    root = write(make_ws, bornholm(), "name: Nabo\nid: naboen\nscope: {kommuner: [bornholm]}\n")
    with pytest.raises(OrgmodelError, match="refuses the push of 'naboen': 6 ids are defined \\('borgmester-bornholm', "
                                            "'bornholm-klub', 'bornholm-kommune', 'ksp-bornholm', 'psp-bornholm' and "
                                            "1 more\\) by the workspace 'bornholm' as well. Each id .*Fix: rename"):
        push_ws(conn, root)
    assert database(conn) == before


def test_an_id_of_another_kind_in_another_workspace_is_refused(conn, make_ws, tmp_path):
    push_ws(conn, district(tmp_path / "oest", "kreds-oestjylland"))
    data = bornholm()
    push_ws(conn, write(make_ws, data))
    data["roles"].append({"id": "ssp-aarhus", "title": "Koordinator"})  # a forum's id in the other workspace
    with pytest.raises(OrgmodelError, match="refuses the push of 'bornholm': the id 'ssp-aarhus' is "
                                            "defined by the workspace 'oestjylland' as well"):
        push_ws(conn, write(make_ws, data))


def _git(folder, *args, when="2026-01-01T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, check=True, text=True)
    return done.stdout.strip()


def test_an_older_revision_over_a_newer_one_is_refused_unless_forced(conn, make_ws, tmp_path, runner):
    """Two people, one district: the one whose copy is behind is told when and from which revision the newer
    version came; --force overrides."""
    alice = write(make_ws, bornholm())
    _git(alice, "init", "-q")
    _git(alice, "add", "-A")
    _git(alice, "commit", "-qm", "v1")
    old = _git(alice, "rev-parse", "HEAD")
    bob = tmp_path / "bob"
    _git(tmp_path, "clone", "-q", str(alice), str(bob))
    data = bornholm()
    find(data, "ssp")["name"] = "SSP Bornholm"
    shutil.copy(write(make_ws, data) / "data.yaml", bob / "data.yaml")
    _git(bob, "commit", "-qam", "v2", when="2026-02-03T09:30:00+00:00")
    new = _git(bob, "rev-parse", "HEAD")
    assert runner.invoke(cli, ["neo4j", "push", str(bob)], env=ENV, catch_exceptions=False).exit_code == 0
    refused = runner.invoke(cli, ["neo4j", "push", str(alice)], env=ENV, catch_exceptions=False)
    assert refused.exit_code == 1
    assert refused.output.startswith(f"Error: the database at {URI} holds a newer version of the workspace "
                                     f"'bornholm': pushed 20")
    assert (f"from git revision {new[:7]} (committed 2026-02-03 09:30 UTC); this copy is at revision {old[:7]} "
            "(committed 2026-01-01 10:00 UTC). Fix: update your copy (git pull) and push again, or push with "
            "--force to replace the newer version\n") in refused.output
    _, rows = query(conn, "MATCH (f:Forum {id: 'ssp'}) RETURN f.label")
    assert rows == [["SSP Bornholm"]]
    forced = runner.invoke(cli, ["neo4j", "push", str(alice), "--force"], env=ENV, catch_exceptions=False)
    assert forced.exit_code == 0, forced.output
    _, rows = query(conn, "MATCH (f:Forum {id: 'ssp'}) RETURN f.label")
    assert rows != [["SSP Bornholm"]]
    _, rows = query(conn, "MATCH (m:OrgmodelWorkspace {id: 'bornholm'}) RETURN m._revision, m._pushes")
    assert rows == [[old, 2]]


def test_a_copy_outside_git_over_a_pushed_revision_is_refused(conn, make_ws, tmp_path, runner):
    repo = write(make_ws, bornholm())
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "v1")
    assert runner.invoke(cli, ["neo4j", "push", str(repo)], env=ENV, catch_exceptions=False).exit_code == 0
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    (plain / "orgmodel.yaml").write_text("name: Bornholm 2\nscope: {politikredse: [kreds-bornholm]}\n")
    refused = runner.invoke(cli, ["neo4j", "push", str(plain)], env=ENV, catch_exceptions=False)
    assert refused.exit_code == 1
    assert "this copy of the workspace is not in git, so orgmodel cannot tell whether it is newer" in refused.output


def test_gaps_from_the_database_answer_for_every_partition_as_locally(conn, tmp_path, runner):
    roots = [district(tmp_path / k, k) for k in KREDSE]
    for root in roots:
        push_ws(conn, root)
    for dimension in ("ages", "groups", "crimes"):
        everything = neo4j_coverage(conn, dimension, "kommune")
        seen = set()
        for root in roots:
            ws = load_workspace(root)
            G = build_graph(ws)
            kommuner = set(scope_kommuner(G, ws.manifest))
            seen |= kommuner
            local = coverage(G, dimension, "kommune", None, scope_kommuner(G, ws.manifest))
            assert [r for r in everything if r.area in kommuner] == local, (root, dimension)
        assert {r.area for r in everything} == seen
    from_db = runner.invoke(cli, ["neo4j", "gaps", "ages", "--format", "csv", "--area", "aarhus"], env=ENV,
                            catch_exceptions=False)
    local = runner.invoke(cli, ["gaps", "ages", str(roots[1]), "--format", "csv", "--area", "aarhus"],
                          catch_exceptions=False)
    assert from_db.exit_code == 0 and from_db.output == local.output and "aarhus" in from_db.output.lower()


def test_gaps_from_the_database_refuse_an_area_outside_every_scope_and_count_an_area_once(conn, tmp_path, runner):
    push_ws(conn, district(tmp_path / "oest", "kreds-oestjylland"))
    for args in (["ages", "--area", "odense"], ["partners", "--area", "odense"], ["groups", "--area", "kreds-fyn"]):
        refused = runner.invoke(cli, ["neo4j", "gaps", *args], env=ENV, catch_exceptions=False)
        named = "'kreds-fyn' (Fyn)" if "kreds-fyn" in args else "'odense' (Odense)"
        assert (refused.exit_code, refused.stdout) == (2, "")
        assert refused.stderr.startswith(f"Error: --area {named} is outside the workspace's scope")
    once = runner.invoke(cli, ["neo4j", "gaps", "ages", "--format", "csv", "--area", "aarhus"], env=ENV,
                         catch_exceptions=False)
    twice = runner.invoke(cli, ["neo4j", "gaps", "ages", "--format", "csv", "--area", "aarhus", "--area", "Aarhus"],
                          env=ENV, catch_exceptions=False)
    assert once.exit_code == twice.exit_code == 0 and "aarhus" in once.stdout and twice.stdout == once.stdout
    kreds = runner.invoke(cli, ["neo4j", "gaps", "partners", "--format", "json", "--area", "kreds-oestjylland"],
                          env=ENV, catch_exceptions=False)
    assert {r["area"] for r in json.loads(kreds.stdout)} == set(kommuner_of("kreds-oestjylland"))


def test_gaps_refuse_partitions_that_count_ages_to_different_limits(conn, make_ws, tmp_path):
    push_ws(conn, district(tmp_path / "oest", "kreds-oestjylland"))
    push_ws(conn, write(make_ws, bornholm(), "name: Bornholm\nmax_age: 80\nscope: {politikredse: [kreds-bornholm]}\n"))
    with pytest.raises(UsageError, match="different limits \\(max_age: 'bornholm' 80, 'oestjylland' 100\\)"):
        neo4j_coverage(conn, "ages")


def test_pull_writes_one_workspace_back(conn, tmp_path, runner):
    roots = [district(tmp_path / k, k) for k in KREDSE]
    for root in roots:
        push_ws(conn, root)
    out = tmp_path / "pulled"
    several = runner.invoke(cli, ["neo4j", "pull", "-o", str(out)], env=ENV, catch_exceptions=False)
    assert several.exit_code == 2
    assert "holds 3 workspaces (bornholm, oestjylland, sydoestjylland); name the one to pull with --workspace ID" \
        in several.output
    typo = runner.invoke(cli, ["neo4j", "pull", "-o", str(out), "--workspace", "oestjyland"], env=ENV,
                         catch_exceptions=False)
    assert "holds no workspace 'oestjyland'. Did you mean 'oestjylland'?" in typo.output
    result = runner.invoke(cli, ["neo4j", "pull", "-o", str(out), "--workspace", "oestjylland"], env=ENV,
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    original, pulled = load_workspace(roots[1]), load_workspace(out)
    assert sorted(original.records) == sorted(pulled.records)
    G1, G2 = build_graph(original), build_graph(pulled)
    assert sorted(G1.edges(keys=True)) == sorted(G2.edges(keys=True))
    assert yaml.safe_load((out / "orgmodel.yaml").read_text())["scope"] == {"politikredse": ["kreds-oestjylland"]}


def test_the_driver_prints_no_server_notifications(conn, tmp_path, caplog, capfd):
    """A statement the server warns about (a property that does not exist) leaves no trace on the terminal."""
    caplog.set_level(logging.DEBUG, logger="neo4j")
    with connect(conn) as driver, driver.session(database=conn.database) as session:
        session.run(f"MATCH (n:Forum) RETURN n.`_never_{uuid.uuid4().hex}` LIMIT 1").consume()
    assert not [r for r in caplog.records if "Received notification" in r.getMessage()]
    assert "Received notification" not in capfd.readouterr().err


def test_a_first_push_into_an_empty_database_prints_orgmodels_words_only(conn, tmp_path):
    done = subprocess.run([sys.executable, "-m", "orgmodel", "neo4j", "push",
                           str(district(tmp_path / "b", "kreds-bornholm"))],
                          env={**os.environ, **ENV}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("nodes: ")


PSYCHIATRY = {"id": "psykiatrien", "name": "Psykiatrien", "category": "behandlingspsykiatri", "defined_in": "bornholm"}


def _uses_bornholms_psychiatry(root, copy=PSYCHIATRY):
    """The generated Østjylland workspace with Bornholm's 'psykiatrien' (a copy) in the PSP of Aarhus."""
    path = root / "kommuner" / "aarhus.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisations"].append(dict(copy))
    next(f for f in data["forums"] if f["id"] == "psp-aarhus")["members"].append("psykiatrien")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_an_organisation_another_workspace_defines_is_linked_not_duplicated(conn, make_ws, tmp_path, runner):
    from orgmodel.check import check

    from .conftest import TODAY

    owner = write(make_ws, bornholm())
    user = _uses_bornholms_psychiatry(district(tmp_path / "oest", "kreds-oestjylland"))
    local = check(load_workspace(user), TODAY).findings
    assert not [f for f in local if f.rule.startswith("ref.")], local
    with pytest.raises(OrgmodelError, match="'oestjylland' refers to the organisation 'psykiatrien' as defined in "
                                            "the workspace 'bornholm', but the database .* holds no such "
                                            "organisation. Fix: push the workspace 'bornholm' first"):
        push_ws(conn, user)
    push_ws(conn, owner)
    push_ws(conn, user)
    assert database(conn) == union([owner, user])
    _, rows = query(conn, "MATCH (o:Organisation {id: 'psykiatrien'}) RETURN o._ws, o.label")
    assert rows == [["bornholm", "Psykiatrien"]]
    _, rows = query(conn, "MATCH (f:Forum {id: 'psp-aarhus'})-[:MEMBER]->(o {id: 'psykiatrien'}) RETURN f._ws")
    assert rows == [["oestjylland"]]
    assert push_ws(conn, user).steps == []

    out = tmp_path / "pulled"
    pulled = runner.invoke(cli, ["neo4j", "pull", "-o", str(out), "--workspace", "oestjylland"], env=ENV,
                           catch_exceptions=False)
    assert pulled.exit_code == 0, pulled.output
    again, original = load_workspace(out), load_workspace(user)
    assert sorted(again.records) == sorted(original.records)
    assert again.records["psykiatrien"].entity.defined_in == "bornholm"
    assert sorted(build_graph(again).edges(keys=True)) == sorted(build_graph(original).edges(keys=True))

    data = bornholm()
    data["organisations"] = [o for o in data["organisations"] if o["id"] != "psykiatrien"]
    find(data, "psp-bornholm")["members"].remove("psykiatrien")
    before = database(conn)
    with pytest.raises(OrgmodelError, match="the push of 'bornholm' .* would remove what other workspaces refer to "
                                            "or keep a copy of \\(with 'defined_in: bornholm'\\): 'psykiatrien' is "
                                            "used by 'oestjylland'. Fix: keep the entry"):
        push_ws(conn, write(make_ws, data))
    assert database(conn) == before


def test_an_organisation_another_workspace_keeps_a_copy_of_is_not_removed(conn, make_ws, tmp_path):
    """A copy nothing refers to has no relationship to find it by: the owner's push removed the organisation, and
    the copy was gone from the other workspace's pull without a word."""
    owner = write(make_ws, bornholm())
    user = district(tmp_path / "oest", "kreds-oestjylland")
    path = user / "kommuner" / "aarhus.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisations"].append(dict(PSYCHIATRY))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    push_ws(conn, owner)
    push_ws(conn, user)
    data = bornholm()
    data["organisations"] = [o for o in data["organisations"] if o["id"] != "psykiatrien"]
    find(data, "psp-bornholm")["members"].remove("psykiatrien")
    before = database(conn)
    with pytest.raises(OrgmodelError, match="would remove what other workspaces refer to or keep a copy of .*"
                                            "'psykiatrien' is used by 'oestjylland'"):
        push_ws(conn, write(make_ws, data))
    assert database(conn) == before


def test_an_organisation_said_to_be_defined_by_the_wrong_workspace_is_refused(conn, make_ws, tmp_path):
    push_ws(conn, write(make_ws, bornholm()))
    user = _uses_bornholms_psychiatry(district(tmp_path / "oest", "kreds-oestjylland"),
                                      {**PSYCHIATRY, "defined_in": "fyn"})
    with pytest.raises(OrgmodelError, match="says the organisation 'psykiatrien' is defined in the workspace 'fyn', "
                                            "but .* the workspace 'bornholm' defines it. Fix: write "
                                            "'defined_in: bornholm' on 'psykiatrien'"):
        push_ws(conn, user)


def test_forum_types_from_the_database_answer_for_every_partition_as_locally(conn, tmp_path, runner):
    """'Which kommuner have no SSP+?' for all districts at once, equal to each district's own answer."""
    roots = [district(tmp_path / k, k) for k in KREDSE]
    for root in roots:
        push_ws(conn, root)
    data = yaml.safe_load((roots[2] / "kommuner" / "vejle.yaml").read_text(encoding="utf-8"))
    data["forums"] = [f for f in data["forums"] if f["type"] != "ssp-plus"]
    (roots[2] / "kommuner" / "vejle.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    push_ws(conn, roots[2])
    from_db = runner.invoke(cli, ["neo4j", "gaps", "partners", "--format", "csv"], env=ENV, catch_exceptions=False)
    assert from_db.exit_code == 0, from_db.output
    header, *lines = from_db.output.splitlines()
    seen = []
    for root in roots:
        local = runner.invoke(cli, ["gaps", "partners", str(root), "--by", "kommune", "--format", "csv"],
                              catch_exceptions=False)
        local_header, *local_lines = local.output.splitlines()
        kommuner = {line.split(",")[0] for line in local_lines}
        assert header == local_header
        assert [line for line in lines if line.split(",")[0] in kommuner] == local_lines
        seen += local_lines
    assert sorted(lines) == sorted(seen)
    assert "vejle,ssp-plus,missing," in lines
    wrong = runner.invoke(cli, ["neo4j", "gaps", "partners", "--by", "kreds"], env=ENV, catch_exceptions=False)
    assert wrong.exit_code == 2 and "neo4j gaps partners answers per kommune; leave out --by kreds" in wrong.output


def test_a_folder_pushes_the_owner_of_a_copied_organisation_before_the_copy(conn, make_ws, tmp_path, runner):
    """By name the copying district ('a-oest') comes first; its push needs the owner's partition, so the
    owner ('b-bornholm') is pushed before it."""
    land = tmp_path / "land"
    shutil.copytree(write(make_ws, bornholm()), land / "b-bornholm")
    _uses_bornholms_psychiatry(district(land / "a-oest", "kreds-oestjylland"))
    result = runner.invoke(cli, ["neo4j", "push", str(land)], env=ENV, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["bornholm", "oestjylland"]
    assert database(conn) == union([land / "b-bornholm", land / "a-oest"])


def test_a_copy_nothing_refers_to_yet_comes_back_with_pull(conn, make_ws, tmp_path, runner):
    owner = write(make_ws, bornholm())
    user = district(tmp_path / "oest", "kreds-oestjylland")
    path = user / "kommuner" / "aarhus.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisations"].append(dict(PSYCHIATRY))  # kept for later, in no forum yet
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    push_ws(conn, owner)
    push_ws(conn, user)
    out = tmp_path / "pulled"
    pulled = runner.invoke(cli, ["neo4j", "pull", "-o", str(out), "--workspace", "oestjylland"], env=ENV,
                           catch_exceptions=False)
    assert pulled.exit_code == 0, pulled.output
    assert load_workspace(out).records["psykiatrien"].entity.defined_in == "bornholm"


def test_neo4j_gaps_give_each_kommune_the_terms_of_its_own_workspace(conn, make_ws, runner):
    with_term = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  groups:\n"
                 "    turister: {da: Turister, en: Tourists}\n")
    data = bornholm()
    find(data, "ssp")["covers"] = {"groups": ["turister", "unge"]}
    push_ws(conn, write(make_ws, data, with_term))
    fyn = make_ws({"orgmodel.yaml": "name: Fyn\nid: fyn\nscope: {kommuner: [odense]}\n",
                   "data.yaml": "forums:\n  - {id: ssp-odense, type: ssp, area: odense}\n"})
    push_ws(conn, fyn)
    result = runner.invoke(cli, ["neo4j", "gaps", "groups", "--format", "csv"], env=ENV, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert ["bornholm", "turister", "Turister"] == rows[[r[:2] for r in rows].index(["bornholm", "turister"])][:3]
    assert not [r for r in rows if r[0] == "odense" and r[1] == "turister"]
    push_ws(conn, write(make_ws, bornholm()))  # the term is gone from the vocabulary; its node stays
    result = runner.invoke(cli, ["neo4j", "gaps", "groups", "--format", "csv"], env=ENV, catch_exceptions=False)
    assert "turister" not in result.stdout


def _workspace(make_ws, manifest: str, data: dict):
    return make_ws({"orgmodel.yaml": manifest, "data.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)})


ODENSE = {"organisations": [{"id": "fyns-politi", "name": "Fyns Politi", "category": "politi"}],
          "councils": [{"id": "lr-odense", "type": "lokalraad", "area": "odense", "members": ["fyns-politi"]}]}


def test_gaps_from_the_database_give_each_kommune_its_own_workspace_s_terms_and_expected_types(conn, make_ws,
                                                                                              runner):
    """A workspace without a scope took every workspace's councils for its own (so its own groups were rows of
    Odense), and one workspace's expected forum type was called missing in every other's kommuner."""
    own = ("vocabulary:\n  groups:\n    kun-a: {da: Kun A, en: Only A}\n"
           "  forum_types:\n    nabohjaelp: {da: Nabohjælp, en: Neighbourhood watch, expected: true}\n")
    a = _workspace(make_ws, "name: A\nid: bornholm\n" + own, bornholm())
    b = _workspace(make_ws, "name: B\nid: fyn\nscope: {kommuner: [odense]}\n", ODENSE)
    push_ws(conn, a)
    push_ws(conn, b)
    for dimension in ("groups", "partners"):
        local = runner.invoke(cli, ["gaps", dimension, str(b), "--format", "csv", "--area", "odense",
                                    *(["--by", "kommune"] if dimension == "partners" else [])],
                              catch_exceptions=False)
        from_db = runner.invoke(cli, ["neo4j", "gaps", dimension, "--format", "csv", "--area", "odense"], env=ENV,
                                catch_exceptions=False)
        assert from_db.exit_code == 0 and from_db.stdout == local.stdout, dimension
        assert "kun-a" not in from_db.stdout and "nabohjaelp" not in from_db.stdout


def test_a_push_of_several_workspaces_that_fails_says_which_were_pushed(conn, tmp_path, runner):
    """Each workspace is its own transaction: the one before the failure stays pushed, which the error now says."""
    folder = tmp_path / "nat"
    for name, manifest, data in (
            ("bornholm", "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n", bornholm()),
            ("fyn", "name: Fyn\nscope: {politikredse: [kreds-fyn]}\n",
             {"organisations": [{"id": "bornholms-politi", "name": "Fyns Politi", "category": "politi",
                                 "area": "kreds-fyn"}]})):
        (folder / name).mkdir(parents=True)
        (folder / name / "orgmodel.yaml").write_text(manifest, encoding="utf-8")
        (folder / name / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(cli, ["neo4j", "push", str(folder)], env=ENV, catch_exceptions=False)
    assert result.exit_code == 1
    assert "refuses the push of 'fyn'" in result.stderr
    assert result.stderr.endswith("\n  (Of the 2 workspaces, 'bornholm' was pushed before this one and stays "
                                  "pushed.)\n")
    assert workspaces(conn) == ["bornholm"]


def test_moving_an_organisation_to_another_workspace_is_explained(conn, make_ws):
    """The fix said to write 'defined_in:' naming the workspace itself, which undid the move."""
    push_ws(conn, write(make_ws, bornholm()))
    data = bornholm()
    find(data, "psykiatrien")["defined_in"] = "fyn"
    with pytest.raises(OrgmodelError, match="says the organisation 'psykiatrien' is defined in the workspace 'fyn', "
                                            "but in the database .* it still belongs to 'bornholm'. Fix: to move it "
                                            "to 'fyn', push 'bornholm' once without 'psykiatrien'"):
        push_ws(conn, write(make_ws, data))
