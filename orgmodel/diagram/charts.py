"""Coverage charts with matplotlib: a life-course timeline per kommune and a heatmap kommune × term.

Charts are written as SVG, PNG or PDF (by the file's suffix) through a
temporary file, so a failure never leaves half a chart. Each bar carries the
body's id as its SVG id (``bar-<kommune>-<body>``, its second span ``bar-<kommune>-<body>-2`` and so on), each gap
``gap-<kommune>-<n>`` and the
labels of a kommune's rows ``labels-<kommune>``, so tests and style sheets can find them.

What is assumed is drawn as assumed: a body whose ages are its type's defaults
(it writes no ``covers.ages``) is a hatched, pale bar (``assumed-<kommune>-<body>``),
and a heatmap cell that counts a body's assumed groups is hatched
(``assumed-<kommune>-<term>``) with its count marked ``*``; the legend says so.
"""

import datetime as dt
import functools
import gc
from pathlib import Path
from typing import Any

from orgmodel import graph as g
from orgmodel.errors import UsageError
from orgmodel.files import atomic_path
from orgmodel.gcpause import paused_gc
from orgmodel.graph import build_graph
from orgmodel.model import AREAS, format_age_range, label_text, resolve_area, ui_words
from orgmodel.queries import coverage as cov
from orgmodel.queries import scope

TEXT = ui_words("charts")
"""Words of axes, titles and legends, by language (``orgmodel/data/ui.yaml``)."""
FORMATS = (".svg", ".png", ".pdf")
GAP_COLOUR, BAR_COLOUR = "#f4c7c3", "#4a78b5"
GAP_EDGE, GAP_HATCH = "#d98c86", "x"
"""A gap is cross-hatched as well as pale pink, so it does not rest on colour alone (WCAG 1.4.1)."""
ASSUMED_FILL, HATCH = "#dbe5f3", "///"
RC_HATCH_WIDTH = 1.0
"""matplotlib's width of hatch lines (``hatch.linewidth``), which an assumed bar's hatching is drawn with."""


LAID_OUT = "orgmodel: laid out"
"""The label of a figure whose layout orgmodel computes itself: it is saved as it is, not cut to a tight box."""
RC: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": "orgmodel", "font.size": 9, "font.family": "DejaVu Sans"}
"""matplotlib settings of every chart: text as text, reproducible SVG ids, one font."""


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(RC)
    return plt


def _shown(text: str) -> str:
    """A label as a chart shows it: on one line, like every other output.

    >>> _shown("linje 1\\nlinje\\t2")
    'linje 1 linje 2'
    """
    return " ".join(str(text).split())


def _area_name(area: str) -> str:
    return AREAS[area].name if area in AREAS else area


