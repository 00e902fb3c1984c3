from django.urls import path

from etalase.offline import views as offline_views
from etalase.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    # The offline web app (issue 15): the worker at the root, so that its scope covers /manage/.
    path("sw.js", offline_views.service_worker, name="sw"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("offline/", offline_views.offline, name="offline"),
]
