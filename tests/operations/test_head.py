"""HEAD answers like GET, without a body, on every page and every API operation.

The test client drops the body of HEAD answers itself (as most servers do); here it is told not
to, so that an answer carrying GET's body under HEAD fails the test as it would on the wire.
"""

import datetime as dt
import itertools
import re

import pytest
from django.http import FileResponse
from django.test import RequestFactory
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from etalase.accounts.models import User
from etalase.catalog.links import product_url, storefront_url
from etalase.catalog.models import Product
from etalase.demo.builder import build_demo
from etalase.learning.models import Programme, Resource
from etalase.operations.middleware import HeadAsGetMiddleware

pytestmark = pytest.mark.django_db

# Values tried for each URL keyword, in order, until one fits the route's pattern.
SAMPLES = {
    "code": ["ID-SA", "0" * 32], "fmt": ["csv", "svg", "xlsx"], "country": ["ID"],
    "dataset": ["products"], "section": ["products"], "token": ["a" * 32],
    "uidb64": ["MQ"], "slug": ["x"],
}


def fallbacks(an_id: int) -> list[str]:
    """For a keyword not named above (another app's new route): an id, a code, a word."""
    return [str(an_id), "ID-SA", "x"]


def walk(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, entry.pattern.regex


def literal_choices(regex: re.Pattern, keyword: str) -> list[str]:
    """The words of a group written as a list of words, e.g. (?P<fmt>csv|json) -> csv, json."""
    group = re.search(rf"\(\?P<{keyword}>([\w|]+)\)", regex.pattern)
    return group.group(1).split("|") if group else []


def every_route_url(an_id: int) -> list[str]:
    urls = set()
    for name, regex in walk(get_resolver()):
        if name.startswith("admin:"):
            continue
        keywords = list(regex.groupindex)
        choices = [[*literal_choices(regex, k), *SAMPLES.get(k, []), *fallbacks(an_id)]
                   for k in keywords]
        for values in itertools.product(*choices):
            try:
                urls.add(reverse(name, kwargs=dict(zip(keywords, values, strict=True))))
                break
            except NoReverseMatch:
                continue
        else:
            pytest.fail(f"no sample fits the route {name} {keywords}")
    return sorted(urls)


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(enterprises=12, products=40, seed=3, today=dt.date(2026, 6, 1))


@pytest.fixture
def body_kept(monkeypatch):
    monkeypatch.setattr("django.test.client.conditional_content_removal",
                        lambda request, response: response)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def public_urls() -> list[str]:
    product = Product.objects.published().select_related("enterprise").first()
    programme = Programme.objects.filter(is_published=True).first()
    resource = Resource.objects.filter(is_published=True).first()
    return [
        "/", "/gallery/", "/gallery/?q=kopi", product_url(product),
        storefront_url(product.enterprise), "/p/ID-SA/", "/programmes/",
        f"/programmes/{programme.pk}/", "/programmes/calendar/", "/programmes/resources/",
        f"/programmes/resources/{resource.pk}/", "/insights/open-data/", "/sitemap.xml",
        "/robots.txt", "/api/v1/products", f"/api/v1/products/{product.pk}",
        "/api/v1/enterprises", f"/api/v1/enterprises/{product.enterprise_id}",
        "/api/v1/regions/countries", "/api/v1/regions/subdivisions/ID-SA",
        "/api/v1/learning/programmes", "/api/v1/learning/resources",
        "/api/v1/insights/open-data", "/api/v1/openapi.json",
    ]


def test_every_public_page_and_api_read_answers_head_as_get(client, demo, body_kept):
    for url in public_urls():
        got = client.get(url)
        assert got.status_code == 200, url
        assert body_of(got), url
        head = client.head(url)
        assert head.status_code == 200, (url, head.status_code)
        assert body_of(head) == b"", url
        assert head["Content-Type"] == got["Content-Type"], url
        if got.has_header("Content-Length"):
            assert head["Content-Length"] == got["Content-Length"], url


def test_every_route_answers_head_with_the_status_of_get(client, demo, body_kept):
    an_id = Product.objects.published().first().pk
    seen = set()
    for url in every_route_url(an_id):
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code, (url, got.status_code, head.status_code)
        assert body_of(head) == b"", url
        seen.add(got.status_code)
    assert {200, 302, 404} <= seen  # the walk reached pages, sign-in redirects, unknown objects


def test_an_officials_downloads_answer_head_without_their_body(client, demo, body_kept):
    client.force_login(User.objects.get(email="secretariat@demo.etalase"))
    programme = Programme.objects.filter(is_published=True).first()
    for url in ["/insights/report.xlsx", f"/programmes/{programme.pk}/calendar.ics",
                "/insights/open-data/products.csv", "/insights/open-data/by_subdivision.json",
                "/sourcing/", "/submissions/"]:
        got, head = client.get(url), client.head(url)
        assert got.status_code == head.status_code == 200, (url, got.status_code)
        assert body_of(got) and body_of(head) == b"", url
        assert head["Content-Type"] == got["Content-Type"], url


def test_a_streamed_file_is_neither_read_nor_sent_for_head(tmp_path):
    """A FileResponse (an original upload, an attachment) keeps GET's length and is closed."""
    file = tmp_path / "Daftar UMKM Sulut.xlsx"
    file.write_bytes(b"PK\x03\x04" + b"x" * 5000)
    opened = []

    def view(request):
        assert request.method == "GET"
        opened.append(file.open("rb"))
        return FileResponse(opened[-1], as_attachment=True)

    response = HeadAsGetMiddleware(view)(RequestFactory().head("/submissions/1/original"))
    assert response.streaming and list(response.streaming_content) == []
    assert response["Content-Length"] == "5004"
    assert opened[0].tell() == 0  # not read
    response.close()
    assert opened[0].closed


def test_a_head_request_still_refuses_writes(client, demo, body_kept):
    """HEAD becomes GET, never POST: an action that takes only POST still answers 405."""
    product = Product.objects.published().first()
    client.force_login(User.objects.get(email="secretariat@demo.etalase"))
    head = client.head(f"/manage/products/{product.pk}/publish/")
    assert head.status_code == 405
    assert body_of(head) == b""
