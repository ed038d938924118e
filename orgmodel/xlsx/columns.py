"""The columns of a spreadsheet section, derived from the schema, and how cells read and write.

Every entity field becomes one column or, for labels and nested blocks, one
column per part: ``name.da``/``name.en``, ``holder.name``, ``covers.ages``.
Lists are written joined with ``; `` and read back split at ``;`` or a line
break, ``ignore`` as one ``rule: reason`` per line. A cell is compared and imported through :func:`parse_cell`, so what
:func:`cell_value` writes always reads back to the same value.

>>> [c.name for c in section_columns("goals")][:5]
['id', 'level', 'title.da', 'title.en', 'owner']
>>> parse_cell(section_columns("forums")[0], "  ssp-ny ")
'ssp-ny'
"""

import datetime as dt
import operator
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from orgmodel.clock import iso_date
from orgmodel.didyoumean import suggest
from orgmodel.errors import CellError
from orgmodel.model import PERSONAL_FIELDS, SECTIONS, Ignore, Text, schema

from .sheetxml import Percentage

LIST_SEPARATOR = "; "
OWN_SHEET = ("status", "indicators")
"""Goal fields kept in the status sheet (:mod:`.status`), not in the goals sheet."""
_SHARED = tuple(name for name in schema.Entity.model_fields if name != "id")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""The characters a workspace may not hold (see :mod:`orgmodel.workspace.yamlfile`) but a carriage return, which a
cell's line breaks may carry (it is read as a line break)."""
ITEM_BREAK = re.compile(r"[;\r\n\x85\u2028\u2029]")
"""What a list cell reads between items: ``;`` or a line break (Alt+Enter in a cell)."""
_EXCEL_ESCAPE = re.compile(r"_x(005[Ff]|00[01][0-9A-Fa-f])_")
_ESCAPED_BY_EXCEL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def hint(word: str, choices) -> str:
    """``; did you mean 'x'?`` or nothing.

    >>> hint("value_sourc", ["value_source"])
    "; did you mean 'value_source'?"
    """
    return lower_hint(suggest(word, choices))


def lower_hint(found: str) -> str:
    """A suggestion of :func:`~orgmodel.didyoumean.suggest` after a semicolon: ``; did you mean 'x'?``."""
    return "; did you mean " + found.split("mean ", 1)[1] if found else ""


def spreadsheet_text(text: str) -> str:
    """A cell's text as the spreadsheet means it. Excel writes a control character an XML file cannot hold as
    it is, such as the carriage return of text pasted with Windows line breaks, as ``_x000D_``, and an ``_`` that
    would start such an escape as ``_x005F_`` (ECMA-376, ST_Xstring); openpyxl reads both as written. A carriage
    return is a line break (``\\n``), as everywhere in a workspace.

    >>> spreadsheet_text("first_x000D_\\nsecond"), spreadsheet_text("_x005F_x000D_ and _x0041_")
    ('first\\nsecond', '_x000D_ and _x0041_')
    """
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text).replace("\r\n", "\n").replace("\r", "\n")


def spreadsheet_escaped(text: str) -> str:
    """``text`` as a cell holds it, so that Excel and :func:`spreadsheet_text` read it back as it is: an ``_`` that
    would start an escape as ``_x005F_``.

    >>> spreadsheet_escaped("_x0041_ and _x000D_"), spreadsheet_text(spreadsheet_escaped("_x000D_ and _x0041_"))
    ('_x005F_x0041_ and _x005F_x000D_', '_x000D_ and _x0041_')
    """
    return _ESCAPED_BY_EXCEL.sub("_x005F_", text) if "_x" in text else text


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its header, the entity field (and part) it holds, and its type.

    ``kind`` is ``text``, ``int``, ``date``, ``bool`` (TRUE or FALSE), ``list``, ``seats`` (members: a list whose
    items may carry the dates of the seat, ``skolechef (since 2025-01-01)``), ``ignore`` (the rules to silence) or
    ``label`` (a language part of a name or title).
    """

    name: str
    field: str
    part: str | None
    kind: str
    required: bool = False
    number_text: bool = False


def _flat_types(annotation) -> list:
    """The types a field accepts, with ``Optional``, unions and ``Annotated`` unwrapped."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _flat_types(arg)]
    if origin is typing.Annotated:
        return [annotation]
    return [] if annotation is type(None) else [annotation]


