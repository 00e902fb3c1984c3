"""Accept a submission once per device key (`client_id`), whichever way it arrives.

The key comes from a hidden field: drawn by the server when it renders the form (so the
plain, script-less post is idempotent too) and kept by the device's outbox when the form
is saved with no signal. Garbage in that field is refused with a message; a key another
account used is simply a new key for this account (keys are per user).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from etalase.offline.models import AcceptedSubmission

FIELD = "client_id"


def client_id_of(post: Any) -> uuid.UUID | None:
    """The posted key, None when the form carries none (an older page, the admin)."""
    raw = (post.get(FIELD) or "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw[:64])
    except ValueError:
        raise ValidationError(
            _("This form's sending key is damaged; the form was not saved. Send it again."),
            code="bad_client_id") from None


@dataclass(frozen=True)
class Outcome:
    object_id: int | None
    fresh: bool  # False: this key had been accepted before, nothing was written now


def run_once(*, user: Any, client_id: uuid.UUID | None, form: str,
             write: Callable[[], Any]) -> Outcome:
    """Run `write` (which returns the saved record) unless this user's key was accepted.

    The key is inserted before the write in the same transaction: a second sending that
    arrives while the first is being written waits on the unique index, then finds it.
    A write that fails (validation) rolls the key back with it.
    """
    if client_id is None:
        return Outcome(write().pk, True)
    with transaction.atomic():
        try:
            with transaction.atomic():
                key = AcceptedSubmission.objects.create(user=user, client_id=client_id,
                                                        form=form)
        except IntegrityError:
            prior = AcceptedSubmission.objects.get(user=user, client_id=client_id)
            if prior.form != form:
                raise ValidationError(
                    _("This sending key was already used for another form; the form was "
                      "not saved. Reload the page and send it again."),
                    code="client_id_reused") from None
            return Outcome(prior.object_id, False)
        record = write()
        key.object_id = record.pk
        key.save(update_fields=["object_id"])
        return Outcome(record.pk, True)


def new_client_id() -> str:
    return str(uuid.uuid4())
