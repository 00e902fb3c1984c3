"""Admin of products (scoped to the enterprises of the user's area) and the read-only HS codes."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from etalase.accounts import permissions
from etalase.accounts.admin_scope import ScopedAdminMixin, ScopedInlineMixin
from etalase.catalog.models import (
    HSCode,
    HSCodeTranslation,
    Product,
    ProductImage,
    ProductTranslation,
)
from etalase.catalog.services import product_save, product_set_published
from etalase.enterprises.forms import ProductAdminForm
from etalase.enterprises.services import changed_fields


class ProductTranslationInline(ScopedInlineMixin, admin.StackedInline):
    model = ProductTranslation
    extra = 0
    fields = ["language_code", "name", "description"]


class ProductImageInline(ScopedInlineMixin, admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "alt_text", "position", "width", "height"]
    readonly_fields = ["width", "height"]


@admin.register(Product)
class ProductAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    form = ProductAdminForm
    inlines = [ProductTranslationInline, ProductImageInline]
    list_display = ["name", "enterprise", "hs_subheading", "price_range", "is_published",
                    "created_at"]
    list_filter = [
        "is_published", "unit",
        ("enterprise__country", admin.RelatedOnlyFieldListFilter),
        ("enterprise__subdivision", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["enterprise"]
    search_fields = ["name", "enterprise__legal_name", "enterprise__trade_name", "hs_code__code"]
    autocomplete_fields = ["enterprise"]
    actions = ["publish_selected", "withdraw_selected"]

    @admin.display(description=_("HS code"), ordering="hs_code")
    def hs_subheading(self, obj: Product) -> str:
        code = obj.hs_code_id or ""
        return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code

    @admin.display(description=_("price"))
    def price_range(self, obj: Product) -> str:
        if obj.price_min is None and obj.price_max is None:
            return ""
        low = "" if obj.price_min is None else f"{obj.price_min:,}"
        high = "" if obj.price_max is None else f"{obj.price_max:,}"
        return f"{low}–{high} {obj.currency}".strip()

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.products_managed_by(request.user, queryset)

    def scope_foreign_key(self, request: HttpRequest, db_field, queryset: QuerySet) -> QuerySet:
        if db_field.name == "enterprise":
            return permissions.enterprises_managed_by(request.user, queryset)
        return queryset

    def save_model(self, request: HttpRequest, obj: Product, form, change: bool) -> None:
        changed = changed_fields(form) if change else []
        if change and not changed:
            return
        product_save(actor=request.user, product=obj, changed=changed, created=not change)
        if not self.in_scope(request, obj):
            raise PermissionDenied

    def _set_published(self, request: HttpRequest, queryset: QuerySet, published: bool) -> int:
        count = 0
        for product in queryset.select_related("enterprise__subdivision"):
            product_set_published(actor=request.user, product=product, published=published)
            count += 1
        return count

    @admin.action(description=_("Publish the selected products"), permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_published(request, queryset, True)
        self.message_user(request, ngettext("%(count)d product published.",
                                            "%(count)d products published.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected products"), permissions=["change"])
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_published(request, queryset, False)
        self.message_user(request, ngettext("%(count)d product withdrawn.",
                                            "%(count)d products withdrawn.", count)
                          % {"count": count}, messages.SUCCESS)


class ReadOnlyAdminMixin:
    """Reference data loaded from packages: every admin user may look, nobody edits here."""

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class HSCodeTranslationInline(ReadOnlyAdminMixin, ScopedInlineMixin, admin.TabularInline):
    model = HSCodeTranslation
    extra = 0
    fields = ["language_code", "name"]


@admin.register(HSCode)
class HSCodeAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    inlines = [HSCodeTranslationInline]
    list_display = ["code", "level", "section", "description"]
    list_filter = ["level", "section"]
    search_fields = ["code", "description", "translations__name"]
    fields = ["code", "level", "parent", "section", "description"]
    show_full_result_count = False
