"""Write a workspace folder from entries as JSON: what `orgmodel neo4j pull` writes.

The manifest goes to ``orgmodel.yaml``, each section to its own file. The
folder is written whole or not at all (see :func:`orgmodel.files.atomic_dir`).

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "copy"
>>> files = workspace_files({"name": "X"}, [("Role", '{"id": "a", "title": "Æ"}')])
>>> [p.name for p in write_workspace(target, files, "a test")]
['orgmodel.yaml', 'roles.yaml']
>>> print((target / "roles.yaml").read_text(encoding="utf-8"), end="")
# Written by a test.
roles:
- id: a
  title: Æ
"""

import json
from pathlib import Path

import yaml

from orgmodel.files import atomic_dir

from .yamlfile import QuotingDumper

SECTION_OF_LABEL = {"Organisation": "organisations", "Role": "roles", "Council": "councils", "Forum": "forums",
                    "Goal": "goals", "Document": "documents", "Policy": "policies"}
"""The workspace section of each Neo4j node label that holds entries."""


def workspace_files(manifest: dict | str, entries) -> dict[str, dict]:
    """File name → content: the manifest, then one file per section in name order.

    ``entries`` are (label, entry) pairs, the entry as a dict or JSON text;
    labels that are not sections (areas, terms) are skipped.
    """
    sections: dict[str, list] = {}
    for label, entry in entries:
        if label in SECTION_OF_LABEL:
            sections.setdefault(SECTION_OF_LABEL[label], []).append(
                json.loads(entry) if isinstance(entry, str) else entry)
    files = {"orgmodel.yaml": json.loads(manifest) if isinstance(manifest, str) else manifest}
    files.update({f"{section}.yaml": {section: items} for section, items in sorted(sections.items())})
    return files


def write_workspace(target: Path, files: dict[str, dict], origin: str) -> list[Path]:
    """Write ``files`` as YAML into the new folder ``target``; ``origin`` goes into each file's header."""
    with atomic_dir(target, replace=False) as staging:
        for name, data in files.items():
            header = f"# Written by {origin}.\n"
            text = yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False)
            (staging / name).write_text(header + text, encoding="utf-8")
    return [Path(target) / name for name in files]
