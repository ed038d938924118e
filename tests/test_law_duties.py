"""Duties the act states: SSP, PSP and KSP (retsplejeloven §§ 114-115), who may sit where individual
persons are discussed (§ 115), the kredsråd's members (§ 111, bekendtgørelse 1426/2006 § 3) and the
Ungdomskriminalitetsnævn."""

import datetime as dt
import json

import pytest

from orgmodel.check import check
from orgmodel.check.rules import RULES
from orgmodel.cli import cli
from orgmodel.workspace import load_workspace

from .conftest import TODAY
from .districts import add_member, add_role, bornholm, find, write

DUTIES = ("ssp.each-kommune", "psp.each-kreds", "ksp.each-kreds", "ungdomskriminalitetsnaevn.each-kreds",
          "individual-cases.authorities", "kredsraad.others-invited")


SSP_WHY = ("by DKR's guidance the kredsråd works to establish crime-prevention cooperation between the police and "
           "each kommune, with schools and social services (SSP); SSP is said to rest on retsplejeloven § 114, whose "
           "text is not confirmed (kilde ikke bekræftet)")


def duty_findings(make_ws, data, manifest=None, today=TODAY, as_of=None):
    root = write(make_ws, data, manifest) if manifest else write(make_ws, data)
    result = check(load_workspace(root), today, as_of=as_of)
    return [(f.rule, f.severity, f.entity, f.message) for f in result.findings if f.rule in DUTIES]


def without(data: dict, *ids: str) -> dict:
    """The workspace without the forums ``ids``."""
    data["forums"] = [f for f in data["forums"] if f["id"] not in ids]
    return data


def test_the_clean_district_meets_every_duty(make_ws):
    assert duty_findings(make_ws, bornholm()) == []


# --- § 114: SSP with each kommune, PSP and KSP in every politikreds --------------------------------


def test_a_kommune_without_ssp(make_ws):
    data = without(bornholm(), "ssp")
    for goal in data["goals"]:
        if goal.get("owner") == "ssp":
            goal["owner"] = "lokalraad"
    assert duty_findings(make_ws, data) == [
        ("ssp.each-kommune", "warning", "lokalraad",
         "Bornholm (bornholm) has no SSP forum; " + SSP_WHY)]


def test_an_ssp_that_has_ended_does_not_count(make_ws):
    data = bornholm()
    find(data, "ssp")["valid_to"] = "2025-12-31"
    assert [rule for rule, *_ in duty_findings(make_ws, data)] == ["ssp.each-kommune"]
    assert duty_findings(make_ws, data, as_of=dt.date(2025, 6, 1)) == []


def test_a_kommune_without_ssp_or_lokalraad_is_reported_on_the_manifest(make_ws):
    manifest = "name: B\nscope: {politikredse: [kreds-bornholm], kommuner: [aeroe]}\n"
    assert duty_findings(make_ws, bornholm(), manifest=manifest) == [
        ("ssp.each-kommune", "warning", "",
         "Ærø (aeroe) has no SSP forum; " + SSP_WHY)]


def test_a_politikreds_without_psp_is_an_error(make_ws):
    got = duty_findings(make_ws, without(bornholm(), "psp-bornholm"))
    assert got == [
        ("psp.each-kreds", "error", "kredsraad",
         "politikreds Bornholm (kreds-bornholm) has no PSP forum; since 1 April 2009 the act requires a PSP "
         "cooperation (police, social services, social and treatment psychiatry) in every politikreds")]


def test_psp_counts_before_1_april_2009_not(make_ws):
    data = without(bornholm(), "psp-bornholm", "ksp-bornholm", "ukn-bornholm")
    assert duty_findings(make_ws, data, today=dt.date(2009, 3, 31)) == []
    assert [rule for rule, *_ in duty_findings(make_ws, data, today=dt.date(2009, 4, 1))] == ["psp.each-kreds"]