def _is_number_text(annotation) -> bool:
    return typing.get_origin(annotation) is typing.Annotated and _reads_numbers_as_text(annotation.__metadata__)


def _reads_numbers_as_text(metadata) -> bool:
    """Whether a field's metadata reads a number as text (``year: 2026``); pydantic keeps the metadata of a
    required field beside its type, of an optional one inside it."""
    return any(getattr(meta, "func", None) is schema._as_text for meta in metadata)


def _columns_of(name: str, info, prefix: str = "", field: str | None = None) -> list[Column]:
    field = field or name
    header = prefix + name
    accepted = _flat_types(info.annotation)
    required = info.is_required()
    if Text in accepted:
        return [Column(f"{header}.{lang}", field, lang, "label", required) for lang in ("da", "en")]
    plain = [typing.get_args(t)[0] if typing.get_origin(t) is typing.Annotated else t for t in accepted]
    base = plain[0]
    if typing.get_origin(base) is list:
        item = typing.get_args(base)[0]
        kind = "ignore" if item is Ignore else "seats" if item == schema.Member else "list"
        return [Column(header, field, None if not prefix else name, kind, required)]
    if isinstance(base, type) and issubclass(base, BaseModel):
        return [column for sub, sub_info in base.model_fields.items()
                for column in _columns_of(sub, sub_info, f"{header}.", field)]
    kind = {dt.date: "date", int: "int", bool: "bool"}.get(base, "text")
    return [Column(header, field, name if prefix else None, kind, required,
                   any(_is_number_text(t) for t in accepted) or _reads_numbers_as_text(info.metadata))]


@cache
def section_columns(section: str, public: bool = False) -> tuple[Column, ...]:
    """The columns of a section's sheet: ``id``, the section's own fields, then the shared ones.

    ``public`` leaves out the fields that may hold personal data (the role holder, notes). A goal's status
    and indicators have a sheet of their own (:data:`OWN_SHEET`).
    """
    model = SECTIONS[section]
    own = [n for n in model.model_fields if n != "id" and n not in _SHARED and not (section == "goals" and n in
                                                                                   OWN_SHEET)]
    names = ["id", *own, *_SHARED]
    if public:
        names = [n for n in names if n not in PERSONAL_FIELDS]
    return tuple(column for n in names for column in _columns_of(n, model.model_fields[n]))


CELL_LIMIT = 32_767
"""The most characters a cell holds (Excel's limit; openpyxl cuts a longer text without a word)."""


def entity_cells(entity: BaseModel, columns: Sequence[Column], lang: str,
                 cut: list[str] | None = None) -> dict[str, object]:
    """The cell values of one entity, by column name (``None`` for an empty cell); a text longer than a cell
    holds is cut to :data:`CELL_LIMIT` characters, and the column's name added to ``cut``.

    The values are those of ``entity.model_dump(exclude_none=True)``; an entity whose fields hold only text,
    whole numbers, dates and empty lists (which a dump gives as they are) is not dumped.
    """
    fields = entity.__dict__
    data = None
    cells: dict[str, object] = {}
    for c in columns:  # a field without a value leaves its cells empty, with no call per cell
        value = fields.get(c.field)
        if value is not None and type(value) not in _AS_DUMPED and value != []:
            data = entity.model_dump(exclude_none=True) if data is None else data
            value = data.get(c.field)
        cell = None if value is None else cell_value(c, _part(value, c, lang))
        if type(cell) is str and len(cell) > CELL_LIMIT:
            cell = cell[:CELL_LIMIT]
            if cut is not None:
                cut.append(c.name)
        cells[c.name] = cell
    return cells


_AS_DUMPED = (str, int, dt.date)
"""The types of value a dump gives as it is (the schema has no serializer of its own)."""


