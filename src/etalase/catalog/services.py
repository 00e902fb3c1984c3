"""Changes to products: create, update, publish or withdraw.

Same shape as `enterprises.services`: one transaction each, permission from
`accounts.permissions`, validation through `ProductForm` (6-digit HS subheading that exists,
price range in order, ISO 4217 currency, non-negative quantities), the actor in the history.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions
from etalase.catalog.models import Product
from etalase.enterprises.forms import ProductForm
from etalase.enterprises.models import Enterprise
from etalase.enterprises.services import (
    bound_form,
    change_reason,
    changed_fields,
    raise_form_errors,
)


def product_save(*, actor: Any, product: Product, changed: list[str], created: bool) -> Product:
    """Write a product a form has validated (used by the services and the admin)."""
    if not permissions.can_change_enterprise(actor, product.enterprise):
        raise PermissionDenied(_("This enterprise is outside your area."))
    product._history_user = actor
    product._change_reason = change_reason(created, changed)
    product.save()
    return product


@transaction.atomic
def product_create(*, actor: Any, enterprise: Enterprise, data: dict[str, Any]) -> Product:
    if not permissions.can_change_enterprise(actor, enterprise):
        raise PermissionDenied(_("You may not add products to this enterprise."))
    form = bound_form(ProductForm, instance=Product(), data=data, enterprise=enterprise)
    raise_form_errors(form)
    product = form.save(commit=False)
    product_save(actor=actor, product=product, changed=[], created=True)
    form.save_m2m()
    return product


@transaction.atomic
def product_update(*, actor: Any, product: Product, data: dict[str, Any]) -> Product:
    """Change some fields of a product; fields not in `data` keep their values."""
    if not permissions.can_change_product(actor, product):
        raise PermissionDenied(_("You may not change this product."))
    current = Product.objects.select_for_update().select_related("enterprise").get(pk=product.pk)
    form = bound_form(ProductForm, instance=current, data=data)
    raise_form_errors(form)
    changed = changed_fields(form)
    if not changed:
        return current
    product = form.save(commit=False)
    product_save(actor=actor, product=product, changed=changed, created=False)
    form.save_m2m()
    return product


@transaction.atomic
def product_set_published(*, actor: Any, product: Product, published: bool) -> Product:
    if not permissions.can_change_product(actor, product):
        raise PermissionDenied(_("You may not change this product."))
    current = Product.objects.select_for_update().select_related("enterprise").get(pk=product.pk)
    if current.is_published == bool(published):
        return current
    current.is_published = bool(published)
    current._history_user = actor
    current._change_reason = "published" if published else "withdrawn"
    current.save(update_fields=["is_published", "updated_at"])
    return current
