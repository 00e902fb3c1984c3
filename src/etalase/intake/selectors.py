"""Reads for the submission pages: every query starts from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from etalase.accounts import permissions
from etalase.enterprises.models import Consent, Enterprise
from etalase.intake.columns import importable_fields, normalise_header
from etalase.intake.models import ConsentInvitation, Submission, SubmissionEvent, SubmissionRow
from etalase.regions.models import Subdivision

SECTIONS = ("create", "update", "unchanged", "rejected")
ROWS_PER_PAGE = 50


def submissions_for(user, *, status: str | None = None) -> QuerySet[Submission]:
    queryset = Submission.objects.select_related("office", "country", "uploaded_by")
    queryset = permissions.submissions_visible_to(user, queryset)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def submission_for(user, pk: int) -> Submission:
    """A submission the user may see; another province's answers 404 like a missing one."""
    found = submissions_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def awaiting_review_for(user) -> QuerySet[Submission]:
    """Submitted files of the countries this user reviews (focal points, secretariat)."""
    scope = permissions.scope_of(user)
    queryset = submissions_for(user, status=Submission.Status.SUBMITTED)
    return queryset if scope.secretariat else queryset.filter(country_id__in=scope.countries)


def offices_of(user) -> QuerySet[Subdivision]:
    """Provinces this user may submit for: an officer its own; the secretariat any focus
    area (and what lies inside one)."""
    scope = permissions.scope_of(user)
    if scope.secretariat:
        return Subdivision.objects.filter(
            Q(is_focus_area=True) | Q(parent__is_focus_area=True)).order_by("country_id", "name")
    return Subdivision.objects.filter(code__in=scope.subdivisions).order_by("name")


def events_of(submission: Submission) -> QuerySet[SubmissionEvent]:
    return submission.events.select_related("actor")


def section_page(submission: Submission, section: str, number: str | int | None) -> Page:
    if section not in SECTIONS:
        section = "rejected"
    rows = SubmissionRow.objects.filter(submission=submission, action=section).order_by("row")
    return Paginator(rows, ROWS_PER_PAGE).get_page(number)


def warnings_count(submission: Submission) -> int:
    return (SubmissionRow.objects.filter(submission=submission)
            .exclude(warnings=[]).count())


def has_problems(submission: Submission) -> bool:
    return (SubmissionRow.objects.filter(submission=submission)
            .exclude(problems=[], warnings=[]).exists())


def conflict_count(submission: Submission) -> int:
    return (SubmissionRow.objects.filter(submission=submission, action="update")
            .exclude(conflicts=[]).count())


@dataclass
class MappedColumn:
    index: int
    header: str
    field: str | None
    identity: bool  # an identity-number column: dropped, never mapped


def mapped_columns(column_map: dict) -> list[MappedColumn]:
    dropped = {normalise_header(h) for h in column_map.get("dropped_identity_columns", [])}
    fields = column_map.get("fields", {})
    columns = []
    for index, header in enumerate(column_map.get("headers", [])):
        identity = bool(header) and normalise_header(header) in dropped
        columns.append(MappedColumn(index, header, fields.get(str(index)), identity))
    return columns


def field_choices() -> list[str]:
    return importable_fields()


# --- Consent ---------------------------------------------------------------------


def consent_pending_for(user) -> QuerySet[Enterprise]:
    """Enterprises sent by an office that still wait for their owner's consent, in the
    user's area; only officials (and the secretariat) get any."""
    if not permissions.scope_of(user).is_official:
        return Enterprise.objects.none()
    queryset = Enterprise.objects.filter(consent=Consent.PENDING).select_related("subdivision")
    return permissions.enterprises_managed_by(user, queryset).order_by("legal_name", "pk")


def consent_pending_enterprise(user, enterprise_id: int) -> Enterprise:
    found = consent_pending_for(user).filter(pk=enterprise_id).first()
    if found is None:
        raise Http404
    return found


def invitations_of(enterprises: list[Enterprise]) -> dict[int, list[ConsentInvitation]]:
    found: dict[int, list[ConsentInvitation]] = {}
    for invitation in ConsentInvitation.objects.filter(
            enterprise__in=enterprises).order_by("-created_at"):
        found.setdefault(invitation.enterprise_id, []).append(invitation)
    return found


REMAPPABLE_REFUSALS = ("missing_columns", "no_header")


def column_map_for_mapping(submission: Submission) -> dict:
    """The map the mapping page starts from. A file refused for unrecognised headers has
    none stored: read its first rows again and take the likeliest header row."""
    if submission.column_map.get("headers"):
        return submission.column_map
    if submission.refusal_code not in REMAPPABLE_REFUSALS:
        return {}
    from itertools import islice

    from etalase.intake import readers
    from etalase.intake.cells import text
    from etalase.intake.columns import build_map, find_header
    from etalase.intake.models import OfficeMapping

    memory = OfficeMapping.objects.filter(office=submission.office).first()
    aliases = memory.aliases if memory else None
    try:
        with submission.file.open("rb") as stream:
            head = list(islice(readers.open_table(stream, submission.filename).rows, 30))
    except readers.FileRefused:
        return {}
    found = find_header(head, aliases) or next(
        ((n, cells) for n, cells in head if sum(1 for c in cells if text(c)) >= 2), None)
    if found is None:
        return {}
    return build_map(found[0], found[1], aliases).as_json()
