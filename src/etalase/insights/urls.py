from django.urls import path, re_path

from etalase.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("open-data/", views.open_data, name="open_data"),
    re_path(
        r"^open-data/(?P<dataset>[a-z_]+)\.(?P<fmt>csv|json)$",
        views.open_data_export,
        name="open_data_export",
    ),
]
