"""Workspace files in and out: find and read the YAML, validate it into records, remember lines.

:mod:`.loader` reads a folder into a :class:`Workspace` (records with file and
line, and the problems of shape found); :mod:`.yamlfile` parses YAML safely;
:mod:`.messages` turns pydantic errors into findings; :mod:`.lines` finds the
line of any key; :mod:`.cache` keeps loaded workspaces; :mod:`.revisions`
loads a git revision; :mod:`.writer`, :mod:`.yamledit` and :mod:`.scaffold`
write workspaces (``pull``, ``import``, ``init``). :mod:`.folders` finds a
workspace's files and :mod:`.stamp` keys the caches by their contents; both
are free of pydantic.

Each name is imported when first used, so a check whose result is stored
(:mod:`orgmodel.check.cache`) does not pay for pydantic and the models.

>>> from orgmodel.workspace import load_workspace
>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> ws.records["ssp-silkeborg"].kind
'forum'
"""


from orgmodel.lazy import lazy_exports

TYPE_CHECKING = False  # not typing's: a stored check is given without importing typing
if TYPE_CHECKING:  # the same names as below, for the type checker
    from .cache import open_workspace
    from .folders import input_files, workspace_folders
    from .loader import Record, Workspace, load_workspace
    from .national import merge_workspaces, open_workspaces, workspace_id
    from .revisions import Revision, last_revision, open_version
    from .scaffold import init_workspace
    from .stamp import (
        cache_folder,
        code_stamp,
        content_stamp,
        file_bytes,
        file_digests,
        library_stamp,
        read_entry,
        write_entries,
        write_entry,
    )
    from .unchanged import FREE_TEXT_KEYS, LABEL_KEYS, label_edits, says_the_same
    from .writer import workspace_files, write_workspace
    from .yamledit import edit_text, layout

_EXPORTS = {
    "Record": "loader", "Workspace": "loader", "load_workspace": "loader",
    "cache_folder": "stamp", "code_stamp": "stamp", "content_stamp": "stamp", "read_entry": "stamp",
    "library_stamp": "stamp", "file_bytes": "stamp", "file_digests": "stamp", "write_entries": "stamp",
    "write_entry": "stamp",
    "FREE_TEXT_KEYS": "unchanged", "LABEL_KEYS": "unchanged", "label_edits": "unchanged",
    "says_the_same": "unchanged",
    "open_workspace": "cache",
    "input_files": "folders", "workspace_folders": "folders",
    "merge_workspaces": "national", "open_workspaces": "national", "workspace_id": "national",
    "Revision": "revisions", "last_revision": "revisions", "open_version": "revisions",
    "init_workspace": "scaffold",
    "workspace_files": "writer", "write_workspace": "writer",
    "edit_text": "yamledit", "layout": "yamledit",
}
__all__ = [
    "FREE_TEXT_KEYS",
    "LABEL_KEYS",
    "Record",
    "Revision",
    "Workspace",
    "cache_folder",
    "code_stamp",
    "content_stamp",
    "edit_text",
    "file_bytes",
    "file_digests",
    "init_workspace",
    "input_files",
    "label_edits",
    "last_revision",
    "layout",
    "library_stamp",
    "load_workspace",
    "merge_workspaces",
    "open_version",
    "open_workspace",
    "open_workspaces",
    "read_entry",
    "says_the_same",
    "workspace_files",
    "workspace_folders",
    "write_entries",
    "write_entry",
    "workspace_id",
    "write_workspace",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
