"""The register of sources: the file is strict, every rule, term and glossary entry cites it, and what could
not be confirmed says so wherever it is cited (never presented as law)."""

import json
import os
import re
import shutil

import pytest

from orgmodel.check import RULES, check
from orgmodel.check.rules import rule
from orgmodel.cli import cli
from orgmodel.model import builtin_vocabulary, cite, source_register
from orgmodel.model.schema import Partners, Term
from orgmodel.model.sources import parse_register
from orgmodel.model.vocabulary import check_sources
from orgmodel.report.build import build_report
from orgmodel.report.text import TEXT, glossary
from orgmodel.workspace import load_workspace

from .conftest import ROOT, TODAY
from .districts import bornholm, find, write

ENTRY = """
sources:
  rpl-113:
    title: Lov om rettens pleje (retsplejeloven)
    section: § 113
    issuer: Justitsministeriet
    url: https://politi.dk/koebenhavns-politi/om-koebenhavns-politi/kredsraadets-samarbejdsplan
    checked: 2026-12-01
    status: confirmed
"""


# --- the file ---------------------------------------------------------------

def test_the_register_loads_and_every_confirmed_source_has_a_public_page():
    register = source_register()
    assert register, "orgmodel/data/sources.yaml has no sources"
    for source_id, source in register.items():
        assert source.id == source_id
        if source.confirmed:
            assert source.url and source.url.startswith(("https://", "http://")), source_id
        else:
            assert source.note, f"{source_id}: an unconfirmed source says why in its note"


