"""The vocabulary: body types, levels, role types, organisation categories,
person groups and crime types, each labelled in Danish and English.

>>> vocab = builtin_vocabulary()
>>> vocab.label("forum_types", "ssp-plus", "en")
'SSP+ (ages 18-25)'
>>> vocab.category_ancestors("skole")
('skole', 'skoleforvaltning', 'kommune')
"""

from functools import cache
from importlib import resources

import yaml

from .schema import Term, Vocabulary

SECTION_NAMES = {
    "levels": "level",
    "goal_levels": "goal level",
    "council_types": "council type",
    "forum_types": "forum type",
    "role_types": "role type",
    "categories": "organisation category",
    "groups": "person group",
    "crimes": "crime type",
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

    def category_ancestors(self, category: str) -> tuple[str, ...]:
        """The category followed by its parents, nearest first (cycle-safe)."""
        chain: list[str] = []
        current: str | None = category
        while current is not None and current not in chain:
            chain.append(current)
            term = self.sections["categories"].get(current)
            current = term.parent if term else None
        return tuple(chain)

    def body_type(self, kind: str, type_: str) -> Term | None:
        section = "council_types" if kind == "council" else "forum_types"
        return self.sections[section].get(type_)

    def merged_with(self, extension: Vocabulary | None) -> "Terms":
        """A new vocabulary with the workspace's terms added (or overriding built-ins)."""
        if extension is None:
            return self
        merged = {name: dict(terms) for name, terms in self.sections.items()}
        for name in merged:
            merged[name].update(getattr(extension, name))
        return Terms(merged)


@cache
def builtin_vocabulary() -> Terms:
    """The vocabulary shipped with orgmodel (``orgmodel/data/vocabulary.yaml``)."""
    text = resources.files("orgmodel.data").joinpath("vocabulary.yaml").read_text("utf-8")
    model = Vocabulary.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
    return Terms({name: getattr(model, name) for name in SECTION_NAMES})
