"""Guidance rules: the partners each kind of body should have (DKR guidance) and its umbrella."""

from .. import graph as g
from . import Issue, rule


def requirement_met(ctx, members_categories: set[str], requirement) -> bool:
    """Whether any member counts as the category (or one of the categories) required."""
    wanted = {requirement} if isinstance(requirement, str) else set(requirement)
    return bool(wanted & members_categories)


def requirement_label(ctx, requirement) -> str:
    vocab = ctx.ws.vocabulary
    options = [requirement] if isinstance(requirement, str) else list(requirement)
    return " or ".join(f"{vocab.label('categories', c)} ({c})" for c in options)


def missing_partners(ctx, body: str, which: str) -> list:
    """Requirements of the body's type (``required``/``recommended``) that no member meets."""
    data = ctx.G.nodes[body]
    term = ctx.ws.vocabulary.body_type(data["kind"], data["type"])
    if term is None or term.partners is None:
        return []
    categories = set().union(*(ctx.member_categories(m) for m in g.members_of(ctx.G, body))) \
        if g.members_of(ctx.G, body) else set()
    return [r for r in getattr(term.partners, which) if not requirement_met(ctx, categories, r)]


def _partner_issues(ctx, which: str):
    for kind in ("council", "forum"):
        for body in ctx.bodies(kind):
            if not g.members_of(ctx.G, body):
                continue
            term = ctx.ws.vocabulary.body_type(kind, ctx.G.nodes[body]["type"])
            for requirement in missing_partners(ctx, body, which):
                yield Issue(body, f"no member from {requirement_label(ctx, requirement)}, "
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
