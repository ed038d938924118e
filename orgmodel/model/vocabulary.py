"""The vocabulary: body types, levels, role types, organisation categories,
person groups and crime types, each labelled in Danish and English.

>>> vocab = builtin_vocabulary()
>>> vocab.label("forum_types", "ssp-plus", "en")
'SSP+ (ages 18-25)'
>>> vocab.category_ancestors("skole")
('skole', 'skoleforvaltning', 'kommune')

A term may be an alias (``alias_of``): an outdated or ambiguous name that is
read as its current term wherever the vocabulary is read.

>>> vocab.canonical("categories", "uu-vejledning")
'kommunal-ungeindsats'
>>> vocab.category_ancestors("uu-vejledning")
('kommunal-ungeindsats', 'kommune')
>>> vocab.is_a("role_types", "overborgmester", "borgmester")
True
"""

from functools import cache
from importlib import resources

import yaml

from .ages import parse_age_range
from .schema import Term, Vocabulary
from .sources import require_sources

SECTION_NAMES = {
    "levels": "level",
    "goal_levels": "goal level",
    "council_types": "council type",
    "forum_types": "forum type",
    "role_types": "role type",
    "categories": "organisation category",
    "groups": "person group",
    "crimes": "crime type",
    "ssp_levels": "SSP level",
    "document_types": "document type",
    "goal_statuses": "goal status",
    "policy_types": "policy type",
}
"""Vocabulary sections and how a message names one of their terms."""


class Terms:
    """The merged vocabulary of a workspace (built-in terms plus its own)."""

    def __init__(self, sections: dict[str, dict[str, Term]]):
        self.sections = sections

    def __getitem__(self, section: str) -> dict[str, Term]:
        return self.sections[section]

    def has(self, section: str, term: str) -> bool:
        return term in self.sections[section]

    def label(self, section: str, term: str, lang: str = "da") -> str:
        """The label of a term in ``lang``, falling back to the other language, then the id."""
        found = self.sections[section].get(term)
        if found is None:
            return term
        return getattr(found, lang) or found.da or term

    def canonical(self, section: str, term: str) -> str:
        """The term an alias is read as (following ``alias_of``, cycle-safe); any other term itself."""
        seen: list[str] = []
        terms = self.sections[section]
        while term not in seen:
            seen.append(term)
            found = terms.get(term)
            if found is None or found.alias_of is None:
                return term
            term = found.alias_of
        return seen[0]

    def ancestors(self, section: str, term: str) -> tuple[str, ...]:
        """The term (an alias read as its current term) followed by its parents, nearest first (cycle-safe)."""
        chain: list[str] = []
        current: str | None = self.canonical(section, term)
        while current is not None and current not in chain:
            chain.append(current)
            found = self.sections[section].get(current)
            current = self.canonical(section, found.parent) if found and found.parent else None
        return tuple(chain)

    def category_ancestors(self, category: str) -> tuple[str, ...]:
        """The category followed by its parents, nearest first (cycle-safe)."""
        return self.ancestors("categories", category)

    def sector_of(self, category: str) -> str | None:
        """The sector (police, kommune, community) of a category: its own or the nearest above it.

        >>> builtin_vocabulary().sector_of("skole"), builtin_vocabulary().sector_of("region")
        ('kommune', None)
        """
        return next((found.sector for term in self.category_ancestors(category)
                     if (found := self.sections["categories"].get(term)) and found.sector), None)

    def is_115_authority(self, categories: tuple[str, ...]) -> bool:
        """Whether a member of these categories (nearest first) may sit where individual persons are discussed
        (retsplejeloven § 115): the nearest category that says ``authority_115`` decides; none says so → not.

        >>> vocab = builtin_vocabulary()
        >>> vocab.is_115_authority(vocab.category_ancestors("skole")), vocab.is_115_authority(("idraetsforening",))
        (True, False)
        """
        return next((found.authority_115 for category in categories
                     if (found := self.sections["categories"].get(category)) and found.authority_115 is not None),
                    False)

    def is_a(self, section: str, term: str | None, ancestor: str) -> bool:
        """Whether ``term`` is ``ancestor`` or lies below it (an ``overborgmester`` is a ``borgmester``)."""
        return term is not None and ancestor in self.ancestors(section, term)

    def body_type(self, kind: str, type_: str) -> Term | None:
        """The term of a council or forum type, an alias read as its current term (its settings are the term's).

        >>> from orgmodel.model import builtin_vocabulary
        >>> builtin_vocabulary().body_type("forum", "psp").individual_cases
        True
        """
        return self.current_term("council_types" if kind == "council" else "forum_types", type_)

    def current_term(self, section: str, term) -> Term | None:
        """The term ``term`` is read as (an alias: its current term), or ``None`` for one the section lacks."""
        terms = self.sections[section]
        return terms.get(self.canonical(section, term)) if type(term) is str else terms.get(term)

    def merged_with(self, extension: Vocabulary | None) -> "Terms":
        """A new vocabulary with the workspace's terms added. A term with the id of a built-in one changes only the
        keys it writes: a new label keeps the type's partners, § 115 settings, defaults and sources, which a whole
        replacement dropped without a word.

        >>> ext = Vocabulary(forum_types={"psp": Term(da="PSP-forum", en="PSP forum")})
        >>> psp = builtin_vocabulary().merged_with(ext)["forum_types"]["psp"]
        >>> psp.da, psp.individual_cases, psp.partners is not None
        ('PSP-forum', True, True)
        """
        if extension is None:
            return self
        merged = {name: dict(terms) for name, terms in self.sections.items()}
        for name in merged:
            for term_id, term in getattr(extension, name).items():
                known = merged[name].get(term_id)
                merged[name][term_id] = term if known is None else known.model_copy(
                    update={key: getattr(term, key) for key in term.model_fields_set})
        for name in ("council_types", "forum_types"):
            _inherit_settings(merged[name])
        return Terms(merged)


