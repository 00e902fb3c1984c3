"""Open-data aggregates (public) and dashboard figures (officials, within their scope)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from etalase.insights import dashboard, opendata
from etalase.insights.scope import resolve_area

router = Router(tags=["insights"])


@router.get("/open-data", auth=None, summary="Aggregate figures per province and sector")
def open_data(request: HttpRequest):
    """Counts of public enterprises and products; counts below 3 are null (withheld)."""
    return {
        "licence": opendata.LICENCE,
        "by_subdivision": opendata.by_subdivision(),
        "by_sector": opendata.by_sector(),
    }


@router.get("/dashboard", summary="Dashboard figures for an area in the caller's scope")
def dashboard_figures(request: HttpRequest, area: str | None = None):
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in or use an API token.")
    data = dashboard.build(resolve_area(request.user, area))
    return {
        "area": {
            "level": data["area"].level,
            "code": data["area"].code,
            "label": str(data["area"].label),
        },
        "headline": data["headline"],
        "pending_submissions": data["pending_submissions"],
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "rows": [{"key": r.key, "label": r.label, "value": r.value} for r in s.rows],
            }
            for s in data["sections"]
        ],
    }
