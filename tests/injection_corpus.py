"""The injection corpus: a workspace whose ids and texts attack the quoting of every output.

tests/test_injection.py pushes it through every output in tests/outputs.py; tests/test_mermaid_browser.py
has Mermaid draw it. The ``corpus`` fixture in tests/conftest.py writes it as a workspace.
"""

TEXTS = {
    "quotes": "O'Brien \"Klub\" `whoami`",
    "braces": "{name} {{x}} {0} %s %(x)s 100 %",
    "script": "<script>alert('x')</script>",
    "markup": "&amp; &lt;b&gt; ]]> <!-- x -- y -->",
    "newline": "linje 1\nlinje 2",
    "rtl": "\u202eRTL\u202c og \u200fmærke",
    "zero-width": "nul\u200bbredde\u200d\ufeff",
    "danish": "Ærø Østerbro Åbenrå æøå",
    "formula": "=HYPERLINK(\"http://x\";\"y\")",
    "plus": "+45 12 34 56 78",
    "minus": "-1 eller -2",
    "at": "@SUM(A1:A9)",
    "dot": "\\N \\G \\L \\n \\l \\\\ -> -- ; }",
    "mermaid": "end; %% kommentar ]] [[ | #35; #quot; --> ",
    "math": "$5 og $10 $\\frac{1}$ $$\\sqrt{2}$$",
    "cypher": "x'}) DETACH DELETE n // \\u0027 $rows",
    "tab": "med\ttabulator",
}
"""Texts that break naive quoting, each placed somewhere below (the key says what it attacks)."""

CORPUS = {
    "organisations": [
        {"id": "digraph", "name": TEXTS["quotes"], "category": "politi", "area": "kreds-bornholm"},
        {"id": "bornholm-kommune", "name": TEXTS["danish"], "category": "kommune", "area": "bornholm"},
        {"id": "node", "name": TEXTS["script"], "category": "skoleforvaltning", "parent": "bornholm-kommune"},
        {"id": "subgraph", "name": TEXTS["markup"], "category": "skole", "parent": "node"},
        {"id": "graph", "name": TEXTS["formula"], "category": "socialforvaltning", "parent": "bornholm-kommune"},
        {"id": "strict", "name": TEXTS["mermaid"], "category": "klub", "parent": "bornholm-kommune",
         "short_name": TEXTS["at"]},
    ],
    "roles": [
        {"id": "politidirektoer", "title": TEXTS["rtl"], "type": "politidirektoer", "organisation": "digraph"},
        {"id": "borgmester-bornholm", "title": TEXTS["zero-width"], "type": "borgmester",
         "organisation": "bornholm-kommune"},
        {"id": "edge", "title": TEXTS["dot"], "type": "politiinspektoer", "organisation": "digraph",
         "holder": {"name": TEXTS["braces"]}},
        {"id": "stedfortraeder", "title": TEXTS["plus"], "type": "stedfortraeder", "organisation": "bornholm-kommune",
         "substitute_for": "borgmester-bornholm"},
    ],
    "councils": [
        {"id": "kredsraad", "type": "kredsraad", "name": TEXTS["newline"], "area": "kreds-bornholm",
         "chair": "politidirektoer", "members": ["borgmester-bornholm"], "secretariat": "legend",
         "meetings_per_year": 4},
        {"id": "lokalraad", "type": "lokalraad", "name": TEXTS["math"], "area": "bornholm",
         "reports_to": "kredsraad", "chair": "edge", "members": ["bornholm-kommune", "digraph"]},
    ],
    "forums": [
        {"id": "legend", "type": "sekretariat", "under": "kredsraad", "name": TEXTS["cypher"],
         "members": ["digraph"]},
        {"id": "row-0", "type": "ssp", "under": "lokalraad", "name": TEXTS["minus"],
         "members": ["subgraph", "graph", "digraph", "strict"],
         "covers": {"ages": "6-17", "groups": ["unge", "saerlig-gruppe"], "crimes": ["vold"]},
         "source": "TODO " + TEXTS["script"]},
        {"id": "kommune-lokalraad", "type": "lokalgruppe", "under": "row-0", "name": TEXTS["tab"],
         "members": ["subgraph"], "covers": {"ages": "10-14"}},
        {"id": "end", "type": "psp", "under": "lokalraad", "name": "end", "members": ["graph", "digraph"]},
    ],
    "goals": [
        {"id": "0", "level": "strategisk", "owner": "kredsraad", "period": 2026, "title": TEXTS["braces"]},
        {"id": "a--b", "level": "operativ", "owner": "lokalraad", "derives_from": ["0"], "title": TEXTS["at"],
         "description": TEXTS["script"]},
        {"id": "x-", "level": "handling", "owner": "row-0", "derives_from": ["a--b"], "title": TEXTS["plus"],
         "target": TEXTS["formula"]},
    ],
    "documents": [
        {"id": "match", "type": "samarbejdsplan", "year": 2026, "title": TEXTS["quotes"], "owner": "politidirektoer",
         "council": "kredsraad", "discussed": "2025-12-01", "published": "2026-01-10", "where": TEXTS["script"],
         "goals": ["0"]},
    ],
}
MANIFEST = {"name": TEXTS["dot"], "scope": {"politikredse": ["kreds-bornholm"]},
            "vocabulary": {"groups": {"saerlig-gruppe": {"da": TEXTS["math"], "en": TEXTS["script"]}}}}
