"""The formats of ``orgmodel check``'s output by name, and the one the suffix of ``-o`` names.

Apart from :mod:`.output`, which writes them, so that the command line can choose the format without importing
what a stored output is given without (the models, the rules).
"""

from pathlib import Path

from orgmodel.files import text_or_named_format

FORMAT_NAMES = ("text", "json", "junit", "sarif")
SUFFIXES = {"txt": "text", "json": "json", "xml": "junit", "sarif": "sarif"}
"""The suffixes of ``check -o`` that name a format when ``--format`` is not given (any other takes text)."""


def check_format(output: Path | None, fmt: str | None) -> str:
    """The format of ``orgmodel check``'s output: ``fmt`` when given, else the one the suffix of ``-o`` names, else
    text. ``-o check.sarif`` wrote the text report into a file a code-scanning upload then refused.

    >>> check_format(Path("check.sarif"), None), check_format(Path("check.log"), None), check_format(None, "json")
    ('sarif', 'text', 'json')
    """
    return text_or_named_format(output, fmt, SUFFIXES, FORMAT_NAMES, "text")
