"""What each page of ``orgmodel report`` shows: plain data for the templates, no HTML.

A :class:`Site` holds the graph, the check result and the reader's
language. The functions here turn it into the values of the start page, the
overview of councils and forums, a page per council and forum, and the page
of participants. Every reference to another entity is a :class:`Ref` with
the text to show and the page (and anchor) it lives on, so links are made in
one place. Other pages are in :mod:`orgmodel.report.sections`.

>>> site = Site.of(load_workspace("examples/midt-og-vestjylland"), today=dt.date(2026, 11, 22))
>>> site.ref("ssp-silkeborg")
Ref(id='ssp-silkeborg', text='SSP Silkeborg', url='bodies/ssp-silkeborg.html')
>>> [(r["name"], r["lokalraad"][0].text) for r in start_page(site)["kommuner"]][:1]
[('Herning', 'Lokalrådet i Herning Kommune')]
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import networkx as nx

from orgmodel import clock
from orgmodel import graph as g
from orgmodel.check import CheckResult, check
from orgmodel.diagram import views
from orgmodel.graph import build_graph
from orgmodel.model import (
    AREAS,
    BODY_KINDS,
    ILLUSTRATIVE_TAG,
    MEMBER_KINDS,
    cite,
    count_text,
    fill_counts,
    format_age_range,
    label_text,
)
from orgmodel.queries import display_name, lookup, partners, scope
from orgmodel.workspace import Workspace, load_workspace  # noqa: F401  (load_workspace: doctest)

from .text import TEXT, first_sentence, format_date, glossary

CHECK_LANG = "en"
"""The language of the check's rule titles, messages and fixes (they are written for the secretariat)."""
CATEGORY_ORDER = ("politi", "kommune", "region", "kriminalforsorgen", "anklagemyndighed")
"""Main categories in the order readers expect them; the rest follow by label."""


class Ref(NamedTuple):
    """A reference to an entity as a page shows it: its text and the page (with anchor) it lives on."""

    id: str
    text: str
    url: str | None


def holder_names(ws: Workspace) -> list[str]:
    """The names of every role holder in the workspace, longest first."""
    names = {getattr(getattr(r.entity, "holder", None), "name", "") for r in ws.records.values()}
    return sorted((n.strip() for n in names if n and n.strip()), key=lambda n: (-len(n), n))


