"""The workspace file format as pydantic models: the contract with users.

Each entity section of a workspace file (``organisations``, ``roles``,
``councils``, ``forums``, ``goals``, ``documents``, ``policies``) holds a list of records
validated by the model of the same name. Vocabulary terms and references are checked later by
the rules, so one run reports every problem; this module checks shape and type.

>>> Organisation.model_validate({"id": "x", "name": "X", "category": "politi"}).category
'politi'
"""

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from .ids import ID_PATTERN

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=200)]
WEB_ADDRESS = r"^https?://[^\s/?#]+[^\s]*$"
"""An http:// or https:// address with a host and no spaces."""
Severity = Literal["error", "warning", "info", "off"]


def _as_list(value):
    """Let a single value stand where a list is expected: ``members: x`` → ``[x]``; a number or date too, which the
    list's items then refuse (``ages: 6.17``, a typo of 6-17, was iterated and stopped the program).

    >>> _as_list("x"), _as_list(6.17), _as_list(None)
    (['x'], [6.17], [])
    """
    if value is None:
        return []
    if isinstance(value, (str, int, float, dt.date)):
        return [value]
    return value


def _blank_as_empty(value):
    """A text of blanks only as the empty text, which a field that must say something refuses: ``reason: ' '``
    silenced a rule with no reason given.

    >>> _blank_as_empty("  "), _blank_as_empty(" Kommunen har svaret "), _blank_as_empty(3)
    ('', ' Kommunen har svaret ', 3)
    """
    return "" if isinstance(value, str) and not value.strip() else value


def _as_text(value):
    """Let a whole number stand where text is expected: ``period: 2026``, ``area: 740`` (or ``0740``).

    ``2026.0`` counts as ``2026``, as it does for the JSON Schema, which cannot tell them apart.

    >>> _as_text(740), _as_text(2026.0), _as_text(7.5), _as_text(True)
    ('740', '2026', 7.5, True)
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _ages(value):
    """``ages: 16`` or ``ages: 6-17`` or a list of such ranges → a list of strings."""
    return [_as_text(v) for v in _as_list(_as_text(value))] if value is not None else []


IdList = Annotated[list[Id], BeforeValidator(_as_list, json_schema_input_type=Id | list[Id] | None)]
TermList = Annotated[list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str] | None)]
AreaRef = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int)]
YearText = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int)]
_YEARS = r"^[0-9]{4}(-[0-9]{4})?$"
def _no_bool(value):
    """A number as written, never ``true`` or ``false``, which pydantic reads as 1 and 0: ``max_age: true`` was read
    as a maximum age of 1, and reported as every range of the workspace going past it."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _no_bool_number(value):
    """A number as written, never ``true`` or ``false``, nor a whole number too large for any number a spreadsheet
    or JSON reader holds (``1`` and 400 zeros stopped the workbook export with a traceback)."""
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    if isinstance(value, int) and abs(value) > _LARGEST_NUMBER:
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    return value


_LARGEST_NUMBER = int(sys.float_info.max)


NotBool = BeforeValidator(_no_bool)
"""Refuses ``true``/``false`` where a whole number belongs (see :func:`_no_bool`)."""

_YEARS_WRITTEN = Annotated[str, StringConstraints(pattern=_YEARS)] | Annotated[int, Field(ge=1000, le=9999), NotBool]
YearSpan = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=_YEARS_WRITTEN),
                     StringConstraints(pattern=_YEARS)]
