"""Read-only admin of submissions, scoped by role: an officer sees its province's files,
a focal point its country's, the secretariat all. Changes go through the pages (the
workflow records who did what); the admin only shows."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from etalase.accounts import permissions
from etalase.accounts.admin_scope import ScopedAdminMixin, ScopedInlineMixin
from etalase.intake.models import ConsentInvitation, OfficeMapping, Submission, SubmissionEvent


class ReadOnlyMixin:
    """Nobody adds, changes or deletes here, the secretariat included."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class SubmissionEventInline(ReadOnlyMixin, ScopedInlineMixin, admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    fields = ["at", "action", "actor", "comment", "file_sha256"]
    readonly_fields = fields
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["filename", "office", "status", "rows", "rejected", "uploaded_by",
                    "created_at"]
    list_filter = ["status", "country"]
    search_fields = ["filename", "sha256"]
    date_hierarchy = "created_at"
    list_select_related = ["office", "uploaded_by"]
    inlines = [SubmissionEventInline]
    exclude = ["column_map", "decisions"]
    readonly_fields = ["office", "country", "uploaded_by", "file", "filename", "sha256", "size",
                       "language", "status", "counts", "dropped_columns", "refusal_code",
                       "refusal_message", "progress_done", "progress_total", "skips_review",
                       "created_at", "updated_at"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.submissions_visible_to(request.user, queryset)

    @admin.display(description="rows")
    def rows(self, obj: Submission) -> int:
        return (obj.counts or {}).get("rows", 0)

    @admin.display(description="rejected")
    def rejected(self, obj: Submission) -> int:
        return (obj.counts or {}).get("rejected", 0)


@admin.register(OfficeMapping)
class OfficeMappingAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["office", "updated_at"]
    readonly_fields = ["office", "aliases", "constants", "updated_at"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(office__in=permissions.subdivisions_managed_by(request.user))


@admin.register(ConsentInvitation)
class ConsentInvitationAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Who was asked, how and when; the token's hash is never shown."""

    list_display = ["enterprise", "channel", "address", "created_at", "used_at"]
    list_filter = ["channel"]
    fields = ["enterprise", "channel", "address", "created_at", "used_at"]
    readonly_fields = fields

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(
            enterprise__in=permissions.enterprises_managed_by(request.user).values("pk"))
