"""The error report of a submission: the office's own rows that have problems, as XLSX.

Sheet 1 holds those rows as the file had them (same headers, same column order, so the
officer can correct them side by side with the original), each problem cell filled red
(a warning yellow) with a comment saying what is wrong; two extra columns give the row's
number in the file and its problems. Sheet 2 lists every problem, one per line.

Cells are written as values, never formulas (`etalase.spreadsheets.guard`). No identity
number is carried: identity columns are left out, and any identity number in another cell
or in a problem is masked (`etalase.intake.scrub`; the stored copy already has them out,
this holds for copies stored before it did).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from etalase.intake import readers, scrub
from etalase.intake.models import Submission, SubmissionRow
from etalase.intake.results import render
from etalase.spreadsheets import guard

ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"


def _problem_rows(submission: Submission) -> Iterator[SubmissionRow]:
    return (SubmissionRow.objects.filter(submission=submission)
            .exclude(problems=[], warnings=[]).order_by("row").iterator(chunk_size=2000))


def _file_rows(submission: Submission, wanted: set[int]) -> dict[int, list]:
    """The original cells of the wanted rows, read from the kept file."""
    found: dict[int, list] = {}
    if not wanted:
        return found
    last = max(wanted)
    with submission.file.open("rb") as stream:
        table = readers.open_table(stream, submission.filename)
        for number, cells in table.rows:
            if number in wanted:
                found[number] = list(cells)
            if number >= last:
                break
    return found


def build_error_report(submission: Submission) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    with translation.override(submission.language):
        workbook = Workbook(write_only=True)
        rows_sheet = workbook.create_sheet(_("Rows with problems")[:31])
        column_map = submission.column_map or {}
        identity = _identity_columns(submission)
        kept = [i for i in range(len(column_map.get("headers", []))) if i not in identity]
        headers: list[str] = [column_map["headers"][i] for i in kept]
        phones = {int(i) for i, name in (column_map.get("fields") or {}).items()
                  if name in scrub.PHONE_FIELDS}
        country = submission.country_id
        column_of = {}
        for index, header in enumerate(headers):
            column_of.setdefault(header, index)
        width = len(headers)
        bold = Font(bold=True)
        rows_sheet.append([guard(WriteOnlyCell(rows_sheet, value=h)) for h in headers]
                          + [_cell(rows_sheet, _("Row in your file"), bold),
                             _cell(rows_sheet, _("Problems"), bold)])
        listing: list[list] = []
        stored = list(_problem_rows(submission))
        originals = _file_rows(submission, {r.row for r in stored}) if stored else {}
        fills = {"error": PatternFill("solid", fgColor=ERROR_FILL),
                 "warning": PatternFill("solid", fgColor=WARNING_FILL)}
        for stored_row in stored:
            cells = originals.get(stored_row.row, [])
            cells = [scrub.mask(cells[i] if i < len(cells) else "", country=country,
                                phone=i in phones)[0] for i in kept]
            out = [guard(WriteOnlyCell(rows_sheet, value=_plain(value))) for value in cells]
            notes = []
            flagged: set[int] = set()
            for severity, items in (("error", scrub.masked_json(stored_row.problems,
                                                                country=country)),
                                    ("warning", scrub.masked_json(stored_row.warnings,
                                                                  country=country))):
                for problem in items:
                    said = render(problem)  # in the submission's language, not the checker's
                    notes.append(f"{problem.get('column')}: {said}")
                    listing.append([stored_row.row, problem.get("column"), problem.get("field"),
                                    problem.get("value", ""), problem.get("code"),
                                    said,
                                    _("error") if severity == "error" else _("warning")])
                    index = column_of.get(problem.get("column"))
                    if index is None or index >= width:
                        continue
                    target = out[index]
                    if severity == "error" or index not in flagged:
                        target.fill = fills[severity]  # an error's red wins over yellow
                        flagged.add(index)
                    text = f"{said} [{problem.get('code')}]"
                    old = target.comment.text + "\n" if target.comment else ""
                    target.comment = Comment(old + text, "Etalase")
            out.append(WriteOnlyCell(rows_sheet, value=stored_row.row))
            out.append(guard(WriteOnlyCell(rows_sheet, value="\n".join(notes))))
            rows_sheet.append(out)

        problems_sheet = workbook.create_sheet(_("Problems")[:31])
        problems_sheet.append([_cell(problems_sheet, label, bold) for label in (
            _("Row"), _("Column"), _("Field"), _("Value"), _("Code"), _("Message"),
            _("Severity"))])
        if submission.status == Submission.Status.REFUSED:
            listing.append(["", "", "", submission.filename, submission.refusal_code,
                            submission.refusal_message, _("error")])
        for line in listing:
            problems_sheet.append([guard(WriteOnlyCell(problems_sheet, value=_plain(v)))
                                   for v in line])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _identity_columns(submission: Submission) -> set[int]:
    """Columns of identity numbers: those the header matching dropped, and those emptied in
    the stored copy (listed by header in Submission.dropped_columns)."""
    column_map = submission.column_map or {}
    dropped = {*column_map.get("dropped_identity_columns", []), *submission.dropped_columns}
    return {i for i, header in enumerate(column_map.get("headers", [])) if header in dropped}


def _cell(sheet, value: str, font) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = guard(WriteOnlyCell(sheet, value=value))
    cell.font = font
    return cell


def _plain(value: Any) -> Any:
    """What openpyxl can write: the XLSX reader gives str, int, float, bool, dates and times."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value) if not hasattr(value, "isoformat") else value


def report_filename(submission: Submission) -> str:
    stem = submission.filename.rsplit(".", 1)[0][:80] or "submission"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    return f"{safe}-problems.xlsx"
