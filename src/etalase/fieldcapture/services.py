"""Receiving a filled form and placing it in the office's field-capture submission.

Each record is idempotent by its instanceID: the same XML sent again is acknowledged and
nothing is written; other content under the same instanceID is held for the officer, as is a
record that would overwrite a field changed online since the form was opened on the phone
(item 3 of issue 15: the officer sees both values and decides). ODK Collect's edit of a sent
form (a new instanceID whose meta/deprecatedID names the first) replaces the first record in
its row while the submission is still open.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.catalog import images
from etalase.enterprises.models import Enterprise
from etalase.fieldcapture import answers as answer_rows
from etalase.fieldcapture import selectors
from etalase.fieldcapture.models import FieldPhoto, FieldRecord
from etalase.fieldcapture.openrosa import Instance, OpenRosaError, parse_instance
from etalase.fieldcapture.xlsform import office_of_form
from etalase.intake import rows_in, scrub
from etalase.intake.models import Submission
from etalase.regions.models import Subdivision
from etalase.regions.selectors import subdivision_codes

PREFIX = selectors.PREFIX
Status, Hold = FieldRecord.Status, FieldRecord.Hold


@dataclass
class Received:
    status: int  # 201 stored, 202 held for the officer
    message: str
    record: FieldRecord


def receive(*, office_code: str, officer, xml: bytes, attachments: dict) -> Received:
    """Check everything first (XML, form, office, attachments), then write in one transaction:
    a refused submission leaves nothing behind."""
    instance = parse_instance(xml)
    office = _office_of(instance, office_code, officer)
    photos = _photos(instance, attachments)
    # Identity-card numbers typed in any answer are masked before anything is kept (the
    # XML as an audit copy too); the fingerprint is the bytes as sent, for resends.
    values = answer_rows.masked(answer_rows.template_values(instance.answers),
                                office.country_id)
    sha = hashlib.sha256(xml).hexdigest()
    try:
        return _store(instance, office, officer, xml, sha, values, photos)
    except IntegrityError:
        # The phone sent the record twice at once (a retry over a slow link): the other
        # request stored it first; this one now finds it.
        return _store(instance, office, officer, xml, sha, values, photos)


def _store(instance: Instance, office: Subdivision, officer, xml: bytes, sha: str,
           values: dict, photos) -> Received:
    with transaction.atomic():
        earlier = list(FieldRecord.objects.select_for_update()
                       .filter(instance_id=instance.instance_id).order_by("version"))
        if any(r.sha256 == sha for r in earlier):
            return Received(201, _("This record was received already; it is kept once."),
                            next(r for r in earlier if r.sha256 == sha))
        if any(r.office_id != office.code for r in earlier):
            raise OpenRosaError(403, "other_office",
                                _("This record belongs to another office's form."))
        record = FieldRecord(
            instance_id=instance.instance_id, deprecated_id=instance.deprecated_id,
            form_id=instance.form_id, form_version=instance.form_version[:40], office=office,
            officer=officer, sha256=sha, values=values,
            xml=scrub.mask(xml.decode("utf-8", "replace"), country=office.country_id)[0],
            started_at=answer_rows.started_at(instance.answers),
            version=(earlier[-1].version + 1) if earlier else 1,
        )
        if earlier:
            return _held(record, photos, Hold.RESENT, _differences(earlier[-1].values, values))
        replaced = _deprecated(instance, office)
        if replaced is not None and replaced.status == Status.IN_SUBMISSION and \
                replaced.submission.status in rows_in.OPEN_STATUSES:
            record.status = Status.IN_SUBMISSION
            record.submission, record.row = replaced.submission, replaced.row
            replaced.status, replaced.submission, replaced.row = Status.SUPERSEDED, None, None
            replaced.save(update_fields=["status", "submission", "row"])
            record.save()
            _save_photos(record, photos)
            _rewrite(record.submission, officer)
            return Received(201, _("The corrected record replaces the one sent before."), record)
        if replaced is not None:
            detail = _differences(replaced.values, values)
            return _held(record, photos, Hold.RESENT, detail)
        changed = changed_online(office, values, record.started_at)
        if changed:
            return _held(record, photos, Hold.CHANGED_ONLINE, changed)
        _place(record, officer)
        _save_photos(record, photos)
        return Received(201, _("Received: the record is in your office's field-capture "
                               "submission, checked like an uploaded file."), record)


def _office_of(instance: Instance, office_code: str, officer) -> Subdivision:
    code = office_of_form(instance.form_id)
    office = Subdivision.objects.filter(code=code).select_related("country").first() \
        if code else None
    if office is None:
        raise OpenRosaError(404, "unknown_form",
                            _("No form with the id “%(id)s” is published here.")
                            % {"id": instance.form_id[:60]})
    if office.code != office_code or not permissions.can_submit_for(officer, office.code):
        raise OpenRosaError(403, "other_office",
                            _("This form belongs to another office (%(office)s); send it "
                              "with that office's account.") % {"office": office.code})
    return office


def _photos(instance: Instance, attachments: dict) -> list[tuple[str, images.ProcessedImage]]:
    """The product photo the record names, checked and re-encoded; others are refused."""
    wanted = instance.answers.get("product_photo", "")
    out = []
    for name, upload in attachments.items():
        try:
            processed = images.process_upload(upload)
        except ValidationError as exc:
            status = 413 if exc.code in ("too_large", "too_big", "bomb") else 415
            raise OpenRosaError(status, f"attachment_{exc.code}",
                                _("Attachment “%(name)s”: %(error)s")
                                % {"name": name[:80], "error": " ".join(exc.messages)}) from None
        if name == wanted:
            out.append((name, processed))
    if wanted and not out:
        raise OpenRosaError(400, "attachment_missing",
                            _("The photo “%(name)s” named in the record was not sent with it.")
                            % {"name": wanted[:80]})
    return out


def _save_photos(record: FieldRecord, photos) -> None:
    for name, processed in photos:
        FieldPhoto.objects.create(record=record, name=name[:200], image=processed.image,
                                  thumbnail=processed.thumbnail, width=processed.width,
                                  height=processed.height)


def _deprecated(instance: Instance, office: Subdivision) -> FieldRecord | None:
    if not instance.deprecated_id:
        return None
    return (FieldRecord.objects.select_for_update(of=("self",)).select_related("submission")
            .filter(instance_id=instance.deprecated_id, office=office)
            .exclude(status__in=[Status.SUPERSEDED, Status.DISCARDED])
            .order_by("-version").first())


def _held(record: FieldRecord, photos, hold: str, detail: dict) -> Received:
    record.status, record.hold, record.hold_detail = Status.HELD, hold, detail
    record.save()
    _save_photos(record, photos)
    return Received(202, _("Received and kept for your decision: it differs from what Etalase "
                           "holds. Open Etalase to compare both and choose."), record)


def _differences(before: dict, after: dict) -> dict:
    return {name: {"before": before.get(name, ""), "after": after.get(name, "")}
            for name in sorted(set(before) | set(after))
            if (before.get(name) or "") != (after.get(name) or "")}


def changed_online(office: Subdivision, values: dict, since) -> dict:
    """Fields this record would change in the registry that were changed online after the
    form was opened on the phone: {question: {"online": value now, "field": value sent}}."""
    if since is None:
        return {}
    History = Enterprise.history.model
    # Nothing of the office changed since the form was opened (the usual case): no record
    # can conflict, and the row need not be checked twice (a check costs ~150 ms here).
    if not History.objects.filter(history_date__gt=since,
                                  subdivision_id__in=subdivision_codes(office.code)).exists():
        return {}
    (result,) = rows_in.check_rows(office=office, rows=[values])
    if result.action != "update" or not result.enterprise_id:
        return {}
    base = (History.objects.filter(id=result.enterprise_id, history_date__lte=since)
            .order_by("-history_date").first())
    current = Enterprise.objects.filter(pk=result.enterprise_id).first()
    if current is None:
        return {}
    out = {}
    for name, (online, sent) in result.diff.items():
        if name in ("size_class", "registration_id"):
            continue  # derived from the figures / the record's identity: not an edit
        if base is None or getattr(base, name, None) != getattr(current, name, None):
            question = answer_rows.QUESTION_OF.get(name, name)
            out[question] = {"online": online, "field": values.get(question, sent)}
    return out


def _place(record: FieldRecord, officer) -> None:
    """The record as the next row of the office's open field-capture submission."""
    # The office's row locked: two phones sending at once share one open submission.
    Subdivision.objects.select_for_update().filter(code=record.office_id).first()
    submission = rows_in.open_submission(office=record.office, actor=officer, prefix=PREFIX)
    last = FieldRecord.objects.filter(submission=submission).aggregate(m=Max("row"))["m"]
    record.status, record.submission = Status.IN_SUBMISSION, submission
    record.row = (last + 1) if last else rows_in.row_number(0)
    record.hold, record.hold_detail = Hold.NONE, {}
    record.save()
    _rewrite(submission, officer)


