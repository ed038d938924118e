"""Views: which boxes, groups and lines a diagram shows, independent of how it is drawn.

A view turns the graph into a :class:`Diagram` (boxes, clusters, links,
rows of equal rank, a legend). :mod:`orgmodel.diagram.dot` and
:mod:`orgmodel.diagram.mermaid` draw a diagram; nothing here knows DOT.

Views: ``structure`` (the org chart), ``body:ID`` (one body and its members
by category and organisation), ``goals`` (the goal tree) and
``focus:ID[:DEPTH]`` (everything within DEPTH steps of an entity).

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> d = structure(build_graph(load_workspace("examples/midt-og-vestjylland")), kommune="silkeborg")
>>> d.boxes["lokalraad-silkeborg"].title
'Lokalrådet i Silkeborg Kommune'
"""

import functools
import string
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.errors import UsageError
from orgmodel.model import AREAS, BODY_KINDS, MEMBER_KINDS, fill_counts, label_text, ui_words
from orgmodel.queries import display_name, require_node

LEVEL_FILL = {"strategisk": "#dce6f5", "taktisk": "#e3f1e3", "operationel": "#fdf1d8", None: "#eeeeee"}
CATEGORY_COLOUR = {"politi": "#1f4e9a", "kommune": "#2e7d32", "region": "#7b1fa2",
                   "kriminalforsorgen": "#e65100", "anklagemyndighed": "#455a64"}
OTHER_COLOUR = "#757575"
CATEGORY_MARK = {CATEGORY_COLOUR["politi"]: "&#9632;", CATEGORY_COLOUR["kommune"]: "&#9679;",
                 CATEGORY_COLOUR["region"]: "&#9650;", CATEGORY_COLOUR["kriminalforsorgen"]: "&#9670;",
                 CATEGORY_COLOUR["anklagemyndighed"]: "&#9733;", OTHER_COLOUR: "&#9660;"}
"""The marker before a member, by its category's colour: a shape of its own (■ ● ▲ ◆ ★ ▼), so the category
does not rest on colour alone (WCAG 1.4.1); the legend shows the same shapes."""
DEFAULT_MEMBER_LABEL = "{name}: {holder}"
MEMBER_FIELDS = ("name", "title", "organisation", "holder", "category", "id")
"""The fields a ``--member-label`` template may name, each as ``{field}`` and nothing more."""
UI = ui_words("diagram")
"""Words of box lines, subtitles and legends, by language (``orgmodel/data/ui.yaml``)."""


CHANGE_COLOUR = {"added": "#00a651", "removed": "#d50000"}
"""Colours of what was added or removed, when a view compares two versions (``--compare``)."""
CHANGE_MARK = {"added": "+ ", "removed": "− "}


class Line(NamedTuple):
    """A line of text in a box, with its colour marker and, when comparing versions, ``added``/``removed``."""

    text: str
    colour: str | None = None
    change: str = ""


@dataclass
class Box:
    """A box: a title, a small type line, and lines of text each with a colour marker.

    ``lines`` hold :class:`Line` or plain ``(text, colour)`` pairs; ``change``
    is ``added`` or ``removed`` for a box that only one compared version has.
    """

    id: str
    title: str
    subtitle: str = ""
    lines: list[Line | tuple[str, str | None]] = field(default_factory=list)
    fill: str = "#ffffff"
    staff: bool = False
    kind: str = ""
    change: str = ""
    level: str = ""
    """The name of the level its fill shows, written in the box too (the fill is not the only cue)."""