"""A year (``2026``) or a span of years (``2026-2027``)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # The workspace cache pickles every model: a pair reads back about twice as fast as pydantic's
    # general state, a dict naming four attributes (extra and private ones, which these models lack).
    # pydantic annotates its state as a dict, though pickle takes any object as the state: hence the ignores.
    def __getstate__(self) -> tuple[dict, set]:  # type: ignore[override]
        return self.__dict__, shared_fields_set(self.__pydantic_fields_set__)

    def __setstate__(self, state: tuple[dict, set]) -> None:  # type: ignore[override]
        fields, fields_set = state
        _set_attribute(self, "__dict__", fields)
        _set_attribute(self, "__pydantic_fields_set__", fields_set)
        _set_attribute(self, "__pydantic_extra__", None)
        _set_attribute(self, "__pydantic_private__", None)


_set_attribute = object.__setattr__
_SHARED_FIELDS_SETS: dict[frozenset, set] = {}


def shared_fields_set(fields_set: set[str]) -> set[str]:
    """One set object for every model whose fields set has these names.

    A set of a few names takes about 200 bytes, as much as the rest of a small
    entry; sharing them saves that per entry in memory, and pickle writes and
    reads a shared set once. Safe because the models are frozen: pydantic
    changes a fields set only on assignment, and copies it for ``model_copy``.

    >>> shared_fields_set({"id", "name"}) is shared_fields_set({"name", "id"})
    True
    """
    return _SHARED_FIELDS_SETS.setdefault(frozenset(fields_set), fields_set)


def compact_fields(model: type, fields: dict) -> dict:
    """``fields`` (a model's ``__dict__``) in a dict that shares its table of keys with every other model of
    the class ``model``, as the dicts of a class's instances do (PEP 412): about half the memory of a dict
    of its own (216 bytes, not 464, for an entry of 18 fields; 100 MB at 500,000 entries).

    >>> import sys
    >>> fields = Role(id="sekretariat", title="SSP-koordinator", organisation="silkeborg-kommune").__dict__
    >>> compact = compact_fields(Role, fields)
    >>> compact == fields, list(compact) == list(fields), sys.getsizeof(compact) < sys.getsizeof(fields)
    (True, True, True)
    """
    shape = _SHAPES.get(model) or _shape(model)
    compact = shape().__dict__
    compact.update(fields.items())  # (CPython 3.11 makes a dict of its own on an update from a dict)
    return compact


def compact_values(model: type, values: tuple) -> dict:
    """:func:`compact_fields` of the fields of ``model`` with ``values``, in the order of its fields (as the
    workspace cache stores an entry).

    >>> role = Role(id="sekretariat", title="SSP-koordinator")
    >>> compact_values(Role, tuple(role.__dict__.values())) == role.__dict__
    True
    """
    shape = _SHAPES.get(model) or _shape(model)
    compact = shape().__dict__
    compact.update(zip(_NAMES[model], values, strict=True))
    return compact


_SHAPES: dict[type, type] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _shape(model: type) -> type:
    """A class whose instances' dicts share the keys of ``model``'s fields, in the order pydantic sets them."""
    shape = _SHAPES[model] = type(f"{model.__name__}Fields", (), {})
    _NAMES[model] = tuple(model.model_fields)  # type: ignore[attr-defined]
    first = shape()
    for name in model.model_fields:  # type: ignore[attr-defined]
        setattr(first, name, None)
    return shape


class Text(_Strict):
    """A text in Danish and/or English: ``{da: Kredsråd, en: District council}``."""

    da: str | None = None
    en: str | None = None


Label = str | Text


def label_text(label: Label | None, lang: str = "da") -> str:
    """The text of a label (plain text or {da, en}) in ``lang``, falling back to the other language.

    >>> label_text(Text(da="Kredsråd"), "en"), label_text(None)
    ('Kredsråd', '')
    """
    if label is None:
        return ""
    if isinstance(label, str):
        return label
    return getattr(label, lang) or label.da or label.en or ""


class Ignore(_Strict):
    """Silence one rule for this entity, with the reason kept for reviewers."""

    rule: str
    reason: Annotated[str, BeforeValidator(_blank_as_empty), StringConstraints(min_length=1)]


class Holder(_Strict):
    """The person who holds a role today. Personal data: dropped by ``--public``."""

    name: str
    verified: dt.date | None = None


AgeSpec = Annotated[list[str], BeforeValidator(_ages, json_schema_input_type=str | int | list[str | int] | None)]


class Coverage(_Strict):
    """Who a body or goal is for: ages (``"6-17"``, ``"65+"``), person groups, crime types."""

    ages: AgeSpec = Field(default_factory=list)
    groups: TermList = Field(default_factory=list)
    crimes: TermList = Field(default_factory=list)


class Entity(_Strict):
    """The fields every entry has; the base of the model of each section (see :data:`SECTIONS`)."""

    id: Id = Field(description="Unique id: a-z, 0-9 and '-' (æ→ae, ø→oe, å→aa), e.g. 'ssp-silkeborg'.")
    tags: TermList = Field(default_factory=list, description="Free labels for filtering and styling.")
    source: str | None = Field(None, description="Where the fact comes from, e.g. 'Samarbejdsplan 2026, bilag 1'.")
    verified: dt.date | None = Field(None, description="When the entry was last checked against its source.")
    valid_from: dt.date | None = Field(None, description="First day the entry is valid (YYYY-MM-DD).")
    valid_to: dt.date | None = Field(None, description="Last day the entry is valid (YYYY-MM-DD).")
    ignore: list[Ignore] = Field(default_factory=list, description="Rules to silence for this entry, with reasons.")
    note: str | None = Field(None, description="A free note for the secretariat.")


class Organisation(Entity):
    """An authority, department, institution or association."""

    name: Label
    category: str = Field(description="Organisation category from the vocabulary, e.g. 'skole', 'politi'.")
    short_name: str | None = None
    parent: Id | None = Field(None, description="The organisation this one is part of.")
    area: AreaRef | None = Field(None, description="Politikreds or kommune: id, name or code.")
    defined_in: Id | None = Field(default=None, description=(
        "The id of the workspace that owns this organisation in a shared Neo4j database (e.g. a region's "
        "psychiatry that several districts use). This workspace keeps a copy to refer to; its push links to "
        "the owner's node and never writes or removes it."))


class Role(Entity):
    """A position that persists across elections, e.g. the borgmester of Silkeborg."""

    title: Label
    type: str | None = Field(None, description="Role type from the vocabulary, e.g. 'borgmester', 'politidirektoer'.")
    organisation: Id | None = Field(None, description="The organisation the role belongs to.")
    area: AreaRef | None = Field(None, description="Politikreds or kommune, when not the organisation's.")
    substitute_for: Id | None = Field(None, description="The role this role stands in for (stedfortræder).")
    holder: Holder | None = Field(None, description="The person in the role (personal data, optional).")


class Seat(_Strict):
    """A member's seat with the day it began (and ended): ``{id: skolechef, since: 2025-01-01}``.

    The date a seat began lets a district's term of appointment be checked (``district_rules``).
    """

    id: Id = Field(description="The role or organisation that holds the seat.")
    since: dt.date | None = Field(None, description="The first day of the seat (YYYY-MM-DD).")
    until: dt.date | None = Field(None, description="The last day of the seat (YYYY-MM-DD).")


def seat_id(member: "str | Seat") -> str:
    """The id a member entry names, written plainly or as a seat with dates.

    >>> seat_id("a"), seat_id(Seat(id="b", since="2025-01-01"))
    ('a', 'b')
    """
    return member if isinstance(member, str) else member.id


def _member_form(value) -> str:
    """Which form a member is written in: a block (a dated seat) or an id (anything else, checked as an id)."""
    return "Seat" if isinstance(value, (dict, Seat)) else "str"


# The tags name the type tried, so an error points at the member as written, not at the other form.
Member = Annotated[Annotated[Id, Tag("str")] | Annotated[Seat, Tag("Seat")], Discriminator(_member_form)]
MemberList = Annotated[list[Member], BeforeValidator(
    _as_list, json_schema_input_type=Id | Seat | list[Id | Seat] | None)]


class _Body(Entity):
    type: str = Field(description="Council or forum type from the vocabulary, e.g. 'lokalraad', 'ssp'.")
    name: Label | None = None
    area: AreaRef | None = Field(None, description="Politikreds or kommune; a forum inherits it from 'under'.")
    chair: Id | None = Field(None, description="The role that chairs the body.")
    members: MemberList = Field(default_factory=list, description=(
        "Roles or organisations that are members: an id, or {id, since, until} with the dates of the seat."))
    invited: IdList = Field(default_factory=list, description="Roles or organisations invited as guests.")
    secretariat: Id | None = Field(None, description="The secretariat: a forum, organisation or role.")
    meetings_per_year: Annotated[int, Field(ge=0, le=365), NotBool] | None = None
    covers: Coverage | None = Field(None, description="Ages, person groups and crime types the body works with.")
    individual_cases: StrictBool | None = Field(None, description=(
        "Whether the body discusses individual persons (information exchange under retsplejeloven § 115); "
        "default from its type (or its ssp_level). Only § 115 authorities may then sit in it."))


class Council(_Body):
    """A kredsråd or lokalråd."""

    reports_to: Id | None = None


class Forum(_Body):
    """SSP, PSP, KSP, steering and coordination groups, secretariats and the like."""

    level: str | None = Field(None, description="strategisk, taktisk or operationel (default from the type).")
    under: Id | None = Field(None, description="The council or forum this forum sits under (its umbrella).")
    ssp_level: str | None = Field(
        None, description="SSP bodies: the level of the SSP work, generel, specifik or individorienteret.")


def _statuses(value):
    """``status: i-gang``, one ``{status, date}`` or a list of them → a list of status entries (oldest first).

    >>> _statuses("i-gang"), _statuses(None)
    ([{'status': 'i-gang'}], [])
    """
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    return [{"status": v} if isinstance(v, str) else v for v in value] if isinstance(value, list) else value


class StatusEntry(_Strict):
    """Where a goal or action stands from a date on: ``{status: i-gang, date: 2026-03-01}``."""

    status: str = Field(description="A goal status from the vocabulary: planlagt, i-gang, gennemfoert, udgaaet.")
    date: dt.date | None = Field(None, description="The day the status was set (YYYY-MM-DD).")
    source: str | None = Field(None, description="Where the status is reported, e.g. 'Status til kredsrådet, maj'.")


StatusList = Annotated[list[StatusEntry], BeforeValidator(
    _statuses, json_schema_input_type=str | StatusEntry | list[StatusEntry | str] | None)]
Year = Annotated[int, Field(ge=1000, le=9999), NotBool]
Number = Annotated[int | Annotated[float, Field(allow_inf_nan=False)], BeforeValidator(_no_bool_number)]
"""A whole or decimal number, never true or false, and finite: ``.nan``, ``.inf`` or ``1e400`` (read as infinity)
were judged as values by ``status`` and written as ``NaN`` into its JSON, which no JSON reader takes."""


class Measurement(_Strict):
    """One measured value of an indicator for a year, with where it comes from."""

    year: Year = Field(description="The year the value is for, e.g. 2026.")
    value: Number = Field(description="The measured value, in the indicator's unit.")
    source: str | None = Field(None, description="Where the value comes from, e.g. 'Politiets døgnrapporter'.")
    date: dt.date | None = Field(None, description="The day the value was measured or reported (YYYY-MM-DD).")


class Indicator(_Strict):
    """How a goal is measured: a measure with its unit, baseline, target and measured values per year."""

    measure: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="What is measured, e.g. 'Informationsmøder afholdt' (unique within the goal).")
    unit: str | None = Field(None, description="The unit, e.g. 'antal', 'procent'.")
    baseline: Number | None = Field(None, description="The value before the goal's work began.")
    baseline_year: Year | None = Field(None, description="The year of the baseline.")
    target: Number | None = Field(None, description="The value the goal aims for.")
    better: Literal["higher", "lower"] | None = Field(None, description=(
        "Whether a higher or a lower value is better (default: lower when the target is below the baseline, "
        "else higher)."))
    values: list[Measurement] = Field(default_factory=list, description="Measured values, one per year.")


class Goal(Entity):
    """A strategic goal, an operative goal or an action."""

    level: str = Field(description="strategisk (kredsråd), operativ (lokalråd) or handling (action).")
    title: Label
    owner: Id | None = Field(None, description="The council or forum that owns the goal.")
    period: YearText | None = Field(
        None, description="A year ('2026') or a span of years ('2026-2027').")
    derives_from: IdList = Field(default_factory=list, description="The higher goals this goal carries out.")
    serves: IdList = Field(default_factory=list, description="The kommune policies (ids) this goal serves.")
    covers: Coverage | None = None
    target: str | None = Field(None, description="How success is measured (for actions).")
    description: Label | None = None
    status: StatusList = Field(default_factory=list, description=(
        "Where the goal stands: a status ('status: i-gang'), or a list of '{status, date}' entries, oldest first."))
    indicators: list[Indicator] = Field(default_factory=list, description=(
        "How the goal is measured: measure, unit, baseline, target and values per year."))


class Document(Entity):
    """A plan for a year: the samarbejdsplan (the politidirektør's, retsplejeloven § 113) or a lokalråd's handleplan."""

    type: str = Field(description="Document type from the vocabulary: 'samarbejdsplan' or 'handleplan'.")
    title: Label | None = Field(None, description="The title, e.g. 'Samarbejdsplan 2026' (default: type and year).")
    year: YearSpan = Field(description="The year the plan is for ('2026'), or a span of years ('2026-2027').")
    owner: Id | None = Field(None, description="The role whose plan it is: for a samarbejdsplan the politidirektør.")
    council: Id | None = Field(None, description=(
        "The council: the kredsråd that discussed a samarbejdsplan, the lokalråd whose handleplan it is."))
    discussed: dt.date | None = Field(None, description="The day the kredsråd discussed the plan (YYYY-MM-DD).")
    published: dt.date | None = Field(None, description="The day the plan was published (YYYY-MM-DD).")
    approved: dt.date | None = Field(None, description="A handleplan: the day the lokalråd approved it (YYYY-MM-DD).")
    where: str | None = Field(None, description="Where it was published: a URL or a text.")
    goals: IdList = Field(default_factory=list, description="The goals that belong to the plan (may be none).")


class Policy(Entity):
    """A kommune's policy that goals can serve: its børnepolitik, misbrugspolitik, sundhedspolitik, …"""

    name: Label
    type: str = Field(description="Policy type from the vocabulary, e.g. 'boernepolitik', 'misbrugspolitik'.")
    area: AreaRef | None = Field(None, description="The kommune whose policy it is: id, name or code.")
    where: str | None = Field(None, description="Where the policy is published: a URL or a text.")


AnyOf = Annotated[list[str], Field(min_length=1)]
"""Categories of which any one meets a requirement: never none (``[[]]`` could never be met, and said not why)."""


class Partners(_Strict):
    """Partner categories a body type needs; a list inside the list means 'any of'."""

    required: list[str | AnyOf] = Field(default_factory=list)
    recommended: list[str | AnyOf] = Field(default_factory=list)
    source: TermList = Field(default_factory=list, description=(
        "The ids of the sources that state these partners, from the register of sources "
        "(`orgmodel rules --format json` lists it); a workspace's own type may name its source in words."))


class Term(_Strict):
    """A vocabulary term with its labels and, depending on the section, extra facts."""

    da: str
    en: str
    parent: str | None = None
    level: str | None = None
    ages: Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int)] | None = Field(None, description=(
        "Council and forum types: the age range a body of the type is assumed to cover when its 'covers' names "
        "none, e.g. '6-17', '18+' or 16."))
    groups: TermList = Field(default_factory=list, description=(
        "Council and forum types: the person groups a body of the type is assumed to cover when its "
        "'covers' names none (shown as assumed)."))
    defaults_source: str | None = Field(None, description=(
        "Council and forum types: the id of the source in the register that states the type's default "
        "ages and groups."))
    defaults_unsourced: list[Literal["ages", "groups"]] = Field(default_factory=list, description=(
        "Council and forum types: the defaults (ages, groups) no source states; they are assumptions."))
    staff: StrictBool = Field(False, description=(
        "Forum types: a staff body (a secretariat, a liaison committee) that serves its umbrella rather than "
        "sitting under it: diagrams draw it in a dashed box beside the umbrella, and the report lists it as staff."))
    national: StrictBool = Field(False, description=(
        "Forum types: a national body that sits in every politikreds (Ungdomskriminalitetsnævnet); it has no "
        "local umbrella, so 'under' is not asked for."))
    expected: StrictBool = Field(False, description=(
        "Forum types: expected in every kommune (gaps partners --by kommune)."))
    area_kind: Literal["politikreds", "kommune"] | None = None
    partners: Partners | None = None
    source: TermList = Field(default_factory=list, description=(
        "The ids of the sources the term rests on, from the register of sources; a workspace's own term "
        "may name its source in words."))
    rank: Annotated[int, NotBool] | None = Field(None, description=(
        "Levels and goal levels: the level's place from the top (1 first), for readers of the vocabulary; "
        "orgmodel itself orders levels as the vocabulary lists them."))
    closed: StrictBool = Field(False, description=(
        "Goal statuses: the work has ended (done or dropped); a goal with an open status past its period is late."))
    sector: Literal["police", "kommune", "community"] | None = Field(None, description=(
        "Categories: the sector the category belongs to (police, kommune or community), named by a district "
        "rule's 'members' and 'term_years'; sub-categories inherit it."))
    individual_cases: StrictBool | None = Field(None, description=(
        "Forum types and SSP levels: whether a body of the kind discusses individual persons (§ 115)."))
    authority_115: StrictBool | None = Field(None, description=(
        "Categories: whether an organisation of the category may sit where individual persons are discussed "
        "(a public authority that may take part in the cooperation of retsplejeloven § 115, or an institution of its "
        "stk. 3); sub-categories inherit it."))
    alias_of: str | None = Field(None, description="This term is an old or ambiguous name: it is read as that term.")
    replaced_on: dt.date | None = Field(None, description="With alias_of: the day the term went out of use.")
    see_also: list[str] = Field(default_factory=list, description="With alias_of: other terms the name may mean.")


