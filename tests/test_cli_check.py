import json
import subprocess
import sys
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest
import yaml

from orgmodel.cli import cli

from .conftest import EXAMPLE, ROOT
from .districts import bornholm, find, write
from .schemas import validate_sarif, validate_xml


def invoke(runner, args):
    return runner.invoke(cli, args, catch_exceptions=False)


def test_check_example_text(runner, golden):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22"])
    assert result.exit_code == 0
    golden("check-example.txt", result.output)


def test_check_example_strict_fails_on_warnings(runner):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--strict"])
    assert result.exit_code == 1
    assert result.output.endswith("0 errors, 12 warnings, 19 information. The check fails.\n")


def test_check_example_json(runner, golden):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--format", "json"])
    data = json.loads(result.output)
    assert data["summary"] == {"error": 0, "warning": 12, "info": 19, "ignored": 0, "off": 0, "fails": False}
    assert data["off"] == []
    assert {f["rule"] for f in data["findings"]} == {"goal.strategic-cascade", "ssp.each-kommune", "psp.each-kommune",
                                                   "ksp.each-kommune", "ungdomskriminalitetsnaevn.each-kreds",
                                                   # the follow-up of goals (issue 16): 10 lokalråd without a
                                                   # handleplan, 3 targets without an indicator, the late action
                                                   "lokalraad.handleplan", "goal.measurable", "goal.status-overdue",
                                                   "indicator.missing-value"}
    assert {f["severity"] for f in data["findings"] if f["rule"] == "goal.strategic-cascade"} == {"info"}
    data["workspace"] = "examples/midt-og-vestjylland"
    golden("check-example.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_clean_workspace(runner, make_ws):
    root = write(make_ws, bornholm())
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert result.exit_code == 0
    assert result.output == ("Bornholm: 26 entities in 2 files, checked as of 2026-11-22\n\n"
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


@pytest.mark.parametrize(("written", "why"), [("2026-W01", "not a date"), ("20261122", "not a date"),
                                              ("2026-W05-3", "not a date"), ("0001-01-01", "before the year 1000")])
def test_a_week_a_date_without_dashes_or_a_year_before_1000_is_refused(runner, written, why):
    result = invoke(runner, ["check", str(EXAMPLE), "--today", written])
    assert (result.exit_code, result.output) == (
        2, f"Error: --today '{written}' is {why}; write it as YYYY-MM-DD, e.g. 2026-01-31\n")


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
    assert result.output.splitlines()[0] == ("Bornholm: 26 entities in 2 files, checked as of 2026-11-22, "
                                             "entries valid on 2027-01-01")
    bad = runner.invoke(cli, ["check", str(root), "--as-of", "1. januar"])
    assert (bad.exit_code, bad.output) == (2, "Error: --as-of '1. januar' is not a date; write it as YYYY-MM-DD, "
                                              "e.g. 2026-01-31\n")


def test_init_takes_today_only(runner, tmp_path):
    result = runner.invoke(cli, ["init", "--kreds", "kreds-bornholm", str(tmp_path / "ws"), "--as-of", "2026-01-01"])
    assert result.exit_code == 2 and "No such option '--as-of'" in result.output
    assert not (tmp_path / "ws").exists()


# --- reports that outside tools accept (validated with the formats' own schemas) ---------------------------

def test_sarif_file_uris_are_percent_encoded_and_valid(runner, make_ws):
    """File names with a space or a non-ASCII letter make URIs the SARIF 2.1.0 schema accepts."""
    data = bornholm()
    find(data, "ssp")["members"].append("nobody")
    root = make_ws({"orgmodel.yaml": "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n",
                    "ny forum.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    "lokalråd.yaml": "roles:\n  - id: ekstra\n    title: Ekstra\n    titel: x\n"})
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "sarif"])
    assert result.exit_code == 1
    sarif = json.loads(result.output)
    validate_sarif(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert {"ny%20forum.yaml", "lokalr%C3%A5d.yaml"} <= uris
    assert all((root / unquote(uri)).is_file() for uri in uris)
    assert sarif["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_every_format_names_a_rule_switched_off(runner, make_ws):
    """`kredsraad.chair: off` on a kredsråd without a chair: the check passes, and says the rule was not run, where
    JUnit used to list it as a passing test and SARIF gave no override."""
    data = bornholm()
    del find(data, "kredsraad")["chair"]
    root = write(make_ws, data, "name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\n"
                 "rules: {kredsraad.chair: 'off'}\n")
    run = {fmt: invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", fmt])
           for fmt in ("text", "json", "junit", "sarif")}
    assert {fmt: result.exit_code for fmt, result in run.items()} == dict.fromkeys(run, 0)
    assert run["text"].output.endswith("\nNot run (off in orgmodel.yaml): kredsraad.chair\n\n"
                                       "0 errors, 0 warnings, 1 information (1 rule off). The check passes.\n")
    data = json.loads(run["json"].output)
    assert data["off"] == [{"rule": "kredsraad.chair"}] and data["summary"]["off"] == 1
    validate_xml("junit", run["junit"].output)
    suite = ET.fromstring(run["junit"].output.encode())
    (case,) = [case for case in suite if case.get("name") == "kredsraad.chair"]
    assert [(e.tag, e.get("message")) for e in case] == [("skipped", "not run: off in orgmodel.yaml")]
    assert (suite.get("skipped"), suite.get("failures")) == ("1", "0")
    sarif = json.loads(run["sarif"].output)
    validate_sarif(sarif)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    (override,) = sarif["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]
    assert override == {"descriptor": {"id": "kredsraad.chair", "index": override["descriptor"]["index"]},
                        "configuration": {"enabled": False}, "properties": {"reason": "off in orgmodel.yaml"}}
    assert rules[override["descriptor"]["index"]]["id"] == "kredsraad.chair"


def test_junit_is_valid_with_a_date_time_timestamp(runner, make_ws):
    data = bornholm()
    del find(data, "kredsraad")["chair"]
    root = write(make_ws, data)
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "junit"])
    assert result.exit_code == 1
    validate_xml("junit", result.output)
    # Jenkins' schema types it as text; Ant's JUnit schema and the readers want an ISO 8601 date-time.
    assert ET.fromstring(result.output.encode()).get("timestamp") == "2026-11-22T00:00:00"


def _validate_report(fmt: str, text: str, message: str) -> None:
    """A valid report of the ``fmt`` format that says the check could not run, with ``message``."""
    if fmt == "json":
        data = json.loads(text)
        assert data["error"] == {"message": message, "exit_code": 2}
        assert data["summary"]["fails"] is True and data["findings"] == []
    elif fmt == "junit":
        validate_xml("junit", text)
        suite = ET.fromstring(text.encode())
        assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")
        error = suite.find("testcase/error")
        assert error is not None and error.text == message
        assert suite.get("timestamp") == "2026-11-22T00:00:00"
    else:
        sarif = json.loads(text)
        validate_sarif(sarif)
        (invocation,) = sarif["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
        (note,) = invocation["toolExecutionNotifications"]
        assert note["level"] == "error" and note["message"]["text"] == message
        assert "results" not in sarif["runs"][0]


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif"])
def test_an_unreadable_workspace_still_writes_a_report_and_exits_2(runner, make_ws, tmp_path, fmt):
    """A CI step that uploads the report finds a valid file that carries the failure."""
    root = make_ws({"a.yaml": "roles:\n\t- id: x\n"})
    message = "a.yaml:2: a tab character\n  Fix: indent with spaces only; replace the tab with spaces"
    out = tmp_path / f"check.{fmt}"
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\nError: {message}\n"
    _validate_report(fmt, out.read_text(encoding="utf-8"), message)
    piped = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", fmt])
    assert piped.exit_code == 2 and piped.stderr == f"Error: {message}\n"
    _validate_report(fmt, piped.stdout, message)


def test_an_unreadable_workspace_writes_no_text_report(runner, make_ws, tmp_path):
    root = make_ws({"a.yaml": "roles:\n\t- id: x\n"})
    out = tmp_path / "check.txt"
    result = invoke(runner, ["check", str(root), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.output == ("Error: a.yaml:2: a tab character\n"
                             "  Fix: indent with spaces only; replace the tab with spaces\n")


def test_a_report_that_cannot_be_written_does_not_hide_the_error(runner, make_ws, tmp_path):
    root = make_ws({"a.yaml": "roles:\n\t- id: x\n"})
    out = tmp_path / "no" / "check.sarif"
    result = invoke(runner, ["check", str(root), "--format", "sarif", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith(f"Error: cannot write {out}")
    assert result.stderr.endswith("Error: a.yaml:2: a tab character\n"
                                  "  Fix: indent with spaces only; replace the tab with spaces\n")


def test_a_misspelt_district_in_the_scope_fails_the_check_and_the_gaps(runner, make_ws):
    """A scope that names no district is an error with its line and a did-you-mean, not a silent pass; the
    gaps refuse to answer for it (exit 2) rather than leave out every kommune."""
    root = write(make_ws, bornholm(), "name: Bornholm\nscope:\n  politikredse: [kreds-bornholmm]\n")
    message = ("orgmodel.yaml:3  the scope lists 'kreds-bornholmm' under 'politikredse', which is not a known "
               "politikreds. Did you mean 'kreds-bornholm'?\n"
               "      Fix: use the id, name or code of a politikreds from `orgmodel areas --kind politikreds`\n")
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert (result.exit_code, result.output) == (1, (
        "Bornholm: 26 entities in 2 files, checked as of 2026-11-22\n\n"
        "Errors (1)\n"
        "  scope.unknown-area  The scope lists an area that is unknown, or a kommune as a politikreds "
        "(or the reverse), or none\n"
        f"    {message}\n"
        "1 error, 0 warnings, 0 information. The check fails.\n"))
    for args in (["gaps", "ages", str(root)], ["gaps", "groups", str(root), "--by", "scope"],
                 ["gaps", "partners", str(root), "--by", "kommune"]):
        gaps = invoke(runner, args)
        assert (gaps.exit_code, gaps.stdout) == (2, "")
        assert gaps.stderr == "Error: " + message.replace("  ", ": ", 1).replace("      Fix", "  Fix")


def test_a_kommune_listed_as_a_politikreds_in_the_scope_is_an_error(runner, make_ws):
    root = write(make_ws, bornholm(), "name: Bornholm\nscope: {politikredse: [rudersdal], kommuner: [kreds-fyn]}\n")
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "json"])
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["message"], f["fix"]) for f in json.loads(result.output)["findings"]] == [
        ("orgmodel.yaml", 2, "the scope lists 'kreds-fyn' under 'kommuner', but it is the politikreds Fyn",
         "move 'kreds-fyn' under 'politikredse:'"),
        ("orgmodel.yaml", 2, "the scope lists 'rudersdal' under 'politikredse', but it is the kommune Rudersdal",
         "move 'rudersdal' under 'kommuner:', or name its politikreds 'kreds-nordsjaelland' to take in every "
         "kommune of the district")]


def test_did_you_mean_suggests_only_keys_valid_where_they_were_written(runner, make_ws):
    """Never the word itself, never a key of another kind of entry: a key that other kinds have is named as
    theirs, with the key of the same meaning this kind uses."""
    root = make_ws({
        "orgmodel.yaml": "name: T\ncoverage_defaults:\n  ssp:\n    colours: [boern]\nscope:\n  kommune: [bornholm]\n",
        "a.yaml": """\
        councils:
          - id: lokalraad
            type: lokalraad
            area: bornholm
            under: x
            covers: {agse: [6-17]}
        roles:
          - id: r
            name: R
        """})
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert result.exit_code == 1
    unknown_keys = result.output.split("  schema.unknown-key  Unknown key in an entry\n")[1].split("\n\n")[0] \
        .split("\n  scope.unknown-area  ")[0]  # (the scope read without its misspelt key names no area: an error too)
    fix = "      Fix: remove the key or correct its spelling (see the format in the README)\n"
    assert unknown_keys + "\n" == (
        "    a.yaml:5  lokalraad: unknown key 'under' in council 'lokalraad'. 'under' is a key of forums, not of "
        "councils; a council uses 'reports_to'.\n" + fix +
        "    a.yaml:6  lokalraad: unknown key 'agse' in 'covers' of council 'lokalraad'. Did you mean 'ages'?\n"
        + fix +
        "    a.yaml:9  r: unknown key 'name' in role 'r'. 'name' is a key of organisations, councils, forums and "
        "policies, not of roles; a role uses 'title'.\n" + fix +
        "    orgmodel.yaml:4  unknown key 'colours' in 'coverage_defaults.ssp' of orgmodel.yaml.\n" + fix +
        "    orgmodel.yaml:6  unknown key 'kommune' in 'scope' of orgmodel.yaml. Did you mean 'kommuner'?\n" + fix)
    assert "has no 'title'" not in result.output, "the missing title is the misnamed 'name': reported once"


def test_invisible_and_direction_characters_are_refused_in_ids_and_shown_escaped(runner, make_ws):
    """A right-to-left override or a zero-width space could make one id look like another on a terminal."""
    root = make_ws({"a.yaml": """\
        organisations:
          - id: "skole\\u202eabc"
            name: Skole
            category: skole
          - id: klub
            name: "Klub\\u200b\\u202e"
            category: klub
        """})
    result = invoke(runner, ["check", str(root), "--today", "2026-11-22"])
    assert result.exit_code == 1
    assert ("    a.yaml:2  skole\\u202eabc: 'skole\\u202eabc' in 'id' of organisation 'skole\\u202eabc' is not "
            "a valid id\n      Fix: ids use only a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), e.g. 'skole-abc'\n"
            ) in result.output
    assert "\u202e" not in result.output and "\u200b" not in result.output
    data = json.loads(invoke(runner, ["check", str(root), "--today", "2026-11-22", "--format", "json"]).output)
    assert "'skole\\u202eabc' in 'id' of organisation" in data["findings"][0]["message"]
    shown = invoke(runner, ["show", "klub", "-w", str(root)])
    assert "Klub\\u200b\\u202e" in shown.stdout and "\u202e" not in shown.stdout
    assert invoke(runner, ["show", "klub", "-w", str(root), "--format", "json"]).stdout.count("Klub\u200b\u202e") == 1
    missing = invoke(runner, ["show", "klu\u202eb", "-w", str(root)])
    assert missing.exit_code == 2 and "Error: no entity with the id 'klu\\u202eb'." in missing.stderr


def test_every_invisible_character_of_this_python_is_escaped():
    """The escaped set covers Unicode's control, format and separator characters (Cc, Cf, Zl, Zp) but tab and
    line feed, as this Python's Unicode database knows them."""
    import unicodedata

    from orgmodel.tables import visible

    hidden = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")]
    assert [c for c in hidden if visible(c) == c] == ["\t", "\n"]
    assert visible("\x1b[31m\u2067x") == "\\x1b[31m\\u2067x"


def test_diff_of_a_broken_folder_names_the_folder(runner, make_ws):
    good, broken = write(make_ws, bornholm()), write(make_ws, bornholm())
    (broken / "data.yaml").write_text("organisations:\n  - id: x\n   bad: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(good), str(broken)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == (f"Error: in the folder {broken}: data.yaml:3: YAML syntax error (did not find "
                             "expected '-' indicator)\n  Fix: check the indentation and quotes on this line\n")


def test_init_quotes_a_folder_with_spaces_in_its_next_step(runner, tmp_path):
    target = tmp_path / "mit kredsråd"
    result = runner.invoke(cli, ["init", "--kreds", "kreds-bornholm", str(target), "--today", "2026-01-31"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert f"then run `orgmodel check '{target}'`." in result.output


def test_init_refuses_an_empty_today(runner, tmp_path):
    result = runner.invoke(cli, ["init", "--kreds", "kreds-bornholm", str(tmp_path / "x"), "--today", ""],
                           catch_exceptions=False)
    assert (result.exit_code, result.output) == (
        2, "Error: --today '' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31\n")


@pytest.mark.parametrize("name,fmt", [("check.sarif", "sarif"), ("check.json", "json"), ("check.XML", "junit"),
                                      ("check.log", "text"), ("check.txt", "text")])
def test_the_suffix_of_the_output_names_its_format(runner, tmp_path, name, fmt):
    """`-o check.sarif` wrote the text report into a file a code-scanning upload then refused; as `diagram` and
    `export`, the suffix names the format when --format is not given (any other suffix is text)."""
    out = tmp_path / name
    result = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "-o", str(out)])
    expected = invoke(runner, ["check", str(EXAMPLE), "--today", "2026-11-22", "--format", fmt])
    assert result.exit_code == expected.exit_code == 0
    assert out.read_text(encoding="utf-8") == expected.stdout


def test_an_output_suffix_that_names_another_format_is_refused(runner, tmp_path):
    out = tmp_path / "check.sarif"
    result = invoke(runner, ["check", str(EXAMPLE), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.endswith(f"Error: -o {out} names sarif but --format is json; give a file ending in the "
                                  "format's suffix, or leave out --format\n")


@pytest.mark.parametrize("name,fmt", [("status.csv", "csv"), ("status.json", "json"), ("status.txt", "text")])
def test_the_suffix_of_the_status_output_names_its_format(runner, tmp_path, name, fmt):
    out = tmp_path / name
    result = invoke(runner, ["status", str(EXAMPLE), "--today", "2026-11-22", "-o", str(out)])
    expected = invoke(runner, ["status", str(EXAMPLE), "--today", "2026-11-22", "--format", fmt])
    assert result.exit_code == expected.exit_code == 0
    assert out.read_text(encoding="utf-8") == expected.stdout


def test_the_formats_the_suffix_may_name_are_those_check_writes():
    from orgmodel.check import FORMATS
    from orgmodel.check.formats import FORMAT_NAMES, SUFFIXES

    assert tuple(FORMATS) == FORMAT_NAMES and set(SUFFIXES.values()) == set(FORMAT_NAMES)
