"""Neo4j: push a workspace to a shared database, pull it back, and ask the coverage questions in Cypher.

:mod:`.planner` computes what to write as pure data (no driver, golden-tested);
:mod:`.sync` talks to the server (the driver is imported lazily); :mod:`.gaps`
runs the coverage queries as Cypher with results equal to :mod:`orgmodel.queries`.
"""

from .gaps import coverage, forum_types, vocabulary
from .planner import plan, workspace_id
from .sync import Connection, plan_each, pull, push, push_each, query, workspaces

__all__ = [
    "Connection",
    "coverage",
    "forum_types",
    "plan",
    "plan_each",
    "pull",
    "push",
    "push_each",
    "query",
    "vocabulary",
    "workspace_id",
    "workspaces",
]
