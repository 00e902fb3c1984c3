"""Information resources: multilingual versions, full-text search across languages, tags,
and attachments checked by content."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from etalase.learning import resources, search
from etalase.learning.models import Resource, ResourceAttachment
from etalase.learning.resource_views import find_resources
from etalase.learning.resources import ResourceData
from tests.factories import make_enterprise, officer_of, owner_of, secretariat
from tests.learning.helpers import XSS

pytestmark = pytest.mark.django_db


def publish(user, **fields) -> Resource:
    data = ResourceData(**{"category": "export", "title": "A guide", **fields})
    resource = resources.resource_save(user=user, data=data)
    return resources.resource_set_published(user=user, resource_id=resource.pk, published=True)


@pytest.fixture
def library():
    office = secretariat()
    return {
        "cocoa": publish(office, title="Exporting cocoa beans to the European Union",
                         summary="Deforestation rules and cadmium limits.", language="en",
                         destination_country_id="DE", tags=["cocoa", "EU"]),
        "kopi": publish(office, title="Prosedur ekspor kopi ke Jepang", language="id",
                        summary="Dokumen karantina.", tags=["kopi"],
                        translations={"en": ("Exporting coffee to Japan", "Quarantine", "")}),
        "halal": publish(office, category="certification", title="Sertifikat halal BPJPH",
                         language="id", body="Langkah mendapatkan sertifikat halal."),
        "draft": resources.resource_save(user=office, data=ResourceData(
            category="export", title="Draft about cocoa", language="en")),
    }


def ids(found) -> list[int]:
    return [r.pk for r in found]


def test_search_in_another_language_finds_the_guide(library):
    # "kakao" (Indonesian) and "cacao" (Filipino) find the English cocoa guide.
    for query in ("kakao", "cacao", "cocoa", "COCOA beans"):
        assert ids(find_resources(query=query, category="", tag="")) == [library["cocoa"].pk]
    assert ids(find_resources(query="kape", category="", tag="")) == [library["kopi"].pk]


def test_search_covers_translations_tags_and_category(library):
    assert library["kopi"].pk in ids(find_resources(query="Japan", category="", tag=""))
    assert library["cocoa"].pk in ids(find_resources(query="eu", category="", tag=""))
    assert library["halal"].pk in ids(find_resources(query="certification", category="",
                                                     tag=""))


def test_unpublished_resources_are_not_found(library):
    assert library["draft"].pk not in ids(find_resources(query="cocoa", category="", tag=""))
    assert library["draft"].pk not in ids(find_resources(query="", category="", tag=""))
    resources.resource_set_published(user=secretariat(), resource_id=library["cocoa"].pk,
                                     published=False)
    assert find_resources(query="cocoa", category="", tag="") == []


def test_filters_by_category_and_tag(library):
    assert ids(find_resources(query="", category="certification", tag="")) == [
        library["halal"].pk]
    assert ids(find_resources(query="", category="", tag="kopi")) == [library["kopi"].pk]
    assert find_resources(query="kakao", category="certification", tag="") == []


@pytest.mark.parametrize("query", ['"', "'; DROP TABLE learning_resource; --", "NEAR(", "*",
                                   "a AND OR NOT", "\x00kakao", "ka" * 500, "ü ñ 漢字"])
def test_hostile_queries_are_harmless(library, query):
    find_resources(query=query, category="", tag="")  # no exception
    assert Resource.objects.count() == 4


def test_search_text_reflects_edits(library):
    office = secretariat()
    resources.resource_save(user=office, resource_id=library["halal"].pk, data=ResourceData(
        category="certification", title="Sertifikat organik", language="id"))
    assert find_resources(query="halal", category="", tag="") == []
    assert ids(find_resources(query="organik", category="", tag="")) == [library["halal"].pk]


def test_reindex_rebuilds_the_whole_index(library):
    search.reindex()
    assert ids(find_resources(query="cocoa", category="", tag="")) == [library["cocoa"].pk]


def test_translation_fallback_on_the_page(client, library):
    url = reverse("learning:resource", args=[library["kopi"].pk])
    client.cookies["etalase_language"] = "en"
    assert client.get(url).context["title"] == "Exporting coffee to Japan"
    client.cookies["etalase_language"] = "ms"
    assert client.get(url).context["title"] == "Prosedur ekspor kopi ke Jepang"


def test_list_page_search_and_escaping(client):
    publish(secretariat(), title=XSS, summary=XSS, body=XSS)
    response = client.get(reverse("learning:resources"), {"q": "alert"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    detail = client.get(reverse("learning:resource", args=[Resource.objects.get().pk]))
    assert "<script>alert" not in detail.content.decode()


def test_draft_page_is_hidden_and_other_office_cannot_edit(client):
    officer = officer_of("ID-SA")
    draft = resources.resource_save(user=officer, data=ResourceData(category="guide",
                                                                    title="Draf"))
    url = reverse("learning:resource", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(officer_of("ID-KI"))
    assert client.get(url).status_code == 404
    assert client.get(reverse("learning:resource_edit", args=[draft.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        resources.resource_save(user=officer_of("ID-KI"), resource_id=draft.pk,
                                data=ResourceData(category="guide", title="Stolen"))
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_owner_cannot_write_resources():
    with pytest.raises(PermissionDenied):
        resources.resource_save(user=owner_of(make_enterprise("ID-SA")),
                                data=ResourceData(category="guide", title="Mine"))


def test_tags_are_bounded_and_slugged():
    resource = resources.resource_save(user=secretariat(), data=ResourceData(
        category="guide", title="Tags",
        tags=["Rumput Laut", "rumput laut", "<b>", *"abcdefghijklmno"]))
    slugs = sorted(t.slug for t in resource.tags.all())
    assert "rumput-laut" in slugs and "b" in slugs
    assert len(slugs) <= resources.MAX_TAGS


# --- Attachments ---------------------------------------------------------------------------


def docx_bytes(*, macros: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Biaya"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 100, 0)).save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def guide():
    return publish(secretariat(), title="Guide with files")


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("panduan.pdf", PDF, "pdf"),
    ("template.docx", docx_bytes(), "docx"),
    ("biaya.xlsx", xlsx_bytes(), "xlsx"),
    ("photo.png", png_bytes(), None),  # re-encoded: WebP (or JPEG without WebP)
    ("renamed.txt", PDF, "pdf"),  # the content decides, not the name
])
def test_allowed_attachments(guide, name, content, kind):
    attachment = resources.attachment_add(
        user=secretariat(), resource_id=guide.pk,
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    assert attachment.kind == (kind or attachment.kind)
    if kind is None:
        assert attachment.kind in ("webp", "jpg")
    assert attachment.file.name.endswith("." + attachment.kind)
    assert name.rsplit(".", 1)[0] not in attachment.file.name  # stored under a random name


@pytest.mark.parametrize(("name", "content"), [
    ("evil.pdf", b"<html><script>alert(1)</script></html>"),
    ("evil.docx", b"PK\x03\x04not really a zip"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 50),
    ("macro.docm", docx_bytes(macros=True)),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("program.exe", b"MZ\x90\x00\x03"),
    ("empty.pdf", b""),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage"),
])
def test_refused_attachments(guide, name, content):
    with pytest.raises(ValidationError):
        resources.attachment_add(user=secretariat(), resource_id=guide.pk,
                                 upload=SimpleUploadedFile(name, content))
    assert not ResourceAttachment.objects.exists()


def test_zip_that_is_neither_docx_nor_xlsx_is_refused(guide):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    with pytest.raises(ValidationError):
        resources.attachment_add(user=secretariat(), resource_id=guide.pk,
                                 upload=SimpleUploadedFile("slides.pptx", out.getvalue()))


def test_size_limit(guide, settings):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as info:
        resources.attachment_add(user=secretariat(), resource_id=guide.pk,
                                 upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 2000))
    assert info.value.code == "too_large"


def test_other_office_cannot_attach(guide):
    with pytest.raises(PermissionDenied):
        resources.attachment_add(user=officer_of("ID-SA"), resource_id=guide.pk,
                                 upload=SimpleUploadedFile("a.pdf", PDF))


def test_download_is_an_attachment_with_the_checked_type(client, guide):
    attachment = resources.attachment_add(
        user=secretariat(), resource_id=guide.pk, name='bad"name<>.pdf',
        upload=SimpleUploadedFile("x.pdf", PDF, content_type="text/html"))
    response = client.get(reverse("learning:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "<" not in disposition
    assert b"".join(response.streaming_content) == PDF


def test_download_of_a_draft_resource_is_hidden(client):
    draft = resources.resource_save(user=secretariat(),
                                    data=ResourceData(category="guide", title="Draft"))
    attachment = resources.attachment_add(user=secretariat(), resource_id=draft.pk,
                                          upload=SimpleUploadedFile("a.pdf", PDF))
    assert client.get(reverse("learning:attachment", args=[attachment.pk])).status_code == 404


def test_upload_through_the_page(client, guide):
    client.force_login(secretariat())
    response = client.post(reverse("learning:attachment_add", args=[guide.pk]),
                           {"file": SimpleUploadedFile("g.pdf", PDF), "name": "Guide"})
    assert response.status_code == 302
    assert ResourceAttachment.objects.get().name == "Guide"
    client.force_login(officer_of("ID-SA"))
    response = client.post(reverse("learning:attachment_add", args=[guide.pk]),
                           {"file": SimpleUploadedFile("g.pdf", PDF)})
    assert response.status_code == 404
    assert ResourceAttachment.objects.count() == 1
