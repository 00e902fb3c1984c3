"""Cells filled from a merged range of the workbook (etalase.intake.xlsx.MergedRow).

A range merged down a column (`Kab/Kota` over the rows of one regency) means its value for
every row it covers: the reader filled it in, and each filled cell of a column the file's
map reads is a warning on its row, so the office sees what was taken from above. A range
merged across columns spans fields: its value belongs to its own column only, so a cell it
covers in another column stays empty, as the file has it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_noop

from etalase.intake import cells
from etalase.intake.columns import ColumnMap
from etalase.intake.results import message


def report_filled(
    column_map: ColumnMap,
    filled: dict[int, tuple[int, int]],
    row: dict,
    warning: Callable,
) -> None:
    """`filled`: column -> (row, column) its value came from; `row`: field -> cell of the
    row being checked (changed in place)."""
    for column, (source_row, source_column) in filled.items():
        name = column_map.fields.get(column)
        if not name or name not in row or name in column_map.constants:
            continue
        if source_column != column:
            del row[name]  # merged across: not this column's value
            continue
        warning(
            name,
            "filled_from_merged_cell",
            message(
                gettext_noop(
                    "The cell is inside a merged cell: “%(value)s” from row %(row)d was "
                    "taken for it."
                ),
                value=cells.text(row[name])[:60],
                row=source_row,
            ),
            row[name],
        )
