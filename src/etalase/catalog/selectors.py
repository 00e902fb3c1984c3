"""Reads of HS codes and products.

Products are always read through `permissions.products_visible_to`, so a forgotten
filter cannot show an unpublished product or one of a consent-pending enterprise.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.catalog.models import HSCode, HSCodeTranslation, Product, ProductTranslation

_CODE_LIKE = re.compile(r"^[\d.\s]+$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# --- HS codes -----------------------------------------------------------------------


def hs_code_search(
    *, q: str | None = None, level: int | None = None, parent: str | None = None
) -> QuerySet:
    """HS codes by code prefix ("1801", "1801.00") or by words in any language."""
    codes = HSCode.objects.prefetch_related("translations")
    if level is not None:
        codes = codes.filter(level=level)
    if parent:
        codes = codes.filter(parent_id=_digits(parent))
    q = (q or "").strip()
    if q:
        if _CODE_LIKE.match(q):
            codes = codes.filter(code__startswith=_digits(q))
        else:
            # A subquery rather than a join, so a code named in several languages
            # appears once.
            named = HSCodeTranslation.objects.filter(name__icontains=q).values("hs_code_id")
            codes = codes.filter(Q(description__icontains=q) | Q(pk__in=named))
    return codes


def hs_code_detail_queryset() -> QuerySet:
    # The parent chain is at most chapter -> heading, so two levels cover it.
    return HSCode.objects.select_related("parent__parent").prefetch_related(
        "translations",
        "parent__translations",
        "parent__parent__translations",
        Prefetch("children", queryset=HSCode.objects.prefetch_related("translations")),
    )


# --- Products -----------------------------------------------------------------------


def _product_queryset(user) -> QuerySet:
    products = Product.objects.select_related(
        "enterprise__country", "enterprise__subdivision", "enterprise__area", "hs_code"
    ).prefetch_related("translations", "hs_code__translations", "certifications", "images")
    return permissions.products_visible_to(user, products)


def known_area_code(code: str | None) -> str | None:
    """The stored code of the area a filter names (in any case); a ValidationError naming
    the code when no area has it (the API answers 422), rather than an empty list that
    would look like an area without enterprises."""
    from etalase.catalog.search import area_code

    if not code:
        return None
    found = area_code(code)
    if found is None:
        # The code on the field's own error: a dict's outer code is dropped by Django, and
        # the API answers this code with 404 (the area named is not found).
        raise ValidationError({"area": ValidationError(
            _("No area has the code “%(code)s”.") % {"code": code}, code="unknown_area")})
    return found


def product_list(
    user,
    *,
    enterprise: int | None = None,
    hs_code: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
    area: str | None = None,
    q: str | None = None,
) -> QuerySet:
    """`area` is an area's code as stored (see `catalog.search.area_code`)."""
    products = _product_queryset(user)
    if enterprise is not None:
        products = products.filter(enterprise_id=enterprise)
    if hs_code:
        products = products.filter(hs_code__code__startswith=_digits(hs_code))
    if country:
        products = products.filter(enterprise__country_id=country.upper())
    if subdivision:
        code = subdivision.upper()
        # A Philippine region holds provinces: asking for the region includes them.
        products = products.filter(
            Q(enterprise__subdivision_id=code) | Q(enterprise__subdivision__parent_id=code)
        )
    if area:
        products = products.filter(enterprise__area_id=area)
    q = (q or "").strip()
    if q:
        # Deliberately simple; the gallery's full-text search replaces it.
        named = ProductTranslation.objects.filter(name__icontains=q).values("product_id")
        products = products.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(pk__in=named)
        )
    return products


def product_detail_queryset(user) -> QuerySet:
    return _product_queryset(user)
