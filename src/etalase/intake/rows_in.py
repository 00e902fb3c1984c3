"""Rows that arrive one by one (field capture from ODK Collect) as an intake submission.

A submission is a file: the preview, the checks at commit time and the stored copy all read
`Submission.file`. Rows captured in the field therefore become a CSV in the template's
columns (English headers, as the alias table knows them), kept and checked exactly as an
uploaded CSV is: identity numbers removed from the stored copy (scrub), checked into preview
rows (submission_validate), submitted, reviewed by the focal point and committed by the same
functions. No second path around the rules: this module only writes the file.

Row numbers are stable: the record at position i of `rows` is row i + 2 of the file (the
header is row 1), and a position once given keeps its record, so that the officer's and the
focal point's decisions (Submission.decisions, keyed by row) stay with their record. A
position whose record was withdrawn is written as an empty line, which the checker skips.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from etalase.accounts import permissions
from etalase.intake import pipeline, scrub
from etalase.intake.models import Submission
from etalase.intake.runs import _record, _refuse, submission_validate
from etalase.intake.template import COLUMNS, headers
from etalase.intake.validation import RowResult
from etalase.regions.models import Subdivision
from etalase.spreadsheets import csv_safe

FIELDS = [column.field for column in COLUMNS]
FIRST_ROW = 2
# Statuses in which rows may still be added: before the officer submits it for review.
OPEN_STATUSES = ("uploaded", "validated", "refused")


def row_number(position: int) -> int:
    return FIRST_ROW + position


def rows_csv(rows: Sequence[dict | None]) -> bytes:
    """The template's header in English and one line per row (None: an empty line)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers("en"))
    for row in rows:
        writer.writerow([csv_safe(str((row or {}).get(name, "") or "")) for name in FIELDS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def open_submission(*, office: Subdivision, actor, prefix: str) -> Submission:
    """The office's open submission whose file name starts with `prefix`, or a new one."""
    if not permissions.can_submit_for(actor, office.code):
        raise PermissionDenied
    submission = (
        Submission.objects.select_for_update()
        .filter(office=office, filename__startswith=prefix, status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )
    if submission is None:
        submission = Submission.objects.create(
            office=office, country_id=office.country_id, uploaded_by=actor,
            filename=f"{prefix}{office.code}.csv", sha256="", language=_language(actor),
        )
        _record(submission, actor, "uploaded")
    return submission


def put_rows(*, submission: Submission, actor, rows: Sequence[dict | None]) -> Submission:
    """Write the submission's file from `rows` and check it again, as an upload is checked."""
    if not permissions.can_submit_for(actor, submission.office_id):
        raise PermissionDenied
    if submission.status not in OPEN_STATUSES:
        raise PermissionDenied
    content = rows_csv(rows)
    cleaned = scrub.for_storage(content, submission.filename, country=submission.country_id)
    submission.sha256 = hashlib.sha256(content).hexdigest()
    submission.size = len(content)
    submission.dropped_columns = cleaned.identity_columns
    with transaction.atomic():
        if submission.file:
            submission.file.delete(save=False)
        submission.file.save(f"{submission.pk}-{submission.sha256[:12]}",
                             ContentFile(cleaned.content or content), save=True)
    if cleaned.refused is not None:
        return _refuse(submission, actor, cleaned.refused)
    return submission_validate(submission=submission, actor=actor)


def check_rows(*, office: Subdivision, rows: Sequence[dict], language: str = "en"
               ) -> list[RowResult]:
    """The rows checked and compared with the registry as a file of the office would be,
    nothing stored: what the preview would show (used to find fields changed online)."""
    stream = io.BytesIO(rows_csv(rows))
    with translation.override(language):
        prepared = pipeline.prepare(stream, "rows.csv", office=office,
                                    country=office.country_id)
        prepared.rows = scrub.masked_rows(prepared.rows, prepared.column_map, office.country_id)
        return list(pipeline.checked_rows(prepared))


def _language(actor) -> str:
    language = getattr(actor, "preferred_language", "") or "en"
    return language if language in ("en", "id", "ms", "fil") else "en"
