"""TODO xlsx."""

from .importer import import_spreadsheet
from .workbook import write_workbook

__all__ = [
    "import_spreadsheet",
    "write_workbook",
]
