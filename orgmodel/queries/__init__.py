"""TODO queries."""

from .listings import list_areas, vocabulary_table
from .lookup import SEATS, display_name, label_text, require_node
from .partners import body_requirements
from .scope import scope_kommuner
from .tables import (
    Table,
    broker_stats,
    coverage_table,
    gaps_coverage,
    gaps_partners,
    path_between,
    show_entity,
    who_sits,
)

__all__ = [
    "SEATS",
    "Table",
    "body_requirements",
    "broker_stats",
    "coverage_table",
    "display_name",
    "gaps_coverage",
    "gaps_partners",
    "label_text",
    "list_areas",
    "path_between",
    "require_node",
    "scope_kommuner",
    "show_entity",
    "vocabulary_table",
    "who_sits",
]
