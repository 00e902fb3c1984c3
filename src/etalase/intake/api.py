"""Submissions from a province's own system: POST /api/v1/submissions.

The API creates a Submission exactly like the upload page: the file is kept (SHA-256
recorded), checked, and left in status "validated" for the office to look at in the
browser; with `?submit=true` it is submitted to the national focal point at once. Nothing
is written to the registry before the focal point accepts (the review is not skipped).

The answer is the summary the CLI prints with `--format json` — rows, created, updated,
unchanged, rejected (what a commit would do now), errors[], warnings[] (the same shape;
row null for a whole column) and columns[] (every header of the file with the field it
fills and how it was recognised) — plus the submission's id, status and page. A file
refused whole answers 422 with one error object.

Only a bearer token is accepted here (no session cookie): a browser session would make
this POST a cross-site request forgery target.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.files import UploadedFile

from etalase.accounts import permissions
from etalase.intake import pipeline, readers, selectors, services
from etalase.intake.columns import HOW, ColumnMap
from etalase.intake.models import Submission, SubmissionRow
from etalase.intake.results import render
from etalase.regions.models import Subdivision
from etalase.regions.schemas import ErrorOut

router = Router(tags=["submissions"])

SUBDIVISION_FORM = Form(..., max_length=10, description="ISO 3166-2 code, e.g. ID-SA.")


class ErrorItem(Schema):
    row: int | None = Field(None, description="Row as the spreadsheet shows it (1-based).")
    column: str | None = Field(None, description="The header as written in the file.")
    field: str | None = None
    code: str
    message: str


class ColumnOut(Schema):
    index: int = Field(..., description="0-based position of the column.")
    letter: str = Field(..., description="The column as the spreadsheet names it: A, B … AA.")
    header: str = Field(..., description="The header as written in the file.")
    field: str | None = Field(None, description="The field it fills; null: not read.")
    how: str = Field(..., description="How it was recognised: " + ", ".join(HOW) + ".")
    score: float | None = Field(None, description="Similarity (0-100) of a fuzzy match.")
    unit: str | None = Field(None, description="A unit in the header, as written: Rp juta.")
    scale: int | None = Field(None, description="What the unit multiplies values by.")
    currency: str | None = Field(None, description="ISO 4217 code the header names.")
    of: str | None = Field(None, description="A duplicate: the column that fills the field.")
    stored: bool = Field(..., description="Whether its values are kept in the registry.")


class SummaryOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[ErrorItem]
    warnings: list[ErrorItem] = Field(default_factory=list)
    columns: list[ColumnOut] = Field(default_factory=list)
    id: int | None = Field(None, description="The submission, to follow its review.")
    status: str | None = None
    url: str | None = Field(None, description="The submission's page for the office.")


class DetailOut(Schema):
    detail: str


def _bearer_user(request: HttpRequest):
    """A user from `Authorization: Bearer …` only (the API root already checked the token)."""
    if not request.headers.get("Authorization", "").lower().startswith("bearer "):
        raise AuthenticationError(message="Send the file with 'Authorization: Bearer <token>'.")
    return request.user


def _refused(code: str, message: str, submission: Submission | None = None) -> dict:
    payload = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0, "rejected": 0,
               "errors": [{"row": None, "column": None, "field": None, "code": code,
                           "message": str(message)}], "warnings": [], "columns": []}
    if submission is not None:
        payload.update(id=submission.pk, status=submission.status)
        if submission.column_map.get("headers"):  # refused after a hand mapping
            payload["columns"] = ColumnMap.from_json(submission.column_map).describe()
    return payload


def _item(problem: dict) -> dict:
    """A stored problem as the summary gives it, its message in the reader's language."""
    return {**pipeline.shape(problem), "message": render(problem)}


def summary_of(submission: Submission, request: HttpRequest | None = None) -> dict:
    """The CLI's JSON summary, from what the submission stored: its rows' problems and its
    column map (the columns and their warnings are derived from it, not kept twice)."""
    if submission.status == Submission.Status.REFUSED:
        return _refused(submission.refusal_code, submission.refusal_message, submission)
    counts = submission.counts or {}
    columns, errors, warnings = [], [], []
    if submission.column_map.get("headers"):
        column_map = ColumnMap.from_json(submission.column_map)
        columns = column_map.describe()
        warnings = [_item(p.as_dict())
                    for p in column_map.warnings(submission.country.currency or "USD")]
    for problems, row_warnings in (SubmissionRow.objects.filter(submission=submission)
                                   .exclude(problems=[], warnings=[]).order_by("row")
                                   .values_list("problems", "warnings").iterator()):
        errors.extend(_item(problem) for problem in problems)
        warnings.extend(_item(warning) for warning in row_warnings)
    try:
        url = reverse("intake:detail", args=[submission.pk])
    except NoReverseMatch:  # the pages are not mounted (an API-only deployment)
        url = f"/submissions/{submission.pk}/"
    if request is not None:
        url = request.build_absolute_uri(url)
    return {**{key: counts.get(key, 0) for key in
               ("rows", "created", "updated", "unchanged", "rejected")},
            "errors": errors, "warnings": warnings, "columns": columns,
            "id": submission.pk, "status": submission.status, "url": url}


# 422: the file's summary when the importer refused it, django-ninja's list of problems when
# the form itself is incomplete (no file, no subdivision).
@router.post("", response={201: SummaryOut, 401: DetailOut, 403: DetailOut,
                           422: SummaryOut | ErrorOut},
             summary="Send a province's file of enterprises")
def submission_create(request: HttpRequest, file: File[UploadedFile],
                      subdivision: str = SUBDIVISION_FORM, submit: bool = False):
    user = _bearer_user(request)
    code = subdivision.strip().upper()
    office = Subdivision.objects.filter(code=code).first()
    if office is None:
        return Status(422, _refused("unknown_subdivision",
                                    f"Unknown subdivision code {code[:10]}."))
    if not permissions.can_submit_for(user, office.code):
        return Status(403, {"detail": f"This token may not submit data for {office.code}."})
    if file.size > readers.max_upload_bytes():
        # Refused before it is kept: the same words as the importer's.
        mb = 1024 * 1024
        return Status(422, _refused("file_too_large",
                                    f"The file is {file.size // mb} MB; the limit is "
                                    f"{readers.max_upload_bytes() // mb} MB. Split it into "
                                    "smaller files."))
    submission = services.submission_upload(actor=user, office=office,
                                            filename=file.name or "upload", content=file.read(),
                                            language=get_language() or "en")
    if submission.status == Submission.Status.REFUSED:
        return Status(422, summary_of(submission, request))
    if submit and submission.counts.get("rows"):
        submission = services.submission_submit(submission=submission, actor=user)
    return Status(201, summary_of(submission, request))


@router.get("/{int:submission_id}", response={200: SummaryOut, 404: DetailOut},
            summary="A submission's status and summary")
def submission_status(request: HttpRequest, submission_id: int):
    user = request.user
    if not user.is_authenticated:
        raise AuthenticationError(message="Sign in or send 'Authorization: Bearer <token>'.")
    found = selectors.submissions_for(user).filter(pk=submission_id).first()
    if found is None:
        return Status(404, {"detail": "Not found."})
    return Status(200, summary_of(found, request))
