"""HEAD answers like GET, without a body, on every page and every API operation.

The test client drops the body of HEAD answers itself (as most servers do); here it is told not
to, so that an answer carrying GET's body under HEAD fails the test as it would on the wire.
"""

import datetime as dt
import itertools

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from etalase.accounts.models import User
from etalase.catalog.links import product_url, storefront_url
from etalase.catalog.models import Product
from etalase.demo.builder import build_demo
from etalase.learning.models import Programme, Resource

pytestmark = pytest.mark.django_db

# Values tried for each URL keyword, in order, until one fits the route's pattern.
SAMPLES = {
    "code": ["ID-SA", "0" * 32], "fmt": ["csv", "svg", "xlsx"], "country": ["ID"],
    "dataset": ["products"], "section": ["products"], "token": ["a" * 32],
    "uidb64": ["MQ"], "slug": ["x"],
}


def walk(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, list(entry.pattern.regex.groupindex)


def every_route_url(an_id: int) -> list[str]:
    urls = set()
    for name, keywords in walk(get_resolver()):
        if name.startswith("admin:"):
            continue
        choices = [SAMPLES.get(k, [str(an_id)]) for k in keywords]
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


@pytest.mark.parametrize("who", [None, "secretariat@demo.etalase"])
def test_every_route_answers_head_with_the_status_of_get(client, demo, body_kept, who):
    if who:
        client.force_login(User.objects.get(email=who))
    an_id = Product.objects.published().first().pk
    seen = set()
    for url in every_route_url(an_id):
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code, (url, got.status_code, head.status_code)
        assert body_of(head) == b"", url
        seen.add(got.status_code)
    assert 200 in seen and 404 in seen  # the walk reached real pages and unknown objects


def test_a_head_request_still_refuses_writes(client, demo, body_kept):
    """HEAD becomes GET, never POST: an action that takes only POST still answers 405."""
    product = Product.objects.published().first()
    client.force_login(User.objects.get(email="secretariat@demo.etalase"))
    head = client.head(f"/manage/products/{product.pk}/publish/")
    assert head.status_code == 405
    assert body_of(head) == b""
