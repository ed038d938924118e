"""The words of ``orgmodel report`` in Danish and English, and the glossary it publishes.

Every page opens with a short introduction for a reader who has never seen
orgmodel; those texts live here with the labels, so both languages stay side
by side.

>>> TEXT["da"]["nav_goals"], TEXT["en"]["nav_goals"]
('Mål', 'Goals')
>>> format_date(dt.date(2026, 11, 22), "da")
'22. november 2026'
"""

import datetime as dt
import re
from functools import cache
from importlib import resources

import yaml

MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def format_date(day: dt.date, lang: str) -> str:
    """A date as a reader writes it: ``22. november 2026`` or ``22 November 2026``."""
    month = MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


DA = {
    # Every page
    "skip": "Gå til indholdet", "nav_label": "Rapportens sider", "nav_home": "Forside", "nav_bodies": "Råd og fora",
    "nav_participants": "Deltagere", "nav_goals": "Mål", "nav_coverage": "Dækning", "nav_check": "Kontrol",
    "nav_glossary": "Ordliste", "search_label": "Søg", "search_placeholder": "Navn eller id, fx SSP",
    "search_empty": "Ingen resultater", "search_more": "Vis de første {n} af {total} resultater",
    "as_of_line": "Oplysningerne er opgjort pr. {date}.",
    "privacy_public": "Navne på personer er udeladt: rapporten viser stillinger, ikke personer.",
    "privacy_names": "Rapporten indeholder navne på de personer, der bestrider stillingerne.",
    "footer_tool": "Lavet med orgmodel, et åbent værktøj til at beskrive det kriminalpræventive samarbejde "
                   "mellem politi, kommuner og andre parter.",
    "breadcrumbs": "Du er her", "toc": "Indhold på siden",
    "kind_organisation": "Organisation", "kind_role": "Stilling", "kind_council": "Råd", "kind_forum": "Forum",
    "kind_goal": "Mål",
    "chair": "Formand", "members": "Medlemmer", "invited": "Inviterede gæster", "staff": "Sekretariat og stab",
    "meetings": "Møder om året", "none_recorded": "Ingen registreret", "not_stated": "Ikke oplyst",
    "missing": "Mangler", "present": "Til stede", "source": "Kilde", "sources": "Kilder",
    "rel_chair": "formand", "rel_member": "medlem", "rel_invited": "inviteret gæst", "rel_secretariat": "sekretariat",
    "required": "påkrævet", "recommended": "anbefalet", "or": "eller", "years": "år",
    "whole_org": "også som helhed",
    # Start page
    "home_title": "Forside", "area_kreds": "politikredsen {name}",
    "home_intro": "Denne rapport viser, hvordan det kriminalpræventive samarbejde er organiseret i {area}: "
                  "kredsrådet, hvor politiet og borgmestrene mødes, lokalrådene i de enkelte kommuner og de "
                  "fora, der arbejder under dem, som SSP, PSP og KSP.",
    "home_howto": "Brug menuen øverst til at se de enkelte råd og fora, hvem der deltager, målene i "
                  "samarbejdsplanen, hvilke aldre, persongrupper og kriminalitetstyper samarbejdet dækker, og "
                  "resultatet af den automatiske kontrol. Søgefeltet finder et råd, et forum, en organisation eller "
                  "et mål ud fra navnet. Forkortelser og fagord er forklaret i",
    "home_glossary_link": "ordlisten",
    "figures": "Nøgletal", "fig_kommuner": "kommuner", "fig_lokalraad": "lokalråd", "fig_forums": "fora",
    "fig_orgs": "deltagende organisationer", "fig_goals": "mål", "fig_errors": "fejl i kontrollen",
    "fig_warnings": "og {n} advarsler",
    "fig_goals_detail": "{strategisk} strategiske, {operativ} operative, {handling} handlinger",
    "diagram": "Organisationsdiagram",
    "diagram_intro": "Diagrammet viser strukturen oppefra og ned: kredsrådet øverst med sekretariat og "
                     "kontaktudvalg ved siden af (stiplede kasser), lokalrådene i kommunerne nedenunder og de fora, "
                     "der hører under hvert lokalråd. Kassernes farve viser niveauet, og den lille firkant foran "
                     "hvert medlem viser, om det kommer fra politiet, kommunen, regionen, Kriminalforsorgen eller "
                     "andre.",
    "diagram_caption": "Rul i diagrammet for at se det hele. Samme oplysninger står som tekst under Råd og "
                       "fora.",
    "diagram_alt": "Organisationsdiagram over {name} med {lokalraad} lokalråd og {forums} fora.",
    "open_full": "Åbn diagrammet i fuld størrelse.",
    "diagram_levels": "Der er for mange råd og fora til ét læseligt diagram, så det viser kun de øverste {levels} "
                      "niveauer. Resten står som tekst under Råd og fora.",
    "diagram_too_big": "Diagrammet er udeladt, fordi det ville få for mange kasser til at kunne læses. Alle "
                       "oplysninger står som tekst på siderne.",
    "council_intro_kredsraad": "Kredsrådet er det strategiske niveau: politidirektøren er formand, og "
                               "borgmestrene i kredsens kommuner er medlemmer. Rådet drøfter kriminaliteten og "
                               "samarbejdet og vedtager hvert år samarbejdsplanen.",
    "council_intro_other": "Et råd uden et overordnet råd i modellen.",
    "read_more_about": "Læs mere om {name}",
    "kommuner": "Kommunerne",
    "kommuner_intro": "For hver kommune: lokalrådet, antallet af fora i kommunen, og om der findes SSP, SSP+, "
                      "PSP og KSP, de fire fora, som de fleste kommuner har. \u201dMangler\u201d betyder, at et "
                      "forum af den type ikke er registreret her, ikke nødvendigvis at samarbejdet ikke findes.",
    "kommuner_caption": "Lokalråd og fora pr. kommune",
    "col_kommune": "Kommune", "col_lokalraad": "Lokalråd", "col_forums": "Fora",
    # Body pages
    "body_intro": "Her kan du se, hvem der sidder i {name}, hvor det hører til i strukturen, hvilke mål det "
                  "arbejder efter, og hvilke aldre, persongrupper og kriminalitetstyper det dækker.",
    "read_in_glossary": "Læs mere om {term} i ordlisten.",
    "facts": "Fakta", "type": "Type", "level": "Niveau", "area": "Område", "umbrella": "Hører under",
    "umbrella_none": "Intet (øverste niveau)", "secretariat": "Sekretariat", "valid": "Gyldig",
    "valid_from": "fra {date}", "valid_to": "til {date}", "verified": "Senest kontrolleret",
    "members_intro": "Medlemmerne er ordnet efter den organisation, de kommer fra. En organisation deltager enten "
                     "som helhed, eller gennem de stillinger, der står under den.",
    "no_organisation": "Uden organisation", "no_members": "Der er ikke registreret medlemmer.",
    "kommune_diagram": "Diagram over kommunens samarbejde",
    "kommune_diagram_intro": "Lokalrådet og alle de fora, der hører under det, med deres medlemmer.",
    "kommune_diagram_alt": "Diagram over {name} og de {forums} fora under det.",
    "below": "Råd og fora herunder", "below_none": "Der er ingen råd eller fora herunder.",
    "goals": "Mål", "goals_none": "Der er ikke registreret mål, som {name} ejer.",
    "coverage": "Dækning",
    "body_coverage_intro": "De aldre, persongrupper og kriminalitetstyper, som {name} arbejder med. Når aldrene "
                           "ikke er angivet, regnes med de aldre, der er typiske for typen.",
    "cov_ages": "Aldre", "cov_ages_typical": "typisk for typen", "cov_groups": "Persongrupper",
    "cov_crimes": "Kriminalitetstyper", "cov_none": "Ikke angivet",
    "partners": "Samarbejdspartnere",
    "partners_intro": "Det Kriminalpræventive Råds vejledning forventer, at typen {type} har bestemte parter med. "
                      "Tabellen viser, om der er en deltager af hver slags.",
    "partners_caption": "Partnere i {name}", "col_partner": "Partner", "col_requirement": "Krav",
    "col_status": "Status", "col_met_by": "Dækket af",
    "body_findings": "Bemærkninger fra kontrollen",
    "body_findings_intro": "Den automatiske kontrol har disse bemærkninger til dette. Se alle under Kontrol.",
    "body_findings_caption": "Bemærkninger om {name}",
    # Bodies overview
    "bodies_intro": "Alle råd og fora i modellen, ordnet efter hvem der hører under hvem: kredsrådet øverst, "
                    "derefter lokalrådene og de fora, der hører under dem. Klik på et navn for at se medlemmer, "
                    "mål og dækning.",
    "member_count": "{n} medlemmer",
    "bodies_loose": "Uden plads i strukturen",
    "bodies_loose_intro": "Disse råd og fora kunne ikke placeres i træet ovenfor, fordi deres \u201dhører "
                          "under\u201d går i ring.",
    # Participants
    "participants_intro": "De organisationer og stillinger, der deltager i samarbejdet, og de råd og fora, de "
                          "sidder i. Organisationerne er ordnet efter hovedkategori: politi, kommune, region, "
                          "Kriminalforsorgen og andre.",
    "part_of": "Del af", "sits_in": "Sidder i", "roles": "Stillinger",
    "sits_nowhere": "Sidder ikke selv i noget råd eller forum.", "via": "gennem {via}",
    "substitute_for": "stedfortræder for", "roles_without_org": "Stillinger uden organisation",
    # Goals
    "goals_title": "Mål og samarbejdsplan",
    "goals_intro": "Kredsrådet sætter strategiske mål i samarbejdsplanen. Hvert lokalråd omsætter dem til "
                   "operative mål for sin kommune, og fora gennemfører handlinger med et konkret mål for, hvornår "
                   "de er lykkedes. Sådan kan man følge en indsats fra kredsrådet helt ud i kommunerne.",
    "goals_n_strategisk": "strategiske mål", "goals_n_operativ": "operative mål", "goals_n_handling": "handlinger",
    "goals_tree": "Fra strategisk mål til handling",
    "goals_tree_intro": "Hvert strategisk mål med de operative mål, der bygger på det, og handlingerne under dem. "
                        "Under et strategisk mål står også, hvilke lokalråd der endnu ikke har et operativt mål, "
                        "der bygger på det.",
    "goals_none_at_all": "Der er ikke registreret strategiske mål.",
    "goals_loose": "Mål uden et strategisk mål over sig",
    "goals_loose_intro": "Disse mål bygger ikke på et strategisk mål i modellen.",
    "goals_diagram": "Diagram over målene", "goals_diagram_caption": "Samme mål som i træet ovenfor.",
    "goals_diagram_alt": "Diagram over {n} mål: strategiske mål øverst, operative mål og handlinger under dem.",
    "owner": "Ejer", "period": "Periode", "target": "Mål for succes", "description": "Beskrivelse",
    "also_derives": "Bygger også på", "trace": "Sporbarhed",
    "trace_missing": "{n} af {total} lokalråd har ikke et operativt mål, der bygger på dette:",
    "trace_complete": "Alle lokalråd har et operativt mål, der bygger på dette.",
    "trace_no_action": "Der er endnu ingen handling under dette mål.",
    # Coverage
    "coverage_title": "Dækning fra vugge til grav",
    "coverage_intro": "Tilsammen bør en kommunes fora dække alle aldre, alle sårbare persongrupper og alle "
                      "kriminalitetstyper. Her kan du se, hvad hver kommunes råd og fora dækker, og hvor der er "
                      "huller. Kun råd og fora lukker et hul; et mål, der nævner en gruppe, vises ved siden af som "
                      "en hensigt.",
    "coverage_statuses": "Et hul betyder, at intet forum i kommunen har registreret, at det arbejder med den "
                         "alder, gruppe eller kriminalitetstype. Det kan også betyde, at oplysningen mangler i "
                         "modellen.",
    "dim_ages": "Aldre", "dim_groups": "Persongrupper", "dim_crimes": "Kriminalitetstyper",
    "dim_ages_intro": "Tidslinjen viser for hver kommune, hvilke aldre hvert forum dækker. Røde felter er aldre, "
                      "som intet forum dækker.",
    "dim_terms_intro": "Hvert felt viser, hvor mange fora i kommunen der arbejder med {what}. Et tomt felt (–) er "
                       "et hul.",
    "chart_ages_alt": "Tidslinje over de aldre, som fora dækker i hver af {n} kommuner. Tabellen under "
                      "diagrammet viser hullerne.",
    "chart_terms_alt": "Skema over {what} pr. kommune for {n} kommuner. Tabellen under diagrammet viser hullerne.",
    "chart_caption": "Tabellen herunder viser det samme som tekst.",
    "gaps_caption": "{what}, som intet forum dækker, pr. kommune",
    "col_uncovered": "Ikke dækket", "col_goal_only": "Kun nævnt i et mål", "col_covered_share": "Dækket",
    "nothing_uncovered": "Alt er dækket", "share_of": "{covered} af {total}", "no_chart": "Der er intet at vise.",
    "partner_gaps": "Manglende samarbejdspartnere",
    "partner_gaps_intro": "Råd og fora, der mangler en af de partnere, Det Kriminalpræventive Råds vejledning "
                          "forventer for typen. Påkrævede partnere er kernen i samarbejdet; anbefalede er gode at "
                          "have med.",
    "partner_gaps_caption": "Råd og fora med manglende partnere", "col_body": "Råd eller forum",
    "col_area": "Område", "col_missing_required": "Mangler (påkrævet)",
    "col_missing_recommended": "Mangler (anbefalet)",
    "partner_gaps_none": "Alle råd og fora har de partnere, vejledningen forventer.",
    # Check
    "check_title": "Kontrol af modellen",
    "check_intro": "orgmodel kontrollerer modellen mod retsplejeloven, bekendtgørelsen om kredsråd, Det "
                   "Kriminalpræventive Råds vejledning og en række regler for gode data. Fejl bør rettes; "
                   "advarsler er ting, sekretariatet bør se på; oplysninger er til orientering.",
    "check_language": "Beskederne er skrevet til sekretariatet, der vedligeholder modellen, og er på engelsk. "
                      "Sted angiver filen og linjen i modellens filer.",
    "check_clean": "Kontrollen fandt intet at bemærke.",
    "sev_error": "Fejl", "sev_warning": "Advarsler", "sev_info": "Til orientering", "sev_ignored": "tilsidesat",
    "sev1_error": "fejl", "sev1_warning": "advarsel", "sev1_info": "orientering",
    "sev_error_intro": "Fejl strider mod loven eller gør modellen ufuldstændig. De bør rettes.",
    "sev_warning_intro": "Advarsler er afvigelser fra vejledningen eller huller, som sekretariatet bør se på.",
    "sev_info_intro": "Oplysninger er til orientering og kræver ikke nødvendigvis handling.",
    "check_summary": "{error} fejl, {warning} advarsler, {info} til orientering.",
    "check_passes": "Kontrollen er bestået.", "check_fails": "Kontrollen er ikke bestået: der er fejl.",
    "col_severity": "Alvor", "col_entity": "Hvad", "col_problem": "Problem", "col_fix": "Sådan rettes det",
    "col_place": "Sted",
    # Glossary
    "glossary_title": "Ordliste",
    "glossary_intro": "Ordene i rapporten forklaret på dansk og engelsk, med de offentlige kilder, forklaringen "
                      "bygger på.",
    "other_lang": "English",
}

