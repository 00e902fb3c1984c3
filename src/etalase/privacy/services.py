"""Writes of the privacy app: the audit log, consent withdrawal, erasure requests and erasure.

Erasure, the rule this product applies: the account row stays, anonymised and inactive, so
that foreign keys, counts and the audit log still hold; an enterprise the person alone owns
stays as an anonymous row (country, province, area, sector, size, export status, products) so that
aggregate figures do not change, but it is unpublished, its consent withdrawn and every
identifying field blanked, in its history rows too. Then every column the registry marks as
identifying or free text is swept for the person's known values (current and historical).
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from etalase.privacy import files, registry
from etalase.privacy.models import AuditEntry, ErasureRequest

ERASED = "[erased]"
# Values shorter than this ("Ani", "-") would sweep unrelated text.
MIN_SWEEP_LENGTH = 5
_ENTERPRISE_PERSONAL = ("contact_person", "phone", "whatsapp", "email", "address")


def _target(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def record_access(actor, obj: models.Model | None, *, kind: str = AuditEntry.Kind.CONTACT_VIEW,
                  action: str = "", **detail: Any) -> AuditEntry | None:
    """Record that an official saw or exported personal data. Owners looking at their own
    record and visitors are not recorded: the log is of officials' access (issue 16)."""
    from etalase.accounts import permissions

    if actor is None or not permissions.scope_of(actor).is_official:
        return None
    model, pk = _target(obj)
    return AuditEntry.objects.create(
        actor=actor, kind=kind, action=action, target_model=model, target_id=pk, detail=detail
    )


def record_export(actor, what: str, *, rows: int, obj: models.Model | None = None,
                  **detail: Any) -> AuditEntry | None:
    return record_access(actor, obj, kind=AuditEntry.Kind.EXPORT, action=what, rows=rows,
                         **detail)


def record_action(actor, action: str, obj: models.Model | None = None,
                  **detail: Any) -> AuditEntry:
    """An official's act (verify, accept, return, commit, role_grant, token_issue…)."""
    model, pk = _target(obj)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, kind=AuditEntry.Kind.ACTION,
        action=action, target_model=model, target_id=pk, detail=detail,
    )


def withdraw_consent(user, enterprise) -> None:
    """The owner withdraws publication consent: the storefront and its products leave the
    gallery at once (Enterprise.is_public), the record stays with the office."""
    from etalase.enterprises.models import Consent

    enterprise.consent = Consent.PENDING
    enterprise.consent_at = None
    enterprise.is_published = False
    enterprise.open_data_consent = False
    enterprise._change_reason = "consent withdrawn by the owner"
    enterprise.save()
    AuditEntry.objects.create(actor=user, kind=AuditEntry.Kind.ACTION, action="consent_withdraw",
                              target_model=enterprise._meta.label_lower,
                              target_id=str(enterprise.pk))


class ErasureError(Exception):
    pass


def request_erasure(user) -> ErasureRequest:
    existing = ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING)
    return existing.first() or ErasureRequest.objects.create(user=user)


def refuse_erasure(official, erasure: ErasureRequest) -> None:
    if erasure.status != ErasureRequest.Status.PENDING:
        raise ErasureError("not pending")
    erasure.status = ErasureRequest.Status.REFUSED
    erasure.decided_by, erasure.decided_at = official, timezone.now()
    erasure.save()
    record_action(official, "erasure_refuse", erasure)


def confirm_erasure(official, erasure: ErasureRequest) -> dict[str, int]:
    if erasure.status != ErasureRequest.Status.PENDING or erasure.user is None:
        raise ErasureError("not pending")
    with transaction.atomic():
        summary = erase_user(erasure.user)
        erasure.status = ErasureRequest.Status.DONE
        erasure.decided_by, erasure.decided_at = official, timezone.now()
        erasure.summary = summary
        erasure.save()
        record_action(official, "erasure_confirm", erasure, rows=sum(summary.values()))
    return summary


def sole_owned_enterprise_ids(user) -> list[int]:
    from etalase.accounts.models import Role, RoleAssignment

    owned = set(RoleAssignment.objects.filter(user=user, role=Role.MSME_OWNER)
                .values_list("enterprise_id", flat=True))
    shared = set(RoleAssignment.objects.filter(enterprise_id__in=owned, role=Role.MSME_OWNER)
                 .exclude(user=user).values_list("enterprise_id", flat=True))
    return sorted(owned - shared)


def known_values(user, enterprise_ids: list[int]) -> set[str]:
    """Every value by which this person can be found: account and enterprises, history too."""
    Historical = apps.get_model("enterprises", "HistoricalEnterprise")
    values = {user.email, user.full_name}
    fields = (*_ENTERPRISE_PERSONAL, "legal_name", "trade_name", "registration_id")
    for row in Historical.objects.filter(id__in=enterprise_ids).values_list(*fields):
        values.update(row)
    Enterprise = apps.get_model("enterprises", "Enterprise")
    for row in Enterprise.objects.filter(pk__in=enterprise_ids).values_list(*fields):
        values.update(row)
    return {v.strip() for v in values if v and len(v.strip()) >= MIN_SWEEP_LENGTH}


