"""The workspace format as types: the entry models and their field meanings, the vocabulary, areas, ages.

The lowest stage: it knows no files and no graph. :mod:`.schema` holds the
pydantic models of every section and of ``orgmodel.yaml``; :mod:`.fields` what
the fields mean (references, vocabulary terms, seats, personal data);
:mod:`.vocabulary` the terms with Danish and English labels; :mod:`.areas` the
12 politikredse and 98 kommuner; :mod:`.ages` age ranges; :mod:`.findings` the
finding every stage reports problems as; :mod:`.json_schema` the published
JSON Schemas.

Each name is imported when first used, so a check whose result is stored or only relabelled
(:mod:`orgmodel.check.relabel`) reads its findings without importing pydantic and the models.

>>> from orgmodel.model import AREAS, parse_age_range
>>> AREAS["silkeborg"].kreds, parse_age_range("6-17")
('kreds-midt-og-vestjylland', (6, 17))
"""

from orgmodel.lazy import lazy_exports

TYPE_CHECKING = False  # not typing's: a stored check is given without importing typing
if TYPE_CHECKING:  # the same names as below, for the type checker
    from . import schema
    from .ages import format_age_range, parse_age_range
    from .areas import AREAS, area_suggestion, kommuner_of, lookup_area, resolve_area
    from .assumed import AssumedCoverage, assumed_coverage, type_defaults
    from .fields import (
        BODY_KINDS,
        HIERARCHY_KEYS,
        ILLUSTRATIVE_TAG,
        MEMBER_KINDS,
        PERSONAL_FIELDS,
        REFERENCES,
        SEAT_FIELDS,
        SEAT_KEYS,
        TERM_FIELDS,
        Reference,
        written_fields,
    )
    from .findings import SEVERITIES, Finding
    from .ids import ID_PATTERN, slugify
    from .json_schema import SCHEMA_FILES, schema_text
    from .schema import (
        KIND_OF_SECTION,
        SECTIONS,
        WEB_ADDRESS,
        Entity,
        Ignore,
        Manifest,
        ManifestFile,
        Scope,
        Seat,
        Text,
        compact_fields,
        compact_values,
        label_text,
        seat_id,
        shared_fields_set,
    )
    from .sources import Source, cite, cited_sources, require_sources, source_ids, source_register, unknown_sources
    from .vocabulary import SECTION_NAMES, Terms, builtin_vocabulary
    from .words import count_text, fill_counts, ui_words, with_article

_EXPORTS = {
    "schema": "schema", "KIND_OF_SECTION": "schema", "SECTIONS": "schema", "WEB_ADDRESS": "schema",
    "Entity": "schema", "Ignore": "schema", "Manifest": "schema", "ManifestFile": "schema", "Scope": "schema",
    "Seat": "schema", "Text": "schema", "compact_fields": "schema", "compact_values": "schema",
    "label_text": "schema", "seat_id": "schema", "shared_fields_set": "schema",
    "format_age_range": "ages", "parse_age_range": "ages",
    "AREAS": "areas", "area_suggestion": "areas", "kommuner_of": "areas", "lookup_area": "areas",
    "resolve_area": "areas",
    "AssumedCoverage": "assumed", "assumed_coverage": "assumed", "type_defaults": "assumed",
    "BODY_KINDS": "fields", "HIERARCHY_KEYS": "fields", "ILLUSTRATIVE_TAG": "fields", "MEMBER_KINDS": "fields",
    "PERSONAL_FIELDS": "fields", "REFERENCES": "fields", "SEAT_FIELDS": "fields", "SEAT_KEYS": "fields",
    "TERM_FIELDS": "fields", "Reference": "fields", "written_fields": "fields",
    "SEVERITIES": "findings", "Finding": "findings",
    "ID_PATTERN": "ids", "slugify": "ids",
    "SCHEMA_FILES": "json_schema", "schema_text": "json_schema",
    "Source": "sources", "cite": "sources", "cited_sources": "sources", "require_sources": "sources",
    "source_ids": "sources", "source_register": "sources", "unknown_sources": "sources",
    "SECTION_NAMES": "vocabulary", "Terms": "vocabulary", "builtin_vocabulary": "vocabulary",
    "count_text": "words", "fill_counts": "words", "ui_words": "words", "with_article": "words",
}
__all__ = [
    "slugify",
    "Source",
    "cite",
    "cited_sources",
    "require_sources",
    "source_ids",
    "source_register",
    "unknown_sources",
    "schema",
    "label_text",
    "BODY_KINDS",
    "HIERARCHY_KEYS",
    "ILLUSTRATIVE_TAG",
    "MEMBER_KINDS",
    "REFERENCES",
    "SEAT_FIELDS",
    "Seat",
    "seat_id",
    "SEAT_KEYS",
    "TERM_FIELDS",
    "Reference",
    "written_fields",
    "AREAS",
    "AssumedCoverage",
    "assumed_coverage",
    "type_defaults",
    "Entity",
    "Finding",
    "ID_PATTERN",
    "Ignore",
    "KIND_OF_SECTION",
    "Manifest",
    "ManifestFile",
    "Scope",
    "PERSONAL_FIELDS",
    "SCHEMA_FILES",
    "SECTIONS",
    "SECTION_NAMES",
    "SEVERITIES",
    "Terms",
    "WEB_ADDRESS",
    "Text",
    "area_suggestion",
    "builtin_vocabulary",
    "count_text",
    "fill_counts",
    "format_age_range",
    "kommuner_of",
    "lookup_area",
    "parse_age_range",
    "resolve_area",
    "schema_text",
    "compact_fields",
    "compact_values",
    "shared_fields_set",
    "ui_words",
    "with_article",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
