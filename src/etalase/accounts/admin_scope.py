"""Role-scoped Django admin: officials reach only the objects of their area.

The admin is for offices (provincial officers, national focal points) and the
regional secretariat. None of them holds Django model permissions; what they may
see and change is decided by `accounts/permissions.py`, through one hook per admin:
`scope_queryset`. Everything else — the changelist, the change/delete/history
pages, autocomplete and writes — follows from it.

Usage (in another app's ``admin.py``)::

    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    from etalase.accounts import permissions
    from etalase.accounts.admin_scope import ScopedAdminMixin
    from etalase.enterprises.models import Enterprise


    @admin.register(Enterprise)
    class EnterpriseAdmin(ScopedAdminMixin, SimpleHistoryAdmin):  # the mixin comes first
        list_display = ["legal_name", "subdivision"]

        def scope_queryset(self, request, queryset):
            return permissions.enterprises_managed_by(request.user, queryset)

        # Optional: limit foreign-key choices the same way (an officer may not
        # move an enterprise to another province).
        def scope_foreign_key(self, request, db_field, queryset):
            if db_field.name == "subdivision":
                return queryset.filter(...)
            return queryset

Rules the mixin applies (each may be tuned by a class attribute or an override):

* ``has_module_permission`` / add / view / change: superusers, and users for whom
  ``permissions.can_use_admin`` holds; ``secretariat_only = True`` narrows to the
  secretariat (users, roles, tokens).
* object-level view/change/delete: the object must be in ``scope_queryset``.
* delete: the secretariat only, unless ``officials_may_delete = True``.
* add: allowed unless ``officials_may_add = False`` (the secretariat always may).
* an object outside the scope answers 404, never "exists but forbidden".
* a save that would leave the object outside the user's scope (a tampered form
  moving an enterprise to another province) is refused with 403 and rolled back
  (the admin's change view runs in a transaction).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from etalase.accounts import permissions


def is_admin_user(user: Any) -> bool:
    """May this user use the admin at all (the AdminSite hook)."""
    if user is None or not user.is_active or not user.is_authenticated:
        return False
    return bool(user.is_superuser or permissions.can_use_admin(user))


def is_secretariat(user: Any) -> bool:
    return bool(user.is_authenticated and permissions.scope_of(user).secretariat)


class ScopedAdminMixin:
    """Put before ``admin.ModelAdmin`` (or ``SimpleHistoryAdmin``) in the bases."""

    #: Only the secretariat (and superusers) may use this admin at all.
    secretariat_only: bool = False
    #: Officials (officers, focal points) may add objects; the save is still scope-checked.
    officials_may_add: bool = True
    #: Officials may delete objects in their scope (off by default: deleting is the
    #: secretariat's act; officials correct data instead).
    officials_may_delete: bool = False

    # --- hooks to override ------------------------------------------------

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """The objects this request's user may reach. Default: the secretariat only."""
        if is_secretariat(request.user):
            return queryset
        return queryset.none()

    def scope_foreign_key(
        self, request: HttpRequest, db_field: models.ForeignKey, queryset: QuerySet
    ) -> QuerySet:
        """Narrow a foreign-key field's choices. Default: unchanged."""
        return queryset

    # --- derived decisions -------------------------------------------------

    def _allowed(self, request: HttpRequest) -> bool:
        user = request.user
        if not is_admin_user(user):
            return False
        if self.secretariat_only:
            return is_secretariat(user)
        return True

    def in_scope(self, request: HttpRequest, obj: models.Model, *, fresh: bool = False) -> bool:
        if is_secretariat(request.user):
            return True
        if obj.pk is None:
            return False
        base = self.model._default_manager.filter(pk=obj.pk)  # type: ignore[attr-defined]
        if fresh or request.method not in ("GET", "HEAD"):
            # A write may have moved the row: judge it as it is now. (Subclasses'
            # save_model call in_scope after saving; never answer them from a cache.)
            return self.scope_queryset(request, base).exists()
        # A change page asks view/change/delete for the same object: one query per page.
        cache = request.__dict__.setdefault("_etalase_in_scope", {})
        key = (self.model._meta.label, obj.pk)  # type: ignore[attr-defined]
        if key not in cache:
            cache[key] = self.scope_queryset(request, base).exists()
        return cache[key]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if is_secretariat(request.user):
            return queryset
        if not self._allowed(request):
            return queryset.none()
        return self.scope_queryset(request, queryset)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is None:
            # Out of scope and missing look the same: no probing for other provinces' ids.
            raise Http404
        return obj

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not self._allowed(request):
            return False
        return obj is None or self.in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # Inline admins receive (request, obj); model admins (request).
        if not self._allowed(request):
            return False
        return self.officials_may_add or is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not self._allowed(request):
            return False
        if not (self.officials_may_delete or is_secretariat(request.user)):
            return False
        return obj is None or self.in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset") and not is_secretariat(request.user):
            field.queryset = self.scope_foreign_key(request, db_field, field.queryset)
        return field

    def save_model(self, request: HttpRequest, obj: models.Model, form, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        # Checked after the write, inside the admin's transaction: the scope rules
        # live in querysets, so the saved row is what they can judge.
        if not self.in_scope(request, obj, fresh=True):
            raise PermissionDenied


class ScopedInlineMixin:
    """For inlines (``admin.TabularInline`` …) under a ScopedAdminMixin admin.

    The parent admin has already checked the parent object's scope before the
    inline is shown or saved, so an inline only needs the user to be allowed in
    the admin. Django passes the *parent* object to an inline's permission checks,
    which is why the object-level rules of ScopedAdminMixin must not apply here.
    """

    secretariat_only: bool = False

    def _allowed(self, request: HttpRequest) -> bool:
        if not is_admin_user(request.user):
            return False
        return not self.secretariat_only or is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._allowed(request)