def test_a_district_wide_psp_counts(make_ws):
    data = bornholm()
    psp = find(data, "psp-bornholm")
    del psp["under"]
    psp.update(area="kreds-bornholm", under="kredsraad")
    assert duty_findings(make_ws, data) == []


@pytest.mark.parametrize(("missing", "finding", "before", "also_missing"), [
    ("ksp-bornholm",  # a warning whose source is not confirmed
     ("ksp.each-kreds", "warning", "kredsraad",
      "politikreds Bornholm (kreds-bornholm) has no KSP forum; since 2011 retsplejeloven § 115, stk. 1, nr. 3 "
      "provides for KSP (Kriminalforsorgen, social services, police) for people released from prison; that "
      "every politikreds must set one up is not confirmed (kilde ikke bekræftet)"),
     dt.date(2010, 12, 31), ("ukn-bornholm",)),
    ("ukn-bornholm",
     ("ungdomskriminalitetsnaevn.each-kreds", "info", "kredsraad",
      "politikreds Bornholm (kreds-bornholm) shows no Ungdomskriminalitetsnævn; since 1 January 2019 the nævn "
      "(lov om bekæmpelse af ungdomskriminalitet) sits in every politikreds: a judge, a kommune employee and "
      "a police employee set individual measures for children aged 10-17"),
     dt.date(2018, 12, 31), ()),
])
def test_a_politikreds_without_a_body_the_law_provides_for_since_a_date(make_ws, missing, finding, before,
                                                                        also_missing):
    """The finding names the duty and its source; before the law took effect there is none (nor for the bodies
    of later laws, ``also_missing``)."""
    assert duty_findings(make_ws, without(bornholm(), missing)) == [finding]
    assert duty_findings(make_ws, without(bornholm(), missing, *also_missing), today=before) == []


def test_the_duties_apply_only_in_scope(make_ws):
    data = without(bornholm(), "psp-bornholm", "ksp-bornholm", "ukn-bornholm")
    assert duty_findings(make_ws, data, manifest="name: B\nscope: {kommuner: [bornholm]}\n") == []
    got = duty_findings(make_ws, data, manifest="name: B\nscope: {politikredse: [kreds-fyn]}\n")
    assert not any("Bornholm" in message for *_, message in got)
    assert ("psp.each-kreds", "error", "") in [finding[:3] for finding in got]


def test_the_rules_cite_their_sources_and_say_what_is_unconfirmed():
    assert RULES["psp.each-kreds"].sources == ("jm-l79-2008", "primo-psp-2009", "sfi-psp-2009", "regionh-psp")
    assert "kilde ikke bekræftet" not in RULES["psp.each-kreds"].source
    assert RULES["ssp.each-kommune"].source.startswith("Kreds- og lokalråd (Det Kriminalpræventive Råd)")
    assert RULES["ssp.each-kommune"].source.endswith(
        "Lov om rettens pleje (retsplejeloven), § 114 (Justitsministeriet) (kilde ikke bekræftet)")
    assert RULES["ksp.each-kreds"].severity == "warning"
    # the message says "§ 115, stk. 1, nr. 3 provides for KSP": it cites § 115, whose text says so (not § 114)
    assert RULES["ksp.each-kreds"].sources == ("rpl-115", "l3-2010-11", "jm-vejl-90-2011")
    assert RULES["individual-cases.authorities"].sources == ("rpl-115", "primo-psp-2009", "viborg-psp", "l3-2010-11")


# --- § 115: who may sit where individual persons are discussed ------------------------------------


def _club(data: dict) -> dict:
    data["organisations"].append({"id": "boldklub", "name": "Boldklubben", "category": "idraetsforening"})
    return data


