"""The report's pages about the whole workspace: participants, goals, status, coverage, check findings, glossary.

Like :mod:`orgmodel.report.pages`, each function returns plain data for a
template; the tables come from :mod:`orgmodel.queries.lookup`, :mod:`orgmodel.queries.coverage`,
:mod:`orgmodel.queries.partners` and :mod:`orgmodel.check`.

>>> from orgmodel.workspace import load_workspace
>>> site = Site.of(load_workspace("examples/midt-og-vestjylland"), today=dt.date(2026, 11, 22))
>>> top = goals_page(site)["trees"][0]
>>> top["id"], len(top["missing"]), top["lokalraad_total"]
('mvj-2026-indbrud', 10, 11)
"""

import datetime as dt
from itertools import groupby

from orgmodel import graph as g
from orgmodel.diagram import map_data
from orgmodel.model import SEVERITIES, count_text, fill_counts, label_text, schema, source_register, ui_words
from orgmodel.queries import coverage as cov
from orgmodel.queries import followup, lookup, partners

from .pages import (
    CHECK_LANG,
    Ref,
    Site,
    ages_text,
    category_key,
    coverage_of,
    document_row,
    finding_rows,
    is_illustrative,
    main_category,
    requirement_label,
)
from .text import glossary


def participants_page(site: Site) -> dict:
    """Organisations by main category, each with its seats and its roles (and theirs)."""
    G = site.G
    groups: dict[str, list[str]] = {}
    for org in g.nodes_of_kind(G, "organisation"):
        groups.setdefault(main_category(site, org), []).append(org)
    loose = [r for r in g.nodes_of_kind(G, "role") if g.organisation_of(G, r) is None]
    return {"groups": [{"anchor": f"cat_{top}", "title": site.label("categories", top),
                        "organisations": Made(sorted(groups[top], key=lambda o: (site.text(o).casefold(), o)),
                                              lambda org: _organisation(site, org))}
                       for top in sorted(groups, key=lambda top: category_key(site, top))],
            "loose_roles": Made(loose, lambda role: _role(site, role))}


class Made:
    """The items of a list on a page, each made from its id as the template reaches it: the participants of a
    national workspace would otherwise be held whole (150 MB at 100,000 entities) while the page is written.

    >>> items = Made(["a", "b"], str.upper)
    >>> len(items), list(items), bool(Made([], str.upper))
    (2, ['A', 'B'], False)
    """

    def __init__(self, ids: list[str], make):
        self.ids, self.make = ids, make

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return map(self.make, self.ids)


def _seats(site: Site, seats, own_roles: set[str]) -> list[dict]:
    return [{"body": site.ref(s.body), "relation": site.t[f"rel_{s.relation}"],
             "via": site.text(s.via) if s.via else ""} for s in seats if s.via not in own_roles]


def _organisation(site: Site, org: str) -> dict:
    G = site.G
    roles = g.sources(G, org, "organisation")
    parent = g.targets(G, org, "parent")
    return {"id": org, "name": site.text(org), "category": site.label("categories", G.nodes[org]["type"]),
            "illustrative": is_illustrative(G.nodes[org]["record"].entity),
            "parent": site.ref(parent[0]) if parent else None, "area": site.area_name(G.nodes[org].get("area")),
            "seats": _seats(site, lookup.who(G, org), set(roles)),
            "roles": sorted((_role(site, r) for r in roles), key=lambda r: (r["name"].casefold(), r["id"]))}


def _role(site: Site, role: str) -> dict:
    substitute = g.targets(site.G, role, "substitute_for")
    return {"id": role, "name": site.text(role), "substitute_for": site.ref(substitute[0]) if substitute else None,
            "illustrative": is_illustrative(site.G.nodes[role]["record"].entity),
            "seats": _seats(site, lookup.who(site.G, role), set())}