@dataclass
class Site:
    """Everything the pages are made from: workspace, graph, check result, language, privacy."""

    ws: Workspace
    G: nx.MultiDiGraph
    result: CheckResult
    lang: str = "da"
    with_names: bool = False
    as_of: dt.date = field(default_factory=clock.today)
    published_with: Workspace | None = None
    """Of a district's site in a national report: the workspaces read as one, whose every holder's name is cleared
    from this site's texts too (one published folder; a name written in another district's entry is no less a
    name)."""

    @cached_property
    def cleared_names(self) -> list[str]:
        """The holders' names the site's texts are cleared of (without ``--with-names``), longest first: of its
        workspace, or of every workspace it is published with; found once, as every picture asks for them."""
        return holder_names(self.published_with or self.ws)

    @classmethod
    def of(cls, ws: Workspace, lang: str | None = None, with_names: bool = False,
           as_of: dt.date | None = None, today: dt.date | None = None) -> "Site":
        """The site of the entries of ``ws`` valid on ``as_of``, checked with ``today`` as the date rules count
        from (``today`` defaults to :func:`orgmodel.clock.today`, ``as_of`` to ``today``)."""
        result = check(ws, today, as_of=as_of)
        return cls(ws, build_graph(ws, as_of=result.as_of), result, lang or ws.manifest.language, with_names,
                   result.as_of)

    @property
    def t(self) -> dict:
        return TEXT[self.lang]

    @property
    def vocab(self):
        return g.vocabulary(self.G)

    @cached_property
    def style(self) -> views.Style:
        return views.Style(self.lang, views.DEFAULT_MEMBER_LABEL, public=not self.with_names)

    @cached_property
    def kommuner(self) -> list[str]:
        return scope.workspace_kommuner(self.G, self.ws)

    @cached_property
    def findings_of(self) -> dict[str, list]:
        """The check's findings by the entity they are about, in the check's order (one pass for every page)."""
        found: dict[str, list] = {}
        for finding in self.result.findings:
            found.setdefault(finding.entity, []).append(finding)
        return found

    @cached_property
    def name(self) -> str:
        return label_text(self.ws.manifest.name, self.lang)

    def text(self, node: str) -> str:
        """How an entity reads: a body's title, a role's title (with its holder when names are shown)."""
        data = self.G.nodes[node]
        if data["kind"] in BODY_KINDS:
            return display_name(self.G, node, self.style.lang)
        if data["kind"] in MEMBER_KINDS:
            return views.member_text(self.G, node, self.style)
        return label_text(data.get("label"), self.lang) or node

    def ref(self, node: str) -> Ref:
        """A reference to ``node``: a link to its page; an entry not valid on the report's date (so without a
        page) is named as written, without a link."""
        if node not in self.G and node in self.ws.records:
            fields = self.ws.records[node].entity.__dict__
            return Ref(node, label_text(fields.get("name") or fields.get("title"), self.lang) or node, None)
        return Ref(node, self.text(node), url_of(self.G, node))

    def refs(self, nodes) -> list[Ref]:
        """References to ``nodes``; where several read the same ("Borgmester, Borgmester, …"), each is named
        with its organisation, else its kommune or kreds: "Borgmester, Silkeborg Kommune"."""
        refs = [self.ref(n) for n in nodes]
        texts = Counter(r.text for r in refs)
        return [r._replace(text=self._told_apart(r)) if texts[r.text] > 1 else r for r in refs]

    def _told_apart(self, ref: Ref) -> str:
        org = g.organisation_of(self.G, ref.id)
        where = self.text(org) if org and org != ref.id else self.area_name(g.area_of(self.G, ref.id))
        return f"{ref.text}, {where}" if where and where != ref.text else ref.text

    def area_name(self, area: str | None) -> str:
        return AREAS[area].name if area in AREAS else (area or "")

    def label(self, section: str, term: str | None) -> str:
        return self.vocab.label(section, term, self.lang) if term else ""

    def body_type_label(self, node: str) -> str:
        data = self.G.nodes[node]
        return self.label("council_types" if data["kind"] == "council" else "forum_types", data["type"])

    def date(self, day: dt.date | None) -> str:
        return format_date(day, self.lang) if day else ""

    def lang_of(self, text_lang: str) -> str | None:
        """The ``lang`` attribute a text in ``text_lang`` needs on this site: None when it is the page's.

        The check's titles, messages and fixes are English (``CHECK_LANG``), so a Danish page marks them.
        """
        return None if text_lang == self.lang else text_lang


def url_of(G: nx.MultiDiGraph, node: str) -> str | None:
    """The page (relative to the report's root) where an entity is shown, or None.

    >>> url_of(nx.MultiDiGraph([("a", "b")]), "a") is None
    True
    """
    kind = G.nodes[node].get("kind")
    if kind in BODY_KINDS:
        return f"bodies/{node}.html"
    if kind in MEMBER_KINDS:
        return f"participants.html#{node}"
    if kind in ("goal", "document", "policy"):
        return f"goals.html#{node}"
    return None


def bodies(G: nx.MultiDiGraph) -> list[str]:
    """Every council and forum, by id."""
    return sorted(g.nodes_of_kind(G, "council") + g.nodes_of_kind(G, "forum"))


def umbrella(G: nx.MultiDiGraph, body: str) -> list[str]:
    """The bodies a body sits under: a forum's ``under``, a lokalråd's ``reports_to``."""
    return g.targets(G, body, "under") + g.targets(G, body, "reports_to")


def children(site: Site, body: str) -> list[str]:
    """Bodies directly under a body: staff (secretariat, kontaktudvalg) first, then by title."""
    G = site.G
    found = set(g.sources(G, body, "under")) | set(g.sources(G, body, "reports_to"))
    return sorted(found, key=lambda c: (not _is_staff(site, c), site.text(c).casefold(), c))


def _is_staff(site: Site, body: str) -> bool:
    data = site.G.nodes[body]
    term = site.vocab.body_type(data["kind"], data["type"])
    return bool(term and term.staff)


