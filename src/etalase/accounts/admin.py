"""The admin of accounts, and the admin site's gate.

The admin is for offices and the secretariat (design §3): the site's permission
hook asks `permissions.can_use_admin`, so officials need no ``is_staff`` flag and
no Django model permissions; `ScopedAdminMixin` narrows every admin to the
user's scope. Users, roles and API tokens are the secretariat's alone.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from etalase.accounts import permissions, services
from etalase.accounts.admin_scope import ScopedAdminMixin, ScopedInlineMixin, is_admin_user
from etalase.accounts.forms import AdminLoginForm, UserAdminChangeForm, UserAdminCreationForm
from etalase.accounts.models import ApiToken, Organisation, RoleAssignment, User

# --- The site's gate ------------------------------------------------------------
# An instance attribute: AdminSite calls self.has_permission(request).
admin.site.has_permission = lambda request: is_admin_user(request.user)  # type: ignore[method-assign]
admin.site.login_form = AdminLoginForm
admin.site.site_header = _("Etalase administration")
admin.site.site_title = _("Etalase administration")
admin.site.index_title = _("Offices and secretariat")


# --- Users and roles (secretariat only) -------------------------------------------


class RoleAssignmentInline(ScopedInlineMixin, admin.TabularInline):
    model = RoleAssignment
    secretariat_only = True
    extra = 0
    fields = ["role", "organisation", "enterprise", "subdivision", "country"]
    # Raw ids (a subdivision's id is its ISO code, e.g. ID-SA) need no other app's admin.
    raw_id_fields = ["organisation", "enterprise", "subdivision"]


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    secretariat_only = True
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups",
                                       "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2")}),
    )
    list_display = ["email", "full_name", "is_active", "last_login"]
    list_filter = ["is_active", "roles__role"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # The secretariat manages roles, not Django's own privilege flags: only a
            # superuser may create another superuser or grant model permissions.
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            # A secretariat member who is not a superuser must not reach (and so
            # cannot reset the password of) a superuser.
            queryset = queryset.filter(is_superuser=False)
        return queryset


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    secretariat_only = True
    list_display = ["user", "role", "scope", "created_at"]
    list_filter = ["role", "country", "subdivision__country"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "organisation", "enterprise", "subdivision"]
    list_select_related = ["user", "organisation", "enterprise", "subdivision", "country"]

    @admin.display(description=_("scope"))
    def scope(self, obj: RoleAssignment) -> str:
        return obj.scope_label


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Tokens are issued on the account page or by `issue_api_token`; here they are
    listed and revoked. The hash is read-only and the clear key is never stored."""

    secretariat_only = True
    list_display = ["name", "user", "key_prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__email", "key_prefix"]
    readonly_fields = ["user", "name", "key_prefix", "key_hash", "created_at", "last_used_at",
                       "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count},
            messages.SUCCESS,
        )


# --- Organisations (secretariat, and offices for their area) ---------------------


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "country", "subdivision", "verified_at"]
    list_filter = ["kind", "country", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    raw_id_fields = ["subdivision"]
    readonly_fields = ["verified_at", "verified_by", "created_at"]
    actions = ["verify"]

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return permissions.organisations_managed_by(request.user, queryset)

    def scope_foreign_key(self, request, db_field, queryset):
        # An office places organisations only inside its own area.
        if db_field.name == "subdivision":
            return permissions.subdivisions_managed_by(request.user, queryset)
        if db_field.name == "country":
            areas = permissions.subdivisions_managed_by(request.user)
            return queryset.filter(code__in=areas.values("country_id"))
        return queryset

    @admin.action(description=_("Mark the selected organisations as verified"))
    def verify(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for organisation in queryset.filter(verified_at=None):
            try:
                services.organisation_verify(organisation=organisation, by=request.user)
            except PermissionDenied:
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d organisation verified.", "%(n)d organisations verified.", done)
            % {"n": done},
            messages.SUCCESS,
        )
