from django.urls import path, re_path

from etalase.insights import opendata_views, views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/datapackage.json", opendata_views.open_data_package, name="open_data_package"),
    path("open-data/catalog", opendata_views.open_data_catalog, name="open_data_catalog"),
    re_path(r"^open-data/catalog\.(?P<fmt>jsonld|rdf|ttl)$", opendata_views.open_data_catalog,
            name="open_data_catalog_as"),
    re_path(r"^open-data/intake-template/(?P<country>[A-Z]{2})\.schema\.json$",
            opendata_views.intake_table_schema, name="intake_table_schema"),
    re_path(
        r"^open-data/(?P<dataset>[a-z_]+)\.(?P<fmt>csv|json)$",
        views.open_data_export,
        name="open_data_export",
    ),
]
