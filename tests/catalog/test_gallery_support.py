"""Shared helpers of the gallery tests (no tests of its own).

`site_urls` makes the gallery's routes resolvable even before the root URLconf includes
`etalase.catalog.site_urls`; once it does, the fixture changes nothing.
"""

from __future__ import annotations

import sys
import types

import pytest
from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse

from etalase.catalog import search

_URLCONF = "tests_gallery_site_urlconf"


def _urlconf_with_site_urls() -> str:
    if _URLCONF not in sys.modules:
        from etalase import urls as root

        module = types.ModuleType(_URLCONF)
        module.urlpatterns = [*root.urlpatterns, path("", include("etalase.catalog.site_urls"))]
        sys.modules[_URLCONF] = module
    return _URLCONF


@pytest.fixture
def site_urls(settings):
    try:
        reverse("catalog:gallery")
    except NoReverseMatch:
        settings.ROOT_URLCONF = _urlconf_with_site_urls()
        clear_url_caches()
    yield
    clear_url_caches()


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ids(result) -> list[int]:
    return [p.pk for p in result.products]


def find(query: str, **kwargs) -> search.SearchResult:
    kwargs.setdefault("per_page", 100)
    return search.search_products(query=query, **kwargs)
