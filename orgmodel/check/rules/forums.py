"""Rules about the forums: PSP in every politikreds (law), who may sit in a body that discusses
individual persons (§ 115, law), and SSP, PSP and KSP with each kommune, KSP in every politikreds and the
Ungdomskriminalitetsnævn (guidance: the text of § 114 and a duty to set up KSP everywhere could not be
confirmed, so those rules say so and are not filed as law).

Each rule cites its sources by their ids in the register (``orgmodel/data/sources.yaml``).
"""

import datetime as dt

from orgmodel import graph as g
from orgmodel.model import kommuner_of
from orgmodel.queries import partners

from . import Issue, rule
from .context import held_seats

# --- Duties the act states: §§ 114-115, the kredsråd's members, Ungdomskriminalitetsnævnet ---------------
# What counts as a forum of a type in an area: an active forum (valid on --as-of) of that type whose area,
# written or inherited from 'under', is the kommune (SSP) or the politikreds or one of its kommuner (PSP,
# KSP, Ungdomskriminalitetsnævnet). A finding sits on the area's lokalråd or kredsråd when there is one, so
# that an entry can 'ignore' it with a reason (e.g. a kommune whose SSP is run with a neighbour's).

PSP_FROM = dt.date(2009, 4, 1)
KSP_FROM_YEAR = 2011
UKN_FROM = dt.date(2019, 1, 1)


def _forums_in(ctx, type_: str, areas) -> list[str]:
    """Active forums of a type whose area is one of ``areas``, sorted."""
    return sorted(forum for area in set(areas) for forum in ctx.forums_in(type_, area))


def _missing_in_kredse(ctx, type_: str, council_type: str = "kredsraad"):
    """(kreds, the entity to report on) for each scoped politikreds with no forum of ``type_``."""
    for kreds in ctx.scope_kredse:
        if not _forums_in(ctx, type_, [kreds, *kommuner_of(kreds)]):
            councils = ctx.councils_in(council_type, kreds)
            yield kreds, councils[0] if councils else ""


def _add_forum_fix(type_: str, kreds: str, name: str) -> str:
    return (f"add a forum with 'type: {type_}' whose area is {name} ('area: {kreds}') or one of its kommuner "
            "(a forum under a lokalråd takes the lokalråd's kommune)")


@rule("ssp.each-kommune", "guidance", "warning", "SSP with each kommune (DKR: the kredsråd works for it)",
      ("dkr-kreds-og-lokalraad", "htk-ssp-2008", "rpl-114"))
def ssp_each_kommune(ctx):
    for kommune in ctx.scope_kommuner:
        if not _forums_in(ctx, "ssp", [kommune]):
            lokalraad = ctx.councils_in("lokalraad", kommune)
            yield Issue(lokalraad[0] if lokalraad else "",
                        f"{ctx.area_name(kommune)} ({kommune}) has no SSP forum; by DKR's guidance the kredsråd works "
                        "to establish crime-prevention cooperation between the police and each kommune, with "
                        "schools and social services (SSP); SSP is said to rest on retsplejeloven § 114, whose "
                        "text is not confirmed (kilde ikke bekræftet)",
                        f"add a forum with 'type: ssp' and 'area: {kommune}' (or under the lokalråd of "
                        f"{ctx.area_name(kommune)})", None if lokalraad else "scope")


@rule("psp.each-kreds", "law", "error", "PSP in every politikreds (since 1 April 2009)",
      ("jm-l79-2008", "primo-psp-2009", "sfi-psp-2009", "regionh-psp"))
def psp_each_kreds(ctx):
    if ctx.as_of >= PSP_FROM:
        yield from _kredse_without(ctx, "psp", "has no PSP forum; since 1 April 2009 the act requires a PSP "
                                   "cooperation (police, social services, social and treatment psychiatry) in "
                                   "every politikreds")