def start_page(site: Site) -> dict:
    """Key figures, the councils at the top and a row per kommune with its lokalråd and forums."""
    G, t = site.G, site.t
    lokalraad = g.nodes_of_kind(G, "council", "lokalraad")
    goals_by_level = {lvl: len([n for n in g.nodes_of_kind(G, "goal") if G.nodes[n]["level"] == lvl])
                      for lvl in ("strategisk", "operativ", "handling")}
    counts = site.result.counts
    goals_detail = t["fig_goals_detail"].format(**{lvl: count_text(t, f"n_{lvl}", n)
                                                   for lvl, n in goals_by_level.items()})
    figures = [
        (len(site.kommuner), "fig_kommuner", "", "index.html#kommuner", ""),
        (len(lokalraad), "fig_lokalraad", "", "bodies.html", ""),
        (len(g.nodes_of_kind(G, "forum")), "fig_forums", "", "bodies.html", ""),
        (len(participating_organisations(G)), "fig_orgs", "", "participants.html", ""),
        (len(g.nodes_of_kind(G, "goal")), "fig_goals", goals_detail, "goals.html", ""),
        (counts["error"], "fig_errors", count_text(t, "fig_warnings", counts["warning"]), "check.html",
         "error" if counts["error"] else ""),
    ]
    tops = [c for c in bodies(G) if G.nodes[c]["kind"] == "council" and not umbrella(G, c)
            and G.nodes[c]["type"] != "lokalraad"]
    kredse = scope.scope_kredse(G, site.ws.manifest)
    area = ", ".join(t["area_kreds"].format(name=site.area_name(k)) for k in kredse) or site.name
    return {
        "intro": t["home_intro"].format(area=area),
        "description": label_text(site.ws.manifest.description, site.lang),
        "figures": [{"value": v, "label": count_text(t, key, v), "detail": detail, "url": url, "css": css}
                    for v, key, detail, url, css in figures],
        "councils": [_council_summary(site, c) for c in tops],
        "forum_types": [_short_type(site, ft) for ft in _expected_types(site)],
        "kommuner": _kommune_rows(site),
        "diagram": "img/structure.svg", "diagram_note": "",
        "diagram_alt": fill_counts(t["diagram_alt"], name=site.name, lokalraad=len(lokalraad),
                                   forums=len(g.nodes_of_kind(G, "forum"))),
    }


def participating_organisations(G: nx.MultiDiGraph) -> list[str]:
    """Organisations that sit in a body themselves or through one of their roles or sub-organisations."""
    return [org for org in g.nodes_of_kind(G, "organisation") if lookup.who(G, org)]


def _council_summary(site: Site, council: str) -> dict:
    G = site.G
    record = G.nodes[council]["record"].entity
    staff = g.targets(G, council, "secretariat") + [c for c in children(site, council) if _is_staff(site, c)]
    intro = "council_intro_kredsraad" if G.nodes[council]["type"] == "kredsraad" else "council_intro_other"
    return {"ref": site.ref(council), "intro": site.t[intro], "chair": site.refs(g.targets(G, council, "chair")),
            "members": site.refs(g.targets(G, council, "member")),
            "invited": site.refs(g.targets(G, council, "invited")),
            "staff": site.refs(dict.fromkeys(staff)), "meetings": record.meetings_per_year}


def _expected_types(site: Site) -> list[str]:
    return [t for t, term in site.vocab["forum_types"].items() if term.expected]


def _short_type(site: Site, forum_type: str) -> str:
    """``SSP+`` from ``SSP+ (18-25 år)``: the label before its explanation in brackets."""
    return site.label("forum_types", forum_type).split(" (")[0]


def _kommune_rows(site: Site) -> list[dict]:
    G = site.G
    expected = _expected_types(site)
    rows = partners.forum_type_rows(G, site.kommuner)
    forums_in = {k: [f for f in g.nodes_of_kind(G, "forum") if G.nodes[f]["area"] == k] for k in site.kommuner}
    found = {(r.area, r.type): r.bodies for r in rows}
    lokalraad: dict[str, list[str]] = {}
    for council in g.nodes_of_kind(G, "council", "lokalraad"):
        lokalraad.setdefault(G.nodes[council]["area"], []).append(council)
    return [{"name": site.area_name(k), "lokalraad": site.refs(lokalraad.get(k, [])), "forums": len(forums_in[k]),
             "types": [{"status": "exists" if found.get((k, ft)) else "missing",
                        "bodies": site.refs(found.get((k, ft), ()))} for ft in expected]}
            for k in site.kommuner]


