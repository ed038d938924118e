"""A map of Denmark: the 98 kommuner coloured by a measure, with the 12 politikreds outlines.

The boundaries are DAGI's (Geodatastyrelsen and Danske Kommuner, 2014), simplified once by
``scripts/simplify_geo.py`` (topology-preserving) into ``orgmodel/data/kommuner.geojson``, which also
carries each kommune's interior point, the politikreds outlines, the attribution and the tolerance. The
runtime reads that file and draws it with matplotlib.

A **measure** gives each kommune of the workspace's scope a class; kommuner outside the scope are grey
and say so ("uden for arbejdsområdet"), never "not covered". The classes come from the same queries as
``orgmodel gaps`` and ``orgmodel check``:

- ``forums``: which of the expected forum types (SSP, SSP+, PSP, KSP) a kommune has
  (:func:`orgmodel.queries.partners.forum_type_rows`, as ``gaps partners --by kommune``);
- ``ages`` with a band: the share of the band's years covered (``gaps ages --matrix``);
- ``group`` or ``crime`` with a term: its status (``gaps groups`` / ``gaps crimes``);
- ``partners``: required partners missing in the kommune's councils and forums (``gaps partners``);
- ``findings``: findings of ``check`` about the kommune's entries.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
>>> data = map_data(G, "group", ["herning", "silkeborg"], term="unge")
>>> data.classes["silkeborg"], data.classes["herning"], data.classes["aarhus"]
('overlap', 'goal-only', 'outside')
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from math import cos, radians
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from orgmodel import graph as g
from orgmodel.didyoumean import suggest
from orgmodel.errors import UsageError
from orgmodel.files import atomic_path
from orgmodel.graph import build_graph
from orgmodel.model import AREAS, Finding, fill_counts, format_age_range, parse_age_range, ui_words
from orgmodel.queries import coverage as cov
from orgmodel.queries import partners, scope
from orgmodel.workspace import Workspace

if TYPE_CHECKING:
    from matplotlib.path import Path as MplPath

TEXT = ui_words("map")
"""Titles, classes and notes of the map, by language (``orgmodel/data/ui.yaml``)."""
MEASURES = ("forums", "ages", "group", "crime", "partners", "findings")
FORMATS = (".svg", ".png", ".pdf")
DPI = 150
SIZE = (7.5, 7.6)
"""The figure in inches; drawn without a tight bounding box, so a point of the map has a fixed pixel."""
EXTENT = (8.0, 12.75, 54.52, 57.8)
"""West, east, south and north of the main map in degrees (Bornholm is an inset)."""
INSET_EXTENT = (14.65, 15.25, 54.96, 55.36)
ASPECT = 1 / cos(radians(56))
"""Degrees of longitude are shorter than degrees of latitude at 56° N."""
OUTSIDE, OUTSIDE_COLOUR = "outside", "#d9d9d9"
EDGE, KREDS_EDGE = "#ffffff", "#222222"

SCALE = ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"]
"""Red (worst) to green (best)."""
STATUS_COLOURS = {"covered": "#1a9850", "overlap": "#006837", "goal-only": "#fee08b", "uncovered": "#d73027"}
AGE_CLASSES = (("0", 0, 0), ("1-24", 1, 24), ("25-49", 25, 49), ("50-74", 50, 74), ("75-99", 75, 99),
               ("100", 100, 100))
COUNT_CLASSES = (("0", 0, 0), ("1-2", 1, 2), ("3-5", 3, 5), ("6+", 6, None))
COUNT_COLOURS = ("#1a9850", "#fee08b", "#fc8d59", "#d73027")
NO_BODIES_COLOUR = "#c6dbef"
COMBINATION_COLOURS = ("#66bd63", "#a6d96a", "#80cdc1", "#74add1", "#d9ef8b", "#fee08b", "#abd9e9", "#c2a5cf",
                       "#e6f598", "#b2abd2", "#fdae61", "#f46d43", "#fdb863", "#9970ab")
"""Colours of the combinations of forum types between all (dark green) and none (red), most types first."""


@dataclass(frozen=True)
class MapClass:
    """One class of the legend: its key, its label in the map's language and its fill colour."""

    key: str
    label: str
    colour: str


@dataclass
class MapData:
    """What a map shows: the class of every kommune (``outside`` for those out of scope), the legend (the
    classes shown, in order), each kommune's value (a share, a count or the forum types) and notes."""

    measure: str
    title: str
    classes: dict[str, str]
    legend: list[MapClass]
    values: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def label_of(self, kommune: str) -> str:
        """The legend label of a kommune's class."""
        return next(c.label for c in self.legend if c.key == self.classes[kommune])


