"""Picture helpers for templates: a photo's `srcset`, a chapter's drawing (issue 18)."""

from __future__ import annotations

from django import template

from etalase.catalog import illustrations, images

register = template.Library()


@register.filter
def picture_srcset(image) -> str:
    """The `srcset` of a ProductImage's two stored sizes ('' without a thumbnail)."""
    try:
        large = image.image.url if image.image else ""
        small = image.thumbnail.url if image.thumbnail else ""
    except ValueError:
        return ""
    return images.srcset(large, small, image.width, image.height)


@register.simple_tag
def chapter_drawing(hs_code: str | None) -> str:
    """The static URL of the drawing of this HS code's chapter."""
    return illustrations.illustration_url(hs_code)
