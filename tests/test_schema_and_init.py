import json

import jsonschema
import pytest
import yaml

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.model import SCHEMA_FILES, schema_text
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE, ROOT, TODAY


@pytest.mark.parametrize("which", sorted(SCHEMA_FILES))
def test_schema_folder_is_in_sync_with_the_code(which, golden):
    golden(ROOT / "schema" / SCHEMA_FILES[which], schema_text(which))


def _validator(which):
    schema = json.loads(schema_text(which))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_json(path):
    # Editors validate the JSON view of YAML: dates are strings there.
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_example_files_validate_against_the_published_schema():
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        which = "manifest" if path.name == "orgmodel.yaml" else "workspace"
        errors = list(_validator(which).iter_errors(_as_json(path)))
        assert errors == [], f"{path}: {errors[0].message}"


def test_schema_rejects_what_the_loader_rejects():
    validator = _validator("workspace")
    assert not validator.is_valid({"organisations": [{"id": "x", "name": "X", "categroy": "politi"}]})
    assert not validator.is_valid({"roles": [{"id": "Bad Id", "title": "X"}]})
    assert not validator.is_valid({"organisation": []})
    assert validator.is_valid({"forums": [{"id": "ssp", "type": "ssp", "members": "a",
                                           "covers": {"ages": "6-17", "groups": "unge"}}]})


def test_example_files_point_editors_at_the_schema():
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path} points at {target}"


def test_init_creates_a_district_that_checks_without_errors(runner, tmp_path):
    target = tmp_path / "Midt og Vest æøå"
    result = runner.invoke(cli, ["init", "--kreds", "Midt- og Vestjylland", str(target), "--today", "2026-11-22"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (
        f"Created {target} with 7 files: councils.yaml, documents.yaml, forums.yaml, goals.yaml, "
        "organisations.yaml, orgmodel.yaml, roles.yaml\n"
        f"Next: fill in the TODO placeholders, then run `orgmodel check '{target}'`.\n")  # quoted: it has spaces
    found = check(load_workspace(target), TODAY)
    assert found.counts["error"] == 0
    assert {f.rule for f in found.findings} >= {"placeholder.todo", "goal.strategic-cascade",
                                                "samarbejdsplan.current-year"}
    assert sorted(f.message for f in found.findings if f.rule == "samarbejdsplan.current-year") == [
        "the day the kredsråd discussed the samarbejdsplan is not recorded; the politidirektør publishes it after "
        "the kredsråd has discussed it",
        "the samarbejdsplan is not recorded as published; the politidirektør publishes it each year"]
    graph_ws = load_workspace(target)
    assert len([r for r in graph_ws.records.values() if r.kind == "council"]) == 12
    assert (target / ".orgmodel" / "workspace.schema.json").read_text() == schema_text("workspace")


def test_init_refuses_a_kommune_and_a_non_empty_folder(runner, tmp_path):
    result = runner.invoke(cli, ["init", "--kreds", "silkeborg", str(tmp_path / "x")], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == ("Error: 'silkeborg' is a kommune; --kreds takes a politikreds, "
                             "e.g. 'kreds-midt-og-vestjylland'\n")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("x")
    result = runner.invoke(cli, ["init", "--kreds", "kreds-fyn", str(tmp_path / "full")], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'full'} already exists and is not empty; choose a new folder\n"
    assert [p.name for p in tmp_path.iterdir()] == ["full"]


def test_init_unknown_kreds_suggests(runner, tmp_path):
    result = runner.invoke(cli, ["init", "--kreds", "fynn", str(tmp_path / "x")], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == ("Error: unknown area 'fynn'. Did you mean 'fyn'? "
                             "Run `orgmodel areas` to list every area id, name and code.\n")


def test_every_district_can_be_initialised(tmp_path):
    from orgmodel.model import AREAS
    from orgmodel.workspace import init_workspace

    for kreds in sorted(a.id for a in AREAS.values() if a.kind == "politikreds"):
        init_workspace(kreds, tmp_path / kreds, 2026)
        result = check(load_workspace(tmp_path / kreds), TODAY)
        assert result.counts["error"] == 0, (kreds, result.findings[:3])


def test_areas_listing(runner):
    result = runner.invoke(cli, ["areas", "--kreds", "Bornholm"], catch_exceptions=False)
    assert result.output == (
        "id         kind      name       code   politikreds\n"
        "─────────────────────────────────────────────────────\n"
        "bornholm   kommune   Bornholm   400    kreds-bornholm\n")
    data = json.loads(runner.invoke(cli, ["areas", "--format", "json"]).output)
    assert len(data) == 110
    assert sum(a["kind"] == "kommune" for a in data) == 98
    assert {"id": "kreds-midt-og-vestjylland", "kind": "politikreds", "name": "Midt- og Vestjyllands Politi",
            "code": "1462", "politikreds": ""} in data
    csv_text = runner.invoke(cli, ["areas", "--kind", "kommune", "--format", "csv"]).output
    assert csv_text.splitlines()[0] == "id,kind,name,code,politikreds"
    assert "ringkoebing-skjern,kommune,Ringkøbing-Skjern,760,kreds-midt-og-vestjylland" in csv_text


def test_area_counts_per_district_match_the_reference():
    from orgmodel.model import kommuner_of

    expected = {"kreds-nordjylland": 9, "kreds-oestjylland": 7, "kreds-midt-og-vestjylland": 11,
                "kreds-sydoestjylland": 7, "kreds-syd-og-soenderjylland": 8, "kreds-fyn": 10,
                "kreds-sydsjaelland-og-lolland-falster": 7, "kreds-midt-og-vestsjaelland": 10,
                "kreds-nordsjaelland": 13, "kreds-koebenhavns-vestegn": 11, "kreds-koebenhavn": 4,
                "kreds-bornholm": 1}
    assert {k: len(kommuner_of(k)) for k in expected} == expected


def test_rules_and_vocabulary_listings(runner):
    rules = runner.invoke(cli, ["rules", "--format", "json"], catch_exceptions=False)
    by_id = {r["rule"]: r for r in json.loads(rules.output)}
    assert by_id["kredsraad.meetings"]["severity"] == "warning"
    assert "§ 3" in by_id["kredsraad.meetings"]["source"]
    vocab = runner.invoke(cli, ["vocabulary", "forum_types", "--format", "csv"], catch_exceptions=False)
    assert ('ssp,"SSP (skole, socialforvaltning, politi)","SSP (schools, social services, police)",operationel,'
            '6-17,"boern, unge",true,"skoleforvaltning, socialforvaltning, politi","kommunal-ungeindsats, klub"\n') \
        in vocab.output
    bad = runner.invoke(cli, ["vocabulary", "crime"], catch_exceptions=False)
    assert bad.exit_code == 2
    assert bad.output.startswith("Error: unknown vocabulary section 'crime'. Did you mean 'crimes'?")


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"orgmodel {name}" in readme, name


def test_every_rule_is_documented_in_the_readme():
    from orgmodel.check import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"`{rule_id}`" in readme, rule_id


