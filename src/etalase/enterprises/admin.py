"""Admin of the registry, scoped by role: an officer reaches its province's enterprises only.

Scope comes from `accounts.permissions` through `ScopedAdminMixin` (an enterprise outside the
user's area answers 404). Saves go through `enterprises.services.enterprise_save`, so the admin
computes the size class, normalises phone numbers and records history like every other writer.
"""

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
from etalase.catalog.models import HSCode
from etalase.enterprises.forms import CertificationAdminForm, CertificationForm, EnterpriseForm
from etalase.enterprises.models import Certification, Enterprise, EnterpriseTranslation
from etalase.enterprises.services import changed_fields, enterprise_save, enterprise_verify


class CertificationInline(ScopedInlineMixin, admin.TabularInline):
    model = Certification
    form = CertificationForm
    extra = 0


class EnterpriseTranslationInline(ScopedInlineMixin, admin.StackedInline):
    model = EnterpriseTranslation
    extra = 0
    fields = ["language_code", "description"]


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verified")
    parameter_name = "verified"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [("yes", _("Verified")), ("no", _("Not verified"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(verified_at=None)
        if self.value() == "no":
            return queryset.filter(verified_at=None)
        return queryset


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    form = EnterpriseForm
    inlines = [CertificationInline, EnterpriseTranslationInline]
    list_display = ["legal_name", "trade_name", "registration_id", "subdivision", "area",
                    "size_class", "export_status", "is_verified", "is_published"]
    list_filter = [
        ("country", admin.RelatedOnlyFieldListFilter),
        ("subdivision", admin.RelatedOnlyFieldListFilter),
        # "Empty": the records whose regency matched no area, for the office to place
        # (the dashboard's "area not known" row links here).
        ("area", admin.EmptyFieldListFilter),
        "size_class", "export_status", VerifiedFilter, "is_published", "consent", "sector_kind",
    ]
    list_select_related = ["subdivision", "area"]
    search_fields = ["legal_name", "trade_name", "registration_id", "regency", "area__name"]
    filter_horizontal = ["hs_chapters"]
    actions = ["verify_selected"]
    readonly_fields = ["regency_as_written", "registration_scheme", "size_class", "size_basis",
                       "verified_at", "verified_by", "verified_by_office", "source",
                       "owner_edited_at", "owner_edited_fields", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["legal_name", "trade_name", ("registration_id", "registration_scheme"),
                           "country", "subdivision", "area", "regency_as_written",
                           "address"]}),
        (_("Size"), {"fields": ["year_established", "sector_kind", "employees",
                                "annual_turnover", "assets", "currency",
                                ("size_class", "size_basis")]}),
        (_("Trade"), {"fields": ["hs_chapters", "export_status", "export_markets"]}),
        (_("Contact"), {"fields": ["contact_person", "phone", "whatsapp", "email", "website"]}),
        (_("Profile"), {"fields": ["description", "language", "logo"]}),
        (_("Publication"), {"fields": ["consent", "consent_at", "is_published",
                                        "open_data_consent"]}),
        (_("Record"), {"fields": ["verified_at", "verified_by", "verified_by_office", "source",
                                  "owner_edited_at", "owner_edited_fields", "created_at",
                                  "updated_at"]}),
    ]

    @admin.display(description=_("regency / city as its source wrote it"))
    def regency_as_written(self, obj: Enterprise) -> str:
        return obj.regency

    @admin.display(boolean=True, description=_("verified"), ordering="verified_at")
    def is_verified(self, obj: Enterprise) -> bool:
        return obj.verified_at is not None

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.enterprises_managed_by(request.user, queryset)

    def scope_foreign_key(self, request: HttpRequest, db_field, queryset: QuerySet) -> QuerySet:
        # An office places enterprises in its own area only.
        if db_field.name == "subdivision":
            return permissions.subdivisions_managed_by(request.user, queryset)
        if db_field.name == "country":
            areas = permissions.subdivisions_managed_by(request.user)
            return queryset.filter(code__in=areas.values("country_id"))
        return queryset

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "hs_chapters":
            # Labels come from the translations: fetch them in one query, not one per option.
            kwargs["queryset"] = HSCode.objects.filter(level=2).prefetch_related("translations")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Enterprise, form, change: bool) -> None:
        changed = changed_fields(form) if change else []
        if change:
            stored = Enterprise.objects.filter(pk=obj.pk).values_list(
                "size_class", "size_basis").first()
            if stored != (obj.size_class, obj.size_basis):
                changed.append("size_class")
            if not changed:
                return  # nothing to write; the inlines are saved on their own
        enterprise_save(actor=request.user, enterprise=obj, changed_fields=changed,
                        created=not change)
        if not self.in_scope(request, obj):
            raise PermissionDenied

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            from etalase.privacy.services import record_access  # the contact fieldset

            record_access(request.user, Enterprise(pk=object_id), action="admin")
        return response

    @admin.action(description=_("Verify the selected enterprises"), permissions=["change"])
    def verify_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = refused = 0
        for enterprise in queryset.select_related("subdivision"):
            try:
                enterprise_verify(actor=request.user, enterprise=enterprise)
            except PermissionDenied:
                refused += 1
            else:
                done += 1
        self.message_user(request, ngettext("%(count)d enterprise verified.",
                                            "%(count)d enterprises verified.", done)
                          % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(request, ngettext(
                "%(count)d enterprise is outside your area and was not verified.",
                "%(count)d enterprises are outside your area and were not verified.", refused)
                % {"count": refused}, messages.WARNING)


@admin.register(Certification)
class CertificationAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    form = CertificationAdminForm
    list_display = ["kind", "enterprise", "number", "issuer", "valid_from", "valid_until"]
    list_filter = ["kind"]
    list_select_related = ["enterprise"]
    search_fields = ["number", "issuer", "enterprise__legal_name", "enterprise__trade_name"]
    autocomplete_fields = ["enterprise"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(
            enterprise__in=permissions.enterprises_managed_by(request.user).values("pk"))

    def scope_foreign_key(self, request: HttpRequest, db_field, queryset: QuerySet) -> QuerySet:
        if db_field.name == "enterprise":
            return permissions.enterprises_managed_by(request.user, queryset)
        return queryset
