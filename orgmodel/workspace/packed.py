"""A loaded workspace as the cache stores it: its records as columns of plain values.

Pickling a hundred thousand records and their models one object at a time makes pickle call
Python code twice per entry (each object's state), which cost about half of writing the cache.
As columns, pickle's own code writes the values, and the objects are made again in one loop.
An entry's fields are stored as the tuple of their values, in the order of its model's fields:
their names, the same for every entry of a kind, are not written a hundred thousand times, and
pickle has half the objects to remember (a third less time to write, 40 % fewer bytes). Records
kept in several places (the workspace, its duplicates, what each file gave) are one row, so they
are the same objects after reading; the workspace's records are the first rows, in their order.

>>> from orgmodel.workspace import load_workspace
>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> again, parsed = unpack(pack(ws, {}))
>>> again.records == ws.records, list(again.records) == list(ws.records), parsed
(True, True, {})
"""

import copy

from orgmodel.model import compact_fields, compact_values

from .loader import Record, Workspace


def pack(ws: Workspace | None, parsed: dict) -> tuple:
    """``ws`` (or None) and ``parsed`` (what each file gave, see :func:`~.loader.load_workspace`) as plain values."""
    rows: list[Record] = [] if ws is None else list(ws.records.values())
    numbers = {id(record): index for index, record in enumerate(rows)}

    def number(record: Record) -> int:
        found = numbers.get(id(record))
        if found is None:
            found = numbers[id(record)] = len(rows)
            rows.append(record)
        return found

    shell = duplicates = None
    if ws is not None:
        duplicates = [(number(first), number(second)) for first, second in ws.duplicates]
        shell = copy.copy(ws)
        shell.records, shell.duplicates = {}, []
    known = numbers.get
    files = {name: (digest, [item if type(item) is not Record else found if (found := known(id(item))) is not None
                             else number(item) for item in log], *rest)
             for name, (digest, log, *rest) in parsed.items()}
    return (len(ws.records) if ws is not None else 0, _columns(rows), shell, duplicates, files)


def _columns(rows: list[Record]) -> tuple[list, ...]:
    """The records ``rows`` as columns: kind, file, line, unreadable keys, model, values of the fields, fields set.

    The values of a model whose fields are not in its model's order (none that the loader makes) stay a dict.
    """
    entities = [record.entity for record in rows]
    models = [type(entity) for entity in entities]
    order = {model: tuple(model.model_fields) for model in set(models)}
    values = [tuple(fields.values()) if tuple(fields) == order[model] else fields
              for model, fields in zip(models, [entity.__dict__ for entity in entities], strict=True)]
    return ([record.kind for record in rows], [record.file for record in rows], [record.line for record in rows],
            [record.unreadable for record in rows], models, values,
            [entity.__pydantic_fields_set__ for entity in entities])


def unpack(packed: tuple) -> tuple[Workspace | None, dict]:
    """The workspace (or None) and what each file gave, from :func:`pack`."""
    count, columns, shell, duplicates, files = packed
    made = []
    for kind, file, line, unreadable, model, values, fields_set in zip(*columns, strict=True):
        entity = model.__new__(model)
        fields = compact_values(model, values) if type(values) is tuple else compact_fields(model, values)
        entity.__setstate__((fields, fields_set))
        made.append(Record(kind, entity, file, line, unreadable))
    ws = shell
    if ws is not None:
        ws.records = {record.id: record for record in made[:count]}
        ws.duplicates = [(made[first], made[second]) for first, second in duplicates]
    parsed = {name: (digest, [made[item] if type(item) is int else item for item in log], *rest)
              for name, (digest, log, *rest) in files.items()}
    return ws, parsed
