"""Guidance rules: the partners each kind of body should have (DKR guidance) and its umbrella."""

from orgmodel import graph as g
from orgmodel.model import AREAS, cite, with_article

from . import Issue, rule
from .law import one_per_area

PARTNER_SOURCES = ("dkr-kreds-og-lokalraad", "dkr-lokale-fora")
"""DKR's guidance on the partners of the local forums; each finding also names its body type's own sources
(``partners.source`` in the vocabulary: the DKR page of the type, § 115 …)."""


def _requirement_label(ctx, requirement: str) -> str:
    vocab = ctx.ws.vocabulary
    return " or ".join(f"{vocab.label('categories', c)} ({c})" for c in requirement.split("|"))


def _partner_issues(ctx, which: str):
    for body, this, requirement in ctx.missing_partners:
        if this == which:
            data = ctx.G.nodes[body]
            term = ctx.ws.vocabulary.body_type(data["kind"], data["type"])
            yield Issue(body, f"no member from {_requirement_label(ctx, requirement)}, "
                        f"a {which} partner of {with_article(term.da)}",
                        "add an organisation of that category to 'members', or a role in one"
                        + (f"; source: {cite(term.partners.source)}" if term.partners.source else ""), "members")


@rule("forum.required-partners", "guidance", "warning", "A body lacks a partner its type requires",
      PARTNER_SOURCES)
def required_partners(ctx):
    yield from _partner_issues(ctx, "required")


@rule("forum.recommended-partners", "guidance", "warning", "A body lacks a partner its type recommends",
      PARTNER_SOURCES)
def recommended_partners(ctx):
    yield from _partner_issues(ctx, "recommended")


@rule("forum.umbrella", "guidance", "warning", "A forum sits under a lokalråd, kredsråd or forum",
      "silkeborg-samarbejdsmodel")
def forum_umbrella(ctx):
    vocab = ctx.ws.vocabulary
    for forum in ctx.bodies("forum"):
        entity = g.record(ctx.G, forum).entity
        term = vocab.body_type("forum", entity.type)
        if not entity.under and not (term and term.national):
            yield Issue(forum, "the forum does not say which council or forum it sits under",
                        "add 'under:' with its lokalråd (or the forum it belongs to)", "type")


@rule("lokalraad.one-per-kommune", "guidance", "warning", "Each kommune has one lokalråd",
      ("dkr-kreds-og-lokalraad", "politi-kvp-kredsraad", "solrod-lokalraad", "lokalraadscirkulaere-2006"))
def one_lokalraad(ctx):
    yield from one_per_area(ctx, "lokalraad", "lokalråd", ctx.scope_kommuner, "",
                             "keep one lokalråd per kommune; make the others forums under it")


@rule("lokalraad.reports-to", "guidance", "warning", "A lokalråd reports to its district's kredsråd",
      ("dkr-kreds-og-lokalraad", "politi-mvsj-lokalraad", "fanoe-lokalraad", "lokalraadscirkulaere-2006"))
def lokalraad_reports_to(ctx):
    for kommune in ctx.scope_kommuner:
        kreds = AREAS[kommune].kreds
        expected = ctx.councils_in("kredsraad", kreds)
        for council in ctx.councils_in("lokalraad", kommune):
            target = g.targets(ctx.G, council, "reports_to")
            ended = ctx.not_valid_reference(council, "reports_to") if not target else None
            if ended:
                yield Issue(council, f"the lokalråd reports to '{ended}', which is not valid on "
                            f"{ctx.as_of.isoformat()}", f"set 'reports_to: "
                            f"{expected[0] if expected else 'KREDSRÅD-ID'}' (the kredsråd valid then)", "reports_to")
            elif not target:
                yield Issue(council, "the lokalråd does not say which kredsråd it reports to",
                            f"add 'reports_to: {expected[0] if expected else 'KREDSRÅD-ID'}'", "type")
            elif expected and target[0] not in expected:
                yield Issue(council, f"the lokalråd reports to '{target[0]}', not to the kredsråd of "
                            f"{ctx.area_name(kreds)} ('{expected[0]}')",
                            f"set 'reports_to: {expected[0]}'", "reports_to")


@rule("lokalraad.own-kommune", "guidance", "warning",
      "A lokalråd's kommune and police are those of its own kommune and politikreds", ("dkr-kreds-og-lokalraad",))
def lokalraad_own_kommune(ctx):
    """The partner check counts categories (``kommune``, ``politi``), not whose they are: a lokalråd seated with
    another kommune's administration passed it."""
    for kommune in ctx.scope_kommuner:
        kreds = AREAS[kommune].kreds
        for council in ctx.councils_in("lokalraad", kommune):
            for member in dict.fromkeys(g.members_of(ctx.G, council)):
                org = g.organisation_of(ctx.G, member)
                area = g.area_of(ctx.G, org) if org else None
                sector = g.vocabulary_of(ctx.G, org).sector_of(ctx.G.nodes[org]["type"] or "") if org else None
                if area not in AREAS or sector not in ("kommune", "police"):
                    continue
                elsewhere = (AREAS[area].kind == "kommune" and area != kommune) if sector == "kommune" else \
                    g.kreds_of(ctx.G, area) not in (kreds, None)
                if elsewhere:
                    yield Issue(council, f"{ctx.label(member)} sits in the lokalråd of {ctx.area_name(kommune)} "
                                f"but belongs to {ctx.area_name(area)}; a lokalråd brings together the local police "
                                "and the kommune", f"seat {ctx.area_name(kommune)}'s own "
                                f"{'kommune' if sector == 'kommune' else 'police'}, or list '{member}' under "
                                "'invited' if it takes part from elsewhere", "members")


@rule("forum.ssp-level", "guidance", "warning", "An SSP level is given only to SSP bodies",
      ("dkr-ssp-samarbejde", "silkeborg-ssp-indsatser"))
def ssp_level_outside_ssp(ctx):
    for forum in ctx.bodies("forum"):
        entity = g.record(ctx.G, forum).entity
        if entity.ssp_level and not _in_ssp(ctx, forum):
            yield Issue(forum, f"'ssp_level: {entity.ssp_level}' is given to {with_article(entity.type)} that is "
                        "neither an SSP nor under one; SSP's levels (generel, specifik, individorienteret) describe "
                        "SSP's own groups", "remove 'ssp_level', or set 'type: ssp' or 'under:' the SSP it belongs to",
                        "ssp_level")


def _in_ssp(ctx, forum: str) -> bool:
    """Whether a forum is an SSP or sits (through 'under') below one."""
    seen = set()
    while forum and forum not in seen and ctx.G.nodes[forum]["kind"] == "forum":
        seen.add(forum)
        if ctx.G.nodes[forum]["type"] == "ssp":
            return True
        above = g.targets(ctx.G, forum, "under")
        forum = above[0] if above else ""
    return False

