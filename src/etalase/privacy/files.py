"""The person's values inside offices' stored uploads (intake's cleaned copies, CSV or XLSX).

The database sweep cannot see into files: a stored copy keeps every cell of the office's list
(intake.scrub only masks identity numbers). Cells are rewritten in place, at their row and
column, so the copy still reads as the same table; the submission keeps the original's
SHA-256 as its fingerprint, as it does for intake's own cleaning.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.core.files.base import ContentFile


def scrub_bytes(name: str, content: bytes, replace: Callable[[str], str]) -> bytes | None:
    """The file with the values replaced, or None when nothing changed or it is unreadable."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        new = replace(text)
        return new.encode("utf-8") if new != text else None
    if lowered.endswith((".xlsx", ".xlsm")):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content))
        except Exception:  # a damaged copy: nothing of it can be rewritten
            return None
        changed = False
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and (new := replace(cell.value)) != cell.value:
                        cell.value, changed = new, True
        if not changed:
            return None
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    return None


def scrub_submission_files(submissions, replace: Callable[[str], str]) -> int:
    """Rewrite the stored copies that hold the person's values; returns files rewritten."""
    done = 0
    for submission in submissions:
        if not submission.file:
            continue
        try:
            with submission.file.open("rb") as handle:
                content = handle.read()
        except OSError:
            continue
        new = scrub_bytes(submission.file.name, content, replace)
        if new is None:
            continue
        name = submission.file.name
        storage = submission.file.storage
        storage.delete(name)
        saved = storage.save(name, ContentFile(new))
        if saved != name:
            type(submission).objects.filter(pk=submission.pk).update(file=saved)
        done += 1
    return done
