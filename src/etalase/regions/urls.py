from django.urls import path

from etalase.regions import views

app_name = "regions"
urlpatterns = [
    path("p/<str:code>/", views.province, name="province"),
]
