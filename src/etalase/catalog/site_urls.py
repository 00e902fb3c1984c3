"""Every public page of the gallery issue, in one module the root URLconf includes at "".

    path("", include("etalase.catalog.site_urls"))

Namespaces: `catalog` (gallery, products), `enterprises` (storefronts, owners' pages),
`regions` (province pages); sitemap and robots have no namespace.
"""

from django.urls import include, path

from etalase.catalog import seo

urlpatterns = [
    path("", include("etalase.catalog.urls")),
    path("", include("etalase.enterprises.urls")),
    path("", include("etalase.regions.urls")),
    path("sitemap.xml", seo.sitemap_view, name="sitemap"),
    path("sitemap-<slug:section>.xml", seo.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo.robots_txt, name="robots"),
]
