"""Vocabulary and names: aliases (uu-vejledning, psykiatri), new terms, SSP levels, official area names and
prepositions in `orgmodel init`, Danish labels in the focus view, singular and plural, English articles."""

import pytest
import yaml

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.diagram import Style
from orgmodel.diagram.views import focus_view
from orgmodel.graph import build_graph
from orgmodel.model import AREAS, REFERENCES, builtin_vocabulary, count_text, ui_words, with_article
from orgmodel.model.schema import Vocabulary
from orgmodel.report.pages import Site, start_page
from orgmodel.report.sections import check_page, goals_page
from orgmodel.workspace import init_workspace, load_workspace

from .conftest import TODAY
from .districts import bornholm, find, write


def findings(make_ws, data, manifest=None, rule=None):
    root = write(make_ws, data, manifest) if manifest else write(make_ws, data)
    return [(f.rule, f.entity, f.message, f.fix) for f in check(load_workspace(root), TODAY).findings
            if rule is None or f.rule == rule]


# --- Aliases ------------------------------------------------------------------

def test_the_built_in_aliases_are_read_as_their_current_terms():
    vocab = builtin_vocabulary()
    assert vocab.canonical("categories", "uu-vejledning") == "kommunal-ungeindsats"
    assert vocab.category_ancestors("uu-vejledning") == ("kommunal-ungeindsats", "kommune")
    assert vocab.category_ancestors("psykiatri") == ("behandlingspsykiatri", "region")
    assert vocab.category_ancestors("socialpsykiatri") == ("socialpsykiatri", "kommune")
    assert vocab["categories"]["uu-vejledning"].replaced_on.isoformat() == "2019-08-01"
    assert vocab.canonical("categories", "kommune") == "kommune"


def test_every_built_in_alias_and_see_also_names_a_term_of_its_section_and_no_partner_requires_an_alias():
    vocab = builtin_vocabulary()
    for section in vocab.sections:
        for term_id, term in vocab[section].items():
            for named in [term.alias_of, *term.see_also]:
                assert named is None or (vocab.has(section, named) and vocab[section][named].alias_of is None), term_id
            if term.partners:
                for requirement in term.partners.required + term.partners.recommended:
                    for category in [requirement] if isinstance(requirement, str) else requirement:
                        assert vocab.canonical("categories", category) == category, (term_id, category)


def test_an_alias_category_is_read_as_the_current_term_in_the_graph(make_ws):
    data = bornholm()
    find(data, "bornholm-uu")["category"] = "uu-vejledning"
    G = build_graph(load_workspace(write(make_ws, data)))
    assert G.nodes["bornholm-uu"]["type"] == "kommunal-ungeindsats"


@pytest.mark.parametrize(("org", "category", "message", "fix"), [
    ("bornholm-uu", "uu-vejledning",
     "the organisation category 'uu-vejledning' (UU-vejledning) is outdated since 2019-08-01; it is read as "
     "'kommunal-ungeindsats' (Kommunal ungeindsats (KUI)) (source: Den sammenhængende kommunale ungeindsats "
     "(Undervisningsministeriet (uvm.dk)))",
     "write 'kommunal-ungeindsats'"),
    ("psykiatrien", "psykiatri",  # ambiguous: both meanings are named
     "the organisation category 'psykiatri' (Psykiatri) is ambiguous; it is read as 'behandlingspsykiatri' "
     "(Behandlingspsykiatri); it may also mean 'socialpsykiatri' (Socialpsykiatri) (source: Lov om rettens "
     "pleje (retsplejeloven), § 115 (Justitsministeriet))",
     "write 'behandlingspsykiatri', or 'socialpsykiatri' if that is what you mean"),
])
def test_an_old_or_ambiguous_category_gets_an_information_finding_naming_what_it_is_read_as(
        make_ws, org, category, message, fix):
    data = bornholm()
    find(data, org)["category"] = category
    assert findings(make_ws, data) == [("vocabulary.alias", org, message, fix)]