INHERITED_SETTINGS = ("level", "ages", "groups", "defaults_source", "defaults_unsourced", "staff", "national",
                      "area_kind", "partners", "individual_cases")
"""What a council or forum type takes from the type above it (``parent``) when it does not write it: a
``psp-gruppe`` with ``parent: psp`` is a PSP to every rule (§ 115, partners, assumed coverage). Not ``expected``:
a kind of PSP is not expected in every kommune because PSP is."""


def _inherit_settings(terms: dict[str, Term]) -> None:
    """Give each type with a ``parent`` the :data:`INHERITED_SETTINGS` it does not write, from the type above it
    (itself given its parent's first; a loop of parents, which ``vocabulary.bad-extension`` reports, stops).

    >>> terms = {"psp": Term(da="PSP", en="PSP", individual_cases=True, expected=True),
    ...          "psp-gruppe": Term(da="G", en="G", parent="psp")}
    >>> _inherit_settings(terms)
    >>> terms["psp-gruppe"].individual_cases, terms["psp-gruppe"].expected, terms["psp-gruppe"].da
    (True, False, 'G')
    """
    done: set[str] = set()

    def resolve(term_id: str, seen: tuple[str, ...]) -> None:
        term = terms.get(term_id)
        if term is None or term_id in done or term_id in seen:
            return
        done.add(term_id)
        if term.parent and term.parent in terms:
            resolve(term.parent, (*seen, term_id))
            above = terms[term.parent]
            unset = {key: getattr(above, key) for key in INHERITED_SETTINGS if key not in term.model_fields_set}
            if unset:
                terms[term_id] = term.model_copy(update=unset)

    for term_id in list(terms):
        resolve(term_id, ())


@cache
def builtin_vocabulary() -> Terms:
    """The vocabulary shipped with orgmodel (``orgmodel/data/vocabulary.yaml``)."""
    text = resources.files("orgmodel.data").joinpath("vocabulary.yaml").read_text("utf-8")
    model = Vocabulary.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
    sections = {name: getattr(model, name) for name in SECTION_NAMES}
    check_sources(sections)
    check_ages(sections)
    return Terms(sections)


def check_ages(sections: dict[str, dict[str, Term]]) -> None:
    """Every term's ``ages`` is a range that can be read (``99-1`` cannot: it ends before it starts).

    Raises ``ValueError`` naming the term and the fix.

    >>> check_ages({"forum_types": {"x": Term(da="X", en="X", ages="99-1")}})
    Traceback (most recent call last):
    ...
    ValueError: vocabulary term forum_types.x: the range '99-1' starts after it ends; write it as '1-99'
    """
    for section, terms in sections.items():
        for term_id, term in terms.items():
            if term.ages is not None:
                try:
                    parse_age_range(term.ages)
                except ValueError as exc:
                    raise ValueError(f"vocabulary term {section}.{term_id}: {exc}") from None


def check_sources(sections: dict[str, dict[str, Term]]) -> None:
    """Every source a built-in term cites (``source``, ``partners.source``, ``defaults_source``) is in the
    register of sources.

    Raises ``ValueError`` naming the term and the fix.
    """
    for section, terms in sections.items():
        for term_id, term in terms.items():
            require_sources(term.source, f"vocabulary term {section}.{term_id}")
            if term.partners is not None:
                require_sources(term.partners.source, f"vocabulary term {section}.{term_id} (partners)")
            require_sources(getattr(term, "defaults_source", None), f"vocabulary term {section}.{term_id} (defaults)")