def as_exported(cells: dict, entity: BaseModel, columns: Sequence[Column], lang: str) -> bool:
    """Whether ``cells`` (by column name) are what :func:`entity_cells` gives for ``entity``: the same columns in
    the same order, each cell equal and of the same type; told without building them, for an entity whose fields
    hold only text, whole numbers, dates, labels in one language, lists of text (also in blocks of lists), and
    empty lists and blocks otherwise. ``False`` also for any other entity: the caller then compares its cells one
    by one.

    >>> from orgmodel.model import SECTIONS
    >>> forum = SECTIONS["forums"].model_validate({"id": "ssp-ny", "type": "ssp", "name": "SSP Ny", "tags": []})
    >>> cells = entity_cells(forum, section_columns("forums"), "da")
    >>> as_exported(cells, forum, section_columns("forums"), "da")
    True
    >>> as_exported({**cells, "name.en": "SSP New"}, forum, section_columns("forums"), "da")
    False
    """
    known = _EXPORTED.get((id(columns), lang))
    plan = known[1] if known is not None and known[0] is columns else _exported_plan(columns, lang)
    names, plain_fields, plain_cells, other_fields, empty_cells, empty_fields, labels_in_plain, lists = plan
    fields = entity.__dict__
    try:
        plain, empties, empty = plain_fields(fields), empty_fields(fields), empty_cells(cells)
        if tuple(cells) != names or plain_cells(cells) != plain or empty.count(None) != len(empty):
            return False
        listed = _listed(fields, cells, lists)
    except (KeyError, TypeError):  # a list of something else than text cannot be joined
        return False
    if listed is None:
        return False
    if _TEXT_TYPES.issuperset(map(type, plain)):  # equal to text or nothing, a cell is text or nothing
        text = "".join(filter(None, plain)) + listed
    elif (tuple(map(type, plain)) == tuple(map(type, plain_cells(cells)))
          and _PLAIN_TYPES.issuperset(map(type, plain))):
        text = "".join(value for value in plain if type(value) is str) + listed
        labels_in_plain = False
    else:
        return False
    # equal cells of the same types are the export's when no text is empty or holds a character cell_value drops,
    # the labels of other languages are text (their cells empty), and the other lists and blocks are empty
    return ("" not in plain and (text.isprintable() or not _ILLEGAL.search(text))
            and (labels_in_plain or _TEXT_TYPES.issuperset(map(type, other_fields(fields))))
            and empties.count(None) + empties.count([]) == len(empties))


def _listed(fields: dict, cells: dict, lists: tuple[tuple[str, str | None, str], ...]) -> str | None:
    """The cells of the lists of text (plain, or parts of a block such as ``covers.ages``) joined, when each is
    the items of its list joined by :data:`LIST_SEPARATOR` (or empty for an empty list); else ``None``. Raises
    :class:`TypeError` for a list with an item that is not text."""
    found = []
    for field, part, name in lists:
        value, cell = fields[field], cells[name]
        if part is not None and value is not None:
            if not isinstance(value, BaseModel):
                return None
            value = value.__dict__.get(part)
        if value is None or value == []:
            if cell is not None:
                return None
        elif type(value) is not list or type(cell) is not str or cell != LIST_SEPARATOR.join(value):
            return None
        else:
            found.append(cell)
    return "".join(found)


_TEXT_TYPES = frozenset((str, type(None)))
_PLAIN_TYPES = frozenset((str, int, dt.date, type(None)))


def _exported_plan(columns: Sequence[Column], lang: str) -> tuple:
    """What :func:`as_exported` reads, as getters of many items at once: the column names; the fields of the plain
    columns (text, whole numbers and dates) and of the labels in ``lang``, and those columns' cells; the fields of
    the labels in other languages; the cells of those labels and of the columns of lists and blocks; the fields
    of the lists and blocks; whether the labels of other languages are labels in ``lang`` too (then the type of
    their fields is known from the plain ones); and the field, part and name of each column of a list of text
    (plain or in a block whose other parts are lists too). Kept by the identity of ``columns``."""
    plain = [c for c in columns if (c.part is None and c.kind in ("text", "int", "date"))
             or (c.kind == "label" and c.part == lang)]
    other = [c for c in columns if c.kind == "label" and c.part != lang]
    lists = [c for c in columns if c.kind == "list" or (c.kind == "seats" and c.part is None)]
    rest = [c for c in columns if c not in plain and c not in other and c not in lists]
    rest_fields = list(dict.fromkeys(c.field for c in rest))
    if {c.field for c in lists} & set(rest_fields):  # a block with lists and other parts: its lists must be empty
        rest, lists = rest + lists, []
        rest_fields = list(dict.fromkeys(c.field for c in rest))
    plan = (tuple(c.name for c in columns), _items([c.field for c in plain]), _items([c.name for c in plain]),
            _items(list(dict.fromkeys(c.field for c in other))), _items([c.name for c in other + rest]),
            _items(rest_fields), {c.field for c in other} <= {c.field for c in plain if c.kind == "label"},
            tuple((c.field, c.part, c.name) for c in lists))
    _EXPORTED[id(columns), lang] = (columns, plan)  # ``columns`` kept alive, so its id is not given to another
    return plan


