"""Read-only admin of countries, subdivisions and areas: they come from pycountry and the
published lists of regions/data/areas, not from typing."""

from __future__ import annotations

from django.contrib import admin

from etalase.accounts.admin_scope import ScopedAdminMixin
from etalase.catalog.admin import ReadOnlyAdminMixin
from etalase.regions.models import Area, Country, Subdivision


@admin.register(Country)
class CountryAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "alpha3", "currency", "is_bimp_eaga", "is_asean"]
    list_filter = ["is_bimp_eaga", "is_asean"]
    search_fields = ["code", "alpha3", "name"]


@admin.register(Subdivision)
class SubdivisionAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "type", "country", "parent", "is_focus_area",
                    "focus_area_label"]
    list_filter = ["is_focus_area", "country__is_bimp_eaga",
                   ("country", admin.RelatedOnlyFieldListFilter), "type"]
    list_select_related = ["country", "parent"]
    search_fields = ["code", "name", "focus_area_label"]
    show_full_result_count = False


@admin.register(Area)
class AreaAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "subdivision", "official_code", "source"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["subdivision"]
    search_fields = ["code", "name", "official_code", "subdivision__name"]
    show_full_result_count = False