@dataclass(frozen=True)
class Shape:
    """A kommune's (or Christiansø's) outline: polygons of rings of (lon, lat), and an interior point."""

    code: str
    id: str | None
    name: str
    kreds: str | None
    point: tuple[float, float]
    polygons: tuple


@cache
def geodata() -> tuple[dict[str, Shape], dict[str, tuple], dict[str, str]]:
    """The shipped boundaries: shapes by kommune code, politikreds outlines by id, and the file's notes
    (``attribution``, ``source``, ``simplification``)."""
    text = resources.files("orgmodel.data").joinpath("kommuner.geojson").read_text("utf-8")
    data = json.loads(text)
    shapes, outlines = {}, {}
    for feature in data["features"]:
        p, geometry = feature["properties"], feature["geometry"]
        if geometry["type"] == "MultiPolygon":
            shapes[p["code"]] = Shape(p["code"], p["id"], p["name"], p["kreds"], tuple(p["point"]),
                                      tuple(geometry["coordinates"]))
        else:
            outlines[p["kreds"]] = tuple(geometry["coordinates"])
    notes = {key: data[key] for key in ("attribution", "source", "simplification")}
    return shapes, outlines, notes


def check_map_path(path: Path) -> None:
    """Refuse a map file whose suffix is not .svg, .png or .pdf (before any work)."""
    if Path(path).suffix.lower() not in FORMATS:
        raise UsageError(f"cannot draw a map as '{Path(path).suffix or Path(path).name}'; give -o FILE with .svg, "
                         ".png or .pdf")


def check_measure(measure: str, band: str | None = None, term: str | None = None, today: object = None) -> None:
    """Refuse an unknown measure, or a band, term or day (``--today``) it does not take, before any work.

    >>> check_measure("forum")
    Traceback (most recent call last):
    ...
    orgmodel.errors.UsageError: unknown measure 'forum'. Did you mean 'forums'? Use one of forums, ages, group, \
crime, partners, findings
    """
    if measure not in MEASURES:
        raise UsageError(f"unknown measure '{measure}'.{suggest(measure, MEASURES)} Use one of {', '.join(MEASURES)}")
    if measure == "ages" and band is None:
        raise UsageError("--measure ages needs an age band: add e.g. --band 15-17")
    if measure in ("group", "crime") and term is None:
        raise UsageError(f"--measure {measure} needs a term: add e.g. --term "
                         f"{'unge' if measure == 'group' else 'indbrud'} (`orgmodel vocabulary` lists them)")
    if band is not None and measure != "ages":
        raise UsageError(f"--band applies to --measure ages only, not to '{measure}'; leave it out")
    if term is not None and measure not in ("group", "crime"):
        raise UsageError(f"--term applies to --measure group or crime only, not to '{measure}'; leave it out")
    if today is not None and measure != "findings":
        raise UsageError(f"--today applies to --measure findings only (the check's rules count from it), not to "
                         f"'{measure}'; leave it out, or give --as-of for the entries valid on a date")


def _band(G, band: str) -> tuple[int, int | None]:
    try:
        return parse_age_range(band, g.max_age(G))
    except ValueError as error:
        raise UsageError(f"--band: {error}") from None


def _term(G, dimension: str, written: str) -> str:
    """The term id of ``written`` (an id, an alias or a label), or a clear error with a suggestion."""
    vocab, terms = g.vocabulary(G), g.coverage_terms(G)[dimension]
    canonical = vocab.canonical(dimension, written)
    if canonical in terms:
        return canonical
    by_label = {vocab.label(dimension, t, lang).casefold(): t for t in terms for lang in ("da", "en")}
    if written.casefold() in by_label:
        return by_label[written.casefold()]
    what = "person group" if dimension == "groups" else "crime type"
    raise UsageError(f"--term: '{written}' is not a {what} of the vocabulary.{suggest(written, terms)} "
                     f"`orgmodel vocabulary` lists them")


def _assumed(rows, text: dict, shown) -> list[str]:
    """The note naming the bodies whose coverage the map counts though it is assumed from their type, not
    written (as ``gaps`` notes it and the charts hatch it): an assumption is never shown as a stated fact."""
    bodies = sorted({b for row in rows if shown(row) for b in row.assumed})
    return [text["assumed"].format(bodies=", ".join(bodies))] if bodies else []


def _overlaps(item: str, first: int, last: int, max_age: int) -> bool:
    lo, hi = parse_age_range(item, max_age)
    return lo <= last and (max_age if hi is None else hi) >= first


def _count_class(n: int) -> str:
    return next(key for key, lo, hi in COUNT_CLASSES if n >= lo and (hi is None or n <= hi))


