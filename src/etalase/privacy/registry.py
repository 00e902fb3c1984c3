"""Which stored fields hold personal data — every text-like column of every model is named here.

Three classes:
- IDENTIFYING: a person's own value (name, e-mail, phone, address, message body). Erasure
  blanks or replaces it on the person's rows (services.erase_user), then sweeps it everywhere.
- FREE_TEXT: text anyone wrote, which may mention a person (notes, comments, imported rows,
  the admin's log). Erasure replaces the person's known values inside it wherever they occur.
- NOT_PERSONAL: codes, hashes, statuses, figures, product and reference texts.

Columns of other types (numbers, dates, booleans, foreign keys) hold no free value a person
can be found by and are classified by type (`classify`). Historical models of
django-simple-history follow their model, and their free-text "change reason" is FREE_TEXT.
tests/privacy/test_registry.py fails on any text-like column missing here, so a new app must
classify its fields before its tests pass.
"""

from __future__ import annotations

from django.db import models

IDENTIFYING = "identifying"
FREE_TEXT = "free_text"
NOT_PERSONAL = "not_personal"

TEXT_LIKE = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.FileField,
    models.GenericIPAddressField,
    models.UUIDField,
    models.BinaryField,
)

_I, _F, _N = IDENTIFYING, FREE_TEXT, NOT_PERSONAL

