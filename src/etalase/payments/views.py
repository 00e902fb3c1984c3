"""An owner registers its payment QR; anyone can fetch the rendered code as SVG or PNG."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from etalase.accounts import permissions
from etalase.enterprises.models import Enterprise
from etalase.payments import emv, explain, qrimage, selectors, services
from etalase.payments.forms import AmountForm, MerchantQRForm
from etalase.payments.models import MerchantQR


def _managed_enterprise(request: HttpRequest, enterprise_id: int) -> Enterprise:
    enterprise = get_object_or_404(Enterprise, pk=enterprise_id)
    if not permissions.can_publish_merchant_qr(request.user, enterprise):
        # Same answer as a missing id: nobody learns which enterprises exist.
        raise Http404
    return enterprise


@login_required
@require_http_methods(["GET", "POST"])
def merchant_qr_edit(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = _managed_enterprise(request, enterprise_id)
    form = MerchantQRForm(request.POST or None, request.FILES or None)
    error_detail: tuple[str, ...] = ()
    if request.method == "POST" and "remove" in request.POST:
        services.merchant_qr_remove(actor=request.user, enterprise=enterprise)
        messages.success(request, _("The payment QR was removed from your storefront."))
        return redirect("payments:merchant_qr", enterprise_id=enterprise.pk)
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        try:
            services.merchant_qr_register(
                actor=request.user,
                enterprise=enterprise,
                payload=form.cleaned_data.get("payload") or None,
                image=image.read() if image else None,
            )
        except services.InvalidQR as exc:
            # The plain sentence once; the technical findings go in a <details> below it.
            form.add_error(None, exc)
            error_detail = tuple(explain.technical(p) for p in exc.problems)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        except PermissionDenied as exc:  # pragma: no cover - checked above
            raise Http404 from exc
        else:
            messages.success(request, _("Your payment QR is now shown on your storefront."))
            return redirect("payments:merchant_qr", enterprise_id=enterprise.pk)
    current = selectors.storefront_qr(enterprise)
    return render(
        request,
        "payments/merchant_qr_edit.html",
        {
            "enterprise": enterprise,
            "form": form,
            "error_detail": error_detail,
            "current": current,
            # Re-read from the payload, so the owner reads them in today's language.
            "warnings": explain.plain_warnings(emv.parse(current["qr"].payload).warnings)
            if current
            else [],
            "amount_form": AmountForm(),
        },
    )


@login_required
@require_GET
def payment_request(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """A dynamic QR for one amount (tag 54, point of initiation 12), e.g. for a quote."""
    enterprise = _managed_enterprise(request, enterprise_id)
    qr = get_object_or_404(MerchantQR, enterprise=enterprise)
    form = AmountForm(request.GET)
    context = {"enterprise": enterprise, "form": form, "qr": qr}
    if form.is_valid():
        try:
            payload = emv.build_dynamic(qr.payload, form.cleaned_data["amount"])
        except emv.EMVError as exc:
            form.add_error("amount", "; ".join(p.message for p in exc.problems))
        else:
            context.update(payload=payload, svg=qrimage.render_svg(payload))
    return render(request, "payments/payment_request.html", context)


@require_GET
def merchant_qr_image(request: HttpRequest, enterprise_id: int, fmt: str) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise, pk=enterprise_id)
    if not permissions.can_view_enterprise(request.user, enterprise):
        raise Http404
    qr = get_object_or_404(MerchantQR, enterprise=enterprise, is_published=True)
    if fmt == "svg":
        response = HttpResponse(qrimage.render_svg(qr.payload), content_type="image/svg+xml")
    else:
        response = HttpResponse(qrimage.render_png(qr.payload), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
