"""TODO model."""

from .ages import format_age_range, parse_age_range
from .areas import AREAS, area_suggestion, kommuner_of, lookup_area, resolve_area
from .findings import SEVERITIES, Finding
from .json_schema import SCHEMA_FILES, schema_text
from .schema import (
    ID_PATTERN,
    KIND_OF_SECTION,
    PERSONAL_FIELDS,
    SECTIONS,
    Ignore,
    Manifest,
    ManifestFile,
    Text,
    shared_fields_set,
)
from .vocabulary import SECTION_NAMES, Terms, builtin_vocabulary

__all__ = [
    "AREAS",
    "Finding",
    "ID_PATTERN",
    "Ignore",
    "KIND_OF_SECTION",
    "Manifest",
    "ManifestFile",
    "PERSONAL_FIELDS",
    "SCHEMA_FILES",
    "SECTIONS",
    "SECTION_NAMES",
    "SEVERITIES",
    "Terms",
    "Text",
    "area_suggestion",
    "builtin_vocabulary",
    "format_age_range",
    "kommuner_of",
    "lookup_area",
    "parse_age_range",
    "resolve_area",
    "schema_text",
    "shared_fields_set",
]