REGISTRY: dict[str, dict[str, str]] = {
    # Django and libraries
    "admin.LogEntry": {"object_id": _N, "object_repr": _F, "change_message": _F},
    "auth.Permission": {"name": _N, "codename": _N},
    "auth.Group": {"name": _N},
    "contenttypes.ContentType": {"app_label": _N, "model": _N},
    # Signed, encoded: sessions of an erased (inactive) account no longer authenticate.
    "sessions.Session": {"session_key": _N, "session_data": _N},
    "axes.AccessFailureLog": {
        "user_agent": _I, "ip_address": _I, "username": _I, "http_accept": _N, "path_info": _N,
    },
    "axes.AccessAttempt": {
        "user_agent": _I, "ip_address": _I, "username": _I, "http_accept": _N, "path_info": _N,
        "get_data": _F, "post_data": _F,
    },
    "axes.AccessLog": {
        "user_agent": _I, "ip_address": _I, "username": _I, "http_accept": _N, "path_info": _N,
        "session_hash": _N,
    },
    "django_tasks_database.DBTaskResult": {
        "id": _N, "status": _N, "args_kwargs": _F, "task_path": _N, "worker_ids": _N,
        "queue_name": _N, "backend_name": _N, "return_value": _F, "exception_class_path": _N,
        "traceback": _F,
    },
    # regions: reference data
    "regions.Country": dict.fromkeys(["code", "alpha3", "numeric", "name", "currency"], _N),
    "regions.Subdivision": dict.fromkeys(["code", "name", "type", "focus_area_label"], _N),
    "regions.Area": dict.fromkeys(["code", "name", "kind", "official_code", "source"], _N),
    # accounts
    "accounts.User": {"password": _N, "email": _I, "full_name": _I, "preferred_language": _N},
    "accounts.Organisation": {"name": _F, "kind": _N, "website": _F},
    "accounts.RoleAssignment": {"role": _N},
    "accounts.ApiToken": {"name": _F, "key_prefix": _N, "key_hash": _N},
    # catalog: products are an enterprise's offer, not a person's data; texts are swept.
    "catalog.HSCode": dict.fromkeys(["code", "section", "description"], _N),
    "catalog.HSCodeTranslation": dict.fromkeys(["language_code", "name"], _N),
    "catalog.Product": {
        "name": _F, "description": _F, "language": _N, "national_tariff_code": _N, "gtin": _N,
        "unit": _N, "currency": _N,
    },
    "catalog.ProductTranslation": {"language_code": _N, "name": _F, "description": _F},
    "catalog.ProductImage": {"image": _N, "thumbnail": _N, "alt_text": _F},
    # enterprises
    "enterprises.Enterprise": {
        "legal_name": _I, "trade_name": _I, "slug": _I, "registration_id": _I,
        "registration_scheme": _N, "regency": _N, "identity_fingerprint": _I, "address": _I,
        "currency": _N, "sector_kind": _N, "size_class": _N, "size_basis": _N,
        "export_status": _N, "export_markets": _N, "contact_person": _I, "phone": _I,
        "whatsapp": _I, "email": _I, "website": _I, "description": _F, "language": _N,
        "logo": _I, "verified_by_office": _N, "source": _N, "consent": _N,
        "owner_edited_fields": _N,
    },
    "enterprises.EnterpriseTranslation": {"language_code": _N, "description": _F},
    "enterprises.Certification": {"kind": _N, "number": _N, "issuer": _N},
    # intake: offices' spreadsheets and their rows
    "intake.Submission": {
        "file": _F, "filename": _F, "sha256": _N, "language": _N, "status": _N,
        "column_map": _N, "counts": _N, "dropped_columns": _N, "refusal_code": _N,
        "refusal_message": _F, "decisions": _F,
    },
    "intake.SubmissionRow": {
        "action": _N, "values": _F, "certifications": _F, "product": _F, "problems": _F,
        "warnings": _F, "diff": _F, "conflicts": _F, "matches": _F,
    },
    "intake.SubmissionEvent": {"action": _N, "comment": _F, "file_sha256": _N},
    "intake.OfficeMapping": {"aliases": _N, "constants": _F},
    "intake.ConsentInvitation": {"channel": _N, "address": _I, "token_hash": _N},
    # matching
    "matching.SourcingRequest": {
        "title": _F, "description": _F, "unit": _N, "currency": _N, "incoterm": _N,
        "required_certifications": _N, "preferred_countries": _N, "preferred_subdivisions": _N,
        "size_classes": _N, "visibility": _N, "status": _N, "match_terms": _F,
        "held_reason": _F,
    },
    "matching.RequestHSCode": {"chapter": _N},
    "matching.RequestReport": {"reason": _N, "note": _F},
    "matching.JointOffer": {"name": _F, "note": _F, "unit": _N},
    "matching.Inquiry": {"subject": _F, "status": _N, "opened_by_side": _N},
    "matching.Message": {"side": _N, "body": _I},
    "matching.Attachment": {"file": _I, "original_name": _I, "content_type": _N},
    "matching.Quote": {
        "currency": _N, "unit": _N, "incoterm": _N, "incoterm_place": _F, "note": _F,
        "qr_payload": _I,
    },
    "matching.Notification": {"kind": _N, "subject": _F, "body": _F, "url": _N},
    "matching.MatchmakingEvent": {
        "title": _F, "description": _F, "mode": _N, "venue": _F, "status": _N,
    },
    "matching.Meeting": {"reasons": _N, "status": _N},
    # learning
    "learning.Programme": {
        "kind": _N, "title": _F, "description": _F, "language": _N, "delivery_languages": _N,
        "mode": _N, "venue": _F, "online_url": _N, "time_zone": _N, "currency": _N,
        "eligible_size_classes": _N, "eligible_export_statuses": _N, "external_url": _N,
    },
    "learning.ProgrammeTranslation": {"language_code": _N, "title": _F, "description": _F},
    "learning.Enrolment": {"status": _N, "certificate_code": _N},
    "learning.Notification": {"kind": _N},
    "learning.CalendarFeed": {"token": _N},
    "learning.ResourceTag": {"slug": _N, "name": _N},
    "learning.Resource": dict.fromkeys(
        ["category", "title", "summary", "body", "language", "search_text"], _N
    ),
    "learning.ResourceTranslation": dict.fromkeys(
        ["language_code", "title", "summary", "body"], _N
    ),
    "learning.ResourceAttachment": dict.fromkeys(["file", "name", "kind", "language"], _N),
    # payments: a merchant QR carries the merchant's name, city and account ids.
    "payments.MerchantQR": {
        "payload": _I, "scheme": _N, "merchant_name": _I, "merchant_city": _N,
        "country_code": _N, "currency": _N, "merchant_account_guids": _I, "warnings": _N,
    },
    "offline.AcceptedSubmission": {"client_id": _N, "form": _N},
    "fieldcapture.FieldRecord": {
        "instance_id": _N, "deprecated_id": _N, "form_id": _N, "form_version": _N,
        "sha256": _N, "xml": _F, "values": _F, "status": _N, "hold": _N, "hold_detail": _F,
    },
    "fieldcapture.FieldPhoto": {"name": _N, "image": _F, "thumbnail": _F},
    # A rate-limit window's key holds an address (or a sign-in name) until the window ends.
    "limits.RateCounter": {"bucket": _I},
    # privacy: the log holds codes and ids only.
    "privacy.ErasureRequest": {"status": _N, "summary": _N},
    "privacy.AuditEntry": {
        "kind": _N, "action": _N, "target_model": _N, "target_id": _N, "detail": _N,
    },
}

HISTORY_FIELDS = {"history_change_reason": _F, "history_type": _N}


def is_text_like(field: models.Field) -> bool:
    return isinstance(field, TEXT_LIKE) and not field.is_relation


def base_label(model: type[models.Model]) -> str:
    """A simple-history model is classified as the model it records."""
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None and model.__name__.startswith("Historical"):
        return instance_type._meta.label
    return model._meta.label


def classify(model: type[models.Model], field: models.Field) -> str | None:
    """The class of one concrete field, or None when nobody has classified it."""
    if not is_text_like(field):
        return NOT_PERSONAL
    if field.name in HISTORY_FIELDS and base_label(model) != model._meta.label:
        return HISTORY_FIELDS[field.name]
    return REGISTRY.get(base_label(model), {}).get(field.name)


def fields_of_class(model: type[models.Model], *classes: str) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if is_text_like(f) and classify(model, f) in classes
    ]
