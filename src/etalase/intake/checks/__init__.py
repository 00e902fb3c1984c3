"""The field checks of RowValidator, one module per kind of cell.

Each is a mixin of RowValidator (validation.py): it reads the validator's per-file
caches (self.phone, self.parse_number …) and reports through the row's `problem`
and `warning` callbacks, with messages built by `results.message` (stored as msgid and
parameters, shown in the reader's language).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from etalase.intake.results import Message, message


def as_message(exc: ValidationError) -> Message | str:
    """A registry check's error as a stored message: its msgid (the English text its
    gettext_lazy holds) and parameters, each cut to 60 characters (a 10,000-digit figure is
    named, not copied). Text already translated (a plain str message) stays as it is."""
    text = getattr(exc, "message", None)
    # A lazy translation keeps its arguments: gettext_lazy("…") holds ("…",).
    args = getattr(text, "_args", None)
    if args and isinstance(args[0], str):
        # Numbers stay numbers (a message may format them with %d); text is cut.
        params = {k: v if isinstance(v, int | float | Message) else str(v)[:60]
                  for k, v in (exc.params or {}).items()}
        return message(args[0], **params)
    return exc.messages[0]
