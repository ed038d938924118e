"""The national report: several workspaces read as one (``orgmodel report national/ -o out``).

The front page (``index.html``) lists the districts with their key figures and findings, and every
kommune with the forum types it has (SSP, SSP+, PSP, KSP). Beneath it each district's own report
sits in a folder of its name (``fyn/index.html``), built as ``orgmodel report fyn`` builds it but with
the findings of the national check: a reference into another workspace (a national body) is no error
there. There is no org chart of the whole country, which would be a strip too wide to read: each
district's report draws its own. The front page's explorer (``explorer.html``) draws the whole nation as a
network to pan and click instead, each node linked to its page in its own district's folder
(:func:`node_districts`).
"""

import datetime as dt
from dataclasses import replace

from orgmodel import graph as g
from orgmodel.check import CheckResult, check
from orgmodel.graph import build_graph
from orgmodel.model import AREAS, REFERENCES, label_text
from orgmodel.queries import display_name, partners, scope
from orgmodel.workspace import Workspace

from .explorer import Districts
from .pages import Site, participating_organisations


def district_sites(ws: Workspace, lang: str | None, with_names: bool, as_of: dt.date | None,
                   today: dt.date | None) -> tuple[CheckResult, dict[str, Site]]:
    """The national check, and each district's site with the findings in its own files (named as there)."""
    result = check(ws, today, as_of=as_of)
    sites = {}
    for name, part in ws.parts.items():
        mine = [replace(f, file=f.file.removeprefix(f"{name}/"), workspace="") for f in result.findings
                if f.workspace == name]
        left = [replace(f, file=f.file.removeprefix(f"{name}/"), workspace="") for f in result.ignored
                if f.workspace == name]
        own = CheckResult(part, result.today, result.as_of, mine, left)
        seen = with_references(ws, part)
        sites[name] = Site(seen, build_graph(seen, as_of=result.as_of), own, lang or part.manifest.language,
                           with_names, result.as_of, ws)  # in the district's own language, as its own report
    return result, sites


def with_references(ws: Workspace, part: Workspace) -> Workspace:
    """``part`` with the entries of the other workspaces (read as one in ``ws``) that its own entries name (a
    national body, an organisation of another district in its forum): built from ``part`` alone, its pages left
    such a member out and called its partner missing, where the check and ``gaps`` count it.

    >>> from orgmodel.workspace import load_workspace
    >>> one = load_workspace("examples/midt-og-vestjylland")
    >>> with_references(one, one) is one
    True
    """
    records = dict(part.records)
    for record in part.records.values():
        for ref in REFERENCES[record.kind]:
            for target in ref.ids(record.get(ref.field)):
                if target not in records and target in ws.records:
                    records[target] = ws.records[target]
    if len(records) == len(part.records):
        return part
    return replace(part, records=records)


def national_page(ws: Workspace, result: CheckResult, sites: dict[str, Site], lang: str) -> dict:
    """The front page: a row per district (figures, findings), a row per kommune (forum types it has)."""
    G = build_graph(ws, as_of=result.as_of)
    district_rows = []
    for name, site in sites.items():
        counts = site.result.counts
        own = ws.parts[name].records  # the site holds the other workspaces' entries it names too: not counted here
        district_rows.append({
            "name": name, "title": label_text(site.ws.manifest.name, lang), "url": f"{name}/index.html",
            "kredse": ", ".join(AREAS[k].name for k in scope.scope_kredse(site.G, site.ws.manifest)),
            "kommuner": len(site.kommuner),
            "lokalraad": len([c for c in g.nodes_of_kind(site.G, "council", "lokalraad") if c in own]),
            "forums": len([f for f in g.nodes_of_kind(site.G, "forum") if f in own]),
            "organisations": len(participating_organisations(site.G)),
            "errors": counts["error"], "warnings": counts["warning"], "info": counts["info"],
            "check_url": f"{name}/check.html"})
    return {"districts": district_rows, "kommuner": kommune_rows(ws, G, sites, lang),
            "forum_types": forum_types(G, lang), "totals": result.counts}


def forum_types(G, lang: str) -> list[dict]:
    """The forum types every kommune is expected to have, as (id, short label): ``SSP+`` from ``SSP+ (18-25 år)``."""
    vocabulary = g.vocabulary(G)
    return [{"id": t, "label": vocabulary.label("forum_types", t, lang).split(" (")[0]}
            for t, term in vocabulary["forum_types"].items() if term.expected]


def kommune_rows(ws: Workspace, G, sites: dict[str, Site], lang: str) -> list[dict]:
    """Every kommune in scope of any district, by name: its district and which expected forum types it has."""
    owner = scope.workspace_of_areas(G, ws)
    kommuner = sorted({k for site in sites.values() for k in site.kommuner}, key=lambda k: (AREAS[k].name, k))
    rows_of = partners.forum_type_rows(G, kommuner, owner)  # each kommune judged by its own workspace's types
    found = {(r.area, r.type): r.bodies for r in rows_of}
    missing = {(r.area, r.type) for r in rows_of if r.status == "missing"}
    expected = partners.expected_types(g.vocabulary(G))
    rows = []
    for kommune in kommuner:
        district = owner.get(kommune, "")
        rows.append({"name": AREAS[kommune].name, "district": district,
                     "district_url": f"{district}/index.html" if district else None,
                     "types": [{"type": t, "missing": (kommune, t) in missing,
                                "bodies": [{"id": b, "text": display_name(G, b, lang),
                                            "url": _body_url(G.nodes[b].get("workspace"), b, sites)}
                                           for b in found.get((kommune, t), ())]} for t in expected]})
    return rows


def _body_url(district: str, body: str, sites: dict[str, Site]) -> str | None:
    """The page of a body in its district's report (None when the district's report has no such page)."""
    site = sites.get(district)
    return f"{district}/bodies/{body}.html" if site is not None and body in site.G else None


def node_districts(ws: Workspace, G, sites: dict[str, Site], lang: str) -> Districts:
    """Which district's folder holds each node's page: an entity's own workspace (when that district's report
    shows it), a kommune's the district whose scope names it; and each district's title.

    One workspace is no nation: it has no districts (tests/test_national.py builds one of three).

    >>> from orgmodel.workspace import load_workspace
    >>> ws = load_workspace("examples/midt-og-vestjylland")
    >>> node_districts(ws, build_graph(ws), {}, "da")
    Districts(of={}, titles={})
    """
    of = {k: name for k, name in scope.workspace_of_areas(G, ws).items() if AREAS[k].kind == "kommune"}
    for node, data in G.nodes(data=True):
        district = data.get("workspace")
        if district in sites and node in sites[district].G:
            of[node] = district
    return Districts(of, {name: label_text(site.ws.manifest.name, lang) for name, site in sites.items()})
