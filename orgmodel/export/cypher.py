"""Cypher's words for the graph, in one place: labels, relationship types, constraints, literal values.

Both Cypher writers use it: the script of ``orgmodel export --format cypher``
(literal values, for Neo4j Browser and cypher-shell) and the parameterised
plan of ``orgmodel neo4j push`` (values only as parameters). Labels and
relationship types come only from :data:`LABELS` and the graph's edge keys,
checked by :func:`rel_type`, so no name from a workspace ever becomes Cypher
syntax.

>>> print(literal("O'Brien\\n"), rel_type("reports_to"))
'O\\'Brien\\u000a' REPORTS_TO
"""

import re

LABELS = {"organisation": "Organisation", "role": "Role", "council": "Council", "forum": "Forum", "goal": "Goal",
          "document": "Document", "policy": "Policy",
          "area": "Area", "group": "PersonGroup", "crime": "CrimeType"}
"""Neo4j labels per node kind (only these are ever written as labels)."""

_TYPE = re.compile(r"^[A-Z][A-Z_]*$")
_CONTROL = re.compile(r"[\x00-\x1f\u2028\u2029]")


def rel_type(key: str) -> str:
    """The relationship type of an edge key (``reports_to`` → ``REPORTS_TO``), checked."""
    name = key.upper()
    if not _TYPE.match(name):
        raise ValueError(f"not a relationship type: {key!r}")
    return name


def unique_id(label: str, name: str | None = None) -> str:
    """The statement that makes ``id`` unique for ``label`` (named, when ``name`` is given)."""
    named = f" {name}" if name else ""
    return f"CREATE CONSTRAINT{named} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def literal(value) -> str:
    """A Cypher literal: booleans and numbers as they are, anything else as an escaped string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return "'" + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "'"


def literal_map(attrs: dict) -> str:
    """A Cypher map literal with quoted keys, sorted by key."""
    return "{" + ", ".join(f"`{k}`: {literal(v)}" for k, v in sorted(attrs.items())) + "}"