EN = {
    "skip": "Skip to content", "nav_label": "Pages of the report", "nav_home": "Home",
    "nav_bodies": "Councils and forums",
    "nav_participants": "Participants", "nav_goals": "Goals", "nav_coverage": "Coverage", "nav_check": "Check",
    "nav_glossary": "Glossary", "search_label": "Search", "search_placeholder": "Name or id, e.g. SSP",
    "search_empty": "No results", "search_more": "Showing the first {n} of {total} results",
    "as_of_line": "The information is as of {date}.",
    "privacy_public": "Names of people are left out: the report shows positions, not people.",
    "privacy_names": "The report includes the names of the people who hold the positions.",
    "footer_tool": "Made with orgmodel, an open tool that describes local crime-prevention cooperation between "
                   "the police, municipalities and other partners.",
    "breadcrumbs": "You are here", "toc": "On this page",
    "kind_organisation": "Organisation", "kind_role": "Position", "kind_council": "Council", "kind_forum": "Forum",
    "kind_goal": "Goal",
    "chair": "Chair", "members": "Members", "invited": "Invited guests", "staff": "Secretariat and staff",
    "meetings": "Meetings a year", "none_recorded": "None recorded", "not_stated": "Not stated",
    "missing": "Missing", "present": "Present", "source": "Source", "sources": "Sources",
    "rel_chair": "chair", "rel_member": "member", "rel_invited": "invited guest", "rel_secretariat": "secretariat",
    "required": "required", "recommended": "recommended", "or": "or", "years": "years",
    "whole_org": "also as a whole",
    "home_title": "Home", "area_kreds": "the {name} police district",
    "home_intro": "This report shows how local crime-prevention cooperation is organised in {area}: the district "
                  "council where the police and the mayors meet, the local council of each municipality, and the "
                  "forums that work under them, such as SSP, PSP and KSP.",
    "home_howto": "Use the menu at the top to see each council and forum, who takes part, the goals of the "
                  "cooperation plan, which ages, person groups and crime types the cooperation covers, and the "
                  "result of the automatic check. The search box finds a council, forum, organisation or goal by "
                  "its name. Abbreviations and Danish terms are explained in",
    "home_glossary_link": "the glossary",
    "figures": "Key figures", "fig_kommuner": "municipalities", "fig_lokalraad": "local councils",
    "fig_forums": "forums", "fig_orgs": "participating organisations", "fig_goals": "goals",
    "fig_errors": "errors in the check", "fig_warnings": "and {n} warnings",
    "fig_goals_detail": "{strategisk} strategic, {operativ} operative, {handling} actions",
    "diagram": "Organisation chart",
    "diagram_intro": "The chart shows the structure from the top down: the district council at the top with its "
                     "secretariat and liaison committee beside it (dashed boxes), the municipalities' local councils "
                     "beneath, and the forums under each local council. The colour of a box shows its level; the "
                     "small square before each member shows whether it comes from the police, the municipality, "
                     "the region, the Prison and Probation Service or elsewhere.",
    "diagram_caption": "Scroll the chart to see all of it. The same information is written out under Councils "
                       "and forums.",
    "diagram_alt": "Organisation chart of {name} with {lokalraad} local councils and {forums} forums.",
    "open_full": "Open the chart at full size.",
    "diagram_levels": "There are too many councils and forums for one legible chart, so it shows only the top "
                      "{levels} levels. The rest is written out under Councils and forums.",
    "diagram_too_big": "The chart is left out because it would have too many boxes to be read. Everything in it "
                       "is written out as text on the pages.",
    "council_intro_kredsraad": "The district council is the strategic level: the chief of police chairs it and "
                               "the mayors of the district's municipalities are its members. It discusses crime "
                               "and cooperation and adopts the cooperation plan every year.",
    "council_intro_other": "A council with no council above it in the model.",
    "read_more_about": "Read more about {name}",
    "kommuner": "The municipalities",
    "kommuner_intro": "For each municipality: its local council, the number of forums in it, and whether it has "
                      "SSP, SSP+, PSP and KSP, the four forums most municipalities have. \u201cMissing\u201d means "
                      "no forum of that type is recorded here, not necessarily that the cooperation does not exist.",
    "kommuner_caption": "Local councils and forums per municipality",
    "col_kommune": "Municipality", "col_lokalraad": "Local council", "col_forums": "Forums",
    "body_intro": "Here you see who sits in {name}, where it belongs in the structure, which goals it works "
                  "towards, and which ages, person groups and crime types it covers.",
    "read_in_glossary": "Read more about {term} in the glossary.",
    "facts": "Facts", "type": "Type", "level": "Level", "area": "Area", "umbrella": "Sits under",
    "umbrella_none": "Nothing (top level)", "secretariat": "Secretariat", "valid": "Valid",
    "valid_from": "from {date}", "valid_to": "until {date}", "verified": "Last checked",
    "members_intro": "Members are ordered by the organisation they come from. An organisation takes part either as "
                     "a whole, or through the positions listed under it.",
    "no_organisation": "Without organisation", "no_members": "No members are recorded.",
    "kommune_diagram": "Chart of the municipality's cooperation",
    "kommune_diagram_intro": "The local council and every forum under it, with their members.",
    "kommune_diagram_alt": "Chart of {name} and the {forums} forums under it.",
    "below": "Councils and forums below", "below_none": "There are no councils or forums below this one.",
    "goals": "Goals", "goals_none": "No goals owned by {name} are recorded.",
    "coverage": "Coverage",
    "body_coverage_intro": "The ages, person groups and crime types {name} works with. Where no ages are given, "
                           "the ages typical of its type are counted.",
    "cov_ages": "Ages", "cov_ages_typical": "typical of the type", "cov_groups": "Person groups",
    "cov_crimes": "Crime types", "cov_none": "Not stated",
    "partners": "Partners",
    "partners_intro": "The guidance of the Danish Crime Prevention Council expects the type {type} to include "
                      "certain partners. The table shows whether a participant of each kind takes part.",
    "partners_caption": "Partners in {name}", "col_partner": "Partner", "col_requirement": "Expectation",
    "col_status": "Status", "col_met_by": "Met by",
    "body_findings": "Remarks from the check",
    "body_findings_intro": "The automatic check has these remarks on this one. See all of them under Check.",
    "body_findings_caption": "Remarks on {name}",
    "bodies_intro": "Every council and forum in the model, ordered by who sits under whom: the district council "
                    "at the top, then the local councils and the forums under them. Click a name to see members, "
                    "goals and coverage.",
    "member_count": "{n} members",
    "bodies_loose": "Without a place in the structure",
    "bodies_loose_intro": "These councils and forums could not be placed in the tree above because what they sit "
                          "under runs in a circle.",
    "participants_intro": "The organisations and positions that take part in the cooperation, and the councils "
                          "and forums they sit in. Organisations are ordered by main category: police, "
                          "municipality, region, Prison and Probation Service and others.",
    "part_of": "Part of", "sits_in": "Sits in", "roles": "Positions",
    "sits_nowhere": "Does not itself sit in any council or forum.", "via": "through {via}",
    "substitute_for": "substitute for", "roles_without_org": "Positions without an organisation",
    "goals_title": "Goals and the cooperation plan",
    "goals_intro": "The district council sets strategic goals in the cooperation plan. Each local council turns "
                   "them into operative goals for its municipality, and forums carry out actions with a concrete "
                   "target for when they have succeeded. This way an effort can be followed from the district "
                   "council all the way into the municipalities.",
    "goals_n_strategisk": "strategic goals", "goals_n_operativ": "operative goals", "goals_n_handling": "actions",
    "goals_tree": "From strategic goal to action",
    "goals_tree_intro": "Each strategic goal with the operative goals built on it and the actions under them. "
                        "Under a strategic goal you also see which local councils do not yet have an operative goal "
                        "built on it.",
    "goals_none_at_all": "No strategic goals are recorded.",
    "goals_loose": "Goals without a strategic goal above them",
    "goals_loose_intro": "These goals do not build on a strategic goal in the model.",
    "goals_diagram": "Chart of the goals", "goals_diagram_caption": "The same goals as in the tree above.",
    "goals_diagram_alt": "Chart of {n} goals: strategic goals at the top, operative goals and actions beneath.",
    "owner": "Owner", "period": "Period", "target": "Target", "description": "Description",
    "also_derives": "Also builds on", "trace": "Traceability",
    "trace_missing": "{n} of {total} local councils have no operative goal built on this one:",
    "trace_complete": "Every local council has an operative goal built on this one.",
    "trace_no_action": "There is no action under this goal yet.",
    "coverage_title": "Coverage from cradle to grave",
    "coverage_intro": "Together a municipality's forums should cover every age, every vulnerable person group and "
                      "every crime type. Here you see what each municipality's councils and forums cover and where "
                      "the gaps are. Only councils and forums close a gap; a goal that names a group is shown beside "
                      "them as an intention.",
    "coverage_statuses": "A gap means that no forum in the municipality is recorded as working with that age, group "
                         "or crime type. It may also mean that the information is missing from the model.",
    "dim_ages": "Ages", "dim_groups": "Person groups", "dim_crimes": "Crime types",
    "dim_ages_intro": "The timeline shows, for each municipality, the ages each forum covers. Red areas are ages no "
                      "forum covers.",
    "dim_terms_intro": "Each cell shows how many forums in the municipality work with {what}. An empty cell (–) is "
                       "a gap.",
    "chart_ages_alt": "Timeline of the ages forums cover in each of {n} municipalities. The table below the chart "
                      "lists the gaps.",
    "chart_terms_alt": "Grid of {what} per municipality for {n} municipalities. The table below the chart lists "
                       "the gaps.",
    "chart_caption": "The table below shows the same as text.",
    "gaps_caption": "{what} no forum covers, per municipality",
    "col_uncovered": "Not covered", "col_goal_only": "Only named in a goal", "col_covered_share": "Covered",
    "nothing_uncovered": "Everything is covered", "share_of": "{covered} of {total}", "no_chart": "Nothing to show.",
    "partner_gaps": "Missing partners",
    "partner_gaps_intro": "Councils and forums that lack a partner the guidance of the Danish Crime Prevention "
                          "Council expects for their type. Required partners are the core of the cooperation; "
                          "recommended ones are good to have.",
    "partner_gaps_caption": "Councils and forums with missing partners", "col_body": "Council or forum",
    "col_area": "Area", "col_missing_required": "Missing (required)",
    "col_missing_recommended": "Missing (recommended)",
    "partner_gaps_none": "Every council and forum has the partners the guidance expects.",
    "check_title": "Check of the model",
    "check_intro": "orgmodel checks the model against the Administration of Justice Act, the executive order on "
                   "district councils, the guidance of the Danish Crime Prevention Council and rules for good "
                   "data. Errors should be fixed; warnings are things the secretariat should look at; information "
                   "is for reference.",
    "check_language": "The messages are written for the secretariat that keeps the model. Place gives the file "
                      "and line in the model's files.",
    "check_clean": "The check found nothing to remark on.",
    "sev_error": "Errors", "sev_warning": "Warnings", "sev_info": "Information", "sev_ignored": "ignored",
    "sev1_error": "error", "sev1_warning": "warning", "sev1_info": "information",
    "sev_error_intro": "Errors break the law or leave the model incomplete. They should be fixed.",
    "sev_warning_intro": "Warnings are departures from the guidance or gaps the secretariat should look at.",
    "sev_info_intro": "Information is for reference and does not necessarily call for action.",
    "check_summary": "{error} errors, {warning} warnings, {info} information.",
    "check_passes": "The check passes.", "check_fails": "The check fails: there are errors.",
    "col_severity": "Severity", "col_entity": "What", "col_problem": "Problem", "col_fix": "How to fix it",
    "col_place": "Place",
    "glossary_title": "Glossary",
    "glossary_intro": "The words of the report explained in Danish and English, with the public sources the "
                      "explanations are based on.",
    "other_lang": "Dansk",
}

TEXT = {"da": DA, "en": EN}


@cache
def glossary() -> tuple[dict, ...]:
    """The glossary entries shipped with orgmodel (``orgmodel/data/glossary.yaml``)."""
    text = resources.files("orgmodel.data").joinpath("glossary.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text))


def first_sentence(text: str) -> str:
    """The first sentence of a text (a full stop before a capital letter ends it).

    >>> first_sentence("SSP er et samarbejde. Det hviler på § 115.")
    'SSP er et samarbejde.'
    """
    return re.split(r"(?<=[a-zæøå0-9)])\. (?=[A-ZÆØÅ])", " ".join(text.split()), maxsplit=1)[0].rstrip(".") + "."
