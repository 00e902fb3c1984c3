"""Checking a file into rows and writing them: the engine under the submissions' workflow.

`import_run` is the one engine: the CLI and the API call it directly (validate, and with
commit=True write, inside one transaction); the web workflow checks a file into preview
rows (`submission_validate`, in the worker for a large file) and calls the engine again at
commit time (`submission_commit`) so that the registry is compared as it is then, not as it
was at upload. Neither the workflow (services) nor the tasks are imported here: the tasks
call this module, the workflow calls both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.db import IntegrityError, transaction
from django.utils import translation

from etalase.intake import pipeline, scrub, sqlrows
from etalase.intake.models import OfficeMapping, Submission, SubmissionEvent, SubmissionRow
from etalase.intake.pipeline import Summary
from etalase.intake.readers import FileRefused
from etalase.intake.validation import RowResult, chunks
from etalase.intake.writer import ConcurrentChange, WriteContext, write_chunk
from etalase.regions.models import Subdivision

Progress = Callable[[int], None]


def import_run(
    *,
    stream: IO[bytes],
    filename: str,
    office: Subdivision,
    commit: bool,
    actor=None,
    source: str = "import",
    saved_map: dict | None = None,
    decisions: dict | None = None,
    progress: Progress | None = None,
    record: Callable[[Summary], None] | None = None,
) -> Summary:
    """Validate a file as `office` and, with commit=True, write it atomically.

    `record(summary)` writes the record of a commit (its submission and event) in the same
    transaction as the rows: a process killed after the commit leaves both or neither.
    Raises FileRefused for a file refused whole (nothing is written then either).
    """
    country = office.country_id
    mapping = OfficeMapping.objects.filter(office=office).first()
    for attempt in range(2):
        stream.seek(0)
        prepared = _prepare(stream, filename, office, country, saved_map, mapping)
        # The file is read as sent (not a stored copy): no identity number is checked,
        # reported or written.
        prepared.rows = scrub.masked_rows(prepared.rows, prepared.column_map, country)
        prepared.validator.decisions = decisions or {}
        summary = Summary.of(prepared)
        ctx = WriteContext(
            country=country,
            currency=prepared.validator.currency,
            actor=actor,
            source=source,
            decisions=decisions,
        )
        try:
            with transaction.atomic():
                _run(prepared, summary, ctx, commit=commit, progress=progress)
                if commit and record is not None:
                    record(summary)
            return summary
        except (ConcurrentChange, IntegrityError):
            # Another import registered the same identifiers meanwhile: compare again.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _prepare(
    stream: IO[bytes],
    filename: str,
    office: Subdivision,
    country: str,
    saved_map: dict | None,
    mapping: OfficeMapping | None,
) -> pipeline.Prepared:
    """Open the file with the office's remembered aliases; its remembered constants apply only
    when no saved map is given (a saved map already carries the constants chosen for it)."""
    return pipeline.prepare(
        stream,
        filename,
        office=office,
        country=country,
        saved_map=saved_map,
        extra_aliases=mapping.aliases if mapping else None,
        constants=mapping.constants if mapping and not saved_map else None,
    )


def _run(
    prepared, summary: Summary, ctx: WriteContext, *, commit: bool, progress: Progress | None
) -> None:
    for chunk in pipeline.checked_chunks(prepared):
        for result in chunk:
            summary.add(result)
        if commit:
            write_chunk(chunk, ctx)
        if progress:
            progress(summary.rows)


def _check_into_rows(
    submission: Submission, *, column_map: dict | None, progress: Progress | None = None
) -> tuple[Summary, dict]:
    """Check the file and store every row for the preview, a chunk per transaction so that
    the page can follow the progress; FileRefused when the file is refused whole."""
    office = submission.office
    memory = OfficeMapping.objects.filter(office=office).first()
    with submission.file.open("rb") as stream:
        prepared = _prepare(
            stream, submission.filename, office, submission.country_id, column_map, memory
        )
        prepared.validator.decisions = submission.decisions or {}
        total = getattr(progress, "total", None)
        if total is not None and prepared.row_estimate:
            total(prepared.row_estimate)
        summary = Summary.of(prepared)
        SubmissionRow.objects.filter(submission=submission).delete()
        try:
            for chunk in pipeline.checked_chunks(prepared):
                for result in chunk:
                    summary.add(result)
                table = sqlrows.Rows(SubmissionRow, now=None)
                table.insert(table.params(table.row(_row_values(submission, r))) for r in chunk)
                if progress:
                    progress(summary.rows)
        except FileRefused:
            # Refused part-way (damaged further down, more rows than allowed): the chunks
            # already stored must not stand as the preview of a refused file.
            SubmissionRow.objects.filter(submission=submission).delete()
            raise
    return summary, prepared.column_map.as_json()


def _json_value(value):
    return str(value) if value is not None and not isinstance(value, list | str | int) else value


def _row_values(submission: Submission, r: RowResult) -> dict:
    return {
        "submission_id": submission.pk,
        "row": r.row,
        "action": r.action,
        "values": {k: _json_value(v) for k, v in r.values.items()},
        "certifications": r.certifications,
        "product": r.product,
        # The cell's value is kept for the preview (the CLI/API JSON leaves it out).
        "problems": [_kept(submission, p) for p in r.problems],
        "warnings": [_kept(submission, p) for p in r.warnings],
        "diff": r.diff,
        "conflicts": r.conflicts,
        "matches": r.matches,
        "enterprise_id": r.enterprise_id,
    }


def _kept(submission: Submission, problem) -> dict:
    """A problem as stored, its value and message with any identity number masked."""
    return scrub.masked_json(
        {**problem.as_dict(), "value": problem.value}, country=submission.country_id
    )


def _row_result(row: SubmissionRow) -> RowResult:
    return RowResult(
        row=row.row,
        action=row.action,
        values=dict(row.values),
        certifications=list(row.certifications),
        product=row.product,
        diff=dict(row.diff),
        conflicts=list(row.conflicts),
        matches=list(row.matches),
        enterprise_id=row.enterprise_id,
    )


def _record(submission: Submission, actor, action: str, comment: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        actor=actor,
        action=action,
        comment=comment,
        file_sha256=submission.sha256,
    )


def _refuse(submission: Submission, actor, refused: FileRefused) -> Submission:
    submission.status = Submission.Status.REFUSED
    submission.refusal_code, submission.refusal_message = refused.code, refused.message
    if refused.code == "missing_columns":  # pipeline.ColumnsRefused: its map is kept for
        submission.column_map = refused.column_map.as_json()  # the mapping page, the summary
    submission.save()
    _record(submission, actor, "refused", refused.message)
    return submission


def submission_validate(
    *, submission: Submission, actor, column_map: dict | None = None
) -> Submission:
    """Check the file into preview rows; the page follows the progress (a large file is
    checked by the worker: tasks.check_submission)."""
    with translation.override(submission.language):
        try:
            summary, used_map = _check_into_rows(
                submission, column_map=column_map, progress=_Checking(submission.pk)
            )
        except FileRefused as refused:
            return _refuse(submission, actor, refused)
    submission.counts = summary.counts()
    # Columns emptied in the stored copy at upload (identity numbers by content) stay listed,
    # and the column summary says so (their header alone did not).
    submission.dropped_columns = list(
        dict.fromkeys([*summary.dropped_columns, *submission.dropped_columns])
    )
    submission.column_map = _identity_by_content(used_map, submission.dropped_columns)
    submission.status = Submission.Status.VALIDATED
    submission.refusal_code = submission.refusal_message = ""
    submission.save()
    _record(submission, actor, "validated")
    return submission


def _identity_by_content(column_map: dict, dropped: list[str]) -> dict:
    """The stored map with the columns emptied for their identity numbers marked as such."""
    emptied = set(dropped)
    for index, header in enumerate(column_map.get("headers", [])):
        columns = column_map.get("columns") or []
        if header in emptied and index < len(columns) and columns[index]["how"] == "not_used":
            columns[index]["how"] = "identity"
    return column_map


class _Checking:
    """Progress of a check, written to the submission as it goes (the page polls it)."""

    def __init__(self, submission_id: int) -> None:
        self.submission_id = submission_id
        Submission.objects.filter(pk=submission_id).update(progress_done=0, progress_total=0)

    def total(self, rows: int) -> None:
        Submission.objects.filter(pk=self.submission_id).update(progress_total=max(rows, 1))

    def __call__(self, done: int) -> None:
        Submission.objects.filter(pk=self.submission_id).update(progress_done=done)


def submission_commit(*, submission_id: int, actor) -> Submission:
    """Write an accepted submission in two steps: check it again against the registry as it
    is now (rows stored chunk by chunk, so the page can show progress), then write every row
    in one transaction. A crash or kill in the write leaves the registry as it was and the
    submission re-runnable ("committing" is accepted again)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.status not in ("accepted", "committing"):
            return submission
        submission.status = Submission.Status.COMMITTING
        submission.progress_done = 0
        # Checking is counted once, writing once: the bar reaches 100% when both are done.
        submission.progress_total = 2 * max(submission.counts.get("rows", 0), 1)
        submission.save()

    def progress(done: int) -> None:
        Submission.objects.filter(pk=submission_id).update(progress_done=done)

    for attempt in range(2):
        with translation.override(submission.language):
            summary, _map = _check_into_rows(
                submission, column_map=submission.column_map, progress=progress
            )
        try:
            _write_stored_rows(submission, actor, progress, offset=summary.rows)
            break
        except (ConcurrentChange, IntegrityError):
            if attempt:
                raise
    submission.refresh_from_db()
    submission.status = Submission.Status.COMMITTED
    submission.counts = summary.counts()
    submission.progress_done = submission.progress_total
    submission.save()
    _record(submission, actor, "committed")
    return submission


def _write_stored_rows(submission: Submission, actor, progress: Progress, *, offset: int) -> None:
    ctx = WriteContext(
        country=submission.country_id,
        currency=submission.country.currency or "USD",
        actor=actor,
        source=f"submission {submission.pk}",
        decisions=submission.decisions,
    )
    rows = SubmissionRow.objects.filter(
        submission=submission, action__in=["create", "update"]
    ).order_by("row")
    with transaction.atomic():
        Submission.objects.select_for_update().filter(pk=submission.pk).first()
        for chunk in chunks(rows.iterator(chunk_size=2000)):
            results = [_row_result(r) for r in chunk]
            write_chunk(results, ctx)
            created = {r.row: r.enterprise_id for r in results if r.action == "create"}
            for row in chunk:
                if row.row in created:
                    row.enterprise_id = created[row.row]
            sqlrows.update(SubmissionRow, chunk, ["enterprise_id"])
    progress(2 * offset)