def _forums(G, kommuner: list[str], text: dict, lang: str) -> tuple[dict, dict, list[MapClass]]:
    vocab = g.vocabulary(G)
    expected = [t for t, term in vocab["forum_types"].items() if term.expected]
    present: dict[str, set] = {k: set() for k in kommuner}
    for row in partners.forum_type_rows(G, kommuner):
        if row.status == "exists" and row.type in expected:
            present[row.area].add(row.type)
    combos = sorted({tuple(t for t in expected if t in p) for p in present.values()},
                    key=lambda c: (-len(c), [expected.index(t) for t in c]))
    short = {t: vocab.label("forum_types", t, lang).split(" (")[0] for t in expected}

    partial = [c for c in combos if 0 < len(c) < len(expected)]
    fixed = 2 ** len(expected) - 2 <= len(COMBINATION_COLOURS)  # each combination its own colour, on every map
    palette = COMBINATION_COLOURS if fixed else _more_colours(len(partial))

    def colour(combo):
        if len(combo) == len(expected):
            return SCALE[-1]
        if not combo:
            return SCALE[0]
        return palette[_combination_rank(combo, expected) if fixed else partial.index(combo)]

    legend = [MapClass("+".join(c) or "none", " + ".join(short[t] for t in c) if c else text["forums_none"],
                       colour(c)) for c in combos]
    classes = {k: "+".join(t for t in expected if t in present[k]) or "none" for k in kommuner}
    values = {k: sorted(present[k], key=expected.index) for k in kommuner}
    return classes, values, legend


def _more_colours(count: int) -> tuple[str, ...]:
    """``count`` colours that differ from each other and from all (dark green) and none (red): the combinations'
    own, then matplotlib's qualitative ones. More expected forum types than the built-in four make more
    combinations than :data:`COMBINATION_COLOURS` holds, and two kommuner with different forums had one colour.

    >>> len(set(_more_colours(30))) == 30
    True
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    found = list(dict.fromkeys([*COMBINATION_COLOURS, *(to_hex(colormaps[name](i)) for name in
                                                       ("tab20", "tab20b", "tab20c") for i in range(20))]))
    found = [c for c in found if c not in (SCALE[0], SCALE[-1])]
    if count > len(found):
        raise UsageError(f"the map would need {count} colours for the combinations of forum types its kommuner "
                         f"have, more than {len(found)} that can be told apart; draw --measure partners, or mark "
                         "fewer forum types 'expected'")
    return tuple(found[:count])


def _combination_rank(combo: tuple, expected: list[str]) -> int:
    """The place of a combination among all but all and none, most types first (a colour per combination
    that does not depend on which others a map shows)."""
    from itertools import combinations

    every = [c for n in range(len(expected) - 1, 0, -1) for c in combinations(expected, n)]
    return every.index(combo)


def _ages(G, kommuner: list[str], band: str, text: dict) -> tuple[dict, dict, list[MapClass]]:
    first, last = _band(G, band)
    rows = cov.coverage(G, "ages", "kommune", kommuner, kommuner)
    values = {k: cov.percent(cov.band_share([r for r in rows if r.area == k], first, last, g.max_age(G)))
              for k in kommuner}
    classes = {k: next(key for key, lo, hi in AGE_CLASSES if lo <= v <= hi) for k, v in values.items()}
    legend = [MapClass(key, text[f"share_{key}"], SCALE[i]) for i, (key, _, _) in enumerate(AGE_CLASSES)]
    return classes, values, legend


def _status(G, kommuner: list[str], dimension: str, term: str, text: dict) -> tuple[dict, dict, list[MapClass]]:
    rows = cov.coverage(G, dimension, "kommune", kommuner, kommuner)
    classes = {r.area: r.status for r in rows if r.item == term}
    legend = [MapClass(status, text[f"status_{status}"], colour) for status, colour in STATUS_COLOURS.items()]
    return classes, dict(classes), legend


def _partners(G, kommuner: list[str], text: dict) -> tuple[dict, dict, list[MapClass], list[str]]:
    wanted = set(kommuner)
    missing: dict[str, int] = {}
    elsewhere = 0
    for row in partners.partner_rows(G):
        if row.area in wanted:
            missing.setdefault(row.area, 0)
            missing[row.area] += row.which == "required" and row.status == "missing"
        elif row.which == "required" and row.status == "missing":
            elsewhere += 1
    classes = {k: _count_class(missing[k]) if k in missing else "no-bodies" for k in kommuner}
    legend = [MapClass(key, text[f"partners_{key}"], colour) for (key, _, _), colour in
              zip(COUNT_CLASSES, COUNT_COLOURS, strict=True)]
    legend.append(MapClass("no-bodies", text["partners_no-bodies"], NO_BODIES_COLOUR))
    notes = [fill_counts(text["partners_elsewhere"], n=elsewhere)] if elsewhere else []
    return classes, {k: missing.get(k) for k in kommuner}, legend, notes


def finding_kommune(G, finding: Finding) -> str | None:
    """The kommune a finding is about: the entity itself when it is a kommune, else the entity's area."""
    entity = finding.entity
    if entity in AREAS:
        return entity if AREAS[entity].kind == "kommune" else None
    if entity not in G:
        return None
    area = g.area_of(G, entity)
    return area if area in AREAS and AREAS[area].kind == "kommune" else None


