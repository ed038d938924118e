"""Issue 15, "Also seen": a workspace's own vocabulary terms — the README example, the columns of
`orgmodel vocabulary SECTION` named as the keys a workspace writes, and findings at the term's line."""

import re
from pathlib import Path

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.workspace import load_workspace

from .conftest import TODAY
from .districts import add_member, bornholm, find, write
from .test_rules import findings

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Adding terms in a workspace", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def located(make_ws, manifest: str) -> list[tuple[str, int, str, str]]:
    result = check(load_workspace(write(make_ws, bornholm(), manifest)), TODAY)
    return [(f.file, f.line, f.rule, f.message) for f in result.findings
            if f.rule.startswith("vocabulary.") or f.rule == "coverage.bad-default"]


def test_the_readme_example_is_accepted_by_the_loader_and_check(make_ws, runner):
    root = write(make_ws, bornholm(), readme_example())
    ws = load_workspace(root)
    assert ws.problems == []
    assert check(ws, TODAY).findings == []
    assert ws.vocabulary.category_ancestors("natteravne") == ("natteravne", "frivillig")
    forum = ws.vocabulary["forum_types"]["tryghedsforum"]
    assert (forum.level, forum.ages, forum.groups, forum.expected) == ("taktisk", "13-25", ["unge", "unge-voksne"],
                                                                       False)
    assert forum.partners.required == ["politi", "kommune"]
    assert forum.partners.recommended == ["natteravne", ["boligorganisation", "frivillig"]]
    result = runner.invoke(cli, ["check", str(root)], catch_exceptions=False)
    assert result.exit_code == 0


def test_the_vocabulary_columns_are_named_as_the_keys_a_workspace_writes(make_ws, runner):
    root = write(make_ws, bornholm(), readme_example())
    result = runner.invoke(cli, ["vocabulary", "forum_types", "--format", "csv", "-w", str(root)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "term,da,en,level,ages,groups,expected,partners.required,partners.recommended"
    assert lines[-1] == ('tryghedsforum,Tryghedsforum,Safety forum,taktisk,13-25,"unge, unge-voksne",,'
                         '"politi, kommune","natteravne, boligorganisation|frivillig"')
    council = runner.invoke(cli, ["vocabulary", "council_types", "--format", "csv"], catch_exceptions=False)
    assert council.output.splitlines()[:3] == [
        "term,da,en,level,area_kind,partners.required",
        "kredsraad,Kredsråd,District council,strategisk,politikreds,",
        'lokalraad,Lokalråd,Local council,taktisk,kommune,"politi, kommune"']


def test_findings_about_workspace_terms_point_at_the_term_or_its_key(make_ws):
    manifest = ("name: Bornholm\n"                                          # 1
                "scope: {politikredse: [kreds-bornholm]}\n"                 # 2
                "vocabulary:\n"                                             # 3
                "  categories:\n"                                           # 4
                "    gammel: {da: Gammel, en: Old, alias_of: ukendt}\n"     # 5
                "    ny:\n"                                                 # 6
                "      da: Ny\n"                                            # 7
                "      en: New\n"                                           # 8
                "      parent: frivilig\n"                                  # 9
                "  forum_types:\n"                                          # 10
                "    testforum:\n"                                          # 11
                "      da: Test\n"                                          # 12
                "      en: Test\n"                                          # 13
                "      level: lokal\n"                                      # 14
                "      ages: 99-1\n"                                        # 15
                "      groups: [unge, ungdom]\n"                            # 16
                "      partners:\n"                                         # 17
                "        required: [politi]\n"                              # 18
                "        recommended: [natravne]\n"                         # 19
                "  groups:\n"                                               # 20
                "    testgruppe: {da: Test, en: Test, ages: 99-1}\n")       # 21
    assert sorted(located(make_ws, manifest)) == [
        ("orgmodel.yaml", 5, "vocabulary.bad-extension",
         "organisation category 'gammel' names the unknown organisation category 'ukendt' in 'alias_of' or "
         "'see_also'."),
        ("orgmodel.yaml", 9, "vocabulary.bad-extension",
         "category 'ny' has the unknown parent 'frivilig'. Did you mean 'frivillig'?"),
        ("orgmodel.yaml", 14, "vocabulary.bad-extension", "forum type 'testforum' has the unknown level 'lokal'."),
        ("orgmodel.yaml", 15, "coverage.bad-default",
         "forum type 'testforum': in the default ages, the range '99-1' starts after it ends; write it as '1-99'"),
        ("orgmodel.yaml", 16, "coverage.bad-default",
         "forum type 'testforum' has the unknown default person group 'ungdom'. Did you mean 'unge'?"),
        ("orgmodel.yaml", 19, "vocabulary.bad-extension",
         "forum type 'testforum' requires the unknown category 'natravne'."),
        ("orgmodel.yaml", 21, "coverage.bad-default",
         "person group 'testgruppe': in the default ages, the range '99-1' starts after it ends; write it as "
         "'1-99'")]


def test_a_workspace_term_naming_an_alias_is_reported_at_its_key(make_ws):
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  categories:\n"
                "    ungeguiden:\n      da: Ungeguiden\n      en: Youth guide\n      parent: uu-vejledning\n")
    assert [(file, line, rule) for file, line, rule, _ in located(make_ws, manifest)] == [
        ("orgmodel.yaml", 8, "vocabulary.alias")]


def test_a_new_label_for_a_built_in_type_keeps_its_law_settings(make_ws):
    data = bornholm()
    add_member(data, "psp-bornholm", "boldklub", "Boldklubben", "idraetsforening")
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  forum_types:\n"
                "    psp: {da: PSP-forum, en: PSP forum}\n")
    assert "individual-cases.authorities" in {rule for rule, _, _ in findings(make_ws, data, manifest=manifest)}