@dataclass
class Link:
    """A line between two boxes; ``constraint=False`` keeps it from shaping the layout."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False
    constraint: bool = True
    change: str = ""


@dataclass
class Cluster:
    """A titled group of boxes (a kommune's lokalråd and its forums, a category)."""

    id: str
    title: str
    boxes: list[str]


@dataclass
class Diagram:
    """Everything a renderer needs, in a stable order."""

    title: str
    boxes: dict[str, Box] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    stacks: list[list[str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Lines of text under the legend (what the view leaves out and how to see it)."""
    omitted: "Omitted | None" = None
    """The bodies the view leaves out, for a warning on the terminal."""


@dataclass(frozen=True)
class Omitted:
    """Bodies a structure view leaves out below its depth: ``depth`` draws them all; ``kommuner`` hold them."""

    bodies: tuple[str, ...]
    depth: int
    kommuner: tuple[str, ...]
    district: bool

    def warning(self) -> str:
        """The warning the CLI prints: what was left out and how to see it."""
        shown = ", ".join(self.bodies[:5]) + (f" and {len(self.bodies) - 5} more" if len(self.bodies) > 5 else "")
        how = f"--depth {self.depth}"
        if self.district and self.kommuner:
            how += f", or one kommune whole with --kommune KOMMUNE (e.g. {self.kommuner[0]})"
        return (f"the chart leaves out {len(self.bodies)} council(s) and forum(s) further down: {shown}; "
                f"draw them with {how}")


@functools.lru_cache(maxsize=32)
def member_template(template: str) -> tuple[tuple[str, str | None], ...]:
    """A ``--member-label`` template as (text, field) parts; only the plain fields of :data:`MEMBER_FIELDS`.

    Attribute or index access, format specs, conversions and positional ``{}`` are refused with the
    part that is wrong, so a template can never reach into Python or ask for a huge padding.

    >>> member_template("{title} ({organisation})")
    (('', 'title'), (' (', 'organisation'), (')', None))
    """
    allowed = ", ".join(f"{{{f}}}" for f in MEMBER_FIELDS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise UsageError(f"--member-label '{template}' cannot be read ({exc}); write the fields {allowed} "
                         "with single braces, and a literal brace as {{ or }}") from None
    parts: list[tuple[str, str | None]] = []
    for text, name, spec, conversion in parsed:
        if name is None:
            parts.append((text, None))
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in MEMBER_FIELDS:
            problem = ("an empty field" if not name else
                       "attribute or index access" if any(c in name for c in ".[") else "an unknown field")
            raise UsageError(f"{problem} '{written}' in --member-label; use only {allowed}")
        if spec or conversion:
            raise UsageError(f"'{written}' in --member-label has a format spec or conversion, which is not "
                             f"allowed; write the field bare, one of {allowed}")
        parts.append((text, name))
    return tuple(parts)


@dataclass(frozen=True)
class Style:
    """How labels read: language, member template, and whether personal names are dropped.

    The template is checked when the style is made (see :func:`member_template`), before any work.
    """

    lang: str = "da"
    member_label: str = DEFAULT_MEMBER_LABEL
    public: bool = False

    def __post_init__(self):
        member_template(self.member_label)


DEFAULT_STYLE = Style()
"""The style of a view drawn without options (a shared default: :class:`Style` is frozen)."""


def category_colour(G: nx.MultiDiGraph, member: str) -> tuple[str, str]:
    """(top category, colour) of a member, through its organisation (remembered on the read-only graph)."""
    cache = g.memo(G, "category_colour")
    if member not in cache:
        org = g.organisation_of(G, member)
        top = g.vocabulary(G).category_ancestors(G.nodes[org]["type"])[-1] if org else ""
        cache[member] = (top, CATEGORY_COLOUR.get(top, OTHER_COLOUR) if top else OTHER_COLOUR)
    return cache[member]


def member_text(G: nx.MultiDiGraph, member: str, style: Style) -> str:
    """A member's line in a box, from the label template; the holder's name only where ``{holder}`` asks for it,
    and never when public."""
    data = G.nodes[member]
    holder = data["record"].entity.holder if data["kind"] == "role" else None
    holder_name = "" if style.public or holder is None else holder.name
    name = label_text(data["label"], style.lang)
    if style.member_label == DEFAULT_MEMBER_LABEL:
        return f"{name}: {holder_name}" if holder_name else name or member
    parts = member_template(style.member_label)
    org = g.organisation_of(G, member) if any(f in ("organisation", "category") for _, f in parts) else None
    fields = {"id": member, "name": name, "title": name if data["kind"] == "role" else "",
              "organisation": label_text(G.nodes[org]["label"], style.lang) if org else "",
              "holder": holder_name, "category": G.nodes[org]["type"] if org else ""}
    text = "".join(literal + (fields[f] if f else "") for literal, f in parts)
    return text.replace("()", "").strip(" ,:-") or member


def _body_box(G: nx.MultiDiGraph, body: str, style: Style) -> Box:
    data = G.nodes[body]
    vocab = g.vocabulary(G)
    term = vocab.body_type(data["kind"], data["type"])
    title = display_name(G, body, style.lang)
    lines: list[Line | tuple[str, str | None]] = []
    seats = g.seats_of(G, body)
    overlay = g.compared_with(G) is not None
    # a secretariat forum that sits under the body is a box of its own beside it; any other is a line
    seats["secretariat"] = [s for s in seats.get("secretariat", ()) if body not in g.targets(G, s, "under")]
    # listed under both (hygiene.member-and-invited names it): a member, as in the body view
    seats["invited"] = [s for s in seats.get("invited", ()) if s not in seats.get("member", ())]
    for relation, prefix in (("chair", f"{UI[style.lang]['chair']}: "), ("member", ""),
                             ("invited", f"{UI[style.lang]['invited']}: "),
                             ("secretariat", f"{UI[style.lang]['secretariat']}: ")):
        for member in seats.get(relation, ()):
            change = g.edge_change(G, body, member, relation) if overlay else ""
            text = display_name(G, member, style.lang) if G.nodes[member]["kind"] in BODY_KINDS else \
                member_text(G, member, style)
            lines.append(Line(f"{CHANGE_MARK.get(change, '')}{prefix}{text}", category_colour(G, member)[1], change))
    subtitle = vocab.label("council_types" if data["kind"] == "council" else "forum_types", data["type"], style.lang)
    change = g.node_change(G, body)
    if change:
        subtitle = f"{subtitle} · {UI[style.lang][change]}"
    level = vocab.label("levels", data["level"], style.lang) if data.get("level") else ""
    return Box(body, title, subtitle, lines, LEVEL_FILL.get(data.get("level"), LEVEL_FILL[None]),
               bool(term and term.staff), data["kind"], change, level)


def _legend(G, style: Style, members: set[str], levels: set) -> list[tuple[str, str]]:
    vocab = g.vocabulary(G)
    legend = [(vocab.label("levels", lvl, style.lang), LEVEL_FILL[lvl]) for lvl in vocab["levels"] if lvl in levels]
    tops = {category_colour(G, m)[0] for m in members}
    legend += [(vocab.label("categories", top, style.lang), CATEGORY_COLOUR[top])
               for top in sorted(tops & set(CATEGORY_COLOUR))]
    if tops - set(CATEGORY_COLOUR):
        legend.append((UI[style.lang]["other"], OTHER_COLOUR))
    if g.compared_with(G) is not None:
        legend += [(UI[style.lang][f"{change}_since"].format(old=g.compared_with(G)), colour)
                   for change, colour in CHANGE_COLOUR.items()]
    return legend


def _children(G: nx.MultiDiGraph, body: str) -> list[str]:
    """Bodies directly under a body: forums by ``under``, lokalråd by ``reports_to``."""
    return sorted(set(g.sources(G, body, "under")) | set(g.sources(G, body, "reports_to")))


def _subtree(G: nx.MultiDiGraph, roots: list[str], depth: int | None) -> list[str]:
    found, frontier, level = list(roots), list(roots), 1
    seen = set(roots)
    while frontier and (depth is None or level < depth):
        below = []
        for b in frontier:
            for c in _children(G, b):
                if c not in seen:
                    seen.add(c)
                    below.append(c)
        frontier = below
        found += frontier
        level += 1
    return found


def structure(G: nx.MultiDiGraph, kommune: str | None = None, depth: int | None = None,
              style: Style = Style()) -> Diagram:
    """The org chart: kredsråd on top with staff beside it, lokalråd beneath, forums under their lokalråd.

    For a whole district the forums directly under each lokalråd are stacked
    in a column beneath it (``depth`` 3 unless given), so eleven kommuner fit
    on one A3 page; ``kommune`` draws that kommune's lokalråd with everything
    under it, its levels as rows. ``depth`` stops after that many levels of
    the hierarchy (1: the kredsråd, 2: with the lokalråd).
    """
    if kommune:
        roots = [c for c in g.nodes_of_kind(G, "council", "lokalraad") if g.area_of(G, c) == kommune]
        if not roots and kommune in AREAS and AREAS[kommune].kind == "politikreds":
            raise UsageError(f"--kommune '{kommune}' is a politikreds ({AREAS[kommune].name}), not a kommune; "
                             "leave out --kommune to draw the whole district, or name one of its kommuner (see "
                             f"`orgmodel areas --kreds {kommune}`)")
        if not roots:
            raise UsageError(f"the workspace has no lokalråd for '{kommune}'")
    else:
        roots = g.nodes_of_kind(G, "council", "kredsraad") or [
            c for c in g.nodes_of_kind(G, "council", "lokalraad") if not g.targets(G, c, "reports_to")]
        depth = depth or 3
    unattached = _unattached(G, set(_depths(G, sorted(roots))), kommune)
    roots = sorted(roots) + unattached
    bodies = _subtree(G, roots, depth)
    everything = _depths(G, roots)
    omitted = [b for b in everything if b not in set(bodies)]
    name = g.workspace_name(G) if not kommune else G.nodes[roots[0]]["label"] or roots[0]
    diagram = Diagram(name if isinstance(name, str) else label_text(name, style.lang))
    for body in bodies:
        diagram.boxes[body] = _body_box(G, body, style)
    _structure_links(G, diagram, bodies, stacked=not kommune)
    lokalraad = [b for b in bodies if G.nodes[b]["kind"] == "council" and G.nodes[b]["type"] == "lokalraad"]
    for council in lokalraad:
        in_cluster = [b for b in _own_bodies(G, council, set(lokalraad)) if b in diagram.boxes]
        area = g.area_of(G, council)
        diagram.clusters.append(Cluster(f"kommune-{council}", AREAS[area].name if area in AREAS else council,
                                        in_cluster))
    diagram.rows = _level_rows(G, bodies, style, councils_only=not kommune)
    members = {m for b in bodies for relation, seated in g.seats_of(G, b).items() if relation != "secretariat"
               for m in seated}
    diagram.legend = _legend(G, style, members, {G.nodes[b].get("level") for b in bodies})
    if unattached:
        diagram.notes.append(fill_counts(UI[style.lang]["unattached"], count=len(unattached),
                                         ids=", ".join(unattached)))
    if omitted:
        areas = sorted({a for b in omitted if (a := g.area_of(G, b)) in AREAS and AREAS[a].kind == "kommune"})
        diagram.omitted = Omitted(tuple(sorted(omitted)), max(everything[b] for b in omitted), tuple(areas),
                                  not kommune)
        word = "omitted_kommune" if kommune else "omitted_district"
        diagram.notes.append(fill_counts(UI[style.lang][word], count=len(omitted), depth=diagram.omitted.depth))
    return diagram


def _own_bodies(G: nx.MultiDiGraph, council: str, lokalraad: set[str]) -> list[str]:
    """The lokalråd ``council`` and the bodies under it, but not another lokalråd (one that reports to it) nor
    what is under that one: each lokalråd is a cluster of its own, and Graphviz crashes on a box in two clusters.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("ssp", "a", "under"), ("b", "a", "reports_to"), ("psp", "b", "under")])
    >>> _own_bodies(G, "a", {"a", "b"})
    ['a', 'ssp']
    """
    found, frontier = {council: None}, [council]
    while frontier:
        frontier = list(dict.fromkeys(c for b in frontier for c in _children(G, b) if c not in lokalraad
                                      and c not in found))
        found.update(dict.fromkeys(frontier))
    return list(found)


def _unattached(G: nx.MultiDiGraph, reached: set[str], kommune: str | None) -> list[str]:
    """The councils and forums (of ``kommune``, when given) that the chart's roots do not reach: those with no
    council or forum above them in ``G`` (none written, or one not valid on the date), and of a ring of bodies
    each under the next, the first. Left out, a printed chart would show a structure with holes in it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("k", kind="council", type="kredsraad", area="kreds-fyn")
    >>> G.add_node("ssp", kind="forum", type="ssp", area="odense")
    >>> G.graph["kinds"] = {"council": ("k",), "forum": ("ssp",)}
    >>> _unattached(G, {"k"}, None)
    ['ssp']
    """
    left = [b for kind in ("council", "forum") for b in g.nodes_of_kind(G, kind) if b not in reached
            and (kommune is None or g.area_of(G, b) == kommune)]
    found: list[str] = []
    for body in sorted(left, key=lambda b: (bool(_parents(G, b)), b)):
        if body not in reached:
            found.append(body)
            reached.update(_depths(G, [body]))
    return found


def _parents(G: nx.MultiDiGraph, body: str) -> list[str]:
    return g.targets(G, body, "under") + g.targets(G, body, "reports_to")


def _depths(G: nx.MultiDiGraph, roots: list[str]) -> dict[str, int]:
    """Every body under the roots (however deep) with its level: 1 for a root."""
    found = {r: 1 for r in roots}
    frontier, level = list(roots), 1
    while frontier:
        level += 1
        below = []
        for b in frontier:
            for c in _children(G, b):
                if c not in found:
                    found[c] = level
                    below.append(c)
        frontier = below
    return found


def _structure_links(G, diagram: Diagram, bodies: list[str], stacked: bool) -> None:
    shown = set(bodies)
    for body in bodies:
        children = sorted((c for c in _children(G, body) if c in shown),
                          key=lambda c: (g.node_change(G, c) == "removed", c))  # ghosts at the end of a stack
        staff = [c for c in children if diagram.boxes[c].staff]
        others = [c for c in children if c not in staff]
        change = {c: g.edge_change(G, c, body, "under") or g.edge_change(G, c, body, "reports_to") for c in children}
        for child in staff:
            diagram.links.append(Link(body, child, dashed=True, constraint=False, change=change[child]))
        is_lokalraad = G.nodes[body]["kind"] == "council" and G.nodes[body]["type"] == "lokalraad"
        if stacked and is_lokalraad and len(others) > 1:
            common = {change[c] for c in others}
            diagram.links.append(Link(body, others[0], change=common.pop() if len(common) == 1 else ""))
            diagram.stacks.append(others)
        else:
            diagram.links += [Link(body, child, change=change[child]) for child in others]


def _level_rows(G, bodies: list[str], style: Style, councils_only: bool) -> list[tuple[str, list[str]]]:
    """Boxes per level, drawn as rows; for a district only the councils and their staff are held to rows."""
    vocab = g.vocabulary(G)
    levels: dict = {}
    for body in bodies:
        data = G.nodes[body]
        term = vocab.body_type(data["kind"], data["type"])
        if councils_only and data["kind"] != "council" and not (term and term.staff):
            continue
        levels.setdefault(data.get("level"), []).append(body)
    return [(vocab.label("levels", lvl, style.lang), levels[lvl]) for lvl in vocab["levels"] if lvl in levels]


def body_view(G: nx.MultiDiGraph, body: str, style: Style = Style()) -> Diagram:
    """One council or forum with its members grouped by category and organisation."""
    require_node(G, body, BODY_KINDS)
    diagram = Diagram(label_text(G.nodes[body]["label"], style.lang) or body)
    diagram.boxes[body] = _body_box(G, body, style)
    # the members are boxes of their own; a council or forum invited or as secretariat is a line of the body's box
    diagram.boxes[body].lines = [
        Line(f"{UI[style.lang][relation]}: {display_name(G, other, style.lang)}", category_colour(G, other)[1])
        for relation in ("invited", "secretariat") for other in g.targets(G, body, relation)
        if G.nodes[other]["kind"] in BODY_KINDS]
    seated = g.members_of(G, body)
    members = seated + [m for m in g.targets(G, body, "invited") + g.targets(G, body, "secretariat")
                        if m not in seated and G.nodes[m]["kind"] not in BODY_KINDS]
    members = list(dict.fromkeys(members))
    by_category: dict[str, list[str]] = {}
    for member in members:
        org = g.organisation_of(G, member) or member
        if org not in diagram.boxes:
            top, colour = category_colour(G, member)
            diagram.boxes[org] = Box(org, label_text(G.nodes[org]["label"], style.lang),
                                     g.vocabulary(G).label("categories", G.nodes[org].get("type") or "",
                                                                 style.lang), [], "#ffffff", kind="organisation")
            by_category.setdefault(top, []).append(org)
        box = diagram.boxes[org]
        relation = _relation(G, body, member, style.lang)
        if member != org:
            box.lines.append(Line(f"{member_text(G, member, style)}{relation}", category_colour(G, member)[1]))
        elif relation:
            box.lines.append(Line(relation.strip(" ()"), category_colour(G, member)[1]))
        if not any(link.target == org for link in diagram.links):
            diagram.links.append(Link(body, org))
    vocab = g.vocabulary(G)
    for top in sorted(by_category):
        title = vocab.label("categories", top, style.lang) if top else UI[style.lang]["other"]
        diagram.clusters.append(Cluster(f"category-{top or 'other'}", title, sorted(by_category[top])))
    _columns(diagram, body, [c.boxes for c in diagram.clusters])
    diagram.legend = _legend(G, style, set(members), {G.nodes[body].get("level")})
    return diagram


COLUMN, WIDEST_ROW = 4, 6
"""A body view lays a group of more than WIDEST_ROW organisations out in columns of at most COLUMN boxes,
so a kredsråd's eleven kommuner stand in a block, not in one strip."""


def _columns(diagram: Diagram, body: str, groups: list[list[str]]) -> None:
    """Stack a large group's boxes in even columns: only a column's top box shapes the layout."""
    for boxes in groups:
        if len(boxes) <= WIDEST_ROW:
            continue
        columns = -(-len(boxes) // COLUMN)
        height = -(-len(boxes) // columns)
        for start in range(0, len(boxes), height):
            column = boxes[start:start + height]
            for link in diagram.links:
                if link.source == body and link.target in column[1:]:
                    link.constraint = False
            if len(column) > 1:
                diagram.stacks.append(column)


def _relation(G, body, member, lang: str) -> str:
    """How a seat reads beside its member: chair, else nothing for a member, else invited or secretariat (a member
    also listed as invited is a member)."""
    seats = G[body].get(member, {})
    ui = UI[lang]
    if "chair" in seats:
        return f" ({ui['chair'].lower()})"
    if "member" in seats:
        return ""
    return f" ({ui['invited'].lower()})" if "invited" in seats else f" ({ui['secretariat'].lower()})" \
        if "secretariat" in seats else ""


def goals_view(G: nx.MultiDiGraph, style: Style = Style()) -> Diagram:
    """The goal tree: strategic → operative → action, each with its owner (and target for actions)."""
    vocab = g.vocabulary(G)
    name = g.workspace_name(G) if isinstance(g.workspace_name(G), str) else label_text(g.workspace_name(G), style.lang)
    diagram = Diagram(f"{name}: {UI[style.lang]['goals']}")
    levels: dict[str, list[str]] = {}
    fills = dict(zip(vocab["goal_levels"], ("#dce6f5", "#e3f1e3", "#fdf1d8"), strict=False))
    for goal in g.nodes_of_kind(G, "goal"):
        data = G.nodes[goal]
        record = data["record"].entity
        ui = UI[style.lang]
        lines: list[Line | tuple[str, str | None]] = [
            Line(f"{ui['owner']}: {label_text(G.nodes[o]['label'], style.lang) or o}")
            for o in g.targets(G, goal, "owner")]
        if record.period:
            lines.append(Line(f"{ui['period']}: {record.period}"))
        if record.target:
            lines.append(Line(f"{ui['target']}: {record.target}"))
        diagram.boxes[goal] = Box(goal, label_text(data["label"], style.lang), vocab.label(
            "goal_levels", data["level"], style.lang), lines, fills.get(data["level"], "#eeeeee"), kind="goal")
        levels.setdefault(data["level"], []).append(goal)
    for goal in diagram.boxes:
        for parent in g.targets(G, goal, "derives_from"):
            if parent in diagram.boxes:
                diagram.links.append(Link(parent, goal))
    diagram.rows = [(vocab.label("goal_levels", lvl, style.lang), levels[lvl])
                    for lvl in vocab["goal_levels"] if lvl in levels]
    diagram.legend = [(vocab.label("goal_levels", lvl, style.lang), fills[lvl]) for lvl in vocab["goal_levels"]
                      if lvl in levels]
    return diagram


def focus_view(G: nx.MultiDiGraph, entity: str, depth: int = 1, style: Style = Style()) -> Diagram:
    """Everything within ``depth`` relations of an entity (areas and coverage terms left out)."""
    require_node(G, entity)
    reached = g.breadth_first(G, entity, g.NON_ENTITY_KINDS, depth=depth)
    seen = {n for n in reached if n == entity or G.nodes[n]["kind"] not in g.NON_ENTITY_KINDS}
    diagram = Diagram(label_text(G.nodes[entity].get("label"), style.lang) or entity)
    vocab = g.vocabulary(G)
    for node in sorted(seen):
        data = G.nodes[node]
        if data["kind"] in BODY_KINDS:
            box = _body_box(G, node, style)
            box.lines = []
        else:
            box = Box(node, member_text(G, node, style) if data["kind"] in MEMBER_KINDS
                      else label_text(data.get("label"), style.lang) or node, _word(style, "kind", data["kind"]),
                      [], "#ffffff", kind=data["kind"])
            if data["kind"] == "organisation":
                box.subtitle = vocab.label("categories", data["type"], style.lang)
        if node == entity:
            box.fill = "#ffe9a8"
        diagram.boxes[node] = box
    for u, v, key in sorted(G.subgraph(seen).edges(keys=True)):
        diagram.links.append(Link(u, v, label=_word(style, "rel", key),
                                  constraint=key not in ("organisation", "invited")))
    return diagram


def _word(style: Style, prefix: str, key: str) -> str:
    """The word for a relationship (``rel``) or a kind of entry (``kind``) in the style's language, else the key."""
    return UI[style.lang].get(f"{prefix}_{key}", key)


def parse_view(view: str) -> tuple[str, str | None, int | None]:
    """``structure``, ``goals``, ``coverage``, ``map``, ``body:ID``, ``focus:ID[:DEPTH]`` → (name, id, depth)."""
    name, _, rest = view.partition(":")
    if name in ("structure", "goals", "coverage", "map") and not rest:
        return name, None, None
    if name == "body" and rest:
        return name, rest, None
    if name == "focus" and rest:
        entity, _, depth = rest.partition(":")
        if depth and not depth.isdigit():
            raise UsageError(f"the depth in '{view}' must be a whole number, e.g. focus:{entity}:2")
        return name, entity, int(depth) if depth else 1
    raise UsageError(f"unknown view '{view}'.{suggest(view, ('structure', 'goals', 'coverage', 'map'))} Use "
                     "structure, goals, coverage, map, body:ID or focus:ID[:DEPTH]")
