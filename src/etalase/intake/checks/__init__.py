"""The field checks of RowValidator, one module per kind of cell.

Each is a mixin of RowValidator (validation.py): it reads the validator's per-file
caches (self.phone, self.parse_number …) and reports through the row's `problem`
and `warning` callbacks.
"""
