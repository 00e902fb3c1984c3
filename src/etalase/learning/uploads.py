"""Checks of resource attachments: PDF, DOCX, XLSX and images only, judged by content.

The file's name and the browser's Content-Type are not trusted: the first bytes decide.
- PDF: starts with `%PDF-`;
- DOCX / XLSX: a ZIP (`PK\\x03\\x04`) whose directory holds `[Content_Types].xml` and
  `word/document.xml` (DOCX) or `xl/workbook.xml` (XLSX); only the directory is read,
  nothing is decompressed (a ZIP bomb costs nothing here). Macro-enabled documents
  (`vbaProject.bin`) are refused;
- images (JPEG, PNG, WebP): the gallery's own checks, then re-encoded
  (`catalog.images.process_upload`) so that nothing but pixels is stored.
Every file is at most `RESOURCE_UPLOAD_MAX_BYTES` (settings, default 10 MB). Files are
stored under a random name with the checked extension; downloads are sent as
attachments with the matching Content-Type and `nosniff`.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "webp": "image/webp",
    "jpg": "image/jpeg",
}


@dataclass
class CheckedFile:
    content: ContentFile
    kind: str  # a key of CONTENT_TYPES
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "RESOURCE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large(limit: int) -> ValidationError:
    return ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20},
                           code="too_large")


def read_limited(upload) -> bytes:
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Documents with macros are not accepted."), code="macros")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff(data: bytes) -> str | None:
    """The kind of a document by its content: pdf, docx, xlsx, image, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if (data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        return "image"
    return None


def check_attachment(upload) -> CheckedFile:
    data = read_limited(upload)
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _("Attach a PDF, Word (DOCX), Excel (XLSX) or image file (this file is none of "
              "them)."), code="type")
    if kind == "image":
        from etalase.catalog.images import process_upload

        processed = process_upload(ContentFile(data, name="upload"))
        body = processed.image.read()
        ext = processed.image.name.rsplit(".", 1)[-1]
        return CheckedFile(ContentFile(body, name=f"{uuid.uuid4().hex}.{ext}"), ext, len(body))
    return CheckedFile(ContentFile(data, name=f"{uuid.uuid4().hex}.{kind}"), kind, len(data))