def test_the_parent_of_a_role_or_forum_type_must_be_a_term_of_its_section(make_ws):
    """Only a category's parent was checked: a role type under a misspelt 'borgmster' was no borgmester, and the
    check told a lawful kredsråd to move its borgmester out."""
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n"
                "  role_types:\n    konst-borgmester: {da: Konstitueret borgmester, en: Acting mayor, "
                "parent: borgmster}\n"
                "  forum_types:\n    psp-gruppe: {da: PSP-gruppe, en: PSP group, parent: pps}\n")
    found = [(f.rule, f.message) for f in check(load_workspace(write(make_ws, bornholm(), manifest)), TODAY).findings
             if f.rule == "vocabulary.bad-extension"]
    assert found == [
        ("vocabulary.bad-extension", "role type 'konst-borgmester' has the unknown parent 'borgmster'. Did you mean "
                                     "'borgmester'?"),
        ("vocabulary.bad-extension", "forum type 'psp-gruppe' has the unknown parent 'pps'. Did you mean 'psp'?")]


def test_a_forum_of_a_type_below_psp_is_a_psp_to_every_rule_and_table(make_ws, runner):
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n"
                "  forum_types:\n    psp-gruppe: {da: PSP-gruppe, en: PSP group, parent: psp}\n")
    data = bornholm()
    next(f for f in data["forums"] if f["id"] == "psp-bornholm")["type"] = "psp-gruppe"
    root = write(make_ws, data, manifest)
    assert [f.rule for f in check(load_workspace(root), TODAY).findings if f.rule.startswith("psp.")] == []
    rows = runner.invoke(cli, ["gaps", "partners", str(root), "--by", "kommune", "--format", "csv"],
                         catch_exceptions=False).stdout.splitlines()
    assert [row for row in rows if row.startswith("bornholm,psp,")] == ["bornholm,psp,exists,psp-bornholm"]


