"""TODO diagram."""

from .charts import coverage_chart
from .render import draw
from .views import Style

__all__ = [
    "Style",
    "coverage_chart",
    "draw",
]
