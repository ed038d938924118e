"""What a national check costs: each part's findings only are placed in their files (issue 17, scale)."""

import dataclasses
import datetime as dt
import shutil

from orgmodel import graph
from orgmodel.check import check
from orgmodel.workspace import open_workspaces
from orgmodel.workspace.lines import LineIndex

from .districts import national


def test_a_national_check_looks_up_the_lines_of_its_own_findings_only(tmp_path, monkeypatch):
    ws = open_workspaces([national(tmp_path / "national")])
    looked_up = []
    line_of = LineIndex.line_of

    def counted(self, record, key, index=None):
        looked_up.append(record.id)
        return line_of(self, record, key, index)

    monkeypatch.setattr(LineIndex, "line_of", counted)
    result = check(ws, today=dt.date(2026, 11, 22))
    found = result.findings + result.ignored
    assert len(found) > 20 and len(ws.parts) == 3
    # every part's rules run over the whole merged graph: before, the line of every finding of every part was
    # looked up once per part, and two in three thrown away
    assert 0 < len(looked_up) <= len(found)


def _graphs_built(ws, monkeypatch) -> list:
    built = []
    build_store = graph.build_store

    def counted(part, as_of=None):
        built.append(part.manifest.name)
        return build_store(part, as_of)

    with monkeypatch.context() as patched:
        patched.setattr(graph, "build_store", counted)
        check(ws, today=dt.date(2026, 11, 22))
    return built


def test_parts_with_the_same_settings_share_one_graph(tmp_path, monkeypatch):
    folder = national(tmp_path / "national")
    shutil.rmtree(folder / "mvj")  # the example writes settings of its own
    alike = _graphs_built(open_workspaces([folder]), monkeypatch)
    (folder / "fyn" / "orgmodel.yaml").write_text((folder / "fyn" / "orgmodel.yaml").read_text(encoding="utf-8")
                                                  + "max_age: 80\n", encoding="utf-8")
    apart = _graphs_built(open_workspaces([folder]), monkeypatch)
    assert (alike, apart) == (["Bornholm"], ["Bornholm", "Kredsrådet på Fyn"])


def _rule_runs(monkeypatch, rule_ids: tuple[str, ...]) -> dict[str, list]:
    """The parts (by the scope they were judged with, or 'shared') each of ``rule_ids`` ran for."""
    from orgmodel.check.rules import RULES

    ran: dict[str, list] = {rule_id: [] for rule_id in rule_ids}
    for rule_id in rule_ids:
        rule = RULES[rule_id]

        def counted(ctx, _run=rule.run, _id=rule_id):
            scope = ctx.ws.manifest.scope
            ran[_id].append(tuple(scope.politikredse) if type(scope).__name__ == "Scope" else "shared")
            return _run(ctx)

        monkeypatch.setitem(RULES, rule_id, dataclasses.replace(rule, run=counted))
    return ran


def test_a_rule_that_does_not_read_the_scope_runs_once_for_parts_alike(tmp_path, monkeypatch):
    folder = national(tmp_path / "national")
    shutil.rmtree(folder / "mvj")  # the example writes settings of its own
    ws = open_workspaces([folder])
    ran = _rule_runs(monkeypatch, ("ref.dangling", "ssp.each-kommune"))
    check(ws, today=dt.date(2026, 11, 22))
    assert ran["ref.dangling"] == ["shared"]
    # a rule about the kommuner in scope stops at the scope in the shared run, then runs once per part
    assert ran["ssp.each-kommune"][0] == "shared" and len(ran["ssp.each-kommune"]) == 1 + len(ws.parts)
    assert sorted(ran["ssp.each-kommune"][1:]) == sorted(
        tuple(part.manifest.scope.politikredse) if part.manifest.scope else _own_kredse(part)
        for part in ws.parts.values())


def _own_kredse(part) -> tuple:
    from orgmodel.queries import scope

    return tuple(scope.scope_kredse(graph.build_graph(part), part.manifest))


def test_shared_rule_runs_find_what_a_run_per_part_finds(tmp_path, monkeypatch):
    from orgmodel.check import alike, run

    ws = open_workspaces([national(tmp_path / "national")])
    shared = check(ws, today=dt.date(2026, 11, 22))

    class EachPart(alike.Alike):
        def issues(self, rule, ctx):
            return rule.run(ctx)

    monkeypatch.setattr(run, "Alike", EachPart)
    each = check(ws, today=dt.date(2026, 11, 22))
    assert (shared.findings, shared.ignored) == (each.findings, each.ignored) and len(shared.findings) > 20


def test_the_parts_sharing_a_graph_share_its_index_of_bodies(tmp_path, monkeypatch):
    from orgmodel.check.rules.context import Context

    folder = national(tmp_path / "national")
    shutil.rmtree(folder / "mvj")  # the example writes settings of its own
    made = []
    index_by_kind, index_by_area = Context._index_by_kind, Context._index_bodies_by_area
    monkeypatch.setattr(Context, "_index_by_kind", lambda ctx: made.append("kind") or index_by_kind(ctx))
    monkeypatch.setattr(Context, "_index_bodies_by_area", lambda ctx: made.append("area") or index_by_area(ctx))
    result = check(open_workspaces([folder]), today=dt.date(2026, 11, 22))
    # two parts, one graph, and rules that read the scope run for each part: before, each part's context made both
    assert sorted(made) == ["area", "kind"] and len(result.findings) > 20


def test_the_merged_records_are_out_of_the_collectors_sight(tmp_path):
    import gc

    ws = open_workspaces([national(tmp_path / "national")])
    # as each part's are (open_workspace): the collector would otherwise scan the copies again and again
    tracked = {id(o) for o in gc.get_objects()}
    assert len(ws.records) > 50 and not any(id(record) in tracked for record in ws.records.values())
