"""ODK Collect's server address is /fieldcapture/<office>/ (namespace "fieldcapture")."""

from django.urls import path, re_path

from etalase.fieldcapture import views

app_name = "fieldcapture"
OFFICE = r"(?P<office_code>[A-Za-z]{2}-[A-Za-z0-9]{1,3})"
urlpatterns = [
    path("", views.index, name="index"),
    path("held/", views.held_list, name="held"),
    path("held/<int:pk>/", views.held_decide, name="decide"),
    re_path(rf"^{OFFICE}/formList$", views.form_list_view, name="form_list"),
    re_path(rf"^{OFFICE}/forms/(?P<form_id>[a-z0-9_]{{1,60}})\.xml$", views.form_view,
            name="form"),
    re_path(rf"^{OFFICE}/submission$", views.submission_view, name="submission"),
]
