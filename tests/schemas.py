"""Validate outputs against the official schemas of their formats (copies in tests/fixtures/schemas/).

>>> validate_xml("graphml", b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'/>")
"""

import functools
import json
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
XSD = {"graphml": "graphml/graphml.xsd", "gexf": "gexf12/gexf.xsd", "junit": "jenkins-junit-10.xsd"}


@functools.cache
def _xml_schema(name: str):
    import xmlschema

    return xmlschema.XMLSchema(SCHEMAS / XSD[name])


def validate_xml(name: str, document: bytes | str | Path) -> None:
    """Raise with every problem when ``document`` (XML text or a file) breaks the ``name`` schema."""
    source = str(document) if isinstance(document, Path) else document
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    errors = [str(e).split("\n\n")[0] + ": " + (e.reason or "") for e in _xml_schema(name).iter_errors(source)]
    assert not errors, f"not valid {name}:\n" + "\n".join(errors[:5])


@functools.cache
def _sarif_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    # Every format jsonschema knows: the schema says draft 4 but uses draft 6's uri-reference. Without
    # rfc3986-validator (a test dependency) jsonschema would pass every URI unchecked.
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install rfc3986-validator to check URIs"
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def validate_sarif(data: dict) -> None:
    """Raise with every problem when ``data`` breaks the SARIF 2.1.0 schema, URI formats included."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _sarif_validator().iter_errors(data)]
    assert not errors, "not valid SARIF 2.1.0:\n" + "\n".join(errors[:5])