def goals_page(site: Site) -> dict:
    """The goal tree from each strategic goal down, with traceability, and goals outside it."""
    G, t = site.G, site.t
    goals = g.nodes_of_kind(G, "goal")
    first_parent = {goal: next(iter(g.targets(G, goal, "derives_from")), None) for goal in goals}
    lokalraad = [c for c in g.nodes_of_kind(G, "council", "lokalraad")
                 if not site.kommuner or G.nodes[c]["area"] in site.kommuner]
    placed: set[str] = set()

    def node(goal: str) -> dict:
        placed.add(goal)
        below = [c for c in g.sources(G, goal, "derives_from") if first_parent[c] == goal and c not in placed]
        return _goal(site, goal, lokalraad, [node(c) for c in below])

    tops = [goal for goal in goals if G.nodes[goal]["level"] == "strategisk"]
    trees = [node(goal) for goal in tops]
    loose = [node(goal) for goal in goals if goal not in placed and first_parent[goal] is None]
    loose += [node(goal) for goal in goals if goal not in placed]
    numbers = {lvl: len([x for x in goals if G.nodes[x]["level"] == lvl]) for lvl in site.vocab["goal_levels"]}
    counts = [{"value": n, "label": count_text(t, f"goals_n_{lvl}", n) if f"goals_n_{lvl}" in t
               else site.label("goal_levels", lvl)} for lvl, n in numbers.items()]
    return {"trees": trees, "loose": loose, "counts": counts, "diagram": "img/goals.svg" if goals else None,
            "documents": [document_row(site, doc) for doc in _documents_in_order(site)],
            "policies": [_policy(site, policy) for policy in g.nodes_of_kind(G, "policy")
                         if not site.kommuner or G.nodes[policy]["area"] in site.kommuner],
            "diagram_note": "",
            "diagram_alt": fill_counts(t["goals_diagram_alt"], n=len(goals))}


def _documents_in_order(site: Site) -> list[str]:
    """Every document: samarbejdsplaner first (the order of the vocabulary's document types), then by year and id."""
    types = list(site.vocab["document_types"])
    G = site.G

    def key(doc: str) -> tuple:
        type_ = G.nodes[doc]["type"]
        return types.index(type_) if type_ in types else len(types), G.nodes[doc]["record"].entity.year, doc

    return sorted(g.nodes_of_kind(G, "document"), key=key)


def _policy(site: Site, policy: str) -> dict:
    """A kommune policy with its type, kommune and the goals that serve it."""
    G = site.G
    data = G.nodes[policy]
    return {"id": policy, "name": site.text(policy), "type_label": site.label("policy_types", data["type"]),
            "area": site.area_name(data.get("area")), "served_by": site.refs(g.sources(G, policy, "serves")),
            "illustrative": is_illustrative(data["record"].entity)}


def _goal(site: Site, goal: str, lokalraad: list[str], below: list[dict]) -> dict:
    G = site.G
    data = G.nodes[goal]
    entity = data["record"].entity
    level = data["level"]
    missing = None
    if level == "strategisk":
        taken_up = followup.lokalraad_taking_up(G, goal)  # as the check's goal.strategic-cascade counts them
        missing = site.refs(c for c in lokalraad if c not in taken_up)
    covered = coverage_of(site, goal)
    covers = "; ".join(f"{site.t[key]}: {', '.join(v) if isinstance(v, list) else v}"
                       for key, v in (("cov_ages", covered["ages"]), ("cov_groups", covered["groups"]),
                                      ("cov_crimes", covered["crimes"])) if v)
    return {"id": goal, "level": level, "level_label": site.label("goal_levels", level), "title": site.text(goal),
            "owner": site.refs(g.targets(G, goal, "owner")), "period": entity.period, "target": entity.target,
            "description": label_text(entity.description, site.lang), "covers": covers,
            "also_from": site.refs(g.targets(G, goal, "derives_from")[1:]), "missing": missing,
            "serves": site.refs(g.targets(G, goal, "serves")),
            "lokalraad_total": len(lokalraad), "children": below, "illustrative": is_illustrative(entity),
            "no_action": level == "operativ" and not any(
                G.nodes[c]["level"] == "handling" for c in g.sources(G, goal, "derives_from"))}


MAPS = ("forums", "partners", "findings")
"""The maps of the coverage page: the forum types of each kommune, the partners missing, the findings."""


def maps(site: Site) -> list[dict]:
    """The maps of Denmark on the coverage page, each with its data (to draw) and the same as a table."""
    if not site.kommuner:
        return []
    words = ui_words("map")[site.lang]
    found = []
    for measure in MAPS:
        data = map_data(site.G, measure, site.kommuner, findings=site.result.findings, lang=site.lang)
        found.append({"id": f"map-{measure}", "title": data.title, "data": data,
                      "image": f"img/map-{measure}.svg", "alt": words["alt"].format(title=data.title),
                      "table_caption": words["table_caption"].format(title=data.title),
                      "col_class": words["col_class"], "notes": data.notes,
                      "rows": [{"area": site.area_name(k), "class": data.label_of(k)} for k in sorted(
                          site.kommuner, key=lambda k: site.area_name(k).casefold())]})
    return found


