"""An office registers an enterprise met in the field: the officer's capture form (issue 15).

The same form and service as the admin (`EnterpriseForm`, `services.enterprise_create`),
offered on a phone-sized page that the offline web app keeps: saved without signal, it waits
in the phone's outbox and is accepted once (its `client_id`) when the signal returns.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from etalase.accounts import permissions
from etalase.catalog import images
from etalase.enterprises.forms import EnterpriseForm
from etalase.enterprises.models import Enterprise
from etalase.offline import services as outbox


def _form(request: HttpRequest, data=None) -> EnterpriseForm:
    form = EnterpriseForm(data, initial={} if data is not None else _initial(request))
    provinces = permissions.subdivisions_managed_by(request.user, form.fields["subdivision"]
                                                    .queryset).order_by("name")
    form.fields["subdivision"].queryset = provinces
    form.fields["country"].queryset = form.fields["country"].queryset.filter(
        code__in=provinces.values("country_id"))
    return form


def _initial(request: HttpRequest) -> dict:
    provinces = list(permissions.subdivisions_managed_by(request.user)
                     .values_list("code", "country_id")[:2])
    if not provinces:
        return {}
    initial = {"country": provinces[0][1]}
    if len(provinces) == 1:  # an officer of one province
        initial["subdivision"] = provinces[0][0]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_capture(request: HttpRequest) -> HttpResponse:
    from etalase.enterprises import services
    from etalase.enterprises.views import _show_errors, form_data

    if not permissions.subdivisions_managed_by(request.user).exists():
        raise Http404
    if request.method == "POST":
        form = _form(request, request.POST)

        def write() -> Enterprise:
            files = {}
            if "logo" in request.FILES:
                try:
                    files["logo"] = images.logo_file(request.FILES["logo"])
                except ValidationError as exc:
                    raise ValidationError({"logo": exc.error_list}) from exc
            return services.enterprise_create(actor=request.user, files=files,
                                              data=form_data(EnterpriseForm, request.POST))

        try:  # once per device key: an outbox sending it twice registers one enterprise
            with transaction.atomic():
                done = outbox.run_once(user=request.user, form="enterprise_capture",
                                       write=write, client_id=outbox.client_id_of(request.POST))
        except ValidationError as exc:
            _show_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("subdivision", str(exc))
        else:
            messages.success(request, _("The enterprise was registered.") if done.fresh
                             else _("This enterprise had already been received."))
            return redirect("enterprises:profile_edit", pk=done.object_id)
    else:
        form = _form(request)
    return render(request, "enterprises/enterprise_capture.html", {"form": form})
