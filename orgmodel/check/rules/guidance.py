"""Guidance rules: the partners each kind of body should have (DKR guidance) and its umbrella."""

from orgmodel import graph as g

from . import Issue, rule


def _requirement_label(ctx, requirement: str) -> str:
    vocab = ctx.ws.vocabulary
    return " or ".join(f"{vocab.label('categories', c)} ({c})" for c in requirement.split("|"))


def _partner_issues(ctx, which: str):
    for body, this, requirement in ctx.missing_partners:
        if this == which:
            data = ctx.G.nodes[body]
            term = ctx.ws.vocabulary.body_type(data["kind"], data["type"])
            yield Issue(body, f"no member from {_requirement_label(ctx, requirement)}, "
                        f"a {which} partner of a {term.da}",
                        "add an organisation of that category to 'members', or a role in one; "
                        f"source: {term.partners.source}", "members")


@rule("forum.required-partners", "guidance", "warning", "A body lacks a partner its type requires",
      "DKR guidance per body type (see `orgmodel vocabulary forum_types`)")
def required_partners(ctx):
    yield from _partner_issues(ctx, "required")


@rule("forum.recommended-partners", "guidance", "warning", "A body lacks a partner its type recommends",
      "DKR guidance per body type (see `orgmodel vocabulary forum_types`)")
def recommended_partners(ctx):
    yield from _partner_issues(ctx, "recommended")


@rule("forum.umbrella", "guidance", "warning", "A forum sits under a lokalråd, kredsråd or forum",
      "DKR: Kreds- og lokalråd (lokalrådet er paraply for de lokale fora)")
def forum_umbrella(ctx):
    for forum in ctx.bodies("forum"):
        if not g.record(ctx.G, forum).entity.under:
            yield Issue(forum, "the forum does not say which council or forum it sits under",
                        "add 'under:' with its lokalråd (or the forum it belongs to)", "type")