_EXPORTED: dict[tuple[int, str], tuple[Sequence[Column], tuple]] = {}


def _items(keys: list[str]):
    """A getter of the values of ``keys`` as a tuple (:func:`operator.itemgetter` gives one key's value alone)."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)
    if keys:
        return lambda mapping: (mapping[keys[0]],)
    return lambda mapping: ()


def _part(value, column: Column, lang: str):
    if column.kind == "label":
        if isinstance(value, str):
            return value if column.part == lang else None
        return (value or {}).get(column.part)
    if column.part is not None:
        return (value or {}).get(column.part)
    return value


def cell_value(column: Column, value):
    """What a cell holds for a field value: text, a whole number, a date, or ``None``."""
    if value in (None, "", [], ()):
        return None
    if column.kind == "list":
        return LIST_SEPARATOR.join(_ILLEGAL.sub("", str(v)) for v in value)
    if column.kind == "seats":
        return LIST_SEPARATOR.join(_ILLEGAL.sub("", seat_text(v)) for v in value)
    if column.kind == "ignore":
        return "\n".join(f"{i['rule']}: {' '.join(str(i['reason']).split())}" for i in value)
    if isinstance(value, str):
        return value if value.isprintable() else _ILLEGAL.sub("", value)  # a printable text has no control character
    return value


def _whole(number) -> int | None:
    if isinstance(number, bool):
        return None
    if isinstance(number, int):
        return number
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return None


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise CellError(f"expected a date (YYYY-MM-DD) without a time, not {value}")
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = iso_date(value) if isinstance(value, str) else None
    if found is not None:
        return found
    raise CellError(f"expected a date (YYYY-MM-DD), not {_shown(value)}")


def _as_text(value) -> str:
    if isinstance(value, dt.datetime):
        raise CellError(f"expected text, not the date {value.date()} "
                          "(the spreadsheet turned it into a date; format the cell as text)")
    if isinstance(value, dt.date):
        raise CellError(f"expected text, not the date {value}")
    whole = _whole(value)
    return str(whole) if whole is not None else str(value).strip()


_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of spreadsheet dates: a date in a cell is the number of days since then."""


def number_in_text(column: Column, value) -> str | None:
    """A warning when a text column holds a number (the spreadsheet read what was typed as one), else ``None``.

    A cell formatted General turns ``007`` into 7 and a date into a day number; the value is imported as
    the text of the number, so the warning says how to keep what was typed. A cell formatted as a percentage
    (a :class:`~.sheetxml.Percentage`) is imported as the text of the percentage it shows, ``95%``, with its sign:
    "95" would drop what the user wrote, and 0.95, what the cell holds, is what nobody sees. It is warned of as any
    number is: the text may still differ from what was typed (``95,5 %`` typed in Danish is imported as ``95.5%``,
    as 7,5 in a General cell is imported as ``7.5``).

    >>> columns = {c.name: c for c in section_columns("organisations")}
    >>> print(number_in_text(columns["short_name"], 7))
    the spreadsheet holds the number 7 here, imported as '7'; if you typed something else (007, a date), \
format the column as text (Format Cells → Text), type it again and import again
    >>> number_in_text(columns["short_name"], "007") is None
    True
    >>> print(number_in_text(columns["short_name"], Percentage(95.5)))
    the spreadsheet holds the percentage 95.5% here (the cell is formatted as a percentage), imported as '95.5%'; \
if you typed something else, format the column as text (Format Cells → Text), type it again and import again
    """
    if column.kind in ("int", "date", "bool") or column.number_text:
        return None
    if type(value) is Percentage:
        return (f"the spreadsheet holds the percentage {value} here (the cell is formatted as a percentage), "
                f"imported as '{value}'; if you typed something else, format the column as text (Format Cells → "
                "Text), type it again and import again")
    if not isinstance(value, (int, float)):
        return None
    what = f"value {'TRUE' if value else 'FALSE'}" if isinstance(value, bool) else f"number {_as_text(value)}"
    typed = "something else (007, a date)"
    whole = _whole(value)
    if whole is not None and 1 <= whole <= 100_000 and 1990 <= (_EPOCH + dt.timedelta(days=whole)).year <= 2100:
        day = _EPOCH + dt.timedelta(days=whole)
        typed = f"something else (007, or the date {day.isoformat()}, which a spreadsheet stores as {whole})"
    return (f"the spreadsheet holds the {what} here, imported as '{_as_text(value)}'; if you typed {typed}, "
            "format the column as text (Format Cells → Text), type it again and import again")


