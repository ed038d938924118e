"""Tables for the terminal (rich), JSON and CSV, from the same rows.

>>> print(render_table(["id", "name"], [["a", "Æ"]], "csv"), end="")
id,name
a,Æ
"""

import csv
import io
import json


def render_table(headers: list[str], rows: list[list], fmt: str = "table", width: int | None = None) -> str:
    """Render rows as a terminal table, a JSON list of objects, or CSV."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, [list(c) if isinstance(c, tuple) else c for c in row], strict=True))
                           for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([csv_safe(c) for c in row] for row in rows)
        return out.getvalue()
    return _rich_table(headers, rows, width)


def cell_text(value) -> str:
    """A cell as text: lists joined with commas, None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    return str(value)


def csv_safe(value) -> str:
    """Keep spreadsheets from running a cell as a formula (``=``, ``+``, ``-``, ``@``)."""
    text = cell_text(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rich_table(headers, rows, width):
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(cell_text(c) for c in row))
    out = io.StringIO()
    natural = sum(max([len(h)] + [len(cell_text(r[i])) for r in rows]) + 3 for i, h in enumerate(headers)) + 2
    Console(file=out, width=width or max(natural, 60), color_system=None, highlight=False,
            legacy_windows=False).print(table)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
