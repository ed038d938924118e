"""The workbook: every section as a sheet for editing in a spreadsheet, and ``orgmodel import`` back.

:mod:`.columns` maps fields to columns and cells, :mod:`.workbook` writes and
reads the xlsx file with openpyxl, :mod:`.rows` checks each row, and
:mod:`.importer` edits the YAML files in place, all or nothing.
"""

from .importer import import_spreadsheet
from .workbook import write_workbook

__all__ = [
    "import_spreadsheet",
    "write_workbook",
]
