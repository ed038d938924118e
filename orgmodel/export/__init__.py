"""TODO export."""

from .formats import LABELS, entity_fields, export, node_attributes

__all__ = [
    "LABELS",
    "entity_fields",
    "export",
    "node_attributes",
]
