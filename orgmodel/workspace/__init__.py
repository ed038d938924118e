"""Workspace files in and out: find and read the YAML, validate it into records, remember lines.

:mod:`.loader` reads a folder into a :class:`Workspace` (records with file and
line, and the problems of shape found); :mod:`.yamlfile` parses YAML safely;
:mod:`.messages` turns pydantic errors into findings; :mod:`.lines` finds the
line of any key; :mod:`.cache` keeps loaded workspaces; :mod:`.revisions`
loads a git revision; :mod:`.writer`, :mod:`.yamledit` and :mod:`.scaffold`
write workspaces (``pull``, ``import``, ``init``).

>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> ws.records["ssp-silkeborg"].kind
'forum'
"""

from .cache import cache_folder, code_stamp, content_stamp, open_workspace, read_entry, write_entry
from .loader import Record, Workspace, load_workspace
from .national import merge_workspaces, open_workspaces, workspace_folders
from .revisions import open_version
from .scaffold import init_workspace
from .writer import workspace_files, write_workspace
from .yamledit import edit_text, layout

__all__ = [
    "Record",
    "Workspace",
    "cache_folder",
    "code_stamp",
    "content_stamp",
    "edit_text",
    "init_workspace",
    "layout",
    "load_workspace",
    "merge_workspaces",
    "open_version",
    "open_workspace",
    "open_workspaces",
    "read_entry",
    "workspace_files",
    "workspace_folders",
    "write_entry",
    "write_workspace",
]
