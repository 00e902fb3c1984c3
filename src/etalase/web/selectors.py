from django.db.models import Count

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Subdivision


def home_figures() -> dict:
    public = Enterprise.objects.public()
    return {
        "enterprise_count": public.count(),
        "product_count": Product.objects.published().count(),
        "provinces": (
            Subdivision.objects.focus_areas()
            .filter(parent__is_focus_area=False)
            .annotate(n=Count("enterprises"))
            .order_by("country_id", "name")
        ),
    }
