"""Keeps `Enterprise.has_published_product` equal to "one of its products is published".

The dashboards' data-quality check "no published product" reads that column (from the
covering index enterprise_insights_idx) instead of probing the products of each of 20k
enterprises, twice a page. Every ORM path keeps it: a product's save or delete refreshes
its enterprise (and the one it left), an enterprise's own save recomputes it (so a stale
instance cannot write an old value back). Paths that write rows in bulk SQL call
`refresh()` afterwards: the demo seed, intake's writer (after each chunk, for the
enterprises it gave products), erasure. A row inserted in bulk SQL without products may
carry NULL, read as False everywhere. `etalase check_figures` (insights.figures) finds and repairs
any value that is not what the products give.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save, pre_save

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise


def _published_products(enterprise) -> Exists:
    return Exists(Product.objects.filter(enterprise=enterprise, is_published=True))


def refresh(enterprise_ids: Iterable[int] | None = None) -> int:
    """Recompute the flag in one UPDATE: of these enterprises, or of all. Rows updated."""
    enterprises = Enterprise.objects.all()
    if enterprise_ids is not None:
        enterprises = enterprises.filter(pk__in=list(enterprise_ids))
    # A queryset update: no save(), so updated_at (the "stale" check) and history stay as
    # they are — the enterprise's own record did not change.
    return enterprises.update(has_published_product=_published_products(OuterRef("pk")))


def _remember_enterprise(sender, instance: Product, **kwargs) -> None:
    instance._published_was = (
        Product.objects.filter(pk=instance.pk).values_list("enterprise_id", flat=True).first()
        if instance.pk is not None
        else None
    )


def _product_changed(sender, instance: Product, **kwargs) -> None:
    ids = {instance.enterprise_id, getattr(instance, "_published_was", None)} - {None}
    refresh(ids)


def _enterprise_saving(sender, instance: Enterprise, **kwargs) -> None:
    instance.has_published_product = (
        instance.pk is not None
        and Product.objects.filter(enterprise_id=instance.pk, is_published=True).exists()
    )


def connect() -> None:
    pre_save.connect(_remember_enterprise, sender=Product, dispatch_uid="insights-product-pre")
    post_save.connect(_product_changed, sender=Product, dispatch_uid="insights-product-save")
    post_delete.connect(_product_changed, sender=Product, dispatch_uid="insights-product-del")
    pre_save.connect(_enterprise_saving, sender=Enterprise, dispatch_uid="insights-enterprise")