def bodies_page(site: Site) -> dict:
    """Every council and forum as a tree from the top (bodies under nothing) down."""
    G = site.G
    placed: set[str] = set()

    def node(body: str) -> dict:
        placed.add(body)
        below = [c for c in children(site, body) if c not in placed]
        placed.update(below)
        return {"ref": site.ref(body), "type_label": site.body_type_label(body),
                "level_label": site.label("levels", G.nodes[body].get("level")),
                "members": len(g.members_of(G, body)),
                "member_text": count_text(site.t, "member_count", len(g.members_of(G, body))),
                "children": [node(c) for c in below]}

    tops = sorted((b for b in bodies(G) if not umbrella(G, b)), key=lambda b: (G.nodes[b]["kind"] != "council", b))
    placed.update(tops)
    roots = [node(b) for b in tops]
    loose = [node(b) for b in bodies(G) if b not in placed]
    return {"roots": roots, "loose": loose}


def body_page(site: Site, body: str) -> dict:
    """One council or forum: facts, members by organisation, sub-bodies, goals, coverage, partners, findings."""
    G, t = site.G, site.t
    data = G.nodes[body]
    entity = data["record"].entity
    validity = [t["valid_from"].format(date=site.date(entity.valid_from)) if entity.valid_from else "",
                t["valid_to"].format(date=site.date(entity.valid_to)) if entity.valid_to else ""]
    requirements = partners.body_requirements(G, body)
    term = site.vocab.body_type(data["kind"], data["type"])
    return {
        "name": site.text(body), "type_label": site.body_type_label(body),
        "level_label": site.label("levels", data.get("level")), "area": site.area_name(data.get("area")),
        "trail": site.refs(_trail(G, body)), "glossary": _glossary_entry(site, data["type"]),
        "umbrella": site.refs(umbrella(G, body)), "chair": site.refs(g.targets(G, body, "chair")),
        "secretariat": site.refs(g.targets(G, body, "secretariat")), "meetings": entity.meetings_per_year,
        "valid": " ".join(v for v in validity if v), "source": entity.source, "verified": site.date(entity.verified),
        "member_count": len(g.members_of(G, body)), "organisations": member_groups(site, body),
        "children": [{"ref": site.ref(c), "type_label": site.body_type_label(c)} for c in children(site, body)],
        "goals": [{"ref": site.ref(goal), "level_label": site.label("goal_levels", G.nodes[goal]["level"]),
                   "period": G.nodes[goal]["record"].entity.period} for goal in g.sources(G, body, "owner")],
        "documents": [document_row(site, doc) for doc in g.sources(G, body, "council")],
        "is_council": data["kind"] == "council",
        "illustrative": is_illustrative(entity),
        "coverage": coverage_of(site, body),
        "partners": [_partner_row(site, r) for r in requirements],
        "partner_source": cite(term.partners.source, site.lang) or None
        if requirements and term and term.partners else None,
        "findings": finding_rows(site, site.findings_of.get(body, [])),
        "diagram": None, "diagram_alt": "", "diagram_note": "",
    }


def is_illustrative(entity) -> bool:
    """Whether an entry is marked as made up for illustration (the tag :data:`ILLUSTRATIVE_TAG`)."""
    return ILLUSTRATIVE_TAG in entity.tags


def document_row(site: Site, doc: str) -> dict:
    """A samarbejdsplan or handleplan as the report shows it: type, year, owner, council, dates, place, goals."""
    G = site.G
    entity = G.nodes[doc]["record"].entity
    return {"id": doc, "ref": site.ref(doc), "type_label": site.label("document_types", entity.type),
            "year": entity.year, "owner": site.refs(g.targets(G, doc, "owner")),
            "council": site.refs(g.targets(G, doc, "council")), "discussed": site.date(entity.discussed),
            "published": site.date(entity.published), "where": entity.where or "",
            "goals": site.refs(g.targets(G, doc, "includes")), "source": entity.source,
            "illustrative": is_illustrative(entity)}


def _trail(G: nx.MultiDiGraph, body: str) -> list[str]:
    """The bodies above a body, from the top down (stops at a cycle)."""
    trail: list[str] = []
    current = body
    while True:
        above = [b for b in umbrella(G, current) if b not in trail and b != body]
        if not above:
            return trail[::-1]
        current = above[0]
        trail.append(current)


def _glossary_entry(site: Site, body_type: str) -> dict | None:
    for entry in glossary():
        if entry.get("body_type") == body_type:
            return {"id": entry["id"], "term": entry["term"][site.lang].split(" (")[0],
                    "summary": first_sentence(entry["text"][site.lang])}
    return None


