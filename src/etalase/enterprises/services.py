"""Changes to the registry: create, update and verify enterprises; their certifications.

Each function runs in one transaction, asks `accounts.permissions` whether the actor may act
(PermissionDenied otherwise), validates through the forms of `enterprises.forms` (ValidationError
with one message per bad field, nothing written), and records who changed what in the history.
The admin saves through `enterprise_save`, so both paths compute the size class, normalise phone
numbers and track the owner's own edits the same way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm, ModelForm
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions
from etalase.accounts.models import Role, RoleAssignment
from etalase.enterprises.forms import CertificationForm, EnterpriseForm, EnterpriseOwnerForm
from etalase.enterprises.models import Certification, Enterprise

CHANGE_REASON_MAX = 100  # simple_history's history_change_reason column


def bound_form(form_class: type[ModelForm], *, instance: Any, data: dict[str, Any],
               files: dict[str, Any] | None = None, **form_kwargs: Any) -> ModelForm:
    """A form bound to the instance's current values overlaid with `data` (a partial update).

    Keys the form does not edit are refused: a caller cannot slip `verified_at` or
    `size_class` past the form.
    """
    fields = list(form_class._meta.fields or [])
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValidationError({key: ValidationError(_("This field cannot be changed here."),
                                                    code="not_editable") for key in unknown})
    # A new instance contributes the model's defaults (sector, language, consent …).
    current = model_to_dict(instance, fields=fields)
    current.update(data)
    return form_class(data=current, files=files or {}, instance=instance, **form_kwargs)


def changed_fields(form: BaseForm) -> list[str]:
    """Fields whose cleaned value differs from the stored one.

    Django's `changed_data` compares raw input, so "0812-3456-7890" for a stored
    "+6281234567890" would count as a change; the cleaned value is what gets written.
    """
    result = []
    for name in form.changed_data:
        old, new = form.initial.get(name), form.cleaned_data.get(name)
        if hasattr(new, "all") or (isinstance(old, list) and old and hasattr(old[0], "pk")):
            # Many-to-many: compare the sets of keys.
            new_keys = {o.pk for o in (new.all() if hasattr(new, "all") else new or [])}
            old_keys = {o.pk if hasattr(o, "pk") else o for o in old or []}
            if new_keys != old_keys:
                result.append(name)
            continue
        if hasattr(new, "pk") and not hasattr(old, "pk"):
            new = new.pk
        if new in (None, "") and old in (None, ""):
            continue
        if new != old:
            result.append(name)
    return result


def raise_form_errors(form: BaseForm) -> None:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())


def change_reason(created: bool, fields: list[str]) -> str:
    text = "created" if created else "changed: " + ", ".join(fields)
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def is_owner_edit(actor: Any, enterprise: Enterprise) -> bool:
    return enterprise.pk is not None and enterprise.pk in permissions.scope_of(actor).enterprises


def _form_class_for(actor: Any, enterprise: Enterprise | None) -> type[EnterpriseForm]:
    """Offices edit every field; an owner who is not also the office edits its profile."""
    if enterprise is None or permissions.can_verify_enterprise(actor, enterprise):
        return EnterpriseForm
    return EnterpriseOwnerForm


def enterprise_save(*, actor: Any, enterprise: Enterprise, changed_fields: list[str],
                    created: bool) -> Enterprise:
    """Write an enterprise a form has validated (used by the services and the admin).

    Refuses a result outside the actor's reach (an office moving an enterprise to another
    province), records the actor in the history and, when the actor is the owner, which
    fields the owner set — the provincial import must not overwrite those silently.
    """
    if created:
        allowed = permissions.can_create_enterprise_in(
            actor, enterprise.subdivision_id, enterprise.country_id)
    else:
        allowed = permissions.can_change_enterprise(actor, enterprise)
    if not allowed:
        raise PermissionDenied(_("This enterprise is outside your area."))
    if not enterprise.slug:
        enterprise.slug = (slugify(enterprise.display_name) or "enterprise")[:80]
    if not created and is_owner_edit(actor, enterprise) and changed_fields:
        enterprise.owner_edited_fields = sorted(
            set(enterprise.owner_edited_fields or []) | set(changed_fields))
        enterprise.owner_edited_at = timezone.now()
    enterprise._history_user = actor
    enterprise._change_reason = change_reason(created, changed_fields)
    enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_create(*, actor: Any, data: dict[str, Any],
                      files: dict[str, Any] | None = None) -> Enterprise:
    """Register an enterprise on behalf of an office (officer, focal point, secretariat)."""
    if not permissions.scope_of(actor).is_official:
        raise PermissionDenied(_("Only an office can register an enterprise here."))
    form = bound_form(EnterpriseForm, instance=Enterprise(), data=data, files=files)
    raise_form_errors(form)
    enterprise = form.save(commit=False)
    enterprise_save(actor=actor, enterprise=enterprise, changed_fields=[], created=True)
    form.save_m2m()
    return enterprise


@transaction.atomic
def enterprise_update(*, actor: Any, enterprise: Enterprise, data: dict[str, Any],
                      files: dict[str, Any] | None = None) -> Enterprise:
    """Change some fields of an enterprise; fields not in `data` keep their values."""
    if not permissions.can_change_enterprise(actor, enterprise):
        raise PermissionDenied(_("You may not change this enterprise."))
    # Re-read under a lock: two offices saving at once must not lose each other's change,
    # and the caller's object stays untouched if validation fails.
    current = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not permissions.can_change_enterprise(actor, current):  # the caller's copy was stale
        raise PermissionDenied(_("You may not change this enterprise."))
    before = (current.size_class, current.size_basis)
    form = bound_form(_form_class_for(actor, current), instance=current, data=data, files=files)
    raise_form_errors(form)
    changed = changed_fields(form)
    if (current.size_class, current.size_basis) != before:
        changed.append("size_class")
    if not changed:
        return current
    enterprise = form.save(commit=False)
    enterprise_save(actor=actor, enterprise=enterprise, changed_fields=changed, created=False)
    form.save_m2m()
    return enterprise


def _office_label(actor: Any, enterprise: Enterprise) -> str:
    """The office that verifies: the organisation of the role that covers the enterprise."""
    roles = RoleAssignment.objects.filter(
        user=actor, role__in=[Role.SECRETARIAT, Role.FOCAL_POINT, Role.OFFICER],
    ).select_related("organisation", "subdivision", "country")
    sub = enterprise.subdivision
    for role in roles:
        covers = (
            role.role == Role.SECRETARIAT
            or (role.role == Role.FOCAL_POINT and role.country_id == enterprise.country_id)
            or (role.role == Role.OFFICER and role.subdivision_id in
                (sub.code, sub.parent_id))
        )
        if covers:
            label = role.organisation.name if role.organisation else \
                f"{role.get_role_display()} · {role.scope_label}"
            return label[:200]
    return str(actor)[:200]  # a superuser without a role


@transaction.atomic
def enterprise_verify(*, actor: Any, enterprise: Enterprise) -> Enterprise:
    """An office confirms the record (by whom, when, which office)."""
    if not permissions.can_verify_enterprise(actor, enterprise):
        raise PermissionDenied(_("Only the office of the enterprise's area can verify it."))
    current = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not permissions.can_verify_enterprise(actor, current):
        raise PermissionDenied(_("Only the office of the enterprise's area can verify it."))
    current.verified_at = timezone.now()
    current.verified_by = actor
    current.verified_by_office = _office_label(actor, current)
    current._history_user = actor
    current._change_reason = "verified"
    current.save(update_fields=["verified_at", "verified_by", "verified_by_office",
                                "updated_at"])
    return current


# --- Certifications -------------------------------------------------------------------------


def _certification_save(actor: Any, form: CertificationForm, created: bool) -> Certification:
    certification = form.save(commit=False)
    certification._history_user = actor
    certification._change_reason = change_reason(created, changed_fields(form))
    certification.save()
    return certification


@transaction.atomic
def certification_add(*, actor: Any, enterprise: Enterprise,
                      data: dict[str, Any]) -> Certification:
    if not permissions.can_change_enterprise(actor, enterprise):
        raise PermissionDenied(_("You may not change this enterprise."))
    form = bound_form(CertificationForm, instance=Certification(enterprise=enterprise),
                      data=data)
    raise_form_errors(form)
    return _certification_save(actor, form, created=True)


@transaction.atomic
def certification_update(*, actor: Any, certification: Certification,
                         data: dict[str, Any]) -> Certification:
    if not permissions.can_change_enterprise(actor, certification.enterprise):
        raise PermissionDenied(_("You may not change this enterprise."))
    current = Certification.objects.select_for_update().get(pk=certification.pk)
    form = bound_form(CertificationForm, instance=current, data=data)
    raise_form_errors(form)
    if not changed_fields(form):
        return current
    return _certification_save(actor, form, created=False)


@transaction.atomic
def certification_remove(*, actor: Any, certification: Certification) -> None:
    if not permissions.can_change_enterprise(actor, certification.enterprise):
        raise PermissionDenied(_("You may not change this enterprise."))
    certification._history_user = actor
    certification._change_reason = "removed"
    certification.delete()
