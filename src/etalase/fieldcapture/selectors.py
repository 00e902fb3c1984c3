"""What the officer's field-capture page reads."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from etalase.accounts import permissions
from etalase.fieldcapture.models import FieldRecord
from etalase.intake.models import Submission
from etalase.intake.rows_in import OPEN_STATUSES
from etalase.regions.models import Subdivision

PREFIX = "field-capture-"


def offices_for(user) -> QuerySet:
    """An officer's own offices; the secretariat's: the offices that received records."""
    scope = permissions.scope_of(user)
    offices = Subdivision.objects.select_related("country").order_by("code")
    if scope.secretariat:
        return offices.filter(code__in=FieldRecord.objects.values("office_id"))
    return offices.filter(code__in=scope.subdivisions)


def office_summary(office: Subdivision) -> dict:
    """The open submission and the records by status (what arrived from the phones)."""
    counts = dict(FieldRecord.objects.filter(office=office).values_list("status")
                  .annotate(n=Count("id")).values_list("status", "n"))
    open_submission = (Submission.objects.filter(office=office, filename__startswith=PREFIX,
                                                 status__in=OPEN_STATUSES)
                       .order_by("-created_at").first())
    return {"counts": counts, "open_submission": open_submission}