def main_category(site: Site, member: str) -> str:
    """The top of a member's organisation category (``politi`` for a lokalpolitistation), or ``""``."""
    org = g.organisation_of(site.G, member)
    return site.vocab.category_ancestors(site.G.nodes[org]["type"])[-1] if org else ""


def category_key(site: Site, top: str) -> tuple:
    """Sort key of a main category: police, kommune, region, Kriminalforsorgen first, then by label."""
    rank = CATEGORY_ORDER.index(top) if top in CATEGORY_ORDER else len(CATEGORY_ORDER)
    return rank, site.label("categories", top).casefold(), top


def member_groups(site: Site, body: str) -> list[dict]:
    """Chair, members and guests by organisation (main categories in reading order), roles beneath.

    ``whole`` says that the organisation itself takes part, ``tags`` how it
    (or a role) sits: as chair or as invited guest.
    """
    G, t = site.G, site.t
    groups: dict[str | None, dict] = {}
    for member in dict.fromkeys(g.members_of(G, body) + g.targets(G, body, "invited")):
        org = g.organisation_of(G, member)
        group = groups.setdefault(org, {"whole": False, "tags": [], "roles": []})
        tags = [t[f"rel_{r}"] for r in ("chair", "invited") if r in G[body].get(member, {})]
        if member == org:
            group.update(whole=True, tags=tags)
        else:
            group["roles"].append({"ref": site.ref(member), "tags": tags})
    ordered = sorted(groups, key=lambda o: (o is None, category_key(site, main_category(site, o)) if o else (),
                                            site.text(o).casefold() if o else "", o or ""))
    return [{"ref": site.ref(org) if org else None,
             "category": site.label("categories", G.nodes[org]["type"]) if org else "",
             **groups[org],
             "roles": sorted(groups[org]["roles"], key=lambda r: (r["ref"].text.casefold(), r["ref"].id))}
            for org in ordered]


def ages_text(site: Site, spans) -> str:
    """Age spans as a reader writes them: ``6-17 år``, ``18+ år``."""
    max_age = g.max_age(site.G)
    parts = [format_age_range(first, None if last == max_age and first != last else last) for first, last in spans]
    return f"{', '.join(parts)} {site.t['years']}" if parts else ""


def coverage_of(site: Site, node: str) -> dict:
    """The ages, groups and crimes a body or goal covers, as labels; ``ages_assumed`` and
    ``groups_assumed`` say that they are the type's defaults, not written."""
    data = site.G.nodes[node]
    return {"ages": ages_text(site, data["ages"]), "ages_assumed": "ages" in data["assumed"],
            "groups_assumed": "groups" in data["assumed"],
            "groups": [site.label("groups", x) for x in data["groups"]],
            "crimes": [site.label("crimes", x) for x in data["crimes"]]}


def requirement_label(site: Site, requirement: str) -> str:
    """A partner requirement (``jobcenter|uu-vejledning``) as labels joined by "eller"/"or"."""
    return f" {site.t['or']} ".join(site.label("categories", c) for c in requirement.split("|"))


def _partner_row(site: Site, row: partners.PartnerRow) -> dict:
    return {"category": requirement_label(site, row.requirement), "which": site.t[row.which],
            "status": row.status, "status_label": site.t[row.status], "members": site.refs(row.members)}


def finding_rows(site: Site, findings) -> list[dict]:
    """Findings as table rows: severity label, the entity as a link, message, fix and place."""
    t = site.t
    return [{"severity": f.severity, "severity_label": t[f"sev1_{f.severity}"],
             "entity": (site.ref(f.entity) if f.entity in site.G else Ref(f.entity, f.entity, None))
             if f.entity else None,
             "message": f.message, "fix": f.fix, "location": f.location, "lang": site.lang_of(CHECK_LANG)}
            for f in findings]


def search_entries(site: Site) -> list[list[str | None]]:
    """[id, text, kind, url] of every organisation, role, council, forum, goal and document, by id."""
    G, t = site.G, site.t
    kinds = ("organisation", "role", "council", "forum", "goal", "document", "policy")
    nodes = sorted(n for kind in kinds for n in g.nodes_of_kind(G, kind))
    return [[n, site.text(n), t[f"kind_{G.nodes[n]['kind']}"], url_of(G, n)] for n in nodes]