def _erase_enterprises(ids: list[int], counts: dict[str, int]) -> None:
    from etalase.enterprises.models import Consent

    Enterprise = apps.get_model("enterprises", "Enterprise")
    for ent in Enterprise.objects.filter(pk__in=ids):
        if ent.logo:
            ent.logo.delete(save=False)
    blank = {f: "" for f in (*_ENTERPRISE_PERSONAL, "trade_name", "registration_id",
                             "identity_fingerprint", "website", "logo", "description")}
    for pk in ids:
        anonymous = {**blank, "legal_name": f"{ERASED} #{pk}", "slug": f"erased-{pk}"}
        counts["enterprises.enterprise"] = counts.get("enterprises.enterprise", 0) + (
            Enterprise.objects.filter(pk=pk).update(
                **anonymous, is_published=False, consent=Consent.PENDING, consent_at=None,
                open_data_consent=False,
            )
        )
        Historical = apps.get_model("enterprises", "HistoricalEnterprise")
        counts["enterprises.historicalenterprise"] = counts.get(
            "enterprises.historicalenterprise", 0) + Historical.objects.filter(id=pk).update(
            **anonymous)
    apps.get_model("enterprises", "EnterpriseTranslation").objects.filter(
        enterprise_id__in=ids).delete()
    for label in ("payments.MerchantQR", "payments.HistoricalMerchantQR"):
        counts[label.lower()] = apps.get_model(label).objects.filter(
            enterprise_id__in=ids).delete()[0]
    counts["intake.consentinvitation"] = apps.get_model("intake.ConsentInvitation").objects.filter(
        enterprise_id__in=ids).update(address="")
    from etalase.insights import published

    published.refresh(ids)


def _erase_account(user, counts: dict[str, int]) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    Message = apps.get_model("matching", "Message")
    Attachment = apps.get_model("matching", "Attachment")
    for att in Attachment.objects.filter(message__author=user):
        att.file.delete(save=False)
    counts["matching.attachment"] = Attachment.objects.filter(message__author=user).update(
        file="", original_name="")
    counts["matching.message"] = Message.objects.filter(author=user).update(body=ERASED)
    for label in ("matching.Notification", "learning.Notification", "learning.CalendarFeed",
                  "accounts.ApiToken"):
        counts[label.lower()] = apps.get_model(label).objects.filter(user=user).delete()[0]
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        counts[label.lower()] = apps.get_model(label).objects.filter(
            username__iexact=user.email).delete()[0]
    user.set_unusable_password()
    counts["accounts.user"] = User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@erased.invalid", full_name="", is_active=False,
        password=user.password,
    )


def _replace(value: Any, needles: list[str]) -> Any:
    if isinstance(value, str):
        for needle in needles:
            if needle.lower() in value.lower():
                value = _ireplace(value, needle)
        return value
    if isinstance(value, list):
        return [_replace(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, needles) for k, v in value.items()}
    return value


def _ireplace(text: str, needle: str) -> str:
    lowered, n, out, i = text.lower(), needle.lower(), [], 0
    while (j := lowered.find(n, i)) >= 0:
        out.append(text[i:j] + ERASED)
        i = j + len(needle)
    return "".join(out) + text[i:]


def sweep(needles: set[str], counts: dict[str, int]) -> None:
    """Replace the person's values inside every identifying or free-text column."""
    ordered = sorted(needles, key=len, reverse=True)
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in registry.fields_of_class(model, registry.IDENTIFYING, registry.FREE_TEXT):
            if isinstance(field, (models.FileField, models.GenericIPAddressField,
                                  models.UUIDField, models.BinaryField)):
                continue
            _sweep_field(model, field, ordered, counts)


def _sweep_field(model, field, needles: list[str], counts: dict[str, int]) -> None:
    is_json = isinstance(field, models.JSONField)
    manager = model._base_manager
    qs = manager.annotate(_t=Cast(field.name, models.TextField())) if is_json else manager.all()
    column = "_t" if is_json else field.name
    condition = models.Q()
    for needle in needles:
        condition |= models.Q(**{f"{column}__icontains": needle})
        if is_json:  # SQLite keeps JSON with \u escapes; PostgreSQL's jsonb as text does not.
            condition |= models.Q(**{f"{column}__icontains": json.dumps(needle)[1:-1]})
    for pk, value in qs.filter(condition).values_list("pk", field.name):
        new = _replace(value, needles)
        if new != value:
            manager.filter(pk=pk).update(**{field.name: new})
            key = model._meta.label_lower
            counts[key] = counts.get(key, 0) + 1


def erase_user(user) -> dict[str, int]:
    """Anonymise one person everywhere; returns rows changed per table (figures only)."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        enterprise_ids = sole_owned_enterprise_ids(user)
        needles = known_values(user, enterprise_ids)
        submissions = _submissions_holding(enterprise_ids, needles)
        _erase_enterprises(enterprise_ids, counts)
        _erase_account(user, counts)
        sweep(needles, counts)
    # Files are not transactional: rewritten once the rows are, from the committed state.
    ordered = sorted(needles, key=len, reverse=True)
    counts["intake.submission files"] = files.scrub_submission_files(
        submissions, lambda text: _replace(text, ordered))
    return {k: v for k, v in counts.items() if v}


def _submissions_holding(enterprise_ids: list[int], needles: set[str]) -> list:
    """Uploads whose rows name the person's enterprise or hold one of its values."""
    Row = apps.get_model("intake", "SubmissionRow")
    matched = models.Q(enterprise_id__in=enterprise_ids)
    for needle in needles:
        for form in {needle, json.dumps(needle)[1:-1]}:
            matched |= models.Q(_t__icontains=form)
    ids = Row.objects.annotate(_t=Cast("values", models.TextField())).filter(matched).values(
        "submission_id")
    return list(apps.get_model("intake", "Submission").objects.filter(pk__in=ids))
