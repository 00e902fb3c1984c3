"""Enterprise pages: the public storefront and the owners' self-service pages.

Access is decided by `accounts.permissions` only. An object outside the user's reach
answers 404 (its existence is not confirmed to someone who may not see it).
Writes go through `enterprises.services` / `catalog.services` (validation, history).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.catalog import images, links, presenters, seo, texts
from etalase.catalog.models import Product, ProductImage
from etalase.enterprises.forms import EnterpriseForm, EnterpriseOwnerForm, ProductForm
from etalase.enterprises.models import Enterprise
from etalase.offline import services as outbox
from etalase.offline.conflicts import Held, form_version, hold_if_conflicting

STOREFRONT_PER_PAGE = 24


def _language() -> str:
    return translation.get_language() or "en"


# --- Storefront -----------------------------------------------------------------------


def _whatsapp_url(number: str, enterprise: Enterprise) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    text = _("Hello %(name)s, I found you on Etalase.") % {"name": enterprise.display_name}
    return f"https://wa.me/{digits}?text={quote(text)}"


def _payment(enterprise: Enterprise) -> dict | None:
    try:
        from etalase.payments.selectors import storefront_qr
    except ImportError:  # the payments app is optional for the storefront
        return None
    return storefront_qr(enterprise)


@require_GET
@seo.language_from_query
def storefront(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    enterprise = get_object_or_404(
        Enterprise.objects.select_related("country", "subdivision", "area", "verified_by")
        .prefetch_related("translations", "certifications", "hs_chapters"),
        pk=pk,
    )
    if not permissions.can_view_enterprise(request.user, enterprise):
        raise Http404
    canonical_path = links.storefront_url(enterprise)
    if request.path != canonical_path:
        query = request.GET.urlencode()
        return redirect(canonical_path + (f"?{query}" if query else ""), permanent=True)
    language = _language()
    # Only the ids are paginated; the page's cards are read as the gallery reads them (three
    # plain queries, ~1 ms, where model instances with their prefetches cost ~5 ms).
    product_ids = permissions.products_visible_to(
        request.user, Product.objects.filter(enterprise=enterprise)
    ).order_by("-created_at", "id").values_list("id", flat=True)
    page = Paginator(product_ids, STOREFRONT_PER_PAGE).get_page(request.GET.get("page"))
    can_contact = permissions.can_see_contact_details(request.user, enterprise)
    if can_contact:  # an official's view of contact details is logged (issue 16)
        from etalase.privacy.services import record_access

        record_access(request.user, enterprise, action="storefront")
    description = enterprise.description_in(language)
    certifications = [c for c in enterprise.certifications.all() if c.is_valid_on()]
    context = {
        "enterprise": enterprise,
        "description": description,
        "certifications": certifications,
        "page": page,
        "cards": [vars(card) for card in presenters.cards_for_ids(list(page.object_list),
                                                                    language)],
        "can_contact": can_contact,
        "whatsapp_url": _whatsapp_url(enterprise.whatsapp, enterprise)
        if can_contact and enterprise.whatsapp else "",
        "can_change": permissions.can_change_enterprise(request.user, enterprise),
        "province_url": links.province_url(enterprise.subdivision_id),
        "area_url": _area_gallery_url(enterprise),
        "payment": _payment(enterprise),
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?next={quote(request.get_full_path())}",
        "seo": seo.page_meta(
            request, canonical_path, title=enterprise.display_name,
            description=description or enterprise.subdivision.display_name,
            image=enterprise.logo.url if enterprise.logo else "", og_type="profile",
        ),
    }
    context["json_ld"] = seo.json_ld(seo.storefront_json_ld(
        request, enterprise, description=description, cards=context["cards"]))
    return render(request, "enterprises/storefront.html", context)


def _area_gallery_url(enterprise: Enterprise) -> str:
    """The gallery of the enterprise's area ("" without one)."""
    if not enterprise.area_id:
        return ""
    return f"{reverse('catalog:gallery')}?{urlencode({'area': enterprise.area_id})}"


# --- Owners' self-service ------------------------------------------------------------------


def _managed_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    enterprise = get_object_or_404(Enterprise.objects.select_related("subdivision", "country"),
                                   pk=pk)
    if not permissions.can_change_enterprise(request.user, enterprise):
        raise Http404
    return enterprise


def _managed_product(request: HttpRequest, pk: int) -> Product:
    product = get_object_or_404(
        Product.objects.select_related("enterprise__subdivision", "hs_code")
        .prefetch_related("translations", "images"),
        pk=pk,
    )
    if not permissions.can_change_product(request.user, product):
        raise Http404
    return product