def _rewrite(submission: Submission, officer) -> None:
    by_row = dict(FieldRecord.objects.filter(submission=submission, status=Status.IN_SUBMISSION)
                  .values_list("row", "values"))
    last = max(by_row, default=rows_in.FIRST_ROW - 1)
    rows = [by_row.get(n) for n in range(rows_in.FIRST_ROW, last + 1)]
    rows_in.put_rows(submission=submission, actor=officer, rows=rows)


# --- the officer's decisions --------------------------------------------------------------


def held_for(user, queryset=None):
    """Records held for a decision that this user's offices decide."""
    return permissions.field_records_decided_by(user, queryset).filter(status=Status.HELD)


def decide(*, record: FieldRecord, actor, choice: str, fields: dict[str, str] | None = None
           ) -> FieldRecord:
    """`choice` "discard" drops the held record; "accept" places it, for a field changed
    online keeping the online value where `fields[question]` is "online"."""
    if not permissions.can_submit_for(actor, record.office_id):
        raise PermissionDenied
    with transaction.atomic():
        record = FieldRecord.objects.select_for_update().get(pk=record.pk)
        if record.status != Status.HELD:
            raise PermissionDenied(_("This record is no longer waiting for a decision."))
        if choice == "discard":
            record.status = Status.DISCARDED
            record.save(update_fields=["status"])
            return record
        if choice != "accept":
            raise PermissionDenied
        values = dict(record.values)
        if record.hold == Hold.CHANGED_ONLINE:
            for question in record.hold_detail:
                if (fields or {}).get(question) != "field":
                    values.pop(question, None)  # an empty cell changes nothing
                    if question == "regency":
                        values.pop("subdivision", None)
        record.values = values
        earlier = FieldRecord.objects.select_for_update(of=("self",)).filter(
            instance_id__in=[record.instance_id, record.deprecated_id or record.instance_id],
            status=Status.IN_SUBMISSION,
        ).exclude(pk=record.pk).select_related("submission").first()
        if earlier is not None and earlier.submission.status in rows_in.OPEN_STATUSES:
            record.status, record.submission, record.row = (Status.IN_SUBMISSION,
                                                            earlier.submission, earlier.row)
            record.hold, record.hold_detail = Hold.NONE, {}
            earlier.status, earlier.submission, earlier.row = Status.SUPERSEDED, None, None
            earlier.save(update_fields=["status", "submission", "row"])
            record.save()
            _rewrite(record.submission, actor)
        else:
            _place(record, actor)
    return record