class Vocabulary(_Strict):
    """Vocabulary sections; a workspace adds terms under ``vocabulary:`` in its manifest."""

    levels: dict[Id, Term] = Field(default_factory=dict)
    goal_levels: dict[Id, Term] = Field(default_factory=dict)
    council_types: dict[Id, Term] = Field(default_factory=dict)
    forum_types: dict[Id, Term] = Field(default_factory=dict)
    role_types: dict[Id, Term] = Field(default_factory=dict)
    categories: dict[Id, Term] = Field(default_factory=dict)
    groups: dict[Id, Term] = Field(default_factory=dict)
    crimes: dict[Id, Term] = Field(default_factory=dict)
    ssp_levels: dict[Id, Term] = Field(default_factory=dict)
    document_types: dict[Id, Term] = Field(default_factory=dict)
    goal_statuses: dict[Id, Term] = Field(default_factory=dict)
    policy_types: dict[Id, Term] = Field(default_factory=dict)


class Scope(_Strict):
    """Where completeness rules apply: whole police districts and/or single kommuner."""

    politikredse: Annotated[list[AreaRef], BeforeValidator(
        _as_list, json_schema_input_type=AreaRef | list[AreaRef] | None)] \
        = Field(default_factory=list)
    kommuner: Annotated[list[AreaRef], BeforeValidator(
        _as_list, json_schema_input_type=AreaRef | list[AreaRef] | None)] \
        = Field(default_factory=list)


