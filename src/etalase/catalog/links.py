"""Stable, shareable URLs of products and storefronts: /gallery/12-kopi-toraja/.

The slug is decoration: a link with an old or missing slug redirects to the current one.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify


def slug_for(text: str, fallback: str) -> str:
    return (slugify(text or "") or fallback)[:60].strip("-") or fallback


def product_slug(product) -> str:
    return slug_for(product.name, "product")


def product_url(product) -> str:
    return reverse("catalog:product", kwargs={"pk": product.pk, "slug": product_slug(product)})


def enterprise_slug(enterprise) -> str:
    return slug_for(enterprise.slug or enterprise.display_name, "msme")


def storefront_url(enterprise) -> str:
    return reverse("enterprises:storefront",
                   kwargs={"pk": enterprise.pk, "slug": enterprise_slug(enterprise)})


def province_url(subdivision_code: str) -> str:
    return reverse("regions:province", args=[subdivision_code])