def test_a_valid_entry_reads():
    (entry,) = parse_register(ENTRY).values()
    assert entry.text() == "Lov om rettens pleje (retsplejeloven), § 113 (Justitsministeriet)"
    assert entry.as_dict() == {
        "id": "rpl-113", "title": "Lov om rettens pleje (retsplejeloven)", "section": "§ 113",
        "issuer": "Justitsministeriet", "date": None,
        "url": "https://politi.dk/koebenhavns-politi/om-koebenhavns-politi/kredsraadets-samarbejdsplan",
        "checked": "2026-12-01", "status": "confirmed", "note": None}


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    status: confirmed\n", "    status: confirmed\n    pages: 3\n",
     "source 'rpl-113' in orgmodel/data/sources.yaml: pages: Extra inputs are not permitted"),
    ("    status: confirmed\n", "    status: maybe\n", "status: Input should be 'confirmed' or 'unconfirmed'"),
    ("    status: confirmed\n", "    status: confirmed\n    date: 13.12.2006\n", "date: String should match pattern"),
    ("    url: https://politi.dk/", "    url: politi.dk/", "url: String should match pattern"),
    ("    issuer: Justitsministeriet\n", "", "issuer: Field required"),
])
def test_an_entry_with_an_unknown_key_or_a_bad_value_is_refused(old, new, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_register(ENTRY.replace(old, new))


def test_a_url_is_required_unless_the_source_is_unconfirmed_with_a_reason():
    without_url = re.sub(r"^    url: .*\n", "", ENTRY, flags=re.M)
    fix = "a source needs 'url:' (the page where it was read), unless it has 'status: unconfirmed' and a 'note:'"
    with pytest.raises(ValueError, match=re.escape(fix)):
        parse_register(without_url)
    unconfirmed = without_url.replace("status: confirmed", "status: unconfirmed")
    with pytest.raises(ValueError, match=re.escape(fix)):
        parse_register(unconfirmed)
    (entry,) = parse_register(unconfirmed + "    note: Known only from a mention.\n").values()
    assert entry.url is None and not entry.confirmed


def test_an_id_written_twice_or_not_a_slug_is_refused():
    twice = ENTRY + ENTRY.split("sources:\n")[1]
    with pytest.raises(ValueError, match="the key 'rpl-113' is written twice; give each source its own id"):
        parse_register(twice)
    with pytest.raises(ValueError, match="source id 'RPL 113' is not a lower-case slug"):
        parse_register(ENTRY.replace("  rpl-113:", "  RPL 113:"))


def test_a_citation_reads_title_section_issuer_date_and_marks_what_is_not_confirmed():
    assert cite("bek-1426-3") == ("Bekendtgørelse om kredsråd vedrørende politiets virksomhed (nr. 1426), § 3 "
                                  "(Justitsministeriet, 2006-12-13)")
    assert cite(["dkr-kreds-og-lokalraad", "lokalraadscirkulaere-2006"]) == (
        "Kreds- og lokalråd (Det Kriminalpræventive Råd); "
        "Lokalrådscirkulæret (udsteder ukendt, 2006-12) (kilde ikke bekræftet)")
    assert cite("lokalraadscirkulaere-2006", "en").endswith("(source not confirmed)")
    assert cite("Vores egen aftale 2024") == "Vores egen aftale 2024"   # a workspace's own words


# --- rules ------------------------------------------------------------------

def test_registering_a_rule_with_an_unknown_source_fails_at_import():
    before = dict(RULES)
    with pytest.raises(ValueError, match=re.escape(
            "rule 'test.no-such-source' cites 'no-such-source', which is not in the register of sources; "
            "add the source to orgmodel/data/sources.yaml or cite an id that is there")):
        @rule("test.no-such-source", "law", "error", "A rule with a made-up source", "no-such-source")
        def _made_up(ctx):
            yield from ()
    assert RULES == before


@pytest.mark.parametrize("rule_id", sorted(r.id for r in RULES.values() if r.category in ("law", "guidance")))
def test_every_law_and_guidance_rule_cites_the_register(rule_id):
    r = RULES[rule_id]
    assert r.sources, f"{rule_id} is a {r.category} rule and cites no source"
    assert [s.id for s in r.source_entries] == list(r.sources), f"{rule_id} cites an id not in the register"
    if r.category == "law":
        assert any(s.confirmed for s in r.source_entries), f"{rule_id} is law but cites no confirmed source"


def test_the_lokalraad_rules_are_guidance_and_say_the_circular_is_unconfirmed():
    for rule_id in ("lokalraad.one-per-kommune", "lokalraad.reports-to"):
        r = RULES[rule_id]
        assert (r.category, r.severity) == ("guidance", "warning")
        assert r.sources[0] == "dkr-kreds-og-lokalraad" and "lokalraadscirkulaere-2006" in r.sources
        assert r.source.endswith("Lokalrådscirkulæret (udsteder ukendt, 2006-12) (kilde ikke bekræftet)")
    assert "politi-mvsj-lokalraad" in RULES["lokalraad.reports-to"].sources


def test_a_lokalraad_without_its_kredsraad_is_a_warning_with_the_sources(make_ws):
    data = bornholm()
    del find(data, "lokalraad")["reports_to"]
    result = check(load_workspace(write(make_ws, data)), TODAY)
    (finding,) = [f for f in result.findings if f.rule == "lokalraad.reports-to"]
    assert (finding.severity, finding.category) == ("warning", "guidance")
    assert finding.source == RULES["lokalraad.reports-to"].source


def test_the_strategic_cascade_is_information_and_no_duty(make_ws):
    data = bornholm()
    data["goals"] = [data["goals"][0]]
    result = check(load_workspace(write(make_ws, data)), TODAY)
    (finding,) = [f for f in result.findings if f.rule == "goal.strategic-cascade"]
    assert finding.severity == "info"
    assert finding.message == ("no operative goal derives from it in 1 of 1 lokalråd: lokalraad; each lokalråd "
                               "plans from its local needs, so this may be intended")
    assert not re.search(r"\b(must|shall|obliged|required)\b", finding.message + finding.fix)


def test_the_umbrella_wording_is_credited_to_the_silkeborg_model():
    assert RULES["forum.umbrella"].sources == ("silkeborg-samarbejdsmodel",)
    assert "DKR" not in RULES["forum.umbrella"].source


# --- vocabulary -------------------------------------------------------------

def test_every_built_in_term_cites_sources_in_the_register():
    vocab = builtin_vocabulary()
    cited = {i for section in vocab.sections.values() for term in section.values()
             for i in [*term.source, *(term.partners.source if term.partners else [])]}
    assert cited and cited <= set(source_register())
    assert vocab["forum_types"]["ssp"].partners.source == ["dkr-ssp-samarbejde", "rpl-115"]


def test_a_term_citing_an_unknown_source_is_refused():
    term = Term(da="SSP", en="SSP", partners=Partners(required=["politi"], source="dkr-ssp"))
    with pytest.raises(ValueError, match=re.escape(
            "vocabulary term forum_types.ssp (partners) cites 'dkr-ssp', which is not in the register")):
        check_sources({"forum_types": {"ssp": term}})
    with pytest.raises(ValueError, match=re.escape("vocabulary term crimes.vold cites 'x'")):
        check_sources({"crimes": {"vold": Term(da="Vold", en="Violence", source=["x"])}})
    with pytest.raises(ValueError, match=re.escape("vocabulary term forum_types.psp (defaults) cites 'y'")):
        check_sources({"forum_types": {"psp": Term(da="PSP", en="PSP", defaults_source="y")}})


def test_a_missing_partner_names_the_type_s_sources_in_words(make_ws):
    data = bornholm()
    ssp = find(data, "ssp")
    ssp["members"] = [m for m in ssp["members"] if "politi" not in m]
    result = check(load_workspace(write(make_ws, data)), TODAY)
    fixes = [f.fix for f in result.findings if f.rule == "forum.required-partners" and f.entity == "ssp"]
    assert fixes and all(fix.endswith("; source: SSP-samarbejde (Det Kriminalpræventive Råd); "
                                      "Lov om rettens pleje (retsplejeloven), § 115 (Justitsministeriet)")
                         for fix in fixes)


# --- outputs ----------------------------------------------------------------

def test_rules_json_lists_the_source_ids_and_their_register_entries(runner):
    result = runner.invoke(cli, ["rules", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    by_id = {r["rule"]: r for r in json.loads(result.output)}
    meetings = by_id["kredsraad.meetings"]
    assert meetings["source"] == ("Bekendtgørelse om kredsråd vedrørende politiets virksomhed (nr. 1426), § 3 "
                                  "(Justitsministeriet, 2006-12-13)")
    assert meetings["source_ids"] == ["bek-1426-3"]
    (entry,) = meetings["sources"]
    assert {k: entry[k] for k in ("title", "section", "issuer", "date", "url", "checked", "status")} == {
        "title": "Bekendtgørelse om kredsråd vedrørende politiets virksomhed (nr. 1426)", "section": "§ 3",
        "issuer": "Justitsministeriet", "date": "2006-12-13",
        "url": "https://www.elov.dk/bekendtgorelse-om-kredsrad-vedrorende-politiets-virksomhed/paragraf/3/",
        "checked": "2026-12-01", "status": "confirmed"}
    circular = by_id["lokalraad.one-per-kommune"]["sources"][-1]
    assert (circular["id"], circular["status"], circular["url"]) == ("lokalraadscirkulaere-2006", "unconfirmed", None)
    assert by_id["id.duplicate"]["source_ids"] == [] and by_id["id.duplicate"]["sources"] == []


def test_rules_table_and_csv_show_the_cited_text(runner):
    table = runner.invoke(cli, ["rules"], catch_exceptions=False)
    assert table.exit_code == 0
    assert "kilde ikke bekræftet" in " ".join(table.output.split())
    csv = runner.invoke(cli, ["rules", "--format", "csv"], catch_exceptions=False)
    assert csv.output.splitlines()[0] == "rule,category,severity,title,source"
    assert ('kredsraad.meetings,law,warning,The kredsråd meets at least 4 times a year,"Bekendtgørelse om kredsråd '
            'vedrørende politiets virksomhed (nr. 1426), § 3 (Justitsministeriet, 2006-12-13)"') in csv.output


def test_check_text_prints_the_cited_source_and_sarif_links_it(runner, make_ws):
    data = bornholm()
    del find(data, "lokalraad")["reports_to"]
    root = write(make_ws, data)
    text = runner.invoke(cli, ["check", str(root), "--today", TODAY.isoformat()], catch_exceptions=False)
    assert f"    Source: {RULES['lokalraad.reports-to'].source}\n" in text.output
    sarif = json.loads(runner.invoke(cli, ["check", str(root), "--today", TODAY.isoformat(), "--format", "sarif"],
                                     catch_exceptions=False).output)
    by_id = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["lokalraad.reports-to"]["helpUri"] == "https://dkr.dk/flere-/lokalt-samarbejde/kreds-og-lokalraad"
    assert by_id["lokalraad.reports-to"]["properties"]["source"] == RULES["lokalraad.reports-to"].source
    assert "helpUri" not in by_id["id.duplicate"]


# --- the glossary and the report texts ----------------------------------------

def test_every_glossary_entry_cites_the_register():
    for entry in glossary():
        assert entry["sources"] and set(entry["sources"]) <= set(source_register()), entry["id"]


def test_the_glossary_says_115_of_the_current_act_and_what_stk_2_forbids():
    (entry,) = [e for e in glossary() if e["id"] == "paragraf-115"]
    da, en = (" ".join(entry["text"][lang].split()) for lang in ("da", "en"))
    assert "Det er § 115 i den gældende lov." in da and "kaldes stadig" not in da
    assert "må ikke videregives med henblik på efterforskning af straffesager (stk. 2)" in da
    assert "may not be passed on for the purpose of investigating criminal cases (subsection 2)" in en
    assert "called" not in en


def test_the_report_texts_say_the_politidirektoer_publishes_the_plan():
    for lang in ("da", "en"):
        intro = " ".join(TEXT[lang]["council_intro_kredsraad"].split())
        assert "vedtager" not in intro and "adopts" not in intro
    assert ("Hvert år udarbejder og offentliggør politidirektøren samarbejdsplanen, efter at kredsrådet har "
            "drøftet den (retsplejelovens § 113).") in " ".join(TEXT["da"]["council_intro_kredsraad"].split())
    lokalraad = next(e for e in glossary() if e["id"] == "lokalraad")
    assert "Silkeborg Kommunes samarbejdsmodel kalder lokalrådet paraply" in " ".join(lokalraad["text"]["da"].split())


def test_no_text_in_the_repository_says_the_kredsraad_adopts_the_plan_or_presents_the_circular_as_law():
    files = [*ROOT.glob("orgmodel/**/*.yaml"), *ROOT.glob("orgmodel/**/*.py"), *ROOT.glob("orgmodel/**/*.html"),
             ROOT / "README.md"]
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert not re.search(r"kredsråd\w* (\w+ )?vedtager|adopts the cooperation plan", text), path
        assert 'called "§ 115"' not in text and 'kaldes stadig "§ 115"' not in text, path


def test_the_readme_explains_the_register():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Sources" in readme and "orgmodel rules --format json" in readme and "kilde ikke bekræftet" in readme


@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                    reason="Graphviz is not installed (make test installs it; CI requires it)")
@pytest.mark.parametrize(("lang", "unconfirmed", "row"), [
    ("da", "ikke bekræftet", '<tr id="source-bek-1426-3"><th scope="row"><a href="https://www.elov.dk/'
     'bekendtgorelse-om-kredsrad-vedrorende-politiets-virksomhed/paragraf/3/" rel="external noopener">'
     'Bekendtgørelse om kredsråd vedrørende politiets virksomhed (nr. 1426)</a>, § 3</th><td>Justitsministeriet</td>'
     '<td>13. december 2006</td><td>1. december 2026</td><td class="present">bekræftet</td></tr>'),
    ("en", "not confirmed", '<td>13 December 2006</td><td>1 December 2026</td><td class="present">confirmed</td>'),
])
def test_the_glossary_page_lists_the_register(make_ws, tmp_path, lang, unconfirmed, row):
    out = tmp_path / "site"
    build_report(load_workspace(write(make_ws, bornholm())), out, lang=lang, today=TODAY)
    page = (out / "glossary.html").read_text(encoding="utf-8")
    assert row in page
    assert ('<tr id="source-lokalraadscirkulaere-2006"><th scope="row">Lokalrådscirkulæret</th>'
            '<td>udsteder ukendt</td><td>2006-12</td>') in page
    assert f'<td class="missing">{unconfirmed}</td>' in page
    assert page.count('<tr id="source-') == len(source_register())
    # A page read over plain http is shown, not linked: the report links only to https.
    assert ('<th scope="row">Kredsråd vedrørende politiets virksomhed <span class="url">'
            'http://gammel.syddjurs.dk/politik/raad-og-naevn/kredsraad-vedroerende-politiets-virksomhed</span></th>'
            ) in page
    assert 'href="http:' not in page
    assert '<a href="#source-rpl-115">Lov om rettens pleje (retsplejeloven), § 115 (Justitsministeriet)</a>' in page
