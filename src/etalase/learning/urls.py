"""Pages of programmes and resources, mounted at /programmes/ (namespace "learning")."""

from django.urls import path

from etalase.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.programme_list, name="programmes"),
]
