"""Rows for the reference listings: ``orgmodel areas`` and ``orgmodel vocabulary``."""

from pathlib import Path

from orgmodel.errors import UsageError
from orgmodel.model import AREAS, SECTION_NAMES, builtin_vocabulary, resolve_area


def list_areas(kind: str | None = None, kreds: str | None = None) -> tuple[list[str], list[list]]:
    """Headers and rows of the built-in areas, politikredse first, then kommuner by id.

    >>> headers, rows = list_areas(kreds="Bornholm")
    >>> rows
    [['bornholm', 'kommune', 'Bornholm', '400', 'kreds-bornholm']]
    >>> [row[0] for row in list_areas(kind="politikreds", kreds="Fyn")[1]]  # a politikreds lies in itself
    ['kreds-fyn']
    """
    kreds_id = resolve_area(kreds, "politikreds") if kreds else None
    if kreds_id and AREAS[kreds_id].kind != "politikreds":
        raise UsageError(f"'{kreds}' is a kommune; --kreds takes a politikreds")
    rows = [[a.id, a.kind, a.police if a.kind == "politikreds" else a.name, a.code, a.kreds]
            for a in sorted(AREAS.values(), key=lambda a: (a.kind != "politikreds", a.id))
            if (kind is None or a.kind == kind)
            and (kreds_id is None or a.kreds == kreds_id or (kind == "politikreds" and a.id == kreds_id))]
    return ["id", "kind", "name", "code", "politikreds"], rows


def vocabulary_table(section: str | None, workspace: Path | None = None) -> tuple[list[str], list[list]]:
    """Headers and rows of one vocabulary section (or of the list of sections)."""
    if workspace is not None:
        from orgmodel.workspace import load_workspace

        vocab = load_workspace(workspace).vocabulary
    else:
        vocab = builtin_vocabulary()
    if section is None:
        return ["section", "terms", "what"], [[s, len(vocab[s]), name] for s, name in SECTION_NAMES.items()]
    if section not in SECTION_NAMES:
        from orgmodel.didyoumean import suggest

        raise UsageError(f"unknown vocabulary section '{section}'.{suggest(section, SECTION_NAMES)} "
                           f"Sections: {', '.join(SECTION_NAMES)}")
    headers = ["term", "da", "en"]
    # Columns are named as the keys a workspace writes under 'vocabulary: SECTION: TERM:' in orgmodel.yaml.
    extra = {"categories": ["parent", "alias_of", "sector", "authority_115"], "role_types": ["parent"],
             "forum_types": ["level", "ages", "groups", "expected", "partners.required", "partners.recommended"],
             "council_types": ["level", "area_kind", "partners.required"]}.get(section, [])
    rows = []
    for term_id, term in vocab[section].items():
        row = [term_id, term.da, term.en]
        for name in extra:
            if name.startswith("partners."):
                reqs = getattr(term.partners, name.split(".")[1], []) if term.partners else []
                row.append(", ".join(r if isinstance(r, str) else "|".join(r) for r in reqs))
            elif name == "expected":
                row.append("true" if term.expected else "")
            elif name == "sector":  # as the rules read it: its own, else the nearest category's above it
                row.append(vocab.sector_of(term_id) or "")
            elif name == "authority_115":
                row.append("true" if vocab.is_115_authority(vocab.category_ancestors(term_id)) else "false")
            else:
                value = getattr(term, name)
                row.append(", ".join(value) if isinstance(value, list) else value or "")
        rows.append(row)
    return headers + extra, rows