def test_the_categories_list_their_sector_and_115_standing_as_the_rules_read_them(make_ws, runner):
    """Inherited from the category above when not written: what a district rule's sector and the § 115 rule read
    (the list showed neither, though the README sends users there for the sector)."""
    root = write(make_ws, bornholm(), readme_example())
    result = runner.invoke(cli, ["vocabulary", "categories", "--format", "csv", "-w", str(root)],
                           catch_exceptions=False)
    lines = result.output.splitlines()
    assert lines[0] == "term,da,en,parent,alias_of,sector,authority_115"
    rows = {line.split(",")[0]: line.split(",")[-2:] for line in lines[1:]}
    assert rows["politi"] == ["police", "true"] and rows["skole"] == ["kommune", "true"]
    assert rows["idraetsforening"] == ["community", "false"] and rows["kriminalforsorgen"] == ["", "true"]
    assert rows["natteravne"] == ["community", "false"]  # the workspace's own, below frivillig


def test_a_types_default_ages_may_be_a_whole_number_as_elsewhere(make_ws):
    """`ages: 16` was refused here ("input should be a valid string") though `covers.ages: 16` and
    `coverage_defaults` take it: a whole number is read as its text, as the README says of `ages`."""
    manifest = readme_example().replace("ages: 13-25", "ages: 16")
    assert "ages: 16" in manifest
    ws = load_workspace(write(make_ws, bornholm(), manifest))
    assert ws.problems == []
    assert ws.vocabulary["forum_types"]["tryghedsforum"].ages == "16"


def test_a_type_under_psp_is_a_psp_to_the_115_rule_and_the_partners(make_ws):
    """A workspace's `psp-gruppe` with `parent: psp` passed the check with a sports club in it and no psychiatry,
    where a `psp` failed: the rules read the type's own settings, not PSP's."""
    data = bornholm()
    data["organisations"].append({"id": "bornholm-if", "name": "IF", "category": "idraetsforening"})
    find(data, "psp-bornholm")["members"].append("bornholm-if")
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  forum_types:\n"
                "    psp-gruppe: {da: PSP-gruppe, en: PSP group, parent: psp}\n")

    def found(type_: str) -> set:
        find(data, "psp-bornholm")["type"] = type_
        result = check(load_workspace(write(make_ws, data, manifest)), TODAY)
        return {(f.rule, f.entity) for f in result.findings if f.entity == "psp-bornholm"}

    as_psp = found("psp")
    assert ("individual-cases.authorities", "psp-bornholm") in as_psp
    assert found("psp-gruppe") == as_psp
    vocab = load_workspace(write(make_ws, data, manifest)).vocabulary
    group, psp = vocab["forum_types"]["psp-gruppe"], vocab["forum_types"]["psp"]
    assert (group.individual_cases, group.partners, group.ages, group.expected) == \
        (psp.individual_cases, psp.partners, psp.ages, False)


def test_a_built_in_term_changed_so_that_the_law_check_changes_is_told(make_ws):
    """`boligorganisation` written again under `kommune` made it an authority of § 115, and a PSP with a housing
    association in it passed, without a word; an override of labels alone says nothing."""
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  categories:\n"
                "    boligorganisation: {da: Almen boligorganisation, en: Social housing, parent: kommune}\n"
                "  forum_types:\n    psp: {da: PSP-forum, en: PSP forum}\n")
    result = check(load_workspace(write(make_ws, bornholm(), manifest)), TODAY)
    told = [f.message for f in result.findings if f.rule == "vocabulary.override"]
    assert told == ["the workspace changes the built-in organisation category 'boligorganisation': authority_115 "
                    "true (built in: false)"]


def test_an_empty_any_of_among_a_types_partners_is_one_error(make_ws):
    """`required: [[]]` could never be met, and the check said only that the body lacked a partner."""
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n  forum_types:\n"
                "    tryg: {da: Tryg, en: Safe, partners: {required: [[]]}}\n")
    ws = load_workspace(write(make_ws, bornholm(), manifest))
    assert [(p.message, p.fix) for p in ws.problems] == [
        ("the first item of 'vocabulary.forum_types.tryg.partners.required' of orgmodel.yaml is an empty list, which "
         "can never be met", "name at least one category in it (any one of them meets it), or remove it")]