def test_an_association_in_a_psp_is_an_error_with_its_line(make_ws):
    data = _club(bornholm())
    find(data, "psp-bornholm")["members"].append("boldklub")
    root = write(make_ws, data)
    result = check(load_workspace(root), TODAY)
    [finding] = [f for f in result.findings if f.rule == "individual-cases.authorities"]
    assert (finding.severity, finding.entity, finding.message, finding.fix) == (
        "error", "psp-bornholm",
        "'boldklub' (Boldklubben) sits here (members) and is of category Idrætsforening (idraetsforening), not a "
        "public authority nor an institution of retsplejeloven § 115, stk. 3; the body discusses "
        "individual persons (its type psp does so unless it says 'individual_cases: false')",
        "move them to a body at the general level (one that discusses no individual persons); if this body "
        "discusses none, write 'individual_cases: false'")
    lines = (root / "data.yaml").read_text().splitlines()
    assert lines[finding.line - 1].strip() == "- boldklub"


def test_a_body_that_says_it_discusses_no_individuals_may_seat_anyone(make_ws):
    data = _club(bornholm())
    find(data, "psp-bornholm")["members"].append("boldklub")
    find(data, "psp-bornholm")["individual_cases"] = False
    assert duty_findings(make_ws, data) == []


def test_ssp_discusses_individuals_only_when_it_says_so(make_ws):
    data = _club(bornholm())
    find(data, "ssp")["members"].append("boldklub")
    assert duty_findings(make_ws, data) == []
    find(data, "ssp")["individual_cases"] = True
    assert [(rule, entity) for rule, _, entity, _ in duty_findings(make_ws, data)] == [
        ("individual-cases.authorities", "ssp")]


def test_the_individual_ssp_level_discusses_individuals(make_ws):
    data = _club(bornholm())
    data["forums"].append({"id": "ssp-individ", "type": "ssp", "under": "ssp", "ssp_level": "individorienteret",
                           "members": ["bornholm-social", "bornholms-politi", "boldklub"]})
    got = duty_findings(make_ws, data)
    assert [(rule, entity) for rule, _, entity, _ in got] == [("individual-cases.authorities", "ssp-individ")]


def test_municipal_units_and_stk_3_institutions_may_sit(make_ws):
    data = bornholm()
    data["organisations"] += [{"id": "gymnasium", "name": "Gymnasiet", "category": "ungdomsuddannelse"},
                              {"id": "klub2", "name": "Ungdomsklubben", "category": "klub"}]
    find(data, "psp-bornholm")["members"] += ["gymnasium", "klub2", "bornholm-skole"]
    assert duty_findings(make_ws, data) == []


@pytest.mark.parametrize(("seat", "value", "field"), [
    ("invited", ["boligselskab"], "invited"),
    ("chair", "formand-boligselskab", "chair"),
])
def test_chair_and_guests_count_and_roles_count_through_their_organisation(make_ws, seat, value, field):
    data = bornholm()
    data["organisations"].append({"id": "boligselskab", "name": "Boligselskabet", "category": "boligorganisation"})
    data["roles"].append({"id": "formand-boligselskab", "title": "Formand", "organisation": "boligselskab"})
    find(data, "ksp-bornholm")[seat] = value
    got = duty_findings(make_ws, data)
    assert len(got) == 1 and got[0][:3] == ("individual-cases.authorities", "error", "ksp-bornholm")
    assert f"sits here ({field}) and is of category Boligorganisation (boligorganisation)" in got[0][3]


def test_a_workspace_category_inherits_or_states_authority_115(make_ws):
    data = bornholm()
    add_member(data, "psp-bornholm", "natteravnene", "Natteravnene", "natteravne")
    vocabulary = "vocabulary:\n  categories:\n    natteravne: {da: Natteravne, en: Night ravens, parent: frivillig}\n"
    manifest = "name: B\nscope: {politikredse: [kreds-bornholm]}\n"
    assert [rule for rule, *_ in duty_findings(make_ws, data, manifest=manifest + vocabulary)] == [
        "individual-cases.authorities"]
    stated = vocabulary.replace("parent: frivillig}", "parent: frivillig, authority_115: true}")
    assert duty_findings(make_ws, data, manifest=manifest + stated) == []