def form_data(form_class: type[forms.BaseForm], post) -> dict[str, Any]:
    """The submitted values of the form's fields, typed as the services expect them."""
    data: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.FileField):
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[name] = post.getlist(name)
        elif isinstance(field, forms.BooleanField):
            data[name] = post.get(name) in {"on", "true", "True", "1"}
        elif name in post:
            data[name] = post.get(name)
    return data


def _show_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put the service's errors on the form the page shows again."""
    form.is_valid()
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        if field not in form.errors:
            form.add_error(field if field in form.fields else None, errors)


@login_required
@require_GET
def manage_home(request: HttpRequest) -> HttpResponse:
    enterprises = (permissions.enterprises_managed_by(request.user)
                   .select_related("subdivision").order_by("legal_name", "id"))
    page = Paginator(enterprises, 25).get_page(request.GET.get("page"))
    rows = []
    language = _language()
    for enterprise in page.object_list:
        products = list(Product.objects.filter(enterprise=enterprise)
                        .prefetch_related("translations", "images").order_by("-created_at")[:50])
        rows.append({"enterprise": enterprise, "storefront_url": links.storefront_url(enterprise),
                     "products": [(p, p.text_in(language)[0]) for p in products]})
    return render(request, "enterprises/manage.html", {
        "page": page, "rows": rows,
        "can_capture": permissions.subdivisions_managed_by(request.user).exists()})


def _enterprise_form_class(user, enterprise: Enterprise) -> type[EnterpriseForm]:
    # The same choice as enterprises.services: offices edit every field, owners their profile.
    if permissions.can_verify_enterprise(user, enterprise):
        return EnterpriseForm
    return EnterpriseOwnerForm


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from etalase.enterprises import services

    enterprise = _managed_enterprise(request, pk)
    form_class = _enterprise_form_class(request.user, enterprise)
    held: Held | None = None
    if request.method == "POST":
        data = form_data(form_class, request.POST)

        def write() -> Enterprise:
            files = {}
            if "logo" in request.FILES and "logo" in form_class.base_fields:
                try:
                    files["logo"] = images.logo_file(request.FILES["logo"])
                except ValidationError as exc:
                    raise ValidationError({"logo": exc.error_list}) from exc
            # Not silently over the office's changes made since this copy (issue 15).
            hold_if_conflicting(form_class=form_class, record=enterprise, post=request.POST,
                                data=data)
            return services.enterprise_update(actor=request.user, enterprise=enterprise,
                                              data=data, files=files)

        try:
            with transaction.atomic():
                outbox.run_once(user=request.user, form="profile_edit", write=write,
                                client_id=outbox.client_id_of(request.POST))
        except ValidationError as exc:
            form = form_class(request.POST, instance=Enterprise.objects.get(pk=pk))
            _show_errors(form, exc)
        except Held as exc:
            held = exc
            form = form_class(exc.post, instance=Enterprise.objects.get(pk=pk))
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(links.storefront_url(Enterprise.objects.get(pk=pk)))
    else:
        form = form_class(instance=enterprise)
    return render(request, "enterprises/profile_edit.html", status=409 if held else 200,
                  context={"enterprise": enterprise, "form": form,
                           "conflicts": held.conflicts if held else [],
                           "version": form_version(request, enterprise, held)})


def _texts_from(post, skip: str) -> dict[str, dict[str, str]]:
    return {code: {"name": post.get(f"name_{code}", ""),
                   "description": post.get(f"description_{code}", "")}
            for code in texts.LANGUAGES if code != skip}


