"""Background work of matching: the weekly digest of new requests that fit each MSME.

`send_weekly_digest` is a django-tasks task (ids and dates, never objects); run it weekly
from the scheduler the deployment has (cron / systemd timer) with
`etalase matching_digest`, which enqueues it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from etalase.accounts.models import Role, RoleAssignment
from etalase.enterprises.models import Enterprise

DIGEST_DAYS = 7
DIGEST_LENGTH = 10


def digest_for(enterprise: Enterprise, *, since: dt.datetime, today: dt.date | None = None
               ) -> int:
    """Notify the owners of one enterprise of the requests published since `since` that
    fit it (in the app and by e-mail). Returns the number of requests listed."""
    from etalase.matching import notify, selectors

    fits = selectors.requests_for_enterprise(enterprise, since=since, today=today,
                                             limit=DIGEST_LENGTH)
    if not fits:
        return 0
    owners = notify.owner_users(enterprise.pk)

    def body() -> str:
        lines = [_("New sourcing requests that fit %(name)s:") % {
            "name": enterprise.display_name}, ""]
        for item in fits:
            lines.append(f"• {item.request.title} — {item.request.organisation.name} "
                         f"({item.fit.score} / 100+): {item.fit.summary}")
        return "\n".join(lines)

    notify.notify(owners, kind="digest", url=reverse("matching:for_me"),
                  subject=lambda: ngettext("%(n)d new request fits your products",
                                           "%(n)d new requests fit your products",
                                           len(fits)) % {"n": len(fits)},
                  body=body)
    return len(fits)


@task()
def send_weekly_digest(since_iso: str | None = None) -> int:
    """One digest per enterprise that has an owner account; returns how many were sent."""
    since = (dt.datetime.fromisoformat(since_iso) if since_iso
             else timezone.now() - dt.timedelta(days=DIGEST_DAYS))
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    owned = RoleAssignment.objects.filter(role=Role.MSME_OWNER).values("enterprise_id")
    sent = 0
    for enterprise in Enterprise.objects.public().filter(Q(pk__in=owned)).order_by("pk"):
        if digest_for(enterprise, since=since):
            sent += 1
    return sent