def coverage_page(site: Site) -> dict:
    """The maps of Denmark; per dimension a chart and a table of gaps per kommune; then bodies with missing
    partners."""
    G, t = site.G, site.t
    dimensions = []
    for dimension in cov.DIMENSIONS:
        rows = cov.coverage(G, dimension, "kommune", None, site.kommuner)
        areas = list(dict.fromkeys(r.area for r in rows))
        what = t[f"dim_{dimension}"]
        intro = t["dim_ages_intro"] if dimension == "ages" else t["dim_terms_intro"].format(what=what.lower())
        alt = fill_counts(t["chart_ages_alt"] if dimension == "ages" else t["chart_terms_alt"], what=what.lower(),
                          n=len(areas))
        dimensions.append({"id": dimension, "title": what, "intro": intro, "chart_alt": alt,
                           "chart": f"img/coverage-{dimension}.svg" if rows else None,
                           "caption": t["chart_caption"], "table_caption": t["gaps_caption"].format(what=what),
                           "rows": [_gap_row(site, dimension, area, [r for r in rows if r.area == area])
                                    for area in areas]})
    return {"maps": maps(site), "dimensions": dimensions, "partner_gaps": _partner_gaps(site)}


def _gap_row(site: Site, dimension: str, area: str, rows: list) -> dict:
    """One kommune's gaps, what only goals name, what is covered only by assumption, and the share covered."""
    max_age = g.max_age(site.G)
    assumed = [r for r in rows if r.only_assumed]
    if dimension == "ages":
        def item(r):
            return ages_text(site, [_span(r.item, max_age)])
        share = f"{round(100 * cov.band_share(rows, 0, None, max_age))} %"
        assumed_share = f"{round(100 * cov.band_share(assumed, 0, None, max_age))} %"
    else:
        def item(r):
            return site.label(dimension, r.item)
        covered = len([r for r in rows if r.status in ("covered", "overlap")])
        share = site.t["share_of"].format(covered=covered, total=len(rows))
        assumed_share = str(len(assumed))
    if assumed:
        share += " " + site.t["share_assumed"].format(share=assumed_share)
    return {"area": site.area_name(area), "uncovered": [item(r) for r in rows if r.status == "uncovered"],
            "goal_only": [item(r) for r in rows if r.status == "goal-only"],
            "assumed": [item(r) for r in assumed], "share": share}


def _span(item: str, max_age: int) -> tuple[int, int]:
    from orgmodel.model import parse_age_range

    first, last = parse_age_range(item, max_age)
    return first, max_age if last is None else last


def _partner_gaps(site: Site) -> list[dict]:
    rows = [r for r in partners.partner_rows(site.G) if r.status == "missing"]
    gaps = []
    for body, group in groupby(rows, key=lambda r: r.body):
        missing = list(group)
        gaps.append({"body": site.ref(body), "area": site.area_name(missing[0].area),
                     **{which: [requirement_label(site, r.requirement) for r in missing if r.which == which]
                        for which in ("required", "recommended")}})
    return gaps


def check_page(site: Site) -> dict:
    """Findings by severity, then by rule, with the rule's title and source."""
    t, result = site.t, site.result
    counts = result.counts
    summary = t["check_summary"].format(**{s: count_text(t, f"summary_{s}", counts[s]) for s in SEVERITIES})
    summary += " " + (t["check_fails"] if result.fails() else t["check_passes"])
    groups = []
    for severity, group_of_severity in groupby(result.findings, key=lambda f: f.severity):
        findings = list(group_of_severity)
        rules = [{"id": rule_id, "title": result.rules[rule_id].title,
                  "source": result.rules[rule_id].source_text(site.lang), "lang": site.lang_of(CHECK_LANG),
                  "findings": finding_rows(site, list(group))}
                 for rule_id, group in groupby(findings, key=lambda f: f.rule)]
        groups.append({"severity": severity, "title": t[f"sev_{severity}"], "intro": t[f"sev_{severity}_intro"],
                       "count": len(findings), "rules": rules})
    figures = [{"severity": s, "value": counts[s], "label": count_text(t, f"sev_{s}", counts[s])} for s in SEVERITIES]
    if result.ignored:
        figures.append({"severity": "ignored", "value": len(result.ignored), "label": t["sev_ignored"]})
    return {"counts": figures, "summary": summary, "groups": groups}