def _findings(G, kommuner: list[str], findings: list[Finding], text: dict) -> tuple[dict, dict, list, list]:
    counts = dict.fromkeys(kommuner, 0)
    elsewhere = 0
    for finding in findings:
        kommune = finding_kommune(G, finding)
        if kommune in counts:
            counts[kommune] += 1
        else:
            elsewhere += 1
    classes = {k: _count_class(n) for k, n in counts.items()}
    legend = [MapClass(key, text[f"findings_{key}"], colour) for (key, _, _), colour in
              zip(COUNT_CLASSES, COUNT_COLOURS, strict=True)]
    notes = [fill_counts(text["findings_elsewhere"], n=elsewhere)] if elsewhere else []
    return classes, counts, legend, notes


def map_data(G, measure: str, kommuner: list[str], band: str | None = None, term: str | None = None,
             findings: list[Finding] | None = None, lang: str = "da") -> MapData:
    """The class of every kommune under ``measure`` for the kommuner in scope (``kommuner``); the rest are
    ``outside``. ``findings`` (from :func:`orgmodel.check.check`) are needed for the ``findings`` measure.

    The legend lists the classes shown and only those, in the order of the measure's scale.
    """
    check_measure(measure, band, term)
    text = TEXT[lang]
    notes: list[str] = []
    kommuner = sorted(kommuner)
    if measure == "forums":
        classes, values, legend = _forums(G, kommuner, text, lang)
        title = text["title_forums"]
    elif measure == "ages":
        assert band is not None  # check_measure asks for it
        classes, values, legend = _ages(G, kommuner, band, text)
        first, last = _band(G, band)
        title = text["title_ages"].format(band=format_age_range(first, last))
        end = g.max_age(G) if last is None else last
        notes = _assumed(cov.coverage(G, "ages", "kommune", kommuner, kommuner), text, lambda row: _overlaps(
            row.item, first, end, g.max_age(G)))
    elif measure in ("group", "crime"):
        assert term is not None  # check_measure asks for it
        dimension = "groups" if measure == "group" else "crimes"
        term = _term(G, dimension, term)
        classes, values, legend = _status(G, kommuner, dimension, term, text)
        title = text[f"title_{measure}"].format(term=g.vocabulary(G).label(dimension, term, lang))
        notes = _assumed(cov.coverage(G, dimension, "kommune", kommuner, kommuner), text,
                         lambda row: row.item == term)
    elif measure == "partners":
        classes, values, legend, notes = _partners(G, kommuner, text)
        title = text["title_partners"]
    else:
        if findings is None:
            raise UsageError("the findings map needs the findings of `orgmodel check`")
        classes, values, legend, notes = _findings(G, kommuner, findings, text)
        title = text["title_findings"]
    every = {s.id: classes.get(s.id, OUTSIDE) for s in geodata()[0].values() if s.id}
    legend.append(MapClass(OUTSIDE, text["outside"], OUTSIDE_COLOUR))
    shown = set(every.values())
    return MapData(measure, title, every, [c for c in legend if c.key in shown], values, notes)


def workspace_map_data(ws: Workspace, measure: str, band: str | None = None, term: str | None = None,
                       as_of: dt.date | None = None, today: dt.date | None = None, lang: str = "da") -> MapData:
    """:func:`map_data` for a workspace: its scope (as ``gaps`` reads it), and the findings of ``check``."""
    check_measure(measure, band, term)
    scope.require_valid_scope(ws)
    G = build_graph(ws, as_of=as_of)
    kommuner = scope.workspace_kommuner(G, ws)
    if not kommuner:
        raise UsageError("the workspace names no kommuner, so the map has nothing to colour: list them under "
                         "scope: in orgmodel.yaml, or add a lokalråd with its kommune")
    findings = None
    if measure == "findings":
        from orgmodel.check import check

        findings = check(ws, today=today, as_of=as_of).findings
    return map_data(G, measure, kommuner, band, term, findings, lang)


