"""The offline web app's files: the worker at the root, the manifest, the offline page,
and the shell's size budget (issue 15: ≤ 30 KB gzipped in total)."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from etalase.offline import views
from tests.factories import make_enterprise, owner_of

pytestmark = pytest.mark.django_db

BUDGET_GZ = 30 * 1024


def test_the_worker_is_served_at_the_root_with_a_versioned_shell(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    config = json.loads(re.search(r"const CONFIG = (\{.*\});", body).group(1))
    assert config["version"] == views.shell_version() and len(config["version"]) == 12
    assert reverse("web:offline") in config["shell"] and config["outbox"] in config["shell"]
    assert "importScripts(CONFIG.outbox)" in body


def test_the_offline_pages_are_the_owners_and_officers_forms():
    patterns = [re.compile(p) for p in views.offline_page_patterns()]

    def offline(path: str) -> bool:
        return any(p.match(path) for p in patterns)

    assert offline(reverse("enterprises:product_create", args=[12]))
    assert offline(reverse("enterprises:product_edit", args=[3456]))
    assert offline(reverse("enterprises:profile_edit", args=[7]))
    assert offline(reverse("enterprises:manage"))
    assert offline(reverse("enterprises:enterprise_capture"))
    assert not offline(reverse("enterprises:product_publish", args=[3]))
    assert not offline("/manage/e/12/products/new/extra/")
    assert not offline(reverse("catalog:gallery"))


@pytest.mark.parametrize("language", ["id", "ms", "fil", "en"])
def test_the_manifest_names_the_app_and_its_icons(client, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("web:manifest"), HTTP_ACCEPT_LANGUAGE=language)
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert data["scope"] == "/" and data["start_url"] == reverse("enterprises:manage")
    assert data["display"] == "standalone" and data["lang"] == language
    for icon in data["icons"]:
        assert icon["type"] == "image/svg+xml"
        assert finders.find(icon["src"].removeprefix("/static/"))


def test_the_offline_page_keeps_no_personal_data(client):
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja")
    owner = owner_of(enterprise, full_name="Ibu Maria Wenas")
    client.force_login(owner)
    page = client.get(reverse("web:offline")).content.decode()
    assert "No connection" in page
    assert "Maria" not in page and owner.email not in page and "csrfmiddlewaretoken" not in page


def test_pages_carry_the_manifest_and_the_outbox_for_signed_in_users_only(client):
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja")
    home = client.get("/").content.decode()
    assert reverse("web:manifest") in home and 'id="outbox"' not in home
    client.force_login(owner_of(enterprise))
    page = client.get(reverse("enterprises:product_create", args=[enterprise.pk])).content.decode()
    assert 'id="outbox"' in page and "hidden" in page.split('id="outbox"')[1][:40]
    assert "Waiting to send ({n})" in page


def test_the_offline_shell_fits_the_budget(client):
    """The worker, the outbox script, the manifest, the offline page and the icons."""
    parts = {
        "sw.js": client.get("/sw.js").content,
        "manifest": client.get(reverse("web:manifest")).content,
        "offline page": client.get(reverse("web:offline")).content,
    }
    for name in [views.OUTBOX_JS, *views.ICONS]:
        with open(finders.find(name), "rb") as handle:
            parts[name] = handle.read()
    sizes = {name: len(gzip.compress(body, compresslevel=9)) for name, body in parts.items()}
    total = sum(sizes.values())
    print("offline shell, gzipped bytes:", sizes, "total", total, "budget", BUDGET_GZ)
    assert all(size > 0 for size in sizes.values())
    assert total <= BUDGET_GZ, sizes
