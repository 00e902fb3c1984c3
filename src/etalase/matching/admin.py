"""Admin of matching: offices review requests (held ones first) and run events; trade talks
(inquiries, messages, quotes) are the parties' own and stay out of the admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from etalase.accounts import permissions
from etalase.accounts.admin_scope import ScopedAdminMixin
from etalase.matching.models import (
    JointOffer,
    JointOfferMember,
    MatchmakingEvent,
    RequestHSCode,
    RequestReport,
    SourcingRequest,
)


class RequestHSCodeInline(admin.TabularInline):
    model = RequestHSCode
    extra = 0
    fields = ["hs_code"]
    raw_id_fields = ["hs_code"]


class ReportInline(admin.TabularInline):
    model = RequestReport
    extra = 0
    fields = ["enterprise", "reason", "note", "created_at", "resolved_at", "upheld"]
    readonly_fields = ["enterprise", "reason", "note", "created_at"]
    can_delete = False


@admin.register(SourcingRequest)
class SourcingRequestAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "visibility", "held_at", "published_at"]
    list_filter = ["status", "visibility", ("held_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "organisation__name"]
    readonly_fields = ["organisation", "created_by", "match_terms", "published_at",
                       "created_at", "updated_at"]
    inlines = [RequestHSCodeInline, ReportInline]
    officials_may_add = False
    ordering = ["-held_at", "-published_at"]

    def scope_queryset(self, request, queryset):
        return permissions.sourcing_requests_visible_to(request.user, queryset)


class JointOfferMemberInline(admin.TabularInline):
    model = JointOfferMember
    extra = 0
    raw_id_fields = ["enterprise", "product"]


@admin.register(JointOffer)
class JointOfferAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "request", "total_capacity", "unit", "created_at"]
    raw_id_fields = ["request"]
    inlines = [JointOfferMemberInline]
    officials_may_add = False

    def scope_queryset(self, request, queryset):
        return queryset.filter(request__in=permissions.sourcing_requests_visible_to(
            request.user).values("pk"))


@admin.register(MatchmakingEvent)
class MatchmakingEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "subdivision", "mode", "starts_at", "status"]
    list_filter = ["status", "mode"]
    readonly_fields = ["created_by", "created_at"]

    def scope_queryset(self, request, queryset):
        ids = [e.pk for e in queryset.only("pk", "created_by_id", "subdivision_id")
               if permissions.can_manage_matchmaking_event(request.user, e)]
        return queryset.filter(pk__in=ids)
