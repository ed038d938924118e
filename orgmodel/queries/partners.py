"""Partner gaps: which partner categories each body has and lacks, and which forum types each kommune has.

A member counts for its category and every category above it in the
vocabulary's hierarchy; a role counts through its organisation. The chair
counts as a member; invited guests do not. A requirement is one category or a
list of alternatives ("any of"); an alias in it (``uu-vejledning``) is read as
its current term (``kommunal-ungeindsats``), as members' categories are.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> [(r.requirement, r.status) for r in partner_rows(G, ["psp-silkeborg"]) if r.which == "required"]
[('socialpsykiatri|behandlingspsykiatri', 'present'), ('socialforvaltning', 'present'), ('politi', 'present')]
"""


from typing import NamedTuple

from orgmodel import graph as g
from orgmodel.model import AREAS, kommuner_of


class PartnerRow(NamedTuple):
    """One requirement of one body: present (with the members that meet it) or missing."""

    body: str
    type: str
    area: str | None
    which: str
    requirement: str
    status: str
    members: tuple[str, ...]


class ForumTypeRow(NamedTuple):
    """One forum type in one kommune: the bodies of that type, or missing."""

    area: str
    type: str
    status: str
    bodies: tuple[str, ...]


def member_categories(G: g.Graph, member: str) -> tuple[str, ...]:
    """The categories a member counts as: its organisation's category and those above it."""
    org = g.organisation_of(G, member)
    if org is None:
        return ()
    return g.vocabulary_of(G, org).category_ancestors(G.nodes[org]["type"])


def requirement_text(requirement) -> str:
    return requirement if isinstance(requirement, str) else "|".join(requirement)


def current_requirement(vocab, requirement) -> str | tuple[str, ...]:
    """A requirement with each alias read as its current term (alternatives in order, without repeats)."""
    if isinstance(requirement, str):
        return vocab.canonical("categories", requirement)
    return tuple(dict.fromkeys(vocab.canonical("categories", c) for c in requirement))


def body_requirements(G: g.Graph, body: str, cache: dict | None = None) -> list[PartnerRow]:
    """Every required and recommended partner of one body, present or missing.

    ``cache`` keeps members' categories between calls for many bodies.
    """
    data = G.nodes[body]
    vocab = g.vocabulary(G)
    term = vocab.body_type(data["kind"], data["type"])
    if term is None or term.partners is None:
        return []
    members = g.members_of(G, body)
    cache = {} if cache is None else cache
    for m in members:
        if m not in cache:
            cache[m] = frozenset(member_categories(G, m))
    categories = {m: cache[m] for m in members}
    rows = []
    for which in ("required", "recommended"):
        for written in getattr(term.partners, which):
            requirement = current_requirement(vocab, written)
            wanted = {requirement} if isinstance(requirement, str) else set(requirement)
            meeting = tuple(m for m in members if categories[m] & wanted)
            rows.append(PartnerRow(body, data["type"], data.get("area"), which, requirement_text(requirement),
                                   "present" if meeting else "missing", meeting))
    return rows


def partner_rows(G: g.Graph, bodies: list[str] | None = None) -> list[PartnerRow]:
    """Partner requirements of every active council and forum (or of ``bodies``), by body id."""
    if bodies is None:
        bodies = sorted(g.nodes_of_kind(G, "council") + g.nodes_of_kind(G, "forum"))
    cache: dict = {}
    return [row for body in bodies for row in body_requirements(G, body, cache)]


def forum_type_rows(G: g.Graph, kommuner: list[str], owners: dict[str, str] | None = None
                    ) -> list[ForumTypeRow]:
    """Per kommune: each expected forum type (and any other that exists) with its bodies. Of several workspaces
    read as one, ``owners`` (kommune → workspace) makes each kommune's expected types its own workspace's."""
    expected = expected_types(g.vocabulary(G))
    forums = [(node, G.nodes[node]["area"], expected_kind(g.vocabulary_of(G, node), G.nodes[node]["type"], expected))
              for node in g.nodes_of_kind(G, "forum")]
    own = {k: expected_types(g.vocabulary_of_part(G, w)) for k, w in (owners or {}).items()}
    return forum_types_of(forums, expected, kommuner, own)


def expected_types(vocab) -> list[str]:
    """The forum types a kommune is expected to have (``expected: true``: SSP, SSP+, PSP, KSP)."""
    return [t for t, term in vocab["forum_types"].items() if term.expected]


def expected_kind(vocab, type_, expected: list[str]):
    """A forum's type, or the expected type it is a kind of by ``vocab`` (its ``parent``), as the check counts it.

    >>> from orgmodel.model import builtin_vocabulary
    >>> expected_kind(builtin_vocabulary(), "psp", ["psp"]), expected_kind(None, "eget", ["psp"])
    ('psp', 'eget')
    """
    if vocab is None or type(type_) is not str or type_ in expected:
        return type_
    return next((t for t in vocab.ancestors("forum_types", type_) if t in expected), type_)


def forum_types_of(forums: list[tuple[str, str | None, str]], expected: list[str],
                   kommuner: list[str], expected_in: dict[str, list[str]] | None = None) -> list[ForumTypeRow]:
    """The rows of :func:`forum_type_rows` from (id, area, type) of the forums, however they were read. A forum of
    an expected type placed on a politikreds counts for each of its kommuner (as the coverage and the check count it).
    ``expected_in`` gives a kommune expected types of its own (its workspace's), in place of ``expected``.

    >>> forum_types_of([("ssp-a", "aarhus", "ssp")], ["ssp", "psp"], ["aarhus"])[1].status
    'exists'
    >>> forum_types_of([("psp-fyn", "kreds-fyn", "psp")], ["psp"], ["odense"])[0].bodies
    ('psp-fyn',)
    """
    found: dict = {}
    wanted = set(kommuner)
    for node, area, type_ in forums:
        if area in wanted:
            found.setdefault((area, type_), []).append(node)
        elif type_ in expected and area in AREAS and AREAS[area].kind == "politikreds":
            for kommune in kommuner_of(area):  # an expected forum for the whole kreds serves each kommune
                if kommune in wanted:
                    found.setdefault((kommune, type_), []).append(node)
    rows = []
    for area in kommuner:
        own = (expected_in or {}).get(area, expected)
        types = sorted(set(own) | {t for (a, t) in found if a == area})
        for type_ in types:
            bodies = tuple(sorted(found.get((area, type_), ())))
            status = "exists" if bodies else ("missing" if type_ in own else "absent")
            rows.append(ForumTypeRow(area, type_, status, bodies))
    return rows
