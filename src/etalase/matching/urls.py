from django.urls import path

from etalase.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.request_list, name="requests"),
]
