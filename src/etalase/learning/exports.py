"""The organiser's XLSX export of a programme's enrolments (openpyxl, write-only mode)."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from etalase.learning.models import EnrolmentStatus, Programme

# A cell starting with one of these is read as a formula by spreadsheet programs: text
# typed by enterprises is written with a leading apostrophe instead (CSV/XLSX injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def enrolments_xlsx(programme: Programme) -> bytes:
    zone = ZoneInfo(programme.time_zone)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Enrolments")[:31])
    header = [_("Position"), _("Status"), _("Enterprise"), _("Province / state"),
              _("Contact person"), _("E-mail"), _("Phone"), _("Enrolled by"),
              _("Applied at"), _("Confirmed at"), _("Cancelled at"), _("Attended")]
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    order = {EnrolmentStatus.CONFIRMED: 0, EnrolmentStatus.WAITLISTED: 1,
             EnrolmentStatus.CANCELLED: 2}
    rows = sorted(
        programme.enrolments.select_related("enterprise__subdivision", "enrolled_by"),
        key=lambda e: (order[e.status], e.created_at, e.pk),
    )
    position = {EnrolmentStatus.WAITLISTED: 0}

    def local(value):
        # Excel has no time zones: the programme's own wall-clock time, without offset.
        return value.astimezone(zone).replace(tzinfo=None) if value else None

    for enrolment in rows:
        place = None
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            position[EnrolmentStatus.WAITLISTED] += 1
            place = position[EnrolmentStatus.WAITLISTED]
        enterprise = enrolment.enterprise
        attended = {True: _("yes"), False: _("no"), None: ""}[enrolment.attended]
        sheet.append([_safe(v) for v in (
            place, str(enrolment.get_status_display()), enterprise.display_name,
            enterprise.subdivision.name if enterprise.subdivision else "",
            enterprise.contact_person, enterprise.email, enterprise.phone,
            enrolment.enrolled_by.email if enrolment.enrolled_by else "",
            local(enrolment.created_at), local(enrolment.confirmed_at),
            local(enrolment.cancelled_at), attended,
        )])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
