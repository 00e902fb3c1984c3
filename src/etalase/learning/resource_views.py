"""Information resources: the public list with full-text search, pages, and the offices'
editing pages. Attachments are served as downloads with a checked Content-Type."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.learning import resources as services
from etalase.learning import search
from etalase.learning.forms import AttachmentForm, ResourceForm
from etalase.learning.models import Resource, ResourceAttachment, ResourceCategory, ResourceTag
from etalase.learning.uploads import CONTENT_TYPES

PER_PAGE = 20
_TAG = re.compile(r"^[a-z0-9-]{1,50}$")


def _language() -> str:
    return translation.get_language() or "en"


def find_resources(*, query: str, category: str, tag: str) -> list[Resource]:
    """Published resources matching the words (ranked) and the category / tag filters."""
    ids = search.matching_ids(query[:200])
    queryset = Resource.objects.published().select_related("destination_country", "provider")
    queryset = queryset.prefetch_related("translations", "tags")
    if category in ResourceCategory.values:
        queryset = queryset.filter(category=category)
    if _TAG.match(tag):
        queryset = queryset.filter(tags__slug=tag)
    if ids is None:
        return list(queryset.order_by("-published_at", "-id")[:search.MAX_HITS])
    by_id = {r.pk: r for r in queryset.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    query = str(request.GET.get("q", ""))[:200]
    category = str(request.GET.get("category", ""))[:20]
    tag = str(request.GET.get("tag", ""))[:50]
    found = find_resources(query=query, category=category, tag=tag)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    language = _language()
    rows = []
    for resource in page.object_list:
        title, summary, _body = resource.text_in(language)
        rows.append({"resource": resource, "title": title, "summary": summary})
    return render(request, "learning/resource_list.html", {
        "q": query, "category": category, "tag": tag, "page": page, "rows": rows,
        "categories": ResourceCategory.choices,
        "tags": ResourceTag.objects.filter(resources__is_published=True).distinct()[:40],
        "can_write": permissions.can_create_programme(request.user),
    })


def _visible(request: HttpRequest, pk: int) -> Resource:
    resource = (Resource.objects.select_related("destination_country", "provider")
                .prefetch_related("translations", "tags", "attachments").filter(pk=pk).first())
    if resource is None or not permissions.can_view_resource(request.user, resource):
        raise Http404
    return resource


@require_GET
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible(request, pk)
    title, summary, body = resource.text_in(_language())
    return render(request, "learning/resource_detail.html", {
        "resource": resource, "title": title, "summary": summary, "body": body,
        "can_change": permissions.can_change_resource(request.user, resource),
        "attachment_form": AttachmentForm(),
    })


def _managed(request: HttpRequest, pk: int) -> Resource:
    resource = Resource.objects.filter(pk=pk).first()
    if resource is None or not permissions.can_change_resource(request.user, resource):
        raise Http404
    return resource


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_GET
def resource_manage(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_programme(request.user):
        raise PermissionDenied
    rows = permissions.resources_managed_by(request.user).order_by("-updated_at")[:200]
    return render(request, "learning/resource_manage.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_create_programme(request.user):
        raise PermissionDenied
    resource = _managed(request, pk) if pk else None
    initial = ResourceForm.initial_from(resource) if resource else {"language": _language()}
    form = ResourceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.resource_save(user=request.user, data=form.to_data(),
                                           resource_id=resource.pk if resource else None)
            if request.POST.get("publish"):
                services.resource_set_published(user=request.user, resource_id=saved.pk,
                                                published=True)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("learning:resource", pk=saved.pk)
    return render(request, "learning/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def resource_publish(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _managed(request, pk)
    published = request.POST.get("action") != "unpublish"
    services.resource_set_published(user=request.user, resource_id=resource.pk,
                                    published=published)
    return redirect("learning:resource", pk=resource.pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _managed(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(user=request.user, resource_id=resource.pk,
                                    upload=form.cleaned_data["file"],
                                    name=form.cleaned_data["name"],
                                    language=form.cleaned_data["language"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The file is attached."))
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return redirect("learning:resource", pk=resource.pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(ResourceAttachment.objects.select_related("resource"),
                                   pk=attachment_id)
    if not permissions.can_change_resource(request.user, attachment.resource):
        raise Http404
    services.attachment_remove(user=request.user, attachment_id=attachment.pk)
    return redirect("learning:resource", pk=attachment.resource_id)


@require_GET
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(ResourceAttachment.objects.select_related("resource"),
                                   pk=attachment_id)
    if not permissions.can_view_resource(request.user, attachment.resource):
        raise Http404
    content_type = CONTENT_TYPES.get(attachment.kind, "application/octet-stream")
    extension = attachment.file.name.rsplit(".", 1)[-1]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", attachment.name.rsplit(".", 1)[0])[:80] or "file"
    response = FileResponse(attachment.file.open("rb"), content_type=content_type,
                            as_attachment=True, filename=f"{stem}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
