"""Officials' actions reach the audit log from the models' own signals, in the transaction of
the change (post_save runs inside it): a rolled-back action leaves no entry, a committed one
always has its entry. Lower layers (accounts) thus need not import this app.

- verify: Enterprise and Organisation saved with `verified_by` among update_fields (the only
  way enterprises.services.enterprise_verify and accounts.services.organisation_verify save);
- accept, return, commit, submit, validate…: each intake.SubmissionEvent, the submission's own
  record, is mirrored with its actor;
- role_grant / role_change / role_revoke: RoleAssignment created / saved again / deleted;
- token_issue: ApiToken created.
The actor of role and token changes is the signed-in user of the request
(simple_history's HistoryRequestMiddleware keeps it); None from the command line.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _request_user():
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _on_verified(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and "verified_by" in update_fields and instance.verified_by_id:
        from etalase.privacy.services import record_action

        record_action(instance.verified_by, "verify", instance)


def _on_submission_event(sender, instance, created: bool, **kwargs) -> None:
    if created:
        from etalase.privacy.services import record_action

        record_action(instance.actor, instance.action, instance.submission,
                      event=instance.pk)


def _on_role_saved(sender, instance, created: bool, **kwargs) -> None:
    from etalase.privacy.services import record_action

    record_action(_request_user(), "role_grant" if created else "role_change", instance,
                  role=instance.role, user=instance.user_id)


def _on_role_deleted(sender, instance, **kwargs) -> None:
    from etalase.privacy.services import record_action

    record_action(_request_user(), "role_revoke", instance, role=instance.role,
                  user=instance.user_id)


def _on_token_saved(sender, instance, created: bool, **kwargs) -> None:
    if created:
        from etalase.privacy.services import record_action

        record_action(_request_user() or instance.user, "token_issue", instance,
                      user=instance.user_id)


def connect() -> None:
    from etalase.accounts.models import ApiToken, Organisation, RoleAssignment
    from etalase.enterprises.models import Enterprise
    from etalase.intake.models import SubmissionEvent

    uid = "etalase.privacy"
    post_save.connect(_on_verified, sender=Enterprise, dispatch_uid=f"{uid}.ent")
    post_save.connect(_on_verified, sender=Organisation, dispatch_uid=f"{uid}.org")
    post_save.connect(_on_submission_event, sender=SubmissionEvent, dispatch_uid=f"{uid}.sub")
    post_save.connect(_on_role_saved, sender=RoleAssignment, dispatch_uid=f"{uid}.role")
    post_delete.connect(_on_role_deleted, sender=RoleAssignment, dispatch_uid=f"{uid}.unrole")
    post_save.connect(_on_token_saved, sender=ApiToken, dispatch_uid=f"{uid}.token")
