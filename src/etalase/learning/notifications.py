"""Reaching the right MSMEs: in-app notices to eligible enterprises' owners, e-mail digests.

On publication every owner of an ELIGIBLE enterprise (the same pure rules as the
programme page, see `selectors.eligible_enterprises`) gets one in-app notice; notices
not yet e-mailed go out as one digest per person, in that person's language. Owners of
ineligible enterprises get nothing. Notices hold no text: it is written when shown, in
the reader's language.
"""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from etalase.accounts.models import Role, RoleAssignment
from etalase.learning import selectors
from etalase.learning.models import Notification, Programme
from etalase.web.formatting import date_local

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    return str(getattr(settings, "ETALASE", {}).get("SITE_URL") or DEFAULT_SITE_URL).rstrip("/")


def notify_programme_published(programme_id: int) -> int:
    """Create the notices of a published programme; returns how many were created."""
    programme = selectors.programmes_base().filter(pk=programme_id, is_published=True).first()
    if programme is None:
        return 0
    enterprises = selectors.eligible_enterprises(programme)
    ids = [e.pk for e in enterprises]
    owners: list[tuple[int, int]] = []
    for start in range(0, len(ids), 900):
        owners += list(
            RoleAssignment.objects.filter(
                role=Role.MSME_OWNER, enterprise_id__in=ids[start : start + 900],
                user__is_active=True,
            ).values_list("user_id", "enterprise_id")
        )
    first_enterprise: dict[int, int] = {}
    for user_id, enterprise_id in sorted(owners):
        first_enterprise.setdefault(user_id, enterprise_id)
    notices = [
        Notification(user_id=user_id, programme=programme, enterprise_id=enterprise_id,
                     kind=Notification.Kind.NEW_PROGRAMME)
        for user_id, enterprise_id in first_enterprise.items()
    ]
    with transaction.atomic():
        # ignore_conflicts: a second run (a retried task) adds nobody twice.
        Notification.objects.bulk_create(notices, batch_size=500, ignore_conflicts=True)
    return len(notices)


def notice_text(notice: Notification, language: str | None = None) -> str:
    """What a notice says, in `language` (the current one by default)."""
    with translation.override(language or translation.get_language()):
        title = notice.programme.text_in(translation.get_language())[0] if notice.programme \
            else ""
        if notice.kind == Notification.Kind.PROMOTED:
            return _("A seat became free: your enterprise is now confirmed for “%(title)s”.") % {
                "title": title}
        return _("New programme open to your enterprise: “%(title)s”.") % {"title": title}


def programme_when(programme: Programme, language: str) -> str:
    zone = ZoneInfo(programme.time_zone)
    start = programme.starts_at.astimezone(zone)
    return f"{date_local(start.date(), 'long', language)} {start:%H:%M} ({start:%Z})"


def _digest_body(user, notices: list[Notification], language: str) -> str:
    lines = [_("Hello %(name)s,") % {"name": user.full_name or user.email}, ""]
    for notice in notices:
        lines.append("• " + notice_text(notice, language))
        if notice.programme is not None:
            lines.append("  " + programme_when(notice.programme, language))
            lines.append("  " + site_url() + reverse("learning:detail",
                                                     args=[notice.programme_id]))
        lines.append("")
    lines.append(_("All your programmes: %(url)s") % {
        "url": site_url() + reverse("learning:mine")})
    return "\n".join(lines)


def send_digests(user_ids: list[int] | None = None) -> int:
    """E-mail each person its notices not yet e-mailed, in one message; returns e-mails sent."""
    pending = Notification.objects.filter(emailed_at=None).select_related("programme")
    pending = pending.prefetch_related("programme__translations")
    if user_ids is not None:
        pending = pending.filter(user_id__in=user_ids)
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notice in pending.order_by("user_id", "created_at", "id"):
        by_user[notice.user_id].append(notice)
    users = get_user_model().objects.in_bulk(list(by_user))
    sent = 0
    for user_id, notices in by_user.items():
        user = users.get(user_id)
        if user is None or not user.is_active or not user.email:
            continue
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = ngettext(
                "Etalase: %(count)d new notice about programmes",
                "Etalase: %(count)d new notices about programmes",
                len(notices),
            ) % {"count": len(notices)}
            body = _digest_body(user, notices, language)
        send_mail(subject, body, None, [user.email])
        Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
            emailed_at=timezone.now())
        sent += 1
    return sent
