"""Files for other tools: GraphML, GEXF, JSON, a Cypher script, CSV and the xlsx workbook (``orgmodel export``).

Every export carries the same nodes and edges as the workspace graph, with
plain attribute values; :mod:`.cypher` holds Cypher's labels, relationship
types and literals for this script and for the Neo4j push alike.
"""

from .cypher import LABELS, rel_type, unique_id
from .formats import (
    FORMATS,
    STREAM_FORMATS,
    check_stream_format,
    entity_fields,
    export,
    export_graph,
    export_text,
    node_attributes,
    output_format,
    used_nodes,
)

__all__ = [
    "FORMATS",
    "LABELS",
    "STREAM_FORMATS",
    "check_stream_format",
    "entity_fields",
    "export",
    "export_graph",
    "export_text",
    "node_attributes",
    "output_format",
    "rel_type",
    "unique_id",
    "used_nodes",
]
