"""What a national check costs: each part's findings only are placed in their files (issue 17, scale)."""

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
    build_graph = graph.build_graph

    def counted(part, as_of=None):
        built.append(part.manifest.name)
        return build_graph(part, as_of)

    with monkeypatch.context() as patched:
        patched.setattr(graph, "build_graph", counted)
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
