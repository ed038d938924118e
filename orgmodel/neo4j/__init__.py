"""TODO neo4j."""

from .gaps import coverage
from .planner import plan
from .sync import Connection, pull, push, query

__all__ = [
    "Connection",
    "coverage",
    "plan",
    "pull",
    "push",
    "query",
]
