"""Notifications: one in-app row per user, and the same text by e-mail (Django's mail
backends) once the transaction that caused it has committed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from etalase.accounts.models import Role, RoleAssignment, User
from etalase.matching.models import Notification

log = logging.getLogger(__name__)


def buyer_users(organisation_id: int) -> list[User]:
    return list(User.objects.filter(
        is_active=True, roles__role=Role.BUYER, roles__organisation_id=organisation_id,
    ).distinct().order_by("id"))


def owner_users(enterprise_id: int) -> list[User]:
    return list(User.objects.filter(
        is_active=True, roles__role=Role.MSME_OWNER, roles__enterprise_id=enterprise_id,
    ).distinct().order_by("id"))


def official_users_for(organisation) -> list[User]:
    """Who reviews a buyer's held request: the secretariat (every buyer, wherever based)."""
    ids = RoleAssignment.objects.filter(role=Role.SECRETARIAT).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("id"))


def notify(users: Iterable[User], *, kind: str, subject, body="", url: str = "",
           exclude: User | None = None) -> int:
    """Tell `users` (minus `exclude`, the one who acted). `subject`/`body` may be lazy
    strings or callables taking no argument: they are rendered in each user's language."""
    sent = 0
    mails: list[tuple[str, str, str]] = []
    for user in users:
        if exclude is not None and user.pk == exclude.pk:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            text_subject = str(subject() if callable(subject) else subject)[:200]
            text_body = str(body() if callable(body) else body)
        Notification.objects.create(user=user, kind=kind, subject=text_subject,
                                    body=text_body, url=url[:300])
        if user.email:
            link = f"\n\n{settings.ETALASE.get('SITE_URL', '')}{url}" if url else ""
            mails.append((text_subject, text_body + link, user.email))
        sent += 1

    def _send() -> None:
        for mail_subject, mail_body, address in mails:
            try:
                send_mail(mail_subject, mail_body, None, [address])
            except Exception:  # the in-app notice is kept; log the mail failure
                log.exception("notification e-mail to user failed")

    if mails:
        transaction.on_commit(_send)
    return sent
