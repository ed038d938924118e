"""A loaded workspace as the cache stores it: its records as one table of plain values.

Pickling a hundred thousand records and their models one object at a time makes pickle call
Python code twice per entry (each object's state), which cost about half of writing the cache.
As a table, pickle's own code writes the values (a model's fields are a plain dict), and the
objects are made again in one loop. Records kept in several places (the workspace, its
duplicates, what each file gave) are one row, so they are the same objects after reading.

>>> from orgmodel.workspace import load_workspace
>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> again, parsed = unpack(pack(ws, {}))
>>> again.records == ws.records, again.records.keys() == ws.records.keys(), parsed
(True, True, {})
"""

import copy

from orgmodel.model import compact_fields

from .loader import Record, Workspace


def pack(ws: Workspace | None, parsed: dict) -> tuple:
    """``ws`` (or None) and ``parsed`` (what each file gave, see :func:`~.loader.load_workspace`) as plain values."""
    rows: list[tuple] = []
    numbers: dict[int, int] = {}

    def number(record: Record) -> int:
        found = numbers.get(id(record))
        if found is None:
            entity = record.entity
            found = numbers[id(record)] = len(rows)
            rows.append((record.kind, record.file, record.line, record.unreadable, type(entity), entity.__dict__,
                         entity.__pydantic_fields_set__))
        return found

    shell = records = duplicates = None
    if ws is not None:
        records = [(key, number(record)) for key, record in ws.records.items()]
        duplicates = [(number(first), number(second)) for first, second in ws.duplicates]
        shell = copy.copy(ws)
        shell.records, shell.duplicates = {}, []
    files = {name: (digest, [(what, number(value) if what == "record" else value, kind) for what, value, kind in log],
                    *rest) for name, (digest, log, *rest) in parsed.items()}
    return rows, shell, records, duplicates, files


def unpack(packed: tuple) -> tuple[Workspace | None, dict]:
    """The workspace (or None) and what each file gave, from :func:`pack`."""
    rows, shell, records, duplicates, files = packed
    made = []
    for kind, file, line, unreadable, model, fields, fields_set in rows:
        entity = model.__new__(model)
        entity.__setstate__((compact_fields(model, fields), fields_set))
        made.append(Record(kind, entity, file, line, unreadable))
    ws = shell
    if ws is not None:
        ws.records = {key: made[index] for key, index in records}
        ws.duplicates = [(made[first], made[second]) for first, second in duplicates]
    parsed = {name: (digest, [(what, made[value] if what == "record" else value, kind) for what, value, kind in log],
                     *rest) for name, (digest, log, *rest) in files.items()}
    return ws, parsed