def test_a_workspace_term_that_names_an_alias_is_reported_and_read_as_the_current_term(make_ws):
    manifest = ("name: Bornholm\nscope: {politikredse: [kreds-bornholm]}\nvocabulary:\n"
                "  categories:\n    ungeguiden: {da: Ungeguiden, en: Youth guide, parent: uu-vejledning}\n"
                "    gammel: {da: Gammel, en: Old, alias_of: ukendt}\n")
    got = findings(make_ws, bornholm(), manifest)
    assert ("vocabulary.alias", "", "organisation category 'ungeguiden' names the organisation category "
            "'uu-vejledning' (UU-vejledning), which is outdated since 2019-08-01; it is read as "
            "'kommunal-ungeindsats' (Kommunal ungeindsats (KUI)) (source: Den sammenhængende kommunale "
            "ungeindsats (Undervisningsministeriet (uvm.dk)))", "write 'kommunal-ungeindsats'") in got
    assert [f[:2] for f in got if f[0] == "vocabulary.bad-extension"] == [("vocabulary.bad-extension", "")]
    vocab = load_workspace(write(make_ws, bornholm(), manifest)).vocabulary
    assert vocab.category_ancestors("ungeguiden") == ("ungeguiden", "kommunal-ungeindsats", "kommune")


def test_the_alias_rule_is_information_by_default(make_ws):
    from orgmodel.check.rules import RULES

    assert (RULES["vocabulary.alias"].category, RULES["vocabulary.alias"].severity) == ("integrity", "info")


# --- New terms ----------------------------------------------------------------

def test_the_terms_a_secretariat_uses_are_in_the_vocabulary():
    vocab = builtin_vocabulary()
    for role in ("chefpolitiinspektoer", "vicepolitiinspektoer", "politikommissaer", "ssp-koordinator",
                 "lokalbetjent", "overborgmester"):
        assert vocab.has("role_types", role)
    for category in ("fgu", "socialpsykiatri", "behandlingspsykiatri", "kommunal-ungeindsats"):
        assert vocab.has("categories", category)
    for forum in ("netvaerkssamraad", "ungdomskriminalitetsnaevn", "infohus-kommune", "infohus-netvaerk",
                  "exitenhed"):
        assert vocab.has("forum_types", forum)
    assert vocab["forum_types"]["ungdomskriminalitetsnaevn"].area_kind == "politikreds"
    assert list(vocab["ssp_levels"]) == ["generel", "specifik", "individorienteret"]
    assert vocab.label("levels", "operationel") == "Operativt niveau"
    assert vocab.label("crimes", "faerdsel") == "Færdselskriminalitet"
    assert vocab.is_a("role_types", "overborgmester", "borgmester")
    assert not vocab.is_a("role_types", "stedfortraeder", "borgmester")


def test_psp_requires_social_or_treatment_psychiatry():
    psp = builtin_vocabulary()["forum_types"]["psp"]
    assert ["socialpsykiatri", "behandlingspsykiatri"] in psp.partners.required


def test_ssp_level_is_checked_against_the_vocabulary(make_ws):
    data = bornholm()
    find(data, "ssp")["ssp_level"] = "individorienteret"
    assert findings(make_ws, data) == []
    find(data, "ssp")["ssp_level"] = "specifk"
    assert findings(make_ws, data, rule="vocabulary.unknown-term") == [(
        "vocabulary.unknown-term", "ssp", "unknown SSP level 'specifk'. Did you mean 'specifik'?",
        "use an SSP level from the vocabulary (`orgmodel vocabulary ssp_levels`), or add it under 'vocabulary:' "
        "in orgmodel.yaml")]


def test_the_overborgmester_counts_as_the_borgmester_of_koebenhavn(make_ws, tmp_path):
    init_workspace("kreds-koebenhavn", tmp_path / "kbh", 2026)
    result = check(load_workspace(tmp_path / "kbh"), TODAY)
    assert not [f for f in result.findings if f.rule.startswith("kredsraad.")]
    text = (tmp_path / "kbh" / "councils.yaml").read_text()
    (tmp_path / "kbh" / "councils.yaml").write_text(text.replace("      - overborgmester-koebenhavn\n", ""))
    result = check(load_workspace(tmp_path / "kbh"), TODAY)
    assert [(f.message, f.fix) for f in result.findings if f.rule == "kredsraad.borgmestre"] == [(
        "the overborgmester of København is not a member",
        "add the role of the overborgmester of København to 'members' "
        "(e.g. 'overborgmester-koebenhavn' with 'type: overborgmester')")]


# --- Areas and `orgmodel init` ------------------------------------------------

