"""What the fields of an entry mean beyond their type: references, vocabulary terms, seats, personal data.

Every stage reads these facts from here: the graph builds its edges from
:data:`REFERENCES`, the integrity rules check them, the spreadsheet import
checks terms by :data:`TERM_FIELDS`, and every output that shows an entry as
written goes through :func:`written_fields`, so ``--public`` means the same
everywhere.

>>> [ref.field for ref in REFERENCES["council"] if ref.key in SEAT_KEYS]
['chair', 'members', 'invited', 'secretariat']
"""

from dataclasses import dataclass

BODY_KINDS = ("council", "forum")
"""Entity kinds that are bodies: they have seats, sit under one another and cover ages, groups, crimes."""

MEMBER_KINDS = ("role", "organisation")
"""Entity kinds that can take a seat in a body."""

SEAT_KEYS = ("chair", "member", "invited", "secretariat")
"""Relationships by which a role or organisation sits in a body (the edge keys of the seat fields)."""

HIERARCHY_KEYS = ("parent", "under", "reports_to", "derives_from", "substitute_for")
"""Relationships that must not form cycles."""

ILLUSTRATIVE_TAG = "illustrativ"
"""The tag that marks an entry whose content is made up, wholly or in part, for illustration (an example):
the report says so on its page, and its ``source`` cites a page only for what the page states."""

PERSONAL_FIELDS = ("holder", "note")
"""Fields that may hold personal data: a role's holder, and the free note (where names end up).
``--public`` leaves them out of every output; ``check`` never quotes them."""


@dataclass(frozen=True)
class Reference:
    """A field that names other entities: its relationship (edge key) and the kinds it may point to."""

    field: str
    key: str
    kinds: tuple[str, ...]
    many: bool = False

    def ids(self, value) -> list[str]:
        """The ids a value of the field names, in order: a member written as a seat ``{id, since}`` names its id.

        >>> Reference("members", "member", MEMBER_KINDS, many=True).ids(["a", {"id": "b"}])
        ['a', 'b']
        """
        if value is None:
            return []
        return [_named_id(item) for item in value] if self.many else [_named_id(value)]


def _named_id(item) -> str:
    """The id of a reference item: the item itself, or the ``id`` of a seat (a model or its dict)."""
    if isinstance(item, str):
        return item
    return item["id"] if isinstance(item, dict) else item.id


_SEATS = (
    Reference("chair", "chair", ("role",)),
    Reference("members", "member", MEMBER_KINDS, many=True),
    Reference("invited", "invited", MEMBER_KINDS, many=True),
    Reference("secretariat", "secretariat", ("forum", "organisation", "role")),
)

REFERENCES: dict[str, tuple[Reference, ...]] = {
    "organisation": (Reference("parent", "parent", ("organisation",)),),
    "role": (
        Reference("organisation", "organisation", ("organisation",)),
        Reference("substitute_for", "substitute_for", ("role",)),
    ),
    "council": (*_SEATS, Reference("reports_to", "reports_to", ("council",))),
    "forum": (*_SEATS, Reference("under", "under", BODY_KINDS)),
    "goal": (
        Reference("owner", "owner", BODY_KINDS),
        Reference("derives_from", "derives_from", ("goal",), many=True),
        Reference("serves", "serves", ("policy",), many=True),
    ),
    "document": (
        Reference("owner", "owner", ("role",)),
        Reference("council", "council", ("council",)),
        Reference("goals", "includes", ("goal",), many=True),
    ),
    "policy": (),
}
"""Every reference field per entity kind."""

SEAT_FIELDS = tuple(ref.field for ref in _SEATS)
"""The fields of a body that give seats (``members`` gives the ``member`` relationship)."""

TERM_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "organisation": (("category", "categories"),),
    "role": (("type", "role_types"),),
    "council": (("type", "council_types"),),
    "forum": (("type", "forum_types"), ("level", "levels"), ("ssp_level", "ssp_levels")),
    "goal": (("level", "goal_levels"),),
    "document": (("type", "document_types"),),
    "policy": (("type", "policy_types"),),
}
"""Fields whose value is a vocabulary term, per entity kind: (field, vocabulary section)."""


def written_fields(entity, public: bool = False) -> dict:
    """An entry's fields as written, as JSON values; ``public`` leaves out :data:`PERSONAL_FIELDS`.

    The one answer to "the entry as written" for show, export, diff, Neo4j and the report.

    >>> from orgmodel.model.schema import Role
    >>> written_fields(Role(id="r", title="Borgmester", holder={"name": "N. N."}, note="ring"), public=True)
    {'id': 'r', 'title': 'Borgmester'}
    """
    exclude = set(PERSONAL_FIELDS) if public else None
    return entity.model_dump(mode="json", exclude_none=True, exclude_defaults=True, exclude=exclude)