@rule("ksp.each-kreds", "guidance", "warning", "KSP in every politikreds (since 2011; duty not confirmed)",
      ("rpl-115", "l3-2010-11", "jm-vejl-90-2011"))
def ksp_each_kreds(ctx):
    if ctx.as_of.year >= KSP_FROM_YEAR:
        yield from _kredse_without(ctx, "ksp", "has no KSP forum; since 2011 retsplejeloven § 115, stk. 1, nr. 3 "
                                   "provides for KSP (Kriminalforsorgen, social services, police) for people "
                                   "released from prison; that every politikreds must set one up is not "
                                   "confirmed (kilde ikke bekræftet)")


@rule("ungdomskriminalitetsnaevn.each-kreds", "guidance", "info",
      "The workspace shows the Ungdomskriminalitetsnævn that sits in every politikreds",
      ("lov-1705-2018", "domstol-ukn", "ukn-aarsberetning-2019"))
def ungdomskriminalitetsnaevn(ctx):
    if ctx.as_of >= UKN_FROM:
        yield from _kredse_without(
            ctx, "ungdomskriminalitetsnaevn", "shows no Ungdomskriminalitetsnævn; since 1 January 2019 the nævn "
            "(lov om bekæmpelse af ungdomskriminalitet) sits in every politikreds: a judge, a kommune employee "
            "and a police employee set individual measures for children aged 10-17",
            lambda kreds, name: f"add a forum with 'type: ungdomskriminalitetsnaevn' and 'area: {kreds}' to show "
            "where it sits")


def _kredse_without(ctx, type_: str, what: str, fix=None):
    """One issue per scoped politikreds with no forum of ``type_``: 'politikreds NAME (ID) ' + ``what``."""
    for kreds, entity in _missing_in_kredse(ctx, type_):
        name = ctx.area_name(kreds)
        yield Issue(entity, f"politikreds {name} ({kreds}) {what}",
                    fix(kreds, name) if fix else _add_forum_fix(type_, kreds, name), None if entity else "scope")


def _kommuner_without(ctx, type_: str):
    """(kreds, its kredsråd or "", kommuner in scope no forum of ``type_`` serves) for each scoped politikreds
    that has a forum of the type somewhere but not one for the whole kreds (area the politikreds)."""
    scoped = set(ctx.scope_kommuner)
    for kreds in ctx.scope_kredse:
        kommuner = [k for k in kommuner_of(kreds) if k in scoped]
        if _forums_in(ctx, type_, [kreds]) or not _forums_in(ctx, type_, kommuner):
            continue  # one for the whole kreds serves all; none at all is the each-kreds rule's finding
        missing = [k for k in kommuner if not _forums_in(ctx, type_, [k])]
        if missing:
            councils = ctx.councils_in("kredsraad", kreds)
            yield kreds, councils[0] if councils else "", kommuner, missing


def _kommune_issues(ctx, type_: str, what: str):
    label = type_.upper()
    for kreds, entity, kommuner, missing in _kommuner_without(ctx, type_):
        names = ", ".join(f"{ctx.area_name(k)} ({k})" for k in missing)
        yield Issue(entity, f"{label} serves {len(kommuner) - len(missing)} of {len(kommuner)} kommuner in "
                    f"politikreds {ctx.area_name(kreds)}: none is recorded for {names}; {what}",
                    f"record the {label} each of these kommuner takes part in (a forum with 'type: {type_}' in the "
                    f"kommune, or one whose area is the politikreds, 'area: {kreds}'); where a kommune has none, "
                    "that is a gap to take up in the kredsråd", None if entity else "scope")


@rule("psp.each-kommune", "guidance", "warning", "Every kommune takes part in a PSP (orgmodel's reading)",
      ("dkr-psp-samarbejde", "rpl-115"))
def psp_each_kommune(ctx):
    if ctx.as_of >= PSP_FROM:
        yield from _kommune_issues(ctx, "psp", "PSP is the kommune's social services working with the police "
                                   "and psychiatry (DKR); that every kommune takes part in one is orgmodel's "
                                   "reading, not a confirmed duty (kilde ikke bekræftet)")


