"""Writes of a product's names and descriptions in the other languages.

The product row holds the text in its own language (`Product.language`); the other three
live in `ProductTranslation`. An empty name removes that language's row, so the page
falls back to the original text. One transaction, permission checked, recorded in the
product's history. (A candidate for `catalog/services.py`; kept here by file ownership.)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions

NAME_MAX = 200
DESCRIPTION_MAX = 5000
LANGUAGES = [code for code, _label in settings.LANGUAGES]


def clean_texts(texts: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str]]:
    cleaned: dict[str, tuple[str, str]] = {}
    errors: dict[str, list[ValidationError]] = {}
    for language, values in texts.items():
        if language not in LANGUAGES:
            continue
        name = str(values.get("name") or "").strip()
        description = str(values.get("description") or "").strip()
        if len(name) > NAME_MAX:
            errors.setdefault(f"name_{language}", []).append(ValidationError(
                _("At most %(n)d characters."), code="too_long", params={"n": NAME_MAX}))
        if len(description) > DESCRIPTION_MAX:
            errors.setdefault(f"description_{language}", []).append(ValidationError(
                _("At most %(n)d characters."), code="too_long", params={"n": DESCRIPTION_MAX}))
        if description and not name:
            errors.setdefault(f"name_{language}", []).append(ValidationError(
                _("Give the name in this language too."), code="required"))
        cleaned[language] = (name, description)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def product_texts_save(*, actor: Any, product: Any, texts: dict[str, dict[str, Any]]) -> list[str]:
    """Set the product's translations; returns the languages that changed."""
    from etalase.catalog.models import Product, ProductTranslation

    if not permissions.can_change_product(actor, product):
        raise PermissionDenied(_("You may not change this product."))
    cleaned = clean_texts(texts)
    product = Product.objects.select_for_update().get(pk=product.pk)
    existing = {t.language_code: t for t in ProductTranslation.objects.filter(product=product)}
    changed: list[str] = []
    for language, (name, description) in cleaned.items():
        if language == product.language:
            continue  # the original text is edited on the product itself
        row = existing.get(language)
        if not name:
            if row is not None:
                row.delete()
                changed.append(language)
            continue
        if row is None:
            ProductTranslation.objects.create(product=product, language_code=language, name=name,
                                              description=description)
            changed.append(language)
        elif (row.name, row.description) != (name, description):
            row.name, row.description = name, description
            row.save(update_fields=["name", "description"])
            changed.append(language)
    if changed:
        product._history_user = actor
        product._change_reason = "translations: " + ", ".join(changed)
        product.save(update_fields=["updated_at"])
    return changed