class CoverageDefault(_Strict):
    """What a body of one type is assumed to cover when its ``covers`` names no ages or no person groups.

    A part left out keeps the built-in default of the type; an empty list assumes nothing.
    """

    ages: AgeSpec | None = Field(None, description="Age ranges, e.g. '0-18' or ['0-5', '10-18'].")
    groups: TermList | None = Field(None, description="Person groups from the vocabulary, e.g. [boern, unge].")


class SeatCount(_Strict):
    """How many seats of a body one organisation category may or must hold: ``{min: 3, max: 3}``."""

    min: Annotated[int, Field(ge=0, le=1000), NotBool] | None = Field(None, description="At least this many seats.")
    max: Annotated[int, Field(ge=0, le=1000), NotBool] | None = Field(None, description="At most this many seats.")


class DistrictRule(_Strict):
    """A district's own rule in ``orgmodel.yaml`` (``district_rules:``), checked as rule ``district.NAME``.

    It applies to one body (``body``) or to every body of a type (``type``); ``forums_per_kommune`` needs
    neither. A category is an organisation category of the vocabulary (with the categories below it) or a
    sector: ``police``, ``kommune`` or ``community`` (the ``sector`` of a category or of one above it).
    """

    source: Annotated[str, StringConstraints(min_length=1)] = Field(description=(
        "The district's own document the rule comes from, in words (the finding shows it), "
        "e.g. 'Silkeborg Kommune: Samarbejdsmodel mellem Politi og Kommune'."))
    title: Label | None = Field(None, description="A short title of the rule (default: made from its parts).")
    body: Id | None = Field(None, description="The one council or forum the rule is for.")
    type: str | None = Field(None, description="The council or forum type whose every body the rule is for.")
    members: dict[str, SeatCount] = Field(default_factory=dict, description=(
        "Per category or sector: the least and most seats (the chair and the members) it holds, "
        "e.g. {police: {min: 3, max: 3}}."))
    term_years: dict[str, Annotated[int, Field(ge=1, le=50), NotBool]] = Field(default_factory=dict, description=(
        "Per category or sector: the years a member's seat lasts from its 'since' date, e.g. {community: 2}."))
    partners: list[str | list[str]] = Field(default_factory=list, description=(
        "Partner categories the bodies need beyond their type's (a list inside the list means 'any of')."))
    forums_per_kommune: TermList = Field(default_factory=list, description=(
        "Forum types every kommune in scope must have, e.g. [ssp-plus]."))


