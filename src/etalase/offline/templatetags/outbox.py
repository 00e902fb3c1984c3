"""`{% outbox_fields version %}`: the hidden fields an offline-capable form carries."""

from __future__ import annotations

import uuid
from typing import Any

from django import template

from etalase.offline import conflicts, services

register = template.Library()


@register.inclusion_tag("offline/_fields.html", takes_context=True)
def outbox_fields(context: dict[str, Any], version: Any = None) -> dict[str, Any]:
    request = context.get("request")
    client_id = ""
    if request is not None and request.method == "POST":
        posted = (request.POST.get(services.FIELD) or "").strip()[:64]
        try:  # a re-shown form keeps its key: sending the corrected form twice is one record
            client_id = str(uuid.UUID(posted))
        except ValueError:
            client_id = ""
    user = getattr(request, "user", None)
    return {"client_id": client_id or services.new_client_id(),
            "client_field": services.FIELD, "version_field": conflicts.FIELD,
            "version": "" if version is None else version,
            "has_version": version not in (None, ""),
            "user_id": user.pk if user is not None and user.is_authenticated else ""}
