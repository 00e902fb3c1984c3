"""Stable, shareable URLs of products and storefronts: /gallery/12-kopi-toraja/.

The slug is decoration: a link with an old or missing slug redirects to the current one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify

_PK, _SLUG = 987654321, "zz-slug-zz"
_templates: dict[tuple, str] = {}


def _template(name: str) -> str:
    """reverse() once per URL name, then string formatting (a page builds 50 such links)."""
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    template = _templates.get(key)
    if template is None:
        template = reverse(name, kwargs={"pk": _PK, "slug": _SLUG})
        _templates[key] = template
    return template


def _fill(template: str, pk: int, slug: str) -> str:
    return template.replace(str(_PK), str(pk), 1).replace(_SLUG, slug, 1)


def _fast_reverse(name: str, pk: int, slug: str) -> str:
    return _fill(_template(name), pk, slug)


def slug_for(text: str, fallback: str) -> str:
    return (slugify(text or "") or fallback)[:60].strip("-") or fallback


def product_slug(product) -> str:
    return slug_for(product.name, "product")


def product_url(product) -> str:
    return _fast_reverse("catalog:product", product.pk, product_slug(product))


def product_urls() -> Callable[[int, str], str]:
    """(pk, name) -> the product's URL, for the many links of one page (the URL of the
    current URLconf looked up once)."""
    template = _template("catalog:product")
    return lambda pk, name: _fill(template, pk, slug_for(name, "product"))


def enterprise_slug(enterprise) -> str:
    return slug_for(enterprise.slug or enterprise.display_name, "msme")


def storefront_url(enterprise) -> str:
    return _fast_reverse("enterprises:storefront", enterprise.pk, enterprise_slug(enterprise))


def storefront_urls() -> Callable[[int, str, str], str]:
    """(pk, slug, display name) -> the storefront's URL, as `product_urls`."""
    template = _template("enterprises:storefront")
    return lambda pk, slug, name: _fill(template, pk, slug_for(slug or name, "msme"))


def province_url(subdivision_code: str) -> str:
    return reverse("regions:province", args=[subdivision_code])
