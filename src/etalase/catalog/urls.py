from django.urls import path

from etalase.catalog import views

app_name = "catalog"
urlpatterns = [
    path("gallery/", views.gallery, name="gallery"),
    path("gallery/<int:pk>/", views.product_detail, name="product_short"),
    path("gallery/<int:pk>-<slug:slug>/", views.product_detail, name="product"),
]