def values_without_header(headers: Sequence[str | None], rows) -> list[tuple[int, int, str]]:
    """Each column of a sheet without a header that holds a value, as ``(row, column, problem)`` at its first such
    cell (``rows`` are ``(number, cells)``): the import reads a column by its header, so these values would be left
    out in silence. A blank cell holds no value.

    >>> rows = [(2, [("a", False), (" ", False)]), (3, [("b", False), (None, False), (7, False)]),
    ...         (4, [("c", False), (None, False), ("x", False)])]
    >>> for row, column, problem in values_without_header(["id", None], rows):
    ...     print(row, column, problem)
    3 3 a value in a column without a header (and in row 4), which the import does not read; move it to the column \
it belongs in, give the column its header, or delete it
    """
    width = max((len(cells) for _, cells in rows), default=0)
    found = []
    for position in range(1, width + 1):
        if position <= len(headers) and headers[position - 1] is not None:
            continue
        numbers = [number for number, cells in rows if position <= len(cells) and _holds(cells[position - 1][0])]
        if numbers:
            also = f" (and in row {', '.join(map(str, numbers[1:]))})" if numbers[1:] else ""
            found.append((numbers[0], position, f"a value in a column without a header{also}, which the import does "
                          "not read; move it to the column it belongs in, give the column its header, or delete it"))
    return found


def _holds(value) -> bool:
    """Whether a cell's value is one: not empty, and not a text of blanks."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _shown(value) -> str:
    if isinstance(value, dt.datetime):
        return str(value.date()) if value.time() == dt.time(0) else str(value)
    return repr(value) if isinstance(value, str) else str(value)


def parse_cell(column: Column, value):
    """The value a cell stands for in ``column``, or ``None`` for an empty cell.

    Raises :class:`CellError` when the cell has the wrong type. A number cell formatted as a percentage (a
    :class:`~.sheetxml.Percentage`) stands for the number it shows (95 for a cell showing 95 %, which holds 0.95)
    in a column of whole numbers, and for its text (``95%``) in a column of text (see :func:`number_in_text`).

    >>> columns = {c.name: c for c in section_columns("councils")}
    >>> parse_cell(columns["members"], "a; b;"), parse_cell(columns["members"], "a\\nb;\\r\\nc")
    (('a', 'b'), ('a', 'b', 'c'))
    >>> parse_cell(columns["meetings_per_year"], "fire")
    Traceback (most recent call last):
    ...
    orgmodel.errors.CellError: expected a whole number, not 'fire'
    >>> parse_cell(columns["meetings_per_year"], Percentage(400)), parse_cell(columns["note"], Percentage(95.5))
    (400, '95.5%')
    >>> parse_cell(columns["meetings_per_year"], Percentage(4.5))
    Traceback (most recent call last):
    ...
    orgmodel.errors.CellError: expected a whole number, not 4.5%
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.kind == "date":
        return _as_date(value.strip() if isinstance(value, str) else value)
    if column.kind == "bool":
        return _as_bool(value)
    if column.kind == "int":
        whole = _whole(value.number if type(value) is Percentage else value)
        if whole is None and isinstance(value, str) and value.strip().isdigit():
            whole = int(value.strip())
        if whole is None:
            raise CellError(f"expected a whole number, not {_shown(value)}")
        return whole
    text = _as_text(value)
    unshowable = _UNSHOWABLE.search(text)
    if unshowable:
        raise CellError(f"the text holds the control character U+{ord(unshowable.group()):04X}, which no output can "
                        "show (it often comes with pasted text); delete it, or type the text again")
    if column.kind in ("list", "seats"):
        items = tuple(item.strip() for item in ITEM_BREAK.split(text) if item.strip())
        return (tuple(_seat(item) for item in items) if column.kind == "seats" else items) or None
    if column.kind == "ignore":
        return _ignores(text)
    return text


