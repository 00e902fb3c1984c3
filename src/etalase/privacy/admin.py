from django.contrib import admin

from etalase.accounts import permissions
from etalase.privacy.models import AuditEntry, ErasureRequest


class _SecretariatReadOnly(admin.ModelAdmin):
    """A record of what happened: read by the secretariat, written by no one by hand."""

    def has_module_permission(self, request) -> bool:
        return permissions.can_read_audit_log(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return permissions.can_read_audit_log(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(_SecretariatReadOnly):
    list_display = ["at", "actor", "kind", "action", "target_model", "target_id"]
    list_filter = ["kind", "action", "target_model"]
    search_fields = ["target_id", "action"]
    date_hierarchy = "at"


@admin.register(ErasureRequest)
class ErasureRequestAdmin(_SecretariatReadOnly):
    list_display = ["pk", "requested_at", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