def glossary_page(site: Site) -> dict:
    """The glossary in the page's language, each entry also in the other language, and the register of
    sources: title, section, issuer, date, link, date checked, and whether it is confirmed."""
    other = "en" if site.lang == "da" else "da"
    register = source_register()
    entries = [{"id": e["id"], "term": e["term"][site.lang], "other_term": e["term"][other],
                "text": " ".join(e["text"][site.lang].split()),
                "other_text": " ".join(e["text"][other].split()), "other_lang": other,
                "other_lang_label": site.t["other_lang"],
                "sources": [{"id": i, "text": register[i].text(site.lang)} for i in e["sources"]]}
               for e in glossary()]
    rows = [{"id": s.id, "title": s.title, "section": s.section, "issuer": s.issuer,
             "date": _source_date(site, s.date), "url": s.url, "checked": site.date(s.checked),
             "confirmed": s.confirmed, "status": site.t["source_confirmed" if s.confirmed else "source_unconfirmed"]}
            for s in sorted(register.values(), key=lambda s: (s.title.casefold(), s.section or "", s.id))]
    return {"entries": entries, "register": rows}


def _source_date(site: Site, date: str | None) -> str:
    """A source's date as a reader writes it when it is a whole date (``13. december 2006``), else as given."""
    if date and len(date) == 10:
        return site.date(dt.date.fromisoformat(date))
    return date or ""


__all__ = ["Ref", "check_page", "coverage_page", "glossary_page", "goals_page", "participants_page"]


def _number(value) -> str:
    return "" if value is None else f"{value:g}"


def _status_remarks(site: Site, row: followup.StatusRow, year: int) -> list[dict]:
    """What a row of the status page points out: late, target met or not, years without a value."""
    t = site.t
    remarks = [{"text": t["status_late"], "kind": "missing"}] if row.late else []
    if row.met is not None:
        remarks.append({"text": t["status_met"] if row.met else t["status_not_met"],
                        "kind": "present" if row.met else "missing"})
    elif row.indicator and row.value is None and row.in_year:
        remarks.append({"text": t["status_no_value"].format(years=year), "kind": "missing"})
    if row.missing_years:
        remarks.append({"text": t["status_no_value"].format(years=", ".join(map(str, row.missing_years))),
                        "kind": "missing"})
    return remarks


def _status_row(site: Site, row: followup.StatusRow, year: int) -> dict:
    goal = site.ws.records[row.goal].entity  # the rows are of every entry, also one not valid on the date
    assert isinstance(goal, schema.Goal)
    status = followup.current_status(goal, site.result.today)
    result = ""
    if row.indicator:
        result = f"{_number(row.value) or '–'} / {_number(row.target) or '–'} {row.unit}".strip()
    return {"goal": site.ref(row.goal), "level": row.level, "level_label": site.label("goal_levels", row.level),
            "status": site.label("goal_statuses", row.status) if row.status else "",
            "status_date": site.date(status.date) if status and status.date else "",
            "indicator": row.indicator, "result": result, "remarks": _status_remarks(site, row, year)}


def status_page(site: Site) -> dict:
    """The follow-up per lokalråd and strategic goal, for the year of the check's today (see
    :mod:`orgmodel.queries.followup`), and the lokalråd without a handleplan for that year."""
    today = site.result.today
    every = site.G if g.holds_everything(site.ws, site.as_of) else g.build_store(site.ws)  # of every entry
    rows = followup.status_rows(site.ws, today, lang=site.lang, G=every)
    councils = []
    for council, of_council in groupby(rows, key=lambda r: r.lokalraad):
        goals = []
        for strategic, of_goal in groupby(of_council, key=lambda r: r.strategic_goal):
            ids = [i for i in strategic.split(", ") if i]
            goals.append({"strategic": site.refs(ids), "rows": [_status_row(site, r, today.year) for r in of_goal]})
        plans = followup.plans_of(site.G, council, "handleplan", today.year) if council in site.G else []
        councils.append({"council": site.ref(council), "goals": goals, "handleplan": site.refs(plans)})
    lokalraad = [c for c in g.nodes_of_kind(site.G, "council", "lokalraad")
                 if not site.kommuner or site.G.nodes[c].get("area") in site.kommuner]
    without = [c for c in lokalraad if not followup.plans_of(site.G, c, "handleplan", today.year)]
    return {"year": today.year, "councils": councils, "without_handleplan": site.refs(without),
            "intro": site.t["status_intro"].format(year=today.year, today=site.date(today))}
