"""The JSON Schema of workspace files, generated from :mod:`orgmodel.model.schema`.

``schema/`` in the repository holds the same text, kept in sync by a test.

>>> '"organisations"' in schema_text("workspace")
True
"""

import json

from .schema import ManifestFile, WorkspaceFile

SCHEMA_FILES = {"workspace": "workspace.schema.json", "manifest": "orgmodel.schema.json"}
_TITLES = {
    "workspace": "orgmodel workspace file (organisations, roles, councils, forums, goals)",
    "manifest": "orgmodel workspace manifest (orgmodel.yaml)",
}


def schema_text(which: str) -> str:
    """The JSON Schema text for ``workspace`` files or the ``manifest``."""
    model = ManifestFile if which == "manifest" else WorkspaceFile
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": _TITLES[which], **{
        k: v for k, v in schema.items() if k != "title"}}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