def test_an_area_name_with_a_decomposed_letter_is_the_same_area(make_ws):
    """'Tårnby' with å as a and a combining ring (macOS, pasted text) was an unknown area, and `show` gave the
    organisation its kreds instead."""
    data = bornholm()
    find(data, "bornholm-klub")["area"] = "Ta\u030arnby"
    root = write(make_ws, data, "name: B\nscope: {politikredse: [kreds-bornholm, kreds-koebenhavn]}\n")
    ws = load_workspace(root)
    assert build_graph(ws).nodes["bornholm-klub"]["area"] == "taarnby"
    assert not [f for f in check(ws, TODAY).findings if f.rule == "area.unknown"]


def test_official_names_prepositions_and_mayors_are_area_data():
    assert AREAS["koebenhavn"].official_name == "Københavns Kommune"
    assert AREAS["bornholm"].official_name == "Bornholms Regionskommune"
    assert AREAS["vesthimmerlands"].official_name == "Vesthimmerlands Kommune"
    assert AREAS["nordfyns"].official_name == "Nordfyns Kommune"
    assert AREAS["silkeborg"].official_name == "Silkeborg Kommune"
    islands = {a.id for a in AREAS.values() if a.kind == "kommune" and a.locative.startswith("på ")}
    assert islands == {"samsoe", "laesoe", "fanoe", "aeroe", "langeland", "bornholm"}
    assert AREAS["samsoe"].locative == "på Samsø"
    assert AREAS["vesthimmerlands"].locative == "i Vesthimmerlands Kommune"
    assert AREAS["kreds-bornholm"].locative == "på Bornholm"
    assert {a.id for a in AREAS.values() if a.mayor == "overborgmester"} == {"koebenhavn"}
    assert all(a.official_name and a.mayor for a in AREAS.values() if a.kind == "kommune")


def test_official_names_are_accepted_where_an_area_is_typed():
    from orgmodel.model import resolve_area

    assert resolve_area("Københavns Kommune") == "koebenhavn"
    assert resolve_area("Vesthimmerlands Kommune") == "vesthimmerlands"
    assert resolve_area("Bornholms Regionskommune") == "bornholm"


def _entries(path, section):
    return {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))[section]}


def test_init_names_the_kommuner_officially_with_the_right_preposition(tmp_path):
    init_workspace("kreds-koebenhavn", tmp_path / "kbh", 2026)
    orgs, roles = _entries(tmp_path / "kbh" / "organisations.yaml", "organisations"), \
        _entries(tmp_path / "kbh" / "roles.yaml", "roles")
    councils = _entries(tmp_path / "kbh" / "councils.yaml", "councils")
    assert orgs["koebenhavn-kommune"]["name"] == "Københavns Kommune"
    assert roles["overborgmester-koebenhavn"] == {
        "id": "overborgmester-koebenhavn", "title": "Overborgmester, Københavns Kommune", "type": "overborgmester",
        "organisation": "koebenhavn-kommune"}
    assert roles["stedfortraeder-overborgmester-koebenhavn"]["title"] == \
        "Stedfortræder for overborgmesteren, Københavns Kommune"
    assert roles["borgmester-frederiksberg"]["title"] == "Borgmester, Frederiksberg Kommune"
    assert councils["lokalraad-koebenhavn"]["name"] == "Lokalrådet i Københavns Kommune"
    assert "overborgmester-koebenhavn" in councils["kredsraad-koebenhavn"]["members"]

    init_workspace("kreds-bornholm", tmp_path / "bh", 2026)
    councils = _entries(tmp_path / "bh" / "councils.yaml", "councils")
    assert councils["kredsraad-bornholm"]["name"] == "Kredsrådet på Bornholm"
    assert councils["lokalraad-bornholm"]["name"] == "Lokalrådet på Bornholm"
    assert _entries(tmp_path / "bh" / "organisations.yaml", "organisations")["bornholm-kommune"]["name"] == \
        "Bornholms Regionskommune"
    assert yaml.safe_load((tmp_path / "bh" / "orgmodel.yaml").read_text(encoding="utf-8"))["name"] == \
        "Kredsrådet på Bornholm"

    init_workspace("kreds-nordjylland", tmp_path / "nj", 2026)
    councils = _entries(tmp_path / "nj" / "councils.yaml", "councils")
    assert councils["lokalraad-vesthimmerlands"]["name"] == "Lokalrådet i Vesthimmerlands Kommune"
    assert councils["lokalraad-laesoe"]["name"] == "Lokalrådet på Læsø"


# --- Labels -------------------------------------------------------------------

EDGE_KEYS = {ref.key for refs in REFERENCES.values() for ref in refs} | {"covers", "area", "part_of"}