def test_a_role_without_organisation_cannot_be_judged(make_ws):
    data = bornholm()
    data["roles"].append({"id": "konsulent", "title": "Konsulent"})
    find(data, "psp-bornholm")["members"].append("konsulent")
    [(_, _, _, message)] = duty_findings(make_ws, data)
    assert message.startswith("'konsulent' (Konsulent) sits here (members) and is without an organisation, so its "
                              "category is unknown")


# --- The kredsråd: the politidirektør and the borgmestre are members, anyone else is invited ---------


def test_others_than_borgmestre_are_invited_not_members(make_ws):
    data = bornholm()
    find(data, "kredsraad")["members"] += ["politikommissaer", "bornholm-kommune"]
    assert duty_findings(make_ws, data) == [
        ("kredsraad.others-invited", "error", "kredsraad",
         f"member '{member}' ({label}) is neither a borgmester nor the politidirektør of Bornholm; by "
         "retsplejeloven § 111 the kredsråd's members are the politidirektør and the borgmestre, and others take "
         "part as invited (bekendtgørelse 1426/2006 § 3, stk. 2)")
        for member, label in (("politikommissaer", "Politikommissær"),
                              ("bornholm-kommune", "Bornholms Regionskommune"))]


def test_the_politidirektoer_a_substitute_and_an_overborgmester_may_be_members(make_ws):
    data = bornholm()
    data["roles"].append({"id": "overborgmester", "title": "Overborgmester", "type": "overborgmester",
                          "organisation": "bornholm-kommune"})
    find(data, "kredsraad")["members"] += ["politidirektoer", "stedfortraeder-bornholm", "overborgmester"]
    assert duty_findings(make_ws, data) == []


def test_another_districts_politidirektoer_is_not_a_member(make_ws):
    data = bornholm()
    add_role(data, "politidirektoer-fyn", "Politidirektør", "politidirektoer", "fyns-politi", "Fyns Politi", "politi",
             "kreds-fyn")
    find(data, "kredsraad")["members"].append("politidirektoer-fyn")
    assert [(rule, entity) for rule, _, entity, _ in duty_findings(make_ws, data)] == [
        ("kredsraad.others-invited", "kredsraad")]


def test_the_fix_names_the_move_and_ignore_silences_it(make_ws):
    data = bornholm()
    find(data, "kredsraad")["members"].append("politikommissaer")
    result = check(load_workspace(write(make_ws, data)), TODAY)
    [finding] = [f for f in result.findings if f.rule == "kredsraad.others-invited"]
    assert finding.fix == "move 'politikommissaer' from 'members' to 'invited'"
    find(data, "kredsraad")["ignore"] = [{"rule": "kredsraad.others-invited", "reason": "test"}]
    assert duty_findings(make_ws, data) == []


# --- The CLI ----------------------------------------------------------------------------------------


