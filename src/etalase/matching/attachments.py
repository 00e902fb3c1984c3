"""Files attached to messages, with the gallery's upload safety.

* size: at most `ATTACHMENT_MAX_BYTES` (settings; 5 MB by default), checked before reading on;
* kind by magic bytes, never by the name or the browser's content type: JPEG, PNG and WebP
  photos go through `catalog.images.process_upload` (decoded with Pillow's limits and
  re-encoded: metadata and trailing bytes gone); PDFs (spec sheets, certificates) must start
  with `%PDF-` and end with an `%%EOF` marker and carry no JavaScript action; anything else
  (HTML, SVG, executables, archives) is refused;
* stored under a random name; the original name is kept only as text, for display;
* served by a view that checks the reader's side of the conversation and sends
  `Content-Disposition: attachment` for PDFs with `nosniff`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from etalase.catalog import images

MAX_FILES = 3
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction)\b")


@dataclass
class CheckedFile:
    content: ContentFile
    original_name: str
    content_type: str
    size: int


def _looks_like_image(head: bytes) -> bool:
    # The formats catalog.images accepts; it checks them again itself.
    return (head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"))


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def _read(upload) -> bytes:
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(_("A file is larger than %(mb)d MB."), code="too_large",
                              params={"mb": limit // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("A file is larger than %(mb)d MB."), code="too_large",
                              params={"mb": limit // (1024 * 1024)})
    return data


def _display_name(upload, extension: str) -> str:
    name = str(getattr(upload, "name", "") or "file")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)[:80]
    try:
        stem = get_valid_filename(stem)
    except Exception:  # Django refuses names like "..": use a neutral one
        stem = "file"
    return f"{stem or 'file'}.{extension}"


def check(upload) -> CheckedFile:
    """A safe copy of one uploaded file, or ValidationError."""
    data = _read(upload)
    if _looks_like_image(data[:16]):
        processed = images.process_upload(ContentFile(data, name="upload"))
        body = processed.image.read()
        extension = processed.image.name.rsplit(".", 1)[-1]
        return CheckedFile(ContentFile(body, name=f"{uuid.uuid4().hex}.{extension}"),
                           _display_name(upload, extension), processed.content_type,
                           len(body))
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(_("The PDF file is incomplete."), code="broken")
        if _PDF_ACTIVE.search(data):
            raise ValidationError(_("PDF files with scripts or embedded files are not "
                                    "accepted."), code="active_pdf")
        return CheckedFile(ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"),
                           _display_name(upload, "pdf"), "application/pdf", len(data))
    raise ValidationError(_("Attach photos (JPEG, PNG, WebP) or PDF documents only."),
                          code="not_allowed")


def check_all(uploads) -> list[CheckedFile]:
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("At most %(n)d files per message."), code="too_many",
                              params={"n": MAX_FILES})
    return [check(upload) for upload in uploads]
