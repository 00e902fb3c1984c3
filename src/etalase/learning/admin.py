"""Admin of the learning app, scoped by role like every other admin.

Offices create and publish programmes through the site's forms, which check whom a
programme may target (`permissions.can_target_programme`) and notify the eligible
enterprises. In the admin, officials correct the programmes of their office but cannot
change whom they target or who manages them (read-only fields); the secretariat may.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from etalase.accounts import permissions
from etalase.accounts.admin_scope import ScopedAdminMixin, ScopedInlineMixin, is_secretariat
from etalase.learning import search
from etalase.learning.models import (
    CalendarFeed,
    Enrolment,
    Notification,
    Programme,
    ProgrammeTranslation,
    Resource,
    ResourceAttachment,
    ResourceTag,
    ResourceTranslation,
)
from etalase.learning.resources import refresh_search_text

_TARGETING = ["eligible_countries", "eligible_subdivisions", "eligible_hs_chapters",
              "eligible_size_classes", "eligible_export_statuses", "office_country",
              "office_subdivision", "is_published", "published_at", "created_by"]


class ProgrammeTranslationInline(ScopedInlineMixin, admin.StackedInline):
    model = ProgrammeTranslation
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "time_zone", "mode", "capacity",
                    "is_published"]
    list_filter = ["kind", "mode", "is_published", "time_zone"]
    search_fields = ["title", "description"]
    date_hierarchy = "starts_at"
    inlines = [ProgrammeTranslationInline]
    officials_may_add = False
    filter_horizontal = ["eligible_countries", "eligible_subdivisions", "eligible_hs_chapters"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.programmes_managed_by(request.user, queryset)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [] if is_secretariat(request.user) else _TARGETING


@admin.register(Enrolment)
class EnrolmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["programme", "enterprise", "status", "created_at", "attended"]
    list_filter = ["status", "attended"]
    raw_id_fields = ["programme", "enterprise", "enrolled_by", "attendance_marked_by"]
    officials_may_add = False
    readonly_fields = ["programme", "enterprise", "enrolled_by", "status", "created_at",
                       "confirmed_at", "cancelled_at", "certificate_code"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        managed = permissions.programmes_managed_by(request.user).values("pk")
        return queryset.filter(programme_id__in=managed)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Seats move only through the services (locks, waiting list): never by hand.
        return is_secretariat(request.user) and super().has_change_permission(request, obj)


@admin.register(Notification)
class NotificationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    secretariat_only = True
    list_display = ["user", "kind", "programme", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "programme", "enterprise"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    secretariat_only = True
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]  # a secret address: not shown, even to the secretariat


class ResourceTranslationInline(ScopedInlineMixin, admin.StackedInline):
    model = ResourceTranslation
    extra = 0


class ResourceAttachmentInline(ScopedInlineMixin, admin.TabularInline):
    model = ResourceAttachment
    extra = 0
    # Uploads go through the site's checked form (content sniffing, size); here: read only.
    readonly_fields = ["file", "name", "kind", "size", "language"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Resource)
class ResourceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "category", "language", "is_published", "published_at"]
    list_filter = ["category", "language", "is_published"]
    search_fields = ["title", "summary"]
    inlines = [ResourceTranslationInline, ResourceAttachmentInline]
    filter_horizontal = ["tags"]
    officials_may_add = False

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.resources_managed_by(request.user, queryset)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if is_secretariat(request.user):
            return []
        return ["office_country", "office_subdivision", "created_by"]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)  # translations and tags are saved by now

    def delete_model(self, request: HttpRequest, obj: Resource) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        search.reindex([pk])


@admin.register(ResourceTag)
class ResourceTagAdmin(ScopedAdminMixin, admin.ModelAdmin):
    secretariat_only = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
