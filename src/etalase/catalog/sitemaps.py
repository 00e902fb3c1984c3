"""sitemap.xml sections: the gallery, every public product, storefront and province."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from etalase.catalog import links
from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Subdivision

PAGE_SIZE = 10_000


class _LatestFromDatabase:
    """The index's <lastmod> of a section as one MAX() in the database: Django's default
    calls lastmod() on every item of the section (~1 s at 100k products)."""

    def get_latest_lastmod(self) -> Any:
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class GallerySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["catalog:gallery"]

    def location(self, item: str) -> str:
        return reverse(item)


class ProductSitemap(_LatestFromDatabase, Sitemap):
    limit = PAGE_SIZE
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet:
        return Product.objects.published().only("id", "name", "updated_at").order_by("id")

    def location(self, item: Product) -> str:
        return links.product_url(item)

    def lastmod(self, item: Product) -> Any:
        return item.updated_at


class EnterpriseSitemap(_LatestFromDatabase, Sitemap):
    limit = PAGE_SIZE
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet:
        return Enterprise.objects.public().only(
            "id", "slug", "legal_name", "trade_name", "updated_at").order_by("id")

    def location(self, item: Enterprise) -> str:
        return links.storefront_url(item)

    def lastmod(self, item: Enterprise) -> Any:
        return item.updated_at


class ProvinceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> QuerySet:
        public = Enterprise.objects.public().values("subdivision_id")
        return Subdivision.objects.filter(code__in=public).order_by("code")

    def location(self, item: Subdivision) -> str:
        return reverse("regions:province", args=[item.code])


SITEMAPS = {
    "gallery": GallerySitemap,
    "products": ProductSitemap,
    "enterprises": EnterpriseSitemap,
    "provinces": ProvinceSitemap,
}
