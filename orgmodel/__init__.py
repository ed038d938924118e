"""orgmodel: Denmark's local crime-prevention cooperation as a graph.

>>> import orgmodel
>>> ws = orgmodel.load_workspace("examples/midt-og-vestjylland")
>>> G = orgmodel.build_graph(ws)
>>> G.nodes["kredsraad-mvj"]["kind"]
'council'
"""

import importlib

__version__ = "0.1.0"

# No ``check`` here: ``orgmodel.check`` is the package (``from orgmodel.check import check``); a
# function of the same name would be replaced by the package the moment anything imports it.
_EXPORTS = {
    "CheckResult": "check",
    "InvalidWorkspaceError": "errors", "OrgmodelError": "errors", "UnreadableInputError": "errors",
    "UsageError": "errors",
    "build_graph": "graph",
    "Workspace": "workspace", "load_workspace": "workspace",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    # Imported on first use, so `orgmodel --help` does not pay for pydantic and networkx.
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'orgmodel' has no attribute {name!r}")