_BOOLS = {"true": True, "sand": True, "false": False, "falsk": False}
"""The texts a yes/no cell may hold for its value: TRUE and FALSE as typed (Excel in Danish shows SAND, FALSK)."""


def _as_bool(value) -> bool:
    """A yes/no cell's value: a boolean cell, or the text of one.

    >>> _as_bool(True), _as_bool(" Falsk ")
    (True, False)
    """
    if isinstance(value, bool):
        return value
    found = _BOOLS.get(value.strip().lower()) if isinstance(value, str) else None
    if found is None:
        raise CellError(f"expected TRUE or FALSE, not {_shown(value)}")
    return found


_SEAT_DATES = ("since", "until")


def seat_text(member) -> str:
    """A member in a cell: its id, and the dates of its seat in brackets.

    >>> seat_text("a"), seat_text({"id": "b", "since": dt.date(2025, 1, 1)})
    ('a', 'b (since 2025-01-01)')
    """
    if isinstance(member, str):
        return member
    dates = ", ".join(f"{key} {member[key]}" for key in _SEAT_DATES if member.get(key) is not None)
    return f"{member['id']} ({dates})" if dates else member["id"]


def _seat(item: str):
    """A member read from a cell: an id, or ``{id, since, until}`` for a seat with dates.

    >>> _seat("b (since 2025-01-01, until 2026-12-31)")
    {'id': 'b', 'since': datetime.date(2025, 1, 1), 'until': datetime.date(2026, 12, 31)}
    >>> _seat("b (fra 2025)")
    Traceback (most recent call last):
    ...
    orgmodel.errors.CellError: write a member's seat as 'id (since YYYY-MM-DD, until YYYY-MM-DD)', not 'b (fra 2025)'
    """
    member, bracket, rest = item.partition("(")
    if not bracket:
        return item
    seat: dict = {"id": member.strip()}
    for part in filter(None, (p.strip() for p in rest.removesuffix(")").split(","))):
        key, _, day = part.partition(" ")
        if not rest.endswith(")") or key not in _SEAT_DATES or key in seat:
            raise CellError(f"write a member's seat as 'id (since YYYY-MM-DD, until YYYY-MM-DD)', not {item!r}")
        seat[key] = _as_date(day.strip())
    return seat


def _ignores(text: str) -> tuple[tuple[str, str], ...] | None:
    found = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        rule, colon, reason = line.partition(":")
        if not colon or not rule.strip() or not reason.strip():
            raise CellError(f"write one 'rule: reason' per line, not {line!r}")
        found.append((rule.strip(), reason.strip()))
    return tuple(found) or None


def field_value(columns: list[Column], values: dict, lang: str):
    """The YAML value of one field from the parsed cells of its columns (``None``: no value).

    >>> name = [c for c in section_columns("forums") if c.field == "name"]
    >>> field_value(name, {"name.da": "SSP Ny", "name.en": None}, "da")
    'SSP Ny'
    >>> field_value(name, {"name.da": "SSP Ny", "name.en": "SSP New"}, "da")
    {'da': 'SSP Ny', 'en': 'SSP New'}
    """
    first = columns[0]
    if first.kind == "label":
        parts = {c.part: values.get(c.name) for c in columns}
        if not any(parts.values()):
            return None
        if all(v is None for part, v in parts.items() if part != lang):
            return parts[lang]
        return {part: text for part, text in parts.items() if text is not None}
    if first.part is not None:
        block = {c.part: _yaml_value(c, values.get(c.name)) for c in columns}
        block = {k: v for k, v in block.items() if v is not None}
        return block or None
    return _yaml_value(first, values.get(first.name))


def _yaml_value(column: Column, value):
    if value is None:
        return None
    if column.kind in ("list", "seats"):
        return list(value)
    if column.kind == "ignore":
        return [{"rule": rule, "reason": reason} for rule, reason in value]
    if column.number_text and isinstance(value, str) and value.isdigit() and not value.startswith("0"):
        return int(value)
    return value


def by_field(columns: Sequence[Column]) -> dict[str, list[Column]]:
    """Columns grouped by the entity field they hold, in column order."""
    grouped: dict[str, list[Column]] = {}
    for column in columns:
        grouped.setdefault(column.field, []).append(column)
    return grouped
