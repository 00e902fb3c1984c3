"""Services of information resources (articles and guides): one transaction each.

A resource belongs to the office that wrote it (as programmes do); its search text is
rebuilt from every language version, tag and its category on each change, and the
full-text index refreshed in the same transaction (learning/search.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.learning import search
from etalase.learning.models import (
    Resource,
    ResourceAttachment,
    ResourceCategory,
    ResourceTag,
    ResourceTranslation,
)
from etalase.learning.uploads import check_attachment

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
MAX_TAGS = 12
MAX_ATTACHMENTS = 10


@dataclass
class ResourceData:
    category: str
    title: str
    summary: str = ""
    body: str = ""
    language: str = "en"
    destination_country_id: str | None = None
    provider_id: int | None = None
    tags: list[str] = field(default_factory=list)
    # language code -> (title, summary, body)
    translations: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def _office_of(user) -> tuple[str | None, object]:
    from etalase.learning.services import _office_of as office

    return office(user)


def _tags(names: list[str]) -> list[ResourceTag]:
    tags: list[ResourceTag] = []
    for name in names[:MAX_TAGS]:
        name = " ".join(str(name).split())[:50]
        slug = slugify(name)[:50]
        if not slug:
            continue
        tag, _created = ResourceTag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def refresh_search_text(resource: Resource) -> None:
    parts = [resource.title, resource.summary, resource.body, resource.category,
             str(ResourceCategory(resource.category).label)]
    for translation in resource.translations.all():
        parts += [translation.title, translation.summary, translation.body]
    parts += [tag.name for tag in resource.tags.all()]
    if resource.destination_country_id:
        parts += [resource.destination_country.name, resource.destination_country_id]
    Resource.objects.filter(pk=resource.pk).update(search_text=search.document_text(parts))
    search.reindex([resource.pk])


@transaction.atomic
def resource_save(*, user, data: ResourceData, resource_id: int | None = None) -> Resource:
    if not permissions.can_create_programme(user):
        raise PermissionDenied(_("Only offices and the secretariat publish resources."))
    errors = {}
    if data.category not in ResourceCategory.values:
        errors["category"] = _("Choose a category.")
    if not data.title.strip():
        errors["title"] = _("A resource needs a title.")
    if data.language not in LANGUAGE_CODES:
        errors["language"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)
    if resource_id is None:
        office_country, office_subdivision = _office_of(user)
        resource = Resource(created_by=user, office_country_id=office_country,
                            office_subdivision=office_subdivision)
    else:
        resource = Resource.objects.select_for_update().get(pk=resource_id)
        if not permissions.can_change_resource(user, resource):
            raise PermissionDenied(_("This resource belongs to another office."))
    for name in ("category", "summary", "body", "language", "destination_country_id",
                 "provider_id"):
        setattr(resource, name, getattr(data, name))
    resource.title = data.title.strip()
    resource.full_clean(exclude=["created_by", "search_text"])
    resource.save()
    resource.tags.set(_tags(data.tags))
    for code, (title, summary, body) in data.translations.items():
        if code not in LANGUAGE_CODES or code == resource.language:
            continue
        if not (title.strip() or summary.strip() or body.strip()):
            ResourceTranslation.objects.filter(resource=resource, language_code=code).delete()
            continue
        ResourceTranslation.objects.update_or_create(
            resource=resource, language_code=code,
            defaults={"title": title.strip()[:200] or resource.title, "summary": summary[:500],
                      "body": body[:50000]},
        )
    refresh_search_text(resource)
    return resource


@transaction.atomic
def resource_set_published(*, user, resource_id: int, published: bool) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    if not permissions.can_change_resource(user, resource):
        raise PermissionDenied(_("This resource belongs to another office."))
    resource.is_published = published
    if published and resource.published_at is None:
        resource.published_at = timezone.now()
    resource.save(update_fields=["is_published", "published_at", "updated_at"])
    search.reindex([resource.pk])
    return resource


def attachment_add(*, user, resource_id: int, upload, name: str = "", language: str = ""
                   ) -> ResourceAttachment:
    checked = check_attachment(upload)  # before the transaction: no lock while reading
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource_id)
        if not permissions.can_change_resource(user, resource):
            raise PermissionDenied(_("This resource belongs to another office."))
        if resource.attachments.count() >= MAX_ATTACHMENTS:
            raise ValidationError(_("A resource has at most %(n)d attachments.")
                                  % {"n": MAX_ATTACHMENTS}, code="too_many")
        shown = " ".join((name or getattr(upload, "name", "") or "").split())[:200]
        attachment = ResourceAttachment(
            resource=resource, name=shown or checked.content.name, kind=checked.kind,
            size=checked.size, language=language if language in LANGUAGE_CODES else "",
        )
        attachment.file.save(checked.content.name, checked.content, save=False)
        try:
            attachment.save()
        except Exception:
            attachment.file.delete(save=False)  # no orphan file when the row is not written
            raise
    return attachment


@transaction.atomic
def attachment_remove(*, user, attachment_id: int) -> None:
    attachment = ResourceAttachment.objects.select_related("resource").get(pk=attachment_id)
    if not permissions.can_change_resource(user, attachment.resource):
        raise PermissionDenied(_("This resource belongs to another office."))
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
