"""`orgmodel diagram`: pick a view, draw it in a format.

>>> from orgmodel.workspace import load_workspace
>>> text, warnings = draw(load_workspace("examples/midt-og-vestjylland"), "goals", "mermaid")
>>> text.splitlines()[0]
'flowchart TB'
"""

import datetime as dt
from pathlib import Path

from orgmodel.errors import UsageError
from orgmodel.files import format_of_output
from orgmodel.graph import build_graph, overlay
from orgmodel.model import resolve_area
from orgmodel.workspace import Workspace

from . import dot, mermaid, views

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
SUFFIXES = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot", "mmd": "mermaid"}
"""The suffixes of ``-o`` and the format each one means."""


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` when given, else the one the suffix of ``output`` names, else svg
    (:func:`orgmodel.files.format_of_output`).

    >>> output_format(Path("a.mmd"), None), output_format(None, None), output_format(Path("a.txt"), "dot")
    ('mermaid', 'svg', 'dot')
    """
    return format_of_output(output, fmt, SUFFIXES, FORMATS, "svg")


def check_view_options(view: str, kommune: str | None = None, depth: int | None = None) -> None:
    """Refuse ``--kommune`` and ``--depth`` for a view that does not use them (only the structure view does)."""
    name = views.parse_view(view)[0]
    if name == "structure":
        return
    given = [option for option, value in (("--kommune", kommune), ("--depth", depth)) if value is not None]
    if given:
        extra = " (write the depth in the view: focus:ID:DEPTH)" if name == "focus" and depth is not None else ""
        raise UsageError(f"{' and '.join(given)} {'apply' if len(given) > 1 else 'applies'} to the structure view "
                         f"only, not to '{view}'{extra}; leave {'them' if len(given) > 1 else 'it'} out, or draw "
                         "the structure view (leave out --view)")


def make_view(G, view: str, kommune: str | None = None, depth: int | None = None,
              style: views.Style = views.DEFAULT_STYLE) -> views.Diagram:
    """The :class:`~orgmodel.diagram.views.Diagram` of a view name such as ``structure`` or ``focus:ssp:2``."""
    name, entity, view_depth = views.parse_view(view)
    check_view_options(view, kommune, depth)
    if name == "structure":
        return views.structure(G, resolve_area(kommune, "kommune") if kommune else None, depth, style)
    if name == "body":
        assert entity is not None  # parse_view gives body:ID an id
        return views.body_view(G, entity, style)
    if name == "goals":
        return views.goals_view(G, style)
    if name == "focus":
        assert entity is not None and view_depth is not None  # parse_view gives focus:ID[:DEPTH] both
        return views.focus_view(G, entity, view_depth, style)
    if name == "map":
        raise UsageError("the map view is a picture drawn by orgmodel.diagram.kommune_map: give -o FILE with .svg, "
                         ".png or .pdf")
    raise UsageError("the coverage view is a chart: use --format svg, png or pdf with -o FILE")


def fitting_view(G, view: str, kommune: str | None = None,
                 style: views.Style = views.DEFAULT_STYLE) -> tuple[views.Diagram | None, int | None]:
    """A view with as many levels as :data:`~orgmodel.diagram.dot.MAX_BOXES` allows, and the depth it stops at.

    The depth is ``None`` when the whole view fits. A structure view loses levels
    from the bottom until it fits; a view that does not fit even then, or any
    other view that is too large, gives ``None`` for the diagram.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> G = build_graph(load_workspace("examples/midt-og-vestjylland"))
    >>> diagram, depth = fitting_view(G, "structure")
    >>> len(diagram.boxes) <= dot.MAX_BOXES, depth
    (True, None)
    """
    depths: tuple[int | None, ...] = (None, 3, 2, 1) if kommune else (None, 2, 1)
    if views.parse_view(view)[0] != "structure":
        depths = (None,)
    for depth in depths:
        diagram = make_view(G, view, kommune, depth, style)
        if len(diagram.boxes) <= dot.MAX_BOXES:
            return diagram, depth
    return None, None


def draw(ws: Workspace, view: str = "structure", fmt: str = "svg", kommune: str | None = None,
         depth: int | None = None, style: views.Style = views.DEFAULT_STYLE, as_of: dt.date | None = None,
         timeout: float = 60, compare: Workspace | None = None,
         compared_with: str = "") -> tuple[bytes | str, list[str]]:
    """Draw a view: DOT or Mermaid text, or SVG/PNG/PDF bytes from Graphviz; plus warnings.

    With ``compare`` (an older version of the workspace, named ``compared_with``),
    the structure view shows what was added since in green and what was
    removed in red (see :func:`orgmodel.graph.overlay`).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    check_view_options(view, kommune, depth)
    G = build_graph(ws, as_of=as_of)
    if compare is not None:
        if views.parse_view(view)[0] != "structure":
            raise UsageError(f"--compare draws the structure view, not '{view}'; leave out --view "
                               "(or write --view structure), optionally with --kommune ID")
        G = overlay(build_graph(compare, as_of=as_of), G, compared_with or "?")
    diagram = make_view(G, view, kommune, depth, style)
    warnings = [diagram.omitted.warning()] if diagram.omitted else []
    if fmt == "dot":
        return dot.to_dot(diagram), warnings
    if fmt == "mermaid":
        text = mermaid.to_mermaid(diagram)
        return text, warnings + mermaid.limits_exceeded(text, diagram)
    return dot.render(diagram, fmt, timeout), warnings
