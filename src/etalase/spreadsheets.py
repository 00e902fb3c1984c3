"""Cells that a spreadsheet shows as text and never runs as a formula.

A text beginning with = + - @ (or a tab or carriage return) is a formula to Excel,
LibreOffice and Google Sheets (OWASP "CSV injection"). Every export that people open in a
spreadsheet — the intake template and error report, the insights report, the open-data
CSV — writes its cells through these two functions.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_000  # Excel's limit is 32,767 characters a cell


def csv_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (an apostrophe in front)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def guard(cell) -> Any:
    """Keep an openpyxl cell's text as text (openpyxl takes "=…" for a formula).

    Excel's quote prefix marks the cell as text without changing what it shows.
    """
    if isinstance(cell.value, str):
        if len(cell.value) > MAX_CELL_CHARS:
            cell.value = cell.value[:MAX_CELL_CHARS]
        if cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    return cell
