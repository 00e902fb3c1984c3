"""Figures from the other parts of the platform: the matching funnel and training.

Each part is optional: a section appears once its models exist, so the dashboard
grows as the platform does.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from etalase.insights.scope import Area
from etalase.insights.selectors import Row


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def sections(area: Area) -> list[dict]:
    out = []
    funnel = matching_funnel(area)
    if funnel:
        out.append(
            {
                "key": "funnel",
                "title": _("Matching funnel"),
                "headers": [_("Stage"), _("Count")],
                "rows": funnel,
            }
        )
    training = training_figures(area)
    if training:
        out.append(
            {
                "key": "training",
                "title": _("Programmes, enrolments and attendance"),
                "headers": [_("Figure"), _("Count")],
                "rows": training,
            }
        )
    return out


def matching_funnel(area: Area) -> list[Row] | None:
    """Hook for the matching models; returns None until they exist."""
    return None


def training_figures(area: Area) -> list[Row] | None:
    """Hook for the learning models; returns None until they exist."""
    return None