def check_chart_path(path: Path) -> None:
    """Refuse a chart file whose suffix is not .svg, .png or .pdf (called before any work is done)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UsageError(f"cannot draw a chart as '{path.suffix or path.name}'; use .svg, .png or .pdf")


def _save(fig, path: Path) -> None:
    path = Path(path)
    check_chart_path(path)
    metadata = {".svg": {"Date": None}, ".pdf": {"CreationDate": None}}.get(path.suffix.lower(), {})
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix[1:].lower(), dpi=150, metadata=metadata,
                    bbox_inches=None if fig.get_label() == LAID_OUT else "tight")


ROW_IN, PANEL_IN, TITLE_IN = 0.28, 0.55, 0.32
"""Inches of the timeline: per body row, added to each panel, and above each panel for its title."""
HEAD_IN, FOOT_IN, SIDE_IN, WIDTH_IN = 0.5, 0.55, 0.15, 9.0
"""Inches above the first panel (title and legend), below the last (ages), at the sides, and of the figure."""


@paused_gc()  # a hundred thousand entities stay alive beside the figure; the collector would scan them per artist
def timeline(G, areas: list[str], scope_areas: list[str], path: Path, lang: str = "da") -> None:
    """One panel per area: bodies as bars across the ages, gaps shaded.

    The layout is computed here, not by matplotlib: the figure's size follows from the number of rows and
    the widest label, so a national workspace's hundred panels and ten thousand bars cost seconds, where a
    constrained layout and a tight bounding box measured every label of every panel on several passes.
    """
    plt = _pyplot()
    text, max_age = TEXT[lang], g.max_age(G)
    by_area = cov.sources_by_area(G)
    panels = [(area, sorted((s for s in cov._sources_for(area, by_area, scope_areas) if s.is_body and s.ages),
                            key=lambda s: (min(a for a, _ in s.ages), s.id))) for area in areas]
    labels = {b.id: _shown(label_text(G.nodes[b.id].get("label"), lang) or b.id) for _, bs in panels for b in bs}
    widths = _label_widths(set(labels.values()))
    left = max(widths.values(), default=0.0) * 1.05 / 72 + 0.15 + SIDE_IN  # 5 % for a PNG's hinted glyphs
    plot_w = max(WIDTH_IN - left - SIDE_IN, 4.0)
    heights = [max(len(bodies), 1) * ROW_IN + PANEL_IN for _, bodies in panels]
    fig_w, fig_h = left + plot_w + SIDE_IN, HEAD_IN + sum(heights) + TITLE_IN * len(panels) + FOOT_IN
    fig = plt.figure(figsize=(fig_w, fig_h), label=LAID_OUT)
    column = fig_h - HEAD_IN - FOOT_IN
    ax = fig.add_axes((left / fig_w, FOOT_IN / fig_h, plot_w / fig_w, column / fig_h))
    ax.set_axis_off()  # one Axes for every panel, in inches from its top: each panel draws its own frame
    ax.set_xlim(0, max_age + 1)
    ax.set_ylim(column, 0)
    ticks = [t for t in ax.xaxis.get_major_locator()() if 0 <= t <= max_age + 1]
    top = 0.0
    for (area, bodies), height in zip(panels, heights, strict=True):
        top += TITLE_IN
        _timeline_panel(ax, G, area, bodies, (top, height), cov.age_rows(area, bodies, max_age), labels, widths,
                        ticks, lang, svg=Path(path).suffix.lower() == ".svg")
        top += height
    tick_length = 3.5 / 72  # matplotlib's ticks: 3.5 points, their labels 3.5 points below them
    for tick in ticks:
        ax.text(tick, top + 2 * tick_length, f"{tick:g}", ha="center", va="top", clip_on=False)
    ax.text((max_age + 1) / 2, top + 0.27, text["ages"], ha="center", va="top", clip_on=False)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=GAP_COLOUR, edgecolor=GAP_EDGE, hatch=GAP_HATCH, linewidth=0, label=text["gap"]),
               Patch(color=BAR_COLOUR, label=text["bodies_bar"])]
    if any("ages" in b.assumed for _, bodies in panels for b in bodies):
        handles.append(Patch(facecolor=ASSUMED_FILL, edgecolor=BAR_COLOUR, hatch=HATCH, label=text["assumed_bar"]))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(SIDE_IN / fig_w, 1 - 0.3 / fig_h),
               ncols=len(handles), frameon=False, fontsize=8, borderaxespad=0)  # its own line: never over the title
    fig.suptitle(text["timeline"], x=SIDE_IN / fig_w, y=1 - 0.08 / fig_h, ha="left", va="top", fontsize=11)
    _save(fig, path)
    plt.close(fig)


def _label_widths(labels) -> dict[str, float]:
    """Points of each of ``labels`` at the chart's font size: the font's advance widths and kerning.

    This is how matplotlib lays out a line of Latin text; asking matplotlib to measure each label costs
    half a millisecond, more than drawing it, and a national workspace has ten thousand of them.

    >>> {k: round(v, 1) for k, v in _label_widths(["PSP Viborg", "To"]).items()}
    {'PSP Viborg': 48.4, 'To': 9.5}
    """
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import Kerning, LoadFlags

    _pyplot()
    font = get_font(findfont(FontProperties(size=RC["font.size"])))
    font.set_size(RC["font.size"], 72)
    index = {c: font.get_char_index(ord(c)) for c in sorted(set().union(*map(set, labels)))}
    advance = {c: font.load_glyph(i, flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 for c, i in index.items()}
    pairs: dict[tuple[str, str], float] = {}

    def kerning(a: str, b: str) -> float:
        if (a, b) not in pairs:
            pairs[a, b] = font.get_kerning(index[a], index[b], Kerning.UNFITTED) / 64
        return pairs[a, b]

    return {label: sum(advance[c] for c in label) + sum(map(kerning, label, label[1:])) for label in labels}


@functools.cache
def _artists():
    """The artists of a panel's bars and row labels (made on first use: matplotlib loads late).

    Both draw straight through the renderer, as a ``Rectangle`` and a ``Text`` would, without an object
    per bar or label: those cost a millisecond and kilobytes each, and a national timeline has ten thousand.
    """
    from matplotlib.artist import Artist
    from matplotlib.colors import to_rgba
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path as Shape

    class Bars(Artist):
        """Bars ``(top, bottom, first age, last age, SVG id, assumed)``: plain, or pale and hatched when assumed."""

        def __init__(self, ax, bars: list[tuple[float, float, int, int, str, bool]]):
            super().__init__()
            self.ax, self.bars = ax, bars
            self.set_zorder(2)

        def draw(self, renderer):
            for top, bottom, first, last, gid, assumed in self.bars:
                renderer.open_group("patch", gid)
                gc = renderer.new_gc()
                gc.set_clip_rectangle(self.ax.bbox)
                gc.set_joinstyle("miter")
                gc.set_foreground(BAR_COLOUR)
                gc.set_linewidth(0.8 if assumed else 0)
                if assumed:
                    gc.set_hatch(HATCH)
                    gc.set_hatch_color(to_rgba(BAR_COLOUR))
                    gc.set_hatch_linewidth(RC_HATCH_WIDTH)
                corners = [(first, bottom), (last + 1, bottom), (last + 1, top), (first, top), (0, 0)]
                renderer.draw_path(gc, Shape(corners, closed=True), self.ax.transData,
                                   to_rgba(ASSUMED_FILL if assumed else BAR_COLOUR))
                gc.restore()
                renderer.close_group("patch")

    class RowLabels(Artist):
        """Labels ``(row's middle, text, width in points)`` right-aligned beside the rows of an Axes, in an SVG:
        its viewer lays out the glyphs, so only where each label starts is needed."""

        def __init__(self, ax, rows: list[tuple[float, str, float]], size: float, gid: str):
            super().__init__()
            self.ax, self.rows, self.prop = ax, rows, FontProperties(size=size)
            self.set_gid(gid)

        def draw(self, renderer):
            _, height, descent = renderer.get_text_width_height_descent("lp", self.prop, ismath=False)
            right = self.ax.bbox.x0 - renderer.points_to_pixels(4)
            canvas_height = renderer.get_canvas_width_height()[1]
            renderer.open_group("labels", gid=self.get_gid())
            gc = renderer.new_gc()
            for y, label, width in self.rows:
                baseline = self.ax.transData.transform((0, y))[1] - (height / 2 - descent)
                renderer.draw_text(gc, right - renderer.points_to_pixels(width),
                                   canvas_height - baseline if renderer.flipy() else baseline, label, self.prop, 0)
            gc.restore()
            renderer.close_group("labels")

    return Bars, RowLabels


def _timeline_panel(ax, G, area, bodies, box, rows, labels, widths, ticks, lang, svg=True):
    """Draw one area's panel into the timeline's Axes, whose units are inches from its top: ``box`` is the
    panel's top and height; a row ``y`` sits where the Axes of a panel of its own with ``ylim(n - 0.3, -0.7)``
    would put it. A PNG or PDF lays out each label's glyphs itself, so there a label is a ``Text``."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import offset_copy

    text, max_age = TEXT[lang], g.max_age(G)
    top, height = box
    pitch = height / (max(len(bodies), 1) + 0.4)

    def at(y: float) -> float:
        return top + (y + 0.7) * pitch

    for n, row in enumerate(r for r in rows if r.status == "uncovered"):
        first, last = _span(row.item, max_age)
        ax.add_patch(Rectangle((first, top), last + 1 - first, height, facecolor=GAP_COLOUR, edgecolor=GAP_EDGE,
                               hatch=GAP_HATCH, linewidth=0, zorder=0, gid=f"gap-{area}-{n}"))
    bottom, tick = top + height, 3.5 / 72
    ax.add_collection(LineCollection([[(t, top), (t, bottom)] for t in ticks], colors="#ddd", linewidths=0.8,
                                     zorder=1), autolim=False)
    ax.add_collection(LineCollection([[(t, bottom), (t, bottom + tick)] for t in ticks], colors="black",
                                     linewidths=0.8, clip_on=False), autolim=False)
    ax.add_patch(Rectangle((0, top), max_age + 1, height, fill=False, edgecolor="black", linewidth=0.8, zorder=2.5,
                           clip_on=False))
    bars, row_labels = _artists()
    assumed = ["ages" in body.assumed for body in bodies]
    ax.add_artist(bars(ax, [(at(y - 0.3), at(y + 0.3), first, last,
                             f"{'assumed' if assumed[y] else 'bar'}-{area}-{body.id}{f'-{n + 1}' if n else ''}",
                             assumed[y])
                            for y, body in enumerate(bodies) for n, (first, last) in enumerate(body.ages)]))
    if svg:
        ax.add_artist(row_labels(ax, [(at(y), labels[b.id], widths[labels[b.id]]) for y, b in enumerate(bodies)],
                                 RC["font.size"], gid=f"labels-{area}"))
    else:
        beside = offset_copy(ax.get_yaxis_transform(), fig=ax.figure, x=-4, units="points")
        for y, body in enumerate(bodies):
            ax.text(0, at(y), labels[body.id], transform=beside, ha="right", va="center", clip_on=False,
                    parse_math=False)
    ax.text(0, top - 6 / 72, _area_name(area), ha="left", va="baseline", fontsize=10, fontweight="bold",
            parse_math=False)
    if not bodies:
        ax.text((max_age + 1) / 2, at(0), text["none"], ha="center", va="center", color="#a33",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})


