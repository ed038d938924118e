import json
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from orgmodel.cli import cli

from .conftest import EXAMPLE, ROOT
from .districts import bornholm, find, write


def invoke(runner, args):
    return runner.invoke(cli, args, catch_exceptions=False)


def test_check_example_text(runner, golden):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22"])
    assert result.exit_code == 0
    golden("check-example.txt", result.output)


def test_check_example_strict_fails_on_warnings(runner):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--strict"])
    assert result.exit_code == 1
    assert result.output.endswith("0 errors, 10 warnings, 4 information. The check fails.\n")


def test_check_example_json(runner, golden):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--format", "json"])
    data = json.loads(result.output)
    assert data["summary"] == {"error": 0, "warning": 10, "info": 4, "ignored": 0, "fails": False}
    assert {f["rule"] for f in data["findings"]} == {"goal.strategic-cascade", "ssp.each-kommune",
                                                   "ungdomskriminalitetsnaevn.each-kreds"}
    assert {f["severity"] for f in data["findings"] if f["rule"] == "goal.strategic-cascade"} == {"info"}
    data["workspace"] = "examples/midt-og-vestjylland"
    golden("check-example.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_clean_workspace(runner, make_ws):
    root = write(make_ws, bornholm())
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert result.exit_code == 0
    assert result.output == ("Bornholm: 25 entities in 2 files, checked as of 2026-11-22\n\n"
                             "0 errors, 0 warnings, 0 information. All clear.\n")


def test_errors_exit_1_with_file_line_and_fix(runner, make_ws):
    root = make_ws({"orgmodel.yaml": "name: T\n", "roles.yaml": """\
        roles:
          - id: borgmester
            titel: Borgmester
        councils:
          - id: lokalraad
            type: lokalraad
            area: Silkborg
            members: [borgmestr]
        """})
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert result.exit_code == 1
    assert result.output == """\
T: 1 entities in 2 files, checked as of 2026-11-22

Errors (3)
  area.unknown  An area is not a known politikreds or kommune
    roles.yaml:7  lokalraad: unknown area 'Silkborg'. Did you mean 'silkeborg'?
      Fix: use an area id, name or code from `orgmodel areas`
  ref.dangling  A reference names an id that does not exist
    roles.yaml:8  lokalraad: 'members' names 'borgmestr', which does not exist.
      Fix: correct the id, or add an entry with this id
  schema.unknown-key  Unknown key in an entry
    roles.yaml:3  borgmester: unknown key 'titel' in role 'borgmester'. Did you mean 'title'?
      Fix: remove the key or correct its spelling (see the format in the README)

Warnings (1)
  hygiene.empty-body  A council or forum has no members
    roles.yaml:6  lokalraad: the body has no members and no chair
      Fix: add 'members:' with the roles or organisations that take part

3 errors, 1 warning, 0 information. The check fails.
"""


def test_unreadable_exits_2_without_traceback(runner, make_ws):
    root = make_ws({"a.yaml": "roles:\n\t- id: x\n"})
    result = invoke(runner, ["check", str(root)])
    assert result.exit_code == 2
    assert result.output == ("Error: a.yaml:2: a tab character\n"
                             "  Fix: indent with spaces only; replace the tab with spaces\n")


def test_no_manifest_exits_2(runner, tmp_path):
    result = invoke(runner, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path}: no orgmodel.yaml in this folder")


def test_bad_today_is_a_usage_error(runner):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "31-12-2026"])
    assert result.exit_code == 2
    assert result.output == ("Error: --today '31-12-2026' is not a date; write it as YYYY-MM-DD, "
                             "e.g. 2026-01-31\n")


def test_today_from_environment(runner, make_ws, monkeypatch):
    monkeypatch.setenv("ORGMODEL_TODAY", "2027-02-01")
    root = write(make_ws, bornholm())
    result = invoke(runner, ["check", str(root)])
    assert "checked as of 2027-02-01" in result.output
    assert "samarbejdsplan.current-year" in result.output


def test_junit(runner, make_ws):
    data = bornholm()
    find(data, "kredsraad")["meetings_per_year"] = 2
    del find(data, "kredsraad")["chair"]
    root = write(make_ws, data)
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "junit"])
    assert result.exit_code == 1
    suite = ET.fromstring(result.output.encode())
    failed = {case.get("name") for case in suite if case.find("failure") is not None}
    assert failed == {"kredsraad.chair"}
    assert suite.get("failures") == "1"
    strict = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "junit", "--strict"])
    failed = {case.get("name") for case in ET.fromstring(strict.output.encode()) if case.find("failure") is not None}
    assert failed == {"kredsraad.chair", "kredsraad.meetings"}