@rule("ksp.each-kommune", "guidance", "warning", "Every kommune takes part in a KSP (orgmodel's reading)",
      ("dkr-god-loesladelse", "rpl-115"))
def ksp_each_kommune(ctx):
    if ctx.as_of.year >= KSP_FROM_YEAR:
        yield from _kommune_issues(ctx, "ksp", "KSP is Kriminalforsorgen, the kommune's social services and the "
                                   "police working with people released from prison, whose release is planned "
                                   "with the receiving kommune (DKR, God løsladelse); that every kommune takes "
                                   "part in one is orgmodel's reading, not a confirmed duty (kilde ikke bekræftet)")


def individual_cases(vocab, kind: str, entity) -> bool:
    """Whether a council or forum discusses individual persons: its own ``individual_cases``, else its SSP
    level's, else its type's (vocabulary), else not."""
    if entity.individual_cases is not None:
        return entity.individual_cases
    level = entity.__dict__.get("ssp_level")
    terms = (vocab.current_term("ssp_levels", level) if level else None, vocab.body_type(kind, entity.type))
    return next((term.individual_cases for term in terms if term is not None and term.individual_cases is not None),
                False)


SEATS_115 = ("chair", "members", "invited")


@rule("individual-cases.authorities", "law", "error",
      "Only authorities (and § 115, stk. 3 institutions) sit in a body that discusses individual persons",
      ("rpl-115", "primo-psp-2009", "viborg-psp", "l3-2010-11"))
def individual_cases_authorities(ctx):
    for kind in ("council", "forum"):
        for body in ctx.bodies(kind):
            entity = g.record(ctx.G, body).entity
            vocab = g.vocabulary_of(ctx.G, body)
            if not individual_cases(vocab, kind, entity):
                continue
            why = _why_individual_cases(vocab, kind, entity)
            for field, index, member in _seats(ctx, entity):
                categories = partners.member_categories(ctx.G, member)
                own = g.vocabulary_of(ctx.G, member)  # of several workspaces: the one that defines its category
                if own.is_115_authority(categories) or (categories and categories[0] not in own["categories"]):
                    continue  # (an unknown category is vocabulary.unknown-term's finding)
                what = (f"of category {own.label('categories', categories[0])} ({categories[0]})" if categories
                        else "without an organisation, so its category is unknown")
                fix = ("move them to a body at the general level (one that discusses no individual persons); "
                       "if this body discusses none, write 'individual_cases: false'") if categories else (
                       "give the role 'organisation:' (the authority it works for), or move it to a body at the "
                       "general level")
                yield Issue(body, f"{ctx.label(member)} sits here ({field}) and is {what}, not a public "
                            "authority nor an institution of retsplejeloven § 115, stk. 3; the body "
                            f"discusses individual persons ({why})", fix, field, index)


def _why_individual_cases(vocab, kind: str, entity) -> str:
    """What makes a body one that discusses individual persons, in words for a message."""
    if entity.individual_cases:
        return "'individual_cases: true'"
    level = entity.__dict__.get("ssp_level")
    term = vocab.current_term("ssp_levels", level) if level else None
    if term is not None and term.individual_cases:
        return f"its SSP level {level} does so unless it says 'individual_cases: false'"
    return f"its type {entity.type} does so unless it says 'individual_cases: false'"


def _seats(ctx, entity):
    """(field, list index or None, id) of the chair, members and invited guests that are active roles or
    organisations (a dangling or inactive reference is another rule's finding)."""
    for field in SEATS_115:
        value = getattr(entity, field)
        for index, member in held_seats(value, ctx.as_of) if isinstance(value, list) else ((None, value),):
            if member in ctx.G and ctx.G.nodes[member]["kind"] in ("role", "organisation"):
                yield field, index, member