def test_every_relationship_and_kind_has_a_word_in_both_languages():
    words = ui_words("diagram")
    for lang in ("da", "en"):
        assert {k for k in EDGE_KEYS if f"rel_{k}" not in words[lang]} == set()
        assert {k for k in REFERENCES if f"kind_{k}" not in words[lang]} == set()


def test_the_focus_view_labels_lines_and_kinds_in_the_language_of_the_view(make_ws):
    G = build_graph(load_workspace(write(make_ws, bornholm())))
    da = focus_view(G, "lokalraad", 1, Style(lang="da"))
    # the lokalråd's handleplan is its neighbour too: 'råd' (its council) and 'indeholder' (the goal it holds)
    assert {link.label for link in da.links} == {"medlem", "formand", "rapporterer til", "hører under", "ejes af",
                                                 "råd", "indeholder"}
    assert da.boxes["politikommissaer"].subtitle == "Stilling"
    en = focus_view(G, "lokalraad", 1, Style(lang="en"))
    assert {link.label for link in en.links} == {"member", "chair", "reports to", "sits under", "owned by",
                                                 "council", "includes"}
    assert en.boxes["politikommissaer"].subtitle == "Position"


def test_a_count_of_one_takes_the_singular():
    da, en = ui_words("report")["da"], ui_words("report")["en"]
    assert [count_text(da, "goals_n_handling", n) for n in (0, 1, 2)] == ["handlinger", "handling", "handlinger"]
    assert count_text(da, "goals_n_operativ", 1) == "operativt mål"
    assert count_text(en, "member_count", 1) == "1 member"
    assert count_text(da, "fig_warnings", 1) == "og 1 advarsel"


def test_the_report_writes_one_action_one_kommune_and_one_warning_in_the_singular(make_ws):
    data = bornholm()
    find(data, "kredsraad")["meetings_per_year"] = 3
    site = Site.of(load_workspace(write(make_ws, data)), "da", today=TODAY)
    labels = {f["value"]: f["label"] for f in goals_page(site)["counts"]}
    assert [(f["value"], f["label"]) for f in goals_page(site)["counts"]] == [
        (1, "strategisk mål"), (1, "operativt mål"), (1, "handling")], labels
    figures = start_page(site)["figures"]
    assert (figures[0]["value"], figures[0]["label"]) == (1, "kommune")
    assert figures[4]["detail"] == "1 strategisk, 1 operativt, 1 handling"
    assert figures[5]["detail"] == "og 1 advarsel"
    assert check_page(site)["summary"].startswith("0 fejl, 1 advarsel, ")


def test_english_articles_follow_the_sound():
    assert with_article("SSP (skole, socialforvaltning, politi)") == "an SSP (skole, socialforvaltning, politi)"
    assert with_article("PSP") == "a PSP"
    assert with_article("organisation or role") == "an organisation or role"
    assert with_article("FGU") == "an FGU"
    assert with_article("ungdomskriminalitetsnævn") == "an ungdomskriminalitetsnævn"


def test_the_vocabulary_file_validates_with_the_new_section():
    from importlib import resources

    data = yaml.safe_load(resources.files("orgmodel.data").joinpath("vocabulary.yaml").read_text("utf-8"))
    assert set(Vocabulary.model_validate(data).ssp_levels) == {"generel", "specifik", "individorienteret"}


def test_the_vocabulary_command_lists_aliases(runner):
    result = runner.invoke(cli, ["vocabulary", "categories", "--format", "csv"], catch_exceptions=False)
    lines = result.output.splitlines()
    assert lines[0] == "term,da,en,parent,alias_of,sector,authority_115"
    assert "uu-vejledning,UU-vejledning,Youth guidance centre (UU),,kommunal-ungeindsats,kommune,true" in lines


def test_a_forum_type_of_a_politikreds_reads_an_ambiguous_area_name_as_the_politikreds(make_ws):
    data = bornholm()
    data["forums"].append({"id": "infohus", "type": "infohus-netvaerk", "area": "Bornholm",
                           "members": ["bornholms-politi", "bornholm-kommune"]})
    data["forums"].append({"id": "infohus-k", "type": "infohus-kommune", "area": "Bornholm",
                           "members": ["bornholms-politi", "bornholm-kommune"]})
    G = build_graph(load_workspace(write(make_ws, data)))
    assert (G.nodes["infohus"]["area"], G.nodes["infohus-k"]["area"]) == ("kreds-bornholm", "bornholm")
