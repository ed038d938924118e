"""TODO workspace."""

from .cache import code_stamp, open_workspace
from .loader import Record, Workspace, load_workspace, slugify
from .revisions import open_version
from .scaffold import init_workspace
from .writer import workspace_files, write_workspace
from .yamledit import EditProblem, edit_text, layout

__all__ = [
    "EditProblem",
    "Record",
    "Workspace",
    "code_stamp",
    "edit_text",
    "init_workspace",
    "layout",
    "load_workspace",
    "open_version",
    "open_workspace",
    "slugify",
    "workspace_files",
    "write_workspace",
]
