"""The questions analysts and planners ask of the graph: gaps, partners, show, who, path and stats.

:mod:`.coverage` (ages, person groups, crime types per area), :mod:`.partners`
(required and recommended partner categories), :mod:`.lookup` (show, who,
path), :mod:`.stats` (brokers and key persons), :mod:`.followup` (the follow-up of goals:
status and indicators) and :mod:`.scope` return typed rows; :mod:`.tables` turns each answer
into a :class:`Table` for the CLI.

>>> from orgmodel.workspace import load_workspace
>>> gaps_coverage(load_workspace("examples/midt-og-vestjylland"), "groups", areas=["herning"]).rows[0][:2]
['herning', 'aeldre']
"""

from . import coverage, followup, lookup, partners, scope
from .followup import goal_status, period_years
from .listings import list_areas, vocabulary_table
from .lookup import display_name, require_node
from .partners import body_requirements, member_categories
from .scope import asked_areas, kommuner_asked, scope_kommuner, scope_problems, workspace_kommuner
from .tables import (
    Table,
    broker_stats,
    coverage_table,
    gaps_coverage,
    gaps_partners,
    gaps_policies,
    path_between,
    show_entity,
    who_sits,
)

__all__ = [
    "asked_areas",
    "kommuner_asked",
    "member_categories",
    "coverage",
    "followup",
    "lookup",
    "partners",
    "scope",
    "Table",
    "body_requirements",
    "broker_stats",
    "coverage_table",
    "display_name",
    "gaps_coverage",
    "gaps_partners",
    "goal_status",
    "gaps_policies",
    "list_areas",
    "path_between",
    "period_years",
    "require_node",
    "scope_kommuner",
    "scope_problems",
    "show_entity",
    "vocabulary_table",
    "who_sits",
    "workspace_kommuner",
]
