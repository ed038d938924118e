"""What a national check costs: each part's findings only are placed in their files (issue 17, scale)."""

import datetime as dt

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
