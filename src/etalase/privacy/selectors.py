"""Reads of the privacy app: everything held about one account, and the audit log."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import serializers
from django.db.models import Q, QuerySet

from etalase.privacy import registry
from etalase.privacy.models import AuditEntry, ErasureRequest

# Secrets are held about the person but are not its data to receive back.
_WITHHELD = {"password", "key_hash", "token_hash", "token", "session_data", "identity_fingerprint"}


def _rows(queryset: QuerySet) -> list[dict[str, Any]]:
    out = []
    for item in serializers.serialize("python", queryset):
        fields = {k: v for k, v in item["fields"].items() if k not in _WITHHELD}
        out.append({"id": item["pk"], **fields})
    return out


def owned_enterprise_ids(user) -> list[int]:
    from etalase.accounts.models import Role, RoleAssignment

    return sorted(RoleAssignment.objects.filter(user=user, role=Role.MSME_OWNER)
                  .values_list("enterprise_id", flat=True))


def personal_data(user) -> dict[str, Any]:
    """Every record held about this account, as JSON-able sections (the export)."""
    from etalase.accounts.models import RoleAssignment

    model = apps.get_model
    ent_ids = owned_enterprise_ids(user)
    org_ids = list(RoleAssignment.objects.filter(user=user, organisation__isnull=False)
                   .values_list("organisation_id", flat=True))
    inquiries = model("matching.Inquiry").objects.filter(
        Q(enterprise_id__in=ent_ids) | Q(organisation_id__in=org_ids) | Q(created_by=user))
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {
        "profile": _rows(User.objects.filter(pk=user.pk)),
        "roles": _rows(RoleAssignment.objects.filter(user=user)),
        "enterprises": _rows(model("enterprises.Enterprise").objects.filter(pk__in=ent_ids)),
        "enterprise_translations": _rows(model("enterprises.EnterpriseTranslation").objects
                                         .filter(enterprise_id__in=ent_ids)),
        "certifications": _rows(model("enterprises.Certification").objects
                                .filter(enterprise_id__in=ent_ids)),
        "products": _rows(model("catalog.Product").objects.filter(enterprise_id__in=ent_ids)),
        "merchant_qr": _rows(model("payments.MerchantQR").objects
                             .filter(enterprise_id__in=ent_ids)),
        "consent_invitations": _rows(model("intake.ConsentInvitation").objects
                                     .filter(enterprise_id__in=ent_ids)),
        "inquiries": _rows(inquiries),
        "messages": _rows(model("matching.Message").objects.filter(inquiry__in=inquiries)),
        "sourcing_requests": _rows(model("matching.SourcingRequest").objects
                                   .filter(created_by=user)),
        "event_registrations": _rows(model("matching.EventRegistration").objects.filter(
            Q(enterprise_id__in=ent_ids) | Q(registered_by=user))),
        "enrolments": _rows(model("learning.Enrolment").objects.filter(
            Q(enterprise_id__in=ent_ids) | Q(enrolled_by=user))),
        "notifications": _rows(model("matching.Notification").objects.filter(user=user))
        + _rows(model("learning.Notification").objects.filter(user=user)),
        "api_tokens": _rows(model("accounts.ApiToken").objects.filter(user=user)),
        "enterprise_history": _rows(model("enterprises.HistoricalEnterprise").objects
                                    .filter(id__in=ent_ids)),
        "product_history": _rows(model("catalog.HistoricalProduct").objects
                                 .filter(enterprise_id__in=ent_ids)),
        "sign_in_log": _rows(model("axes.AccessLog").objects.filter(username__iexact=user.email)),
        # Who among officials saw or exported this person's records (right to know).
        "access_by_officials": _rows(access_log_about(user, ent_ids)),
        "erasure_requests": _rows(ErasureRequest.objects.filter(user=user)),
    }


def access_log_about(user, enterprise_ids: list[int]) -> QuerySet:
    return AuditEntry.objects.filter(
        Q(target_model="enterprises.enterprise", target_id__in=[str(i) for i in enterprise_ids])
        | Q(target_model="accounts.user", target_id=str(user.pk))
    ).exclude(kind=AuditEntry.Kind.ACTION)


def audit_log(*, kind: str = "", actor_id: int | None = None) -> QuerySet:
    entries = AuditEntry.objects.select_related("actor")
    if kind in AuditEntry.Kind.values:
        entries = entries.filter(kind=kind)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    return entries


def unclassified_fields() -> list[str]:
    """`app.Model.field` for every text-like column the registry does not classify."""
    return [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        for f in m._meta.concrete_fields
        if registry.classify(m, f) is None
    ]
