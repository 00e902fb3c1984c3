"""HTTP API for a user's notifications and the attachments of its conversations (mounted
with the matching router at /api/v1/matching); the same functions as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from etalase.accounts import permissions
from etalase.matching import messaging
from etalase.matching.api_common import signed_in, writer
from etalase.matching.models import Attachment, Inquiry
from etalase.matching.schemas import MessageOut
from etalase.regions.schemas import MAX_ID, ErrorOut, Page

router = Router(tags=["matching"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str = Field(description="The page it is about, relative to the site.")
    created_at: dt.datetime
    read_at: dt.datetime | None


class MarkReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        ..., max_length=500, description="These only; null marks all as read.")


class MarkedOut(Schema):
    marked: int


@router.get("/notifications", response=list[NotificationOut], summary="Your notifications")
@paginate(Page)
def list_notifications(request: HttpRequest, unread: bool = False):
    notices = signed_in(request).matching_notifications.all()
    return notices.filter(read_at=None) if unread else notices


@router.post("/notifications/read", response=MarkedOut, summary="Mark notifications read")
def mark_read(request: HttpRequest, payload: MarkReadIn):
    user = writer(request)
    return {"marked": messaging.notifications_mark_read(user=user, ids=payload.ids)}


# What attachments.check keeps: images re-encoded by the catalogue's pipeline, and PDF.
ATTACHMENT_TYPES = ("application/pdf", "image/webp", "image/jpeg")
ATTACHMENT_RESPONSE = {"responses": {200: {
    "description": "The file as it was checked and stored.",
    "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in ATTACHMENT_TYPES}}}}


@router.get("/attachments/{int:pk}", response={200: None, 404: ErrorOut},
            openapi_extra=ATTACHMENT_RESPONSE, summary="A file of one of your conversations")
def attachment(request: HttpRequest, pk: int):
    signed_in(request)
    found = Attachment.objects.select_related("message__inquiry").filter(pk=pk).first()
    if found is None or not permissions.can_view_inquiry(request.user, found.message.inquiry):
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=found.content_type, as_attachment=True,
                            filename=found.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


MESSAGE_BODY = Form(..., min_length=1, max_length=5000)
MESSAGE_FILES = File(..., min_length=1, max_length=3,
                     description="Up to 3 photos (JPEG, PNG, WebP) or PDF files; each is "
                     "checked and re-encoded.")


@router.post("/inquiries/{int:pk}/messages/with-files",
             response={201: MessageOut, 404: ErrorOut},
             summary="Write with photos or PDF attached (multipart/form-data)")
def post_message_with_files(request: HttpRequest, pk: int, body: str = MESSAGE_BODY,
                            files: list[UploadedFile] = MESSAGE_FILES):
    """The conversation page's form: the files are checked before anything is written (a
    bad file refuses the whole message, 422 naming it)."""
    user = writer(request)
    inquiry = Inquiry.objects.filter(pk=pk).first()
    if inquiry is None or not permissions.can_view_inquiry(user, inquiry):
        raise Http404
    try:
        message = messaging.message_post(actor=user, inquiry=inquiry, body=body, files=files)
    except PermissionDenied as exc:
        raise Http404 from exc
    return Status(201, {"id": message.pk, "side": message.side, "body": message.body,
                        "created_at": message.created_at,
                        "attachments": [a.original_name for a in message.attachments.all()]})