def _path(polygons) -> "MplPath":
    """One matplotlib Path of every ring of every polygon (holes cut out by the even-odd rule)."""
    from matplotlib.path import Path as MplPath

    vertices: list = []
    codes: list = []
    for polygon in polygons:
        for ring in polygon:
            vertices += ring
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)


def _in_inset(point) -> bool:
    """Whether a point lies east of the main map (Bornholm and Christiansø), so the inset draws it."""
    return point[0] > EXTENT[1]


def _draw_shapes(ax, data: MapData, colours: dict[str, str], inset: bool) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch

    shapes, outlines, _ = geodata()
    for code in sorted(shapes, key=int):
        shape = shapes[code]
        if _in_inset(shape.point) != inset:
            continue
        fill = colours[data.classes[shape.id]] if shape.id else "#f0f0f0"
        # add_artist, not add_patch: the limits are set by hand, and add_patch's fitting costs 0.5 s
        ax.add_artist(PathPatch(_path(shape.polygons), facecolor=fill, edgecolor=EDGE, linewidth=0.3,
                                gid=f"kommune-{shape.id or 'christiansoe'}", transform=ax.transData))
    for kreds in sorted(outlines):
        if _in_inset(outlines[kreds][0][0]) != inset:
            continue
        ax.add_collection(LineCollection(outlines[kreds], colors=KREDS_EDGE, linewidths=0.9, gid=f"kreds-{kreds}"))


def _frame(ax, extent) -> None:
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(ASPECT)
    ax.set_xticks([])
    ax.set_yticks([])


def map_figure(data: MapData, lang: str = "da"):
    """The figure of a map, its main axes and the Bornholm inset (for drawing, and for tests that find a
    point of the map on the picture)."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from .charts import RC  # the fonts and the SVG hash salt of every chart, without loading pyplot

    rcParams.update(cast(Any, RC))  # typed by key, while RC is a plain dict
    text = TEXT[lang]
    colours = {c.key: c.colour for c in data.legend}
    fig = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.2, 0.98, 0.72))
    _draw_shapes(ax, data, colours, inset=False)
    _frame(ax, EXTENT)
    ax.axis("off")
    inset = ax.inset_axes((0.74, 0.72, 0.25, 0.27))
    _draw_shapes(inset, data, colours, inset=True)
    _frame(inset, INSET_EXTENT)
    inset.set_title(text["inset"], fontsize=7, pad=2)
    for spine in inset.spines.values():
        spine.set_edgecolor("#888888")
    fig.suptitle(data.title, x=0.02, y=0.975, ha="left", fontsize=12)
    handles = [Patch(facecolor=c.colour, edgecolor="#888888", linewidth=0.5, label=c.label) for c in data.legend]
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 0.19), ncols=2, frameon=False,
                        fontsize=8, title=text["legend"], title_fontsize=8, alignment="left")
    legend.set_gid("map-legend")
    lines = [*data.notes, text["kreds_note"], geodata()[2]["attribution"]]
    fig.text(0.02, 0.01, "\n".join(lines), fontsize=6.5, color="#444444", ha="left", va="bottom", gid="map-notes")
    from matplotlib.text import Text

    for label in fig.findobj(Text):  # a workspace's own term may hold "$": text, never TeX
        label.set_parse_math(False)
    return fig, ax, inset


def draw_map(data: MapData, path: Path, lang: str = "da") -> None:
    """Write the map as SVG, PNG or PDF (by the suffix of ``path``), atomically and reproducibly."""
    path = Path(path)
    check_map_path(path)
    _save(map_figure(data, lang)[0], path)


def _save(fig, path: Path) -> None:
    suffix = path.suffix.lower()
    metadata = {".svg": {"Date": None}, ".pdf": {"CreationDate": None}}.get(suffix, {})
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=suffix[1:], dpi=DPI, metadata=metadata)


def kommune_map(ws: Workspace, measure: str, path: Path, band: str | None = None, term: str | None = None,
                as_of: dt.date | None = None, today: dt.date | None = None, lang: str = "da") -> MapData:
    """Draw the map of ``measure`` for a workspace into ``path`` (``orgmodel diagram --view map``); the data
    drawn is returned."""
    check_map_path(path)
    data = workspace_map_data(ws, measure, band, term, as_of, today, lang)
    draw_map(data, path, lang)
    return data


__all__ = ["MEASURES", "MapClass", "MapData", "check_map_path", "check_measure", "draw_map", "finding_kommune",
           "geodata", "kommune_map", "map_data", "map_figure", "workspace_map_data"]
