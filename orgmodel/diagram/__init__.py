"""Views of the graph as pictures: org charts, body and goal views, focus views and coverage charts.

:mod:`.views` turns the graph into a :class:`~orgmodel.diagram.views.Diagram`
of boxes, links and rows (no drawing); :mod:`.dot` and :mod:`.mermaid` write
it as DOT (laid out by Graphviz's ``dot``) or Mermaid; :mod:`.render` picks the
view and the format; :mod:`.charts` draws coverage charts and :mod:`.map` the map of Denmark
with matplotlib.
"""

from . import charts, dot, map, render, views
from .charts import check_chart_path, coverage_chart
from .map import MEASURES, MapData, check_map_path, check_measure, draw_map, kommune_map, map_data, workspace_map_data
from .render import check_view_options, draw, output_format
from .views import Style

__all__ = [
    "charts",
    "dot",
    "map",
    "render",
    "views",
    "MEASURES",
    "MapData",
    "Style",
    "check_chart_path",
    "check_map_path",
    "check_measure",
    "check_view_options",
    "coverage_chart",
    "draw",
    "draw_map",
    "kommune_map",
    "map_data",
    "output_format",
    "workspace_map_data",
]
