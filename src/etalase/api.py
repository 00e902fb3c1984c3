"""The HTTP API root: every app's router is mounted here at /api/v1/."""

from ninja import NinjaAPI

from etalase.accounts.api_auth import optional_auth

api = NinjaAPI(
    title="Etalase API",
    version="1",
    description="Regions, HS codes, enterprises and products of the Etalase MSME platform.",
    auth=optional_auth,
    urls_namespace="api",
)

from etalase.regions.api import router as regions_router  # noqa: E402
from etalase.catalog.api import router as catalog_router  # noqa: E402
from etalase.enterprises.api import router as enterprises_router  # noqa: E402

api.add_router("/regions", regions_router)
api.add_router("/", catalog_router)
api.add_router("/enterprises", enterprises_router)
