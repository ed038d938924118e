"""Views of the graph as pictures: org charts, body and goal views, focus views and coverage charts.

:mod:`.views` turns the graph into a :class:`~orgmodel.diagram.views.Diagram`
of boxes, links and rows (no drawing); :mod:`.dot` and :mod:`.mermaid` write
it as DOT (laid out by Graphviz's ``dot``) or Mermaid; :mod:`.render` picks the
view and the format; :mod:`.charts` draws coverage charts with matplotlib.
"""

from . import charts, dot, render, views
from .charts import check_chart_path, coverage_chart
from .render import check_view_options, draw, output_format
from .views import Style

__all__ = [
    "charts",
    "dot",
    "render",
    "views",
    "Style",
    "check_chart_path",
    "check_view_options",
    "coverage_chart",
    "draw",
    "output_format",
]
