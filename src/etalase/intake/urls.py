"""Pages of provincial submissions, mounted at /submissions/ (namespace "intake")."""

from django.urls import path, re_path

from etalase.intake import consent, views

app_name = "intake"
urlpatterns = [
    path("", views.submission_list, name="submissions"),
    path("upload/", views.upload, name="upload"),
    re_path(r"^template/(?P<country>[A-Z]{2})\.(?P<fmt>xlsx|csv)$", views.template_download,
            name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/mapping/", views.mapping, name="mapping"),
    path("<int:pk>/decisions/", views.decisions, name="decisions"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/report.xlsx", views.error_report, name="report"),
    path("<int:pk>/original", views.original_file, name="original"),
    path("consent/", consent.pending_list, name="consent"),
    path("<int:pk>/consent/paper/", consent.bulk_paper, name="consent_bulk_paper"),
    path("<int:pk>/consent/invite/", consent.bulk_invite, name="consent_bulk_invite"),
    path("consent/<int:enterprise_id>/invite/", consent.invite, name="consent_invite"),
    path("consent/<int:enterprise_id>/paper/", consent.paper, name="consent_paper"),
    path("claim/<str:token>/", consent.claim, name="claim"),
]