class Manifest(_Strict):
    """The workspace's ``orgmodel.yaml`` settings (it may hold entity sections too)."""

    name: Label
    id: Id | None = Field(default=None, description=(
        "The workspace's partition in a shared Neo4j database (e.g. 'midt-og-vestjylland'). Default: the "
        "politikreds of a scope that names exactly one; a push of any other workspace asks for it."))
    language: Literal["da", "en"] = "da"
    scope: Scope | None = None
    rules: dict[str, Severity] = Field(default_factory=dict)
    vocabulary: Vocabulary | None = None
    coverage_defaults: dict[str, CoverageDefault] = Field(default_factory=dict, description=(
        "Per council or forum type (e.g. 'ssp'): the ages and person groups a body of the type is assumed "
        "to cover when its 'covers' names none, in place of the built-in defaults. Shown as assumed."))
    max_age: Annotated[int, Field(ge=1, le=130), NotBool] = 100
    description: Label | None = Field(default=None, description=(
        "A few sentences on the workspace (text, or {da, en}); the report's front page shows them."))
    accessibility_statement: Annotated[str, StringConstraints(pattern=WEB_ADDRESS, max_length=2000)] | None = Field(
        default=None, description=(
            "The web address (https://…) of the accessibility statement (tilgængelighedserklæring) of the site "
            "the report is published on; `orgmodel report` links it in every page's footer."))
    district_rules: dict[Id, DistrictRule] = Field(default_factory=dict, description=(
        "The district's own rules by name: seats per category, terms of appointment, partners, forums per "
        "kommune; each is checked as rule 'district.NAME'."))


