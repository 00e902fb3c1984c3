"""Attachments: the gallery's upload safety — magic bytes, size, re-encoded images."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from etalase.matching import attachments, messaging
from etalase.matching.models import Attachment, Inquiry
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 60, 20)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_photos_are_re_encoded_without_their_metadata():
    checked = attachments.check(upload(jpeg_with_exif() + b"<script>trailing</script>",
                                       "../../etc/photo.JPG", "image/jpeg"))
    body = checked.content.read()
    assert b"SecretCam" not in body and b"<script>" not in body
    assert checked.content_type in ("image/webp", "image/jpeg")
    assert "/" not in checked.original_name and ".." not in checked.original_name.split(".")[0]
    assert checked.content.name != "photo.JPG"  # stored under a random name


def test_pdfs_are_kept_after_a_header_check():
    checked = attachments.check(upload(PDF, "spec sheet.pdf"))
    assert checked.content_type == "application/pdf"
    assert checked.original_name == "spec_sheet.pdf"


@pytest.mark.parametrize(("data", "name", "code"), [
    (b"<html><script>alert(1)</script></html>", "photo.jpg", "not_allowed"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg", "not_allowed"),
    (b"MZ\x90\x00\x03" + b"\x00" * 100, "invoice.pdf", "not_allowed"),
    (b"PK\x03\x04" + b"\x00" * 100, "docs.zip", "not_allowed"),
    (b"\xff\xd8\xff\xe0" + b"garbage" * 20, "broken.jpg", "broken"),
    (b"%PDF-1.4\n/OpenAction << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF", "x.pdf",
     "active_pdf"),
    (b"%PDF-1.4\nno end marker", "cut.pdf", "broken"),
    (b"", "empty.pdf", "not_allowed"),
])
def test_dangerous_or_broken_files_are_refused(data, name, code):
    with pytest.raises(ValidationError) as caught:
        attachments.check(upload(data, name))
    assert caught.value.code == code


def test_size_limit_is_checked(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as caught:
        attachments.check(upload(PDF + b" " * 2000, "big.pdf"))
    assert caught.value.code == "too_large"


def test_at_most_three_files_and_a_bad_one_refuses_the_message(world):
    r = open_request(world, cocoa_request(world))
    files = [upload(PDF, f"{n}.pdf") for n in range(4)]
    with pytest.raises(ValidationError):
        messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="x",
                                sourcing_request=r, files=files)
    with pytest.raises(ValidationError):
        messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="x",
                                sourcing_request=r,
                                files=[upload(PDF, "ok.pdf"), upload(b"<html>", "bad.png")])
    assert not Inquiry.objects.exists() and not Attachment.objects.exists()


def test_the_page_uploads_and_serves_a_photo_to_both_sides(client, world):
    r = open_request(world, cocoa_request(world))
    client.force_login(world.owner_a)
    response = client.post(reverse("matching:request_respond", args=[r.pk]), {
        "enterprise": world.a.pk, "body": "Our beans",
        "files": [upload(jpeg_with_exif(), "beans.jpg", "image/jpeg"),
                  upload(PDF, "certificate.pdf")]})
    assert response.status_code == 302
    found = list(Attachment.objects.order_by("id"))
    assert [a.original_name.rsplit(".", 1)[0] for a in found] == ["beans", "certificate"]
    client.force_login(world.buyer)
    image = client.get(reverse("matching:attachment", args=[found[0].pk]))
    assert image.status_code == 200 and image["Content-Type"].startswith("image/")
    assert "sandbox" in image["Content-Security-Policy"]
    b"".join(image.streaming_content)


def test_a_bad_file_on_the_page_is_reported_not_stored(client, world):
    r = open_request(world, cocoa_request(world))
    client.force_login(world.owner_a)
    response = client.post(reverse("matching:request_respond", args=[r.pk]), {
        "enterprise": world.a.pk, "body": "x",
        "files": [upload(b"<html>evil</html>", "evil.jpg", "image/jpeg")]}, follow=True)
    assert "photos (JPEG, PNG, WebP) or PDF" in response.content.decode()
    assert not Inquiry.objects.exists()