def test_check_fails_on_a_district_without_psp(runner, make_ws):
    root = write(make_ws, without(bornholm(), "psp-bornholm"))
    result = runner.invoke(cli, ["check", str(root), "--today", "2026-11-22", "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(f["rule"], f["entity"], f["line"]) for f in data["findings"] if f["severity"] == "error"] == [
        ("psp.each-kreds", "kredsraad", next(i for i, line in enumerate(
            (root / "data.yaml").read_text().splitlines(), 1) if line == "- id: kredsraad"))]
    assert data["summary"]["error"] == 1


def test_wrong_references_and_unknown_categories_are_other_rules_findings(make_ws):
    data = bornholm()
    find(data, "kredsraad")["members"].append("s1")
    add_member(data, "psp-bornholm", "ukendt", "Ukendt", "ukendt-kategori")
    root = write(make_ws, data)
    rules = {f.rule for f in check(load_workspace(root), TODAY).findings}
    assert {"ref.wrong-kind", "vocabulary.unknown-term"} <= rules
    assert not rules & {"kredsraad.others-invited", "individual-cases.authorities"}


# --- Review follow-ups: kommuner a PSP or KSP does not serve, national bodies, SSP levels ----------


def _example_copy(tmp_path, extra: str = ""):
    import shutil

    from .conftest import EXAMPLE

    root = tmp_path / "mvj"
    shutil.copytree(EXAMPLE, root)
    if extra:
        (root / "forums" / "extra.yaml").write_text(extra, encoding="utf-8")
    return root


def _rule_findings(root, rule_id):
    return [(f.entity, f.message) for f in check(load_workspace(root), TODAY).findings if f.rule == rule_id]


def test_kommuner_no_psp_serves_are_listed_on_the_kredsraad(tmp_path):
    found = _rule_findings(_example_copy(tmp_path), "psp.each-kommune")
    assert len(found) == 1 and found[0][0] == "kredsraad-mvj"
    assert found[0][1].startswith("PSP serves 2 of 11 kommuner in politikreds Midt- og Vestjylland: none is "
                                  "recorded for Herning (herning), Holstebro (holstebro), ")
    assert "Silkeborg" not in found[0][1]
    assert [rule for rule in ("psp.each-kommune", "ksp.each-kommune") if RULES[rule].category != "guidance"] == []


def test_a_psp_for_the_whole_politikreds_serves_every_kommune(tmp_path):
    extra = ("forums:\n  - id: psp-hele-kredsen\n    type: psp\n    area: kreds-midt-og-vestjylland\n"
             "    under: kredsraad-mvj\n    members: [mvj-politi]\n")
    assert _rule_findings(_example_copy(tmp_path, extra), "psp.each-kommune") == []


def test_a_national_body_needs_no_umbrella(make_ws):
    data = bornholm()
    del find(data, "ukn-bornholm")["under"]
    del find(data, "ksp-bornholm")["under"]
    result = check(load_workspace(write(make_ws, data)), TODAY)
    assert [f.entity for f in result.findings if f.rule == "forum.umbrella"] == ["ksp-bornholm"]


def test_an_ssp_level_outside_ssp_is_a_warning(make_ws):
    data = bornholm()
    data["forums"] += [
        {"id": "netvaerk", "type": "andet", "under": "lokalraad", "members": ["bornholm-social"],
         "ssp_level": "generel"},
        {"id": "ssp-koordinering", "type": "koordinationsgruppe", "under": "ssp", "members": ["bornholm-social"],
         "ssp_level": "specifik"}]
    found = [(f.entity, f.severity, f.message) for f in check(load_workspace(write(make_ws, data)), TODAY).findings
             if f.rule == "forum.ssp-level"]
    assert found == [("netvaerk", "warning", "'ssp_level: generel' is given to an andet that is neither an SSP nor "
                      "under one; SSP's levels (generel, specifik, individorienteret) describe SSP's own groups")]


def test_an_individual_ssp_level_is_named_as_the_reason(make_ws):
    data = bornholm()
    data["organisations"].append({"id": "idraet", "name": "Idrætsforeningen", "category": "idraetsforening",
                                  "area": "bornholm"})
    data["forums"].append({"id": "ssp-individ", "type": "koordinationsgruppe", "under": "ssp",
                           "ssp_level": "individorienteret", "members": ["bornholm-social", "idraet"]})
    found = [f for f in check(load_workspace(write(make_ws, data)), TODAY).findings
             if f.rule == "individual-cases.authorities"]
    assert len(found) == 1 and found[0].entity == "ssp-individ"
    assert found[0].message.endswith("(its SSP level individorienteret does so unless it says "
                                     "'individual_cases: false')")


def test_a_role_without_organisation_in_a_psp_is_asked_for_its_organisation(make_ws):
    data = bornholm()
    data["roles"].append({"id": "konsulent", "title": "Konsulent", "type": "andet"})
    find(data, "psp-bornholm")["members"].append("konsulent")
    found = [f for f in check(load_workspace(write(make_ws, data)), TODAY).findings
             if f.rule == "individual-cases.authorities"]
    assert [f.fix for f in found] == ["give the role 'organisation:' (the authority it works for), or move it to "
                                      "a body at the general level"]


# --- dated seats are judged on the day checked (found by a review) ---------------------------------------


@pytest.mark.parametrize(("seat", "found"), [
    ({"id": "boldklub", "since": "2025-01-01"}, True),
    ({"id": "boldklub", "until": "2020-12-31"}, False),
    ({"id": "boldklub", "since": "2099-01-01"}, False),
])
def test_a_dated_seat_in_a_psp_is_judged_while_it_is_held(make_ws, seat, found):
    data = _club(bornholm())
    find(data, "psp-bornholm")["members"].append(seat)
    got = [(rule, entity) for rule, _, entity, _ in duty_findings(make_ws, data)]
    assert got == ([("individual-cases.authorities", "psp-bornholm")] if found else [])


def test_a_kredsraad_seat_that_ended_is_not_judged(make_ws):
    data = bornholm()
    find(data, "kredsraad")["members"].append({"id": "bornholm-skole", "since": "2015-01-01", "until": "2020-12-31"})
    assert duty_findings(make_ws, data) == []
    assert [rule for rule, *_ in duty_findings(make_ws, data, as_of=dt.date(2020, 6, 1))] == \
        ["kredsraad.others-invited"]


def test_a_chair_whose_role_type_lies_below_politidirektoer_chairs_the_kredsraad(make_ws):
    data = bornholm()
    find(data, "politidirektoer")["type"] = "konstitueret-politidirektoer"
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  role_types:\n"
                "    konstitueret-politidirektoer: {da: Konstitueret politidirektør, en: Acting chief of police, "
                "parent: politidirektoer}\n")
    root = write(make_ws, data, manifest)
    result = check(load_workspace(root), TODAY)
    assert [f.rule for f in result.findings if f.severity == "error"] == []