def _span(item: str, max_age: int) -> tuple[int, int]:
    from orgmodel.model import parse_age_range

    first, last = parse_age_range(item, max_age)
    return first, max_age if last is None else last


def heatmap(G, dimension: str, rows: list, path: Path, lang: str = "da") -> None:
    """Kommuner (rows) × terms (columns), coloured by the number of bodies covering each."""
    plt = _pyplot()
    text = TEXT[lang]
    headers, table = cov.matrix(G, dimension, rows)
    terms = headers[1:]
    values = [row[1:] for row in table]
    vocab = g.vocabulary(G)
    fig, ax = plt.subplots(figsize=(1.2 + 0.45 * len(terms), 1.6 + 0.32 * len(table)))
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=max(3, max((max(v) for v in values), default=0)),
                      aspect="auto", interpolation="none")  # the cells themselves, not resampled: less memory
    ax.set_xticks(range(len(terms)), [_shown(vocab.label(dimension, t, lang)) for t in terms], rotation=45, ha="right",
                  parse_math=False)
    ax.set_yticks(range(len(table)), [_area_name(row[0]) for row in table], parse_math=False)
    assumed = {(r.area, r.item) for r in rows if r.assumed}
    from matplotlib.patches import Rectangle

    for i, row in enumerate(values):
        for j, count in enumerate(row):
            marked = (table[i][0], terms[j]) in assumed
            cell = ax.text(j, i, (f"{count}*" if marked else str(count)) if count else "–", ha="center",
                           va="center", fontsize=7, color="white" if count >= 2 else "#333")
            cell.set_gid(f"cell-{table[i][0]}-{terms[j]}")
            if marked:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch=HATCH, edgecolor="#7f97b8",
                                       linewidth=0, gid=f"assumed-{table[i][0]}-{terms[j]}"))
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(image, ax=ax, label=text["bodies"], shrink=0.8, ticks=MaxNLocator(integer=True))  # whole counts
    ax.set_title(text["heatmap"].format(what=text[dimension].lower()), loc="left", fontsize=11)
    if assumed:
        ax.annotate(text["assumed_cell"], (0, 0), xycoords="figure fraction", xytext=(4, 4),
                    textcoords="offset points", fontsize=7, color="#333")
    _save(fig, path)
    plt.close(fig)


def coverage_chart(ws, dimension: str, path: Path, by: str = "kommune", areas: list[str] | None = None,
                   as_of: dt.date | None = None, lang: str = "da", G=None) -> None:
    """Draw the chart for ``dimension``: a timeline for ages, a heatmap for groups and crimes. ``G`` is the
    graph of ``ws`` on ``as_of`` when the caller has built it already (the report draws three charts of one)."""
    check_chart_path(path)
    G = build_graph(ws, as_of=as_of) if G is None else G
    scope_areas = scope.workspace_kommuner(G, ws)
    wanted = [resolve_area(a) for a in areas] if areas else None
    rows = cov.coverage(G, dimension, by, wanted, scope_areas)
    if not rows:
        raise UsageError("there is nothing to draw: no areas in scope and no bodies with coverage")
    with paused_gc():
        if dimension == "ages":
            timeline(G, list(dict.fromkeys(r.area for r in rows)), scope_areas, path, lang)
        else:
            heatmap(G, dimension, rows, path, lang)
        gc.collect(0)  # a figure is a web of references: free it now, while all of it is in the youngest generation


__all__ = ["check_chart_path", "coverage_chart", "heatmap", "timeline", "format_age_range"]
