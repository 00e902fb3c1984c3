"""Uploaded pictures served by the application itself (issue 18).

`django.conf.urls.static.static()` does nothing while DEBUG is off, so under `make run`
(ETALASE_DEV=1, DEBUG off) product photos answered 404. This view serves them when
`ETALASE_SERVE_MEDIA` is on (the default unless an object store serves media; see the
README's "Pictures in production").

Only the public picture folders are served: the media folder also holds officers'
uploaded spreadsheets (intake) and field-capture photos, which have their own views
with permission checks and must never be reachable by URL guessing. Path handling is
Django's `static.serve` (normalised, joined with `safe_join`, no directory listing).
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

# Folders whose files are public by design: product photos and enterprise logos.
PUBLIC_FOLDERS = ("products/", "logos/")
PICTURE_SUFFIXES = (".webp", ".jpg", ".jpeg", ".png")
# Names are random (uuid4) and never rewritten: a day is safe; a week would be too.
MAX_AGE = 86_400


def is_public_picture(path: str) -> bool:
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised != path or ".." in normalised.split("/"):
        return False
    return normalised.startswith(PUBLIC_FOLDERS) and normalised.lower().endswith(
        PICTURE_SUFFIXES)


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    if not is_public_picture(path):
        raise Http404("not a public picture")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    # A picture is never a page: nothing in it may run or be framed as one.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
