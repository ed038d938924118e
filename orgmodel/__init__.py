"""orgmodel: Denmark's local crime-prevention cooperation as a graph.

>>> import orgmodel
>>> ws = orgmodel.load_workspace("examples/midt-og-vestjylland")
>>> G = orgmodel.build_graph(ws)
>>> G.nodes["kredsraad-mvj"]["kind"]
'council'
"""

__version__ = "0.1.0"

from .check import CheckResult, check  # noqa: E402
from .errors import InvalidWorkspace, OrgmodelError, UnreadableInput, UsageProblem  # noqa: E402
from .graph import build_graph  # noqa: E402
from .workspace import Workspace, load_workspace  # noqa: E402

__all__ = ["CheckResult", "InvalidWorkspace", "OrgmodelError", "UnreadableInput", "UsageProblem",
           "Workspace", "build_graph", "check", "load_workspace"]
