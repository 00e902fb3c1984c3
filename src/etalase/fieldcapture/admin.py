"""Read-only admin of field records, scoped by role (accounts.permissions): an officer sees
its office's records, the secretariat all. Decisions go through /fieldcapture/held/."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from etalase.accounts import permissions
from etalase.accounts.admin_scope import ScopedAdminMixin
from etalase.fieldcapture.models import FieldRecord
from etalase.intake.admin import ReadOnlyMixin


@admin.register(FieldRecord)
class FieldRecordAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["instance_id", "version", "office", "officer", "status", "hold",
                    "submission", "row", "received_at"]
    list_filter = ["status", "hold"]
    search_fields = ["instance_id"]
    readonly_fields = [f.name for f in FieldRecord._meta.fields]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.field_records_decided_by(request.user, queryset)