def _texts_rows(product: Product | None, language: str, post=None) -> list[dict[str, Any]]:
    existing = {t.language_code: t for t in product.translations.all()} if product else {}
    rows = []
    for code, label in settings.LANGUAGES:
        if code == language:
            continue
        row = existing.get(code)
        rows.append({
            "code": code, "label": label,
            "name": post.get(f"name_{code}", "") if post is not None else (row.name if row else ""),
            "description": post.get(f"description_{code}", "") if post is not None
            else (row.description if row else ""),
        })
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    from etalase.catalog import services

    enterprise = _managed_enterprise(request, pk)
    text_errors: dict[str, Any] = {}
    if request.method == "POST":
        form = ProductForm(request.POST, enterprise=enterprise)

        def write() -> Product:
            product = services.product_create(actor=request.user, enterprise=enterprise,
                                              data=form_data(ProductForm, request.POST))
            texts.product_texts_save(actor=request.user, product=product,
                                     texts=_texts_from(request.POST, product.language))
            return product

        try:  # once per device key: an outbox sending it twice makes one product
            with transaction.atomic():
                done = outbox.run_once(user=request.user, form="product_create", write=write,
                                       client_id=outbox.client_id_of(request.POST))
        except ValidationError as exc:
            text_errors = _split_text_errors(form, exc)
        else:
            messages.success(request, _("The product was added. Add a photo now.") if done.fresh
                             else _("This product had already been received."))
            return redirect("enterprises:product_edit", pk=done.object_id)
    else:
        form = ProductForm(enterprise=enterprise,
                           initial={"currency": enterprise.currency,
                                    "language": enterprise.language})
    language = request.POST.get("language") or enterprise.language
    return render(request, "enterprises/product_form.html", {
        "enterprise": enterprise, "form": form, "product": None,
        "text_rows": _texts_rows(None, language, request.POST if request.method == "POST"
                                 else None),
        "text_errors": text_errors,
    })


def _split_text_errors(form: forms.BaseForm, exc: ValidationError) -> dict[str, Any]:
    """Errors of the translation fields go beside them; the rest onto the product form."""
    text_errors: dict[str, Any] = {}
    other: dict[str, Any] = {}
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
    for field, errors in by_field.items():
        if field.startswith(("name_", "description_")):
            text_errors[field] = [e for err in errors for e in err.messages]
        else:
            other[field] = errors
    _show_errors(form, ValidationError(other) if other else ValidationError({}))
    return text_errors


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from etalase.catalog import services

    product = _managed_product(request, pk)
    text_errors: dict[str, Any] = {}
    held: Held | None = None
    if request.method == "POST":
        form = ProductForm(request.POST, instance=Product.objects.get(pk=pk))
        data = form_data(ProductForm, request.POST)

        def write() -> Product:
            # Not silently over the office's changes made since this copy (issue 15).
            posted_texts = _texts_from(request.POST, data.get("language") or product.language)
            hold_if_conflicting(form_class=ProductForm, record=product, post=request.POST,
                                data=data, texts=posted_texts)
            saved = services.product_update(actor=request.user, product=product, data=data)
            texts.product_texts_save(actor=request.user, product=saved, texts=posted_texts)
            return saved

        try:
            with transaction.atomic():
                outbox.run_once(user=request.user, form="product_edit", write=write,
                                client_id=outbox.client_id_of(request.POST))
        except ValidationError as exc:
            text_errors = _split_text_errors(form, exc)
        except Held as exc:
            held = exc
            form = ProductForm(exc.post, instance=Product.objects.get(pk=pk))
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The product was saved."))
            return redirect("enterprises:product_edit", pk=pk)
    else:
        form = ProductForm(instance=product)
    return render(request, "enterprises/product_form.html", status=409 if held else 200,
                  context={
        "conflicts": held.conflicts if held else [],
        "version": form_version(request, product, held),
        "enterprise": product.enterprise, "form": form, "product": product,
        "product_url": links.product_url(product),
        "images": list(product.images.all()),
        "max_images": images.MAX_IMAGES_PER_PRODUCT,
        "text_rows": _texts_rows(product, product.language,
                                 request.POST if request.method == "POST" else None),
        "text_errors": text_errors,
    })


@login_required
@require_POST
def product_publish(request: HttpRequest, pk: int) -> HttpResponse:
    from etalase.catalog import services

    product = _managed_product(request, pk)
    published = request.POST.get("published") == "1"
    services.product_set_published(actor=request.user, product=product, published=published)
    messages.success(request, _("The product is now shown in the gallery.") if published
                     else _("The product is now hidden from the gallery."))
    return redirect(_next_or(request, "enterprises:manage"))


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse(default)


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    product = _managed_product(request, pk)
    upload = request.FILES.get("image")
    if upload is None:
        messages.error(request, _("Choose a photo to upload."))
    else:
        try:
            images.image_add(actor=request.user, product=product, upload=upload,
                             alt_text=request.POST.get("alt_text", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The photo was added."))
    return redirect("enterprises:product_edit", pk=pk)


@login_required
@require_POST
def image_delete(request: HttpRequest, pk: int) -> HttpResponse:
    image = get_object_or_404(ProductImage.objects.select_related("product__enterprise"), pk=pk)
    if not permissions.can_change_product(request.user, image.product):
        raise Http404
    product_id = image.product_id
    images.image_remove(actor=request.user, image=image)
    messages.success(request, _("The photo was removed."))
    return redirect("enterprises:product_edit", pk=product_id)