def test_sarif(runner, make_ws):
    data = bornholm()
    find(data, "ssp")["members"].append("nobody")
    root = write(make_ws, data)
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "sarif"])
    assert result.exit_code == 1
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0"
    (res,) = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == "ref.dangling"
    assert res["level"] == "error"
    location = res["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "data.yaml"
    line = location["region"]["startLine"]
    assert (root / "data.yaml").read_text().splitlines()[line - 1].strip() == "- nobody"


def test_output_file_is_written_whole(runner, make_ws, tmp_path):
    root = write(make_ws, bornholm())
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["check", str(root), "--format", "json", "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {out}\n"
    assert json.loads(out.read_text())["summary"]["error"] == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_to_missing_folder_is_a_clear_error(runner, make_ws, tmp_path):
    root = write(make_ws, bornholm())
    result = invoke(runner, ["check", str(root), "-o", str(tmp_path / "no" / "x.txt")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot write {tmp_path / 'no' / 'x.txt'}: No such file or directory")


def test_python_dash_m(make_ws):
    root = write(make_ws, bornholm())
    proc = subprocess.run([sys.executable, "-m", "orgmodel", "check", str(root), "--today", "2026-11-22"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("All clear.\n")


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["check", "-h"], ["init", "--help"], ["areas", "-h"]])
def test_help(runner, args):
    result = invoke(runner, args)
    assert result.exit_code == 0
    assert "Usage: " in result.output


def _dated_bornholm(make_ws):
    """Bornholm with a PSP that starts in 2027 and has no members, and a fact verified in January 2025."""
    data = bornholm()
    data["forums"].append({"id": "psp", "type": "psp", "under": "lokalraad", "valid_from": "2027-01-01"})
    find(data, "ssp")["verified"] = "2025-01-15"
    return write(make_ws, data)


def _rules(runner, root, *dates):
    data = json.loads(invoke(runner, ["check", str(root), "--format", "json", *dates]).output)
    return data["today"], data["as_of"], sorted({(f["rule"], f["entity"]) for f in data["findings"]})


def test_today_and_as_of_mean_one_thing_each(runner, make_ws):
    """--today moves the date the rules count from (and what is valid then); --as-of only what is valid."""
    root = _dated_bornholm(make_ws)
    stale, empty = ("hygiene.stale", "ssp"), ("hygiene.empty-body", "psp")
    today, as_of, found = _rules(runner, root, "--today", "2026-11-22")
    assert (today, as_of) == ("2026-11-22", "2026-11-22") and stale in found and empty not in found
    today, as_of, found = _rules(runner, root, "--today", "2026-11-22", "--as-of", "2027-02-01")
    assert (today, as_of) == ("2026-11-22", "2027-02-01") and stale in found and empty in found
    today, as_of, found = _rules(runner, root, "--today", "2025-06-01")
    assert (today, as_of) == ("2025-06-01", "2025-06-01") and stale not in found and empty not in found
    today, as_of, found = _rules(runner, root, "--today", "2025-06-01", "--as-of", "2027-02-01")
    assert stale not in found and empty in found


def test_check_says_when_it_checks_another_date(runner, make_ws):
    root = write(make_ws, bornholm())
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--as-of", "2027-01-01"])
    assert result.output.splitlines()[0] == ("Bornholm: 25 entities in 2 files, checked as of 2026-11-22, "
                                             "entries valid on 2027-01-01")
    bad = runner.invoke(cli, ["check", str(root), "--as-of", "1. januar"])
    assert (bad.exit_code, bad.output) == (2, "Error: --as-of '1. januar' is not a date; write it as YYYY-MM-DD, "
                                              "e.g. 2026-01-31\n")


def test_init_takes_today_only(runner, tmp_path):
    result = runner.invoke(cli, ["init", "--kreds", "kreds-bornholm", str(tmp_path / "ws"), "--as-of", "2026-01-01"])
    assert result.exit_code == 2 and "No such option '--as-of'" in result.output
    assert not (tmp_path / "ws").exists()
