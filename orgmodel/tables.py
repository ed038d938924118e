"""Tables for the terminal (rich), JSON and CSV, from the same rows.

>>> print(render_table(["id", "name"], [["a", "Æ"]], "csv"), end="")
id,name
a,Æ
"""

import csv
import io
import json
import re


def number_text(value: int | float) -> str:
    """A number as written, every digit kept and no exponent for whole numbers: ``4`` for 4.0, ``1234567`` for
    1234567.0, ``12345.61`` for 12345.61 (``:g`` gave ``12345.6``, and ``1.23457e+06`` for 1234567).

    >>> number_text(4.0), number_text(1234567.0), number_text(12345.61), number_text(2.5), number_text(7)
    ('4', '1234567', '12345.61', '2.5', '7')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


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


_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
"""Characters a terminal does not show as themselves: control characters (all but tab and line feed),
format characters (zero-width spaces and joiners, direction marks and overrides, the byte-order mark,
invisible operators, tags) and the line and paragraph separators: Unicode's Cc, Cf, Zl and Zp."""


def visible(text: str) -> str:
    r"""``text`` with each invisible or direction-changing character written as its escape.

    A right-to-left override (U+202E) would make a terminal show ``a\u202ecba`` as ``aabc``, so an id or
    name could pass for another; written as an escape, it shows what is there. Used for whatever is printed
    for a person to read: the terminal tables, the text of ``check`` and error messages.

    >>> print(visible("ssp\u202e-x\u200b"))
    ssp\u202e-x\u200b
    >>> visible("Æble\tog\nkage") == "Æble\tog\nkage"
    True
    """
    return _INVISIBLE.sub(_escape, text) if _INVISIBLE.search(text) else text


def one_line(text: str) -> str:
    r"""``text`` as :func:`visible` shows it, with its line breaks and tabs as escapes too: for a value printed
    inside a line of text, where a line break would start a line that seems the tool's own.

    >>> print(one_line("SSP\n\nOrganer lukket\t"))
    SSP\n\nOrganer lukket\t
    """
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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
    """Keep spreadsheets from running a cell as a formula (``=``, ``+``, ``-``, ``@``); a number is written as it is
    (``-10``, which a spreadsheet reads as the number, not ``'-10``, which it reads as text).

    >>> csv_safe("=1+1"), csv_safe("-x"), csv_safe(-10), csv_safe(-12.5)
    ("'=1+1", "'-x", '-10', '-12.5')
    """
    text = cell_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rich_table(headers, rows, width):
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(visible(cell_text(c)) for c in row))
    out = io.StringIO()
    natural = sum(max([len(h)] + [len(visible(cell_text(r[i]))) for r in rows]) + 3
                  for i, h in enumerate(headers)) + 2
    Console(file=out, width=width or max(natural, 60), color_system=None, highlight=False,
            legacy_windows=False).print(table)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