def test_a_district_whose_kredsraad_has_ended_stays_in_its_derived_scope(make_ws):
    data = bornholm()
    find(data, "kredsraad")["valid_to"] = "2025-12-31"
    manifest = "name: Bornholm\n"  # no scope: it comes from the data
    root = write(make_ws, data, manifest)
    result = check(load_workspace(root), dt.date(2026, 6, 1))
    assert "kredsraad.one-per-kreds" in {f.rule for f in result.findings if f.severity == "error"}


ALIASES = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n"
           "  forum_types:\n    psp-samarbejde: {da: PSP-samarbejde, en: PSP, alias_of: psp}\n"
           "    ukn: {da: UKN, en: UKN, alias_of: ungdomskriminalitetsnaevn}\n"
           "  ssp_levels:\n    individ: {da: Individ, en: Individual, alias_of: individorienteret}\n"
           "  council_types:\n    kredsraadet: {da: Kredsrådet, en: District council, alias_of: kredsraad}\n")


def test_a_type_or_level_written_as_an_alias_is_judged_as_its_current_term(make_ws):
    """Read as written, an alias switched the § 115 rule off, and a kredsråd at 'Bornholm' read as the kommune."""
    data = _club(bornholm())
    find(data, "psp-bornholm").update(type="psp-samarbejde")
    find(data, "psp-bornholm")["members"].append("boldklub")
    data["forums"].append({"id": "ssp-individ", "type": "ssp", "under": "ssp", "ssp_level": "individ",
                           "members": ["bornholm-social", "bornholms-politi", "boldklub"]})
    find(data, "kredsraad").update(type="kredsraadet", area="bornholm")
    find(data, "ukn-bornholm")["type"] = "ukn"
    watched = ("individual-cases.authorities", "kredsraad.one-per-kreds", "area.wrong-kind", "forum.umbrella")
    found = [(f.rule, f.entity) for f in check(load_workspace(write(make_ws, data, ALIASES)), TODAY).findings
             if f.rule in watched]
    assert found == [("individual-cases.authorities", "psp-bornholm"), ("individual-cases.authorities", "ssp-individ")]