SECTIONS: dict[str, type[Entity]] = {
    "organisations": Organisation,
    "roles": Role,
    "councils": Council,
    "forums": Forum,
    "goals": Goal,
    "documents": Document,
    "policies": Policy,
}
"""Entity sections of a workspace file and the model of each record."""

KIND_OF_SECTION = {
    "organisations": "organisation",
    "roles": "role",
    "councils": "council",
    "forums": "forum",
    "goals": "goal",
    "documents": "document",
    "policies": "policy",
}


def _empty_if_none(value):
    """An empty section (``organisations:`` with nothing below) holds no entries."""
    return [] if value is None else value


class _SectionOf:
    """``Section[Model]``: a list of entries that may be written empty (null); one place for that rule."""

    def __getitem__(self, model):
        return Annotated[list[model], BeforeValidator(_empty_if_none, json_schema_input_type=list[model] | None)]


if TYPE_CHECKING:
    Section = list  # to a type checker the field is the list it holds
else:
    Section = _SectionOf()


class WorkspaceFile(_Strict):
    """Any YAML file of a workspace other than ``orgmodel.yaml``; a section may be empty (null)."""

    organisations: Section[Organisation] = Field(default_factory=list)
    roles: Section[Role] = Field(default_factory=list)
    councils: Section[Council] = Field(default_factory=list)
    forums: Section[Forum] = Field(default_factory=list)
    goals: Section[Goal] = Field(default_factory=list)
    documents: Section[Document] = Field(default_factory=list)
    policies: Section[Policy] = Field(default_factory=list)


class ManifestFile(Manifest, WorkspaceFile):
    """``orgmodel.yaml``: the settings, optionally followed by entity sections."""
