from django.urls import path

from etalase.enterprises import capture, views

app_name = "enterprises"
urlpatterns = [
    path("e/<int:pk>/", views.storefront, name="storefront_short"),
    path("e/<int:pk>-<slug:slug>/", views.storefront, name="storefront"),
    # Owners' self-service (owners, and officials acting for enterprises of their area).
    path("manage/", views.manage_home, name="manage"),
    path("manage/e/<int:pk>/", views.profile_edit, name="profile_edit"),
    # An office registers an enterprise met in the field (works offline, issue 15).
    path("manage/enterprises/new/", capture.enterprise_capture, name="enterprise_capture"),
    path("manage/e/<int:pk>/products/new/", views.product_create, name="product_create"),
    path("manage/products/<int:pk>/", views.product_edit, name="product_edit"),
    path("manage/products/<int:pk>/publish/", views.product_publish, name="product_publish"),
    path("manage/products/<int:pk>/images/", views.image_upload, name="image_upload"),
    path("manage/images/<int:pk>/delete/", views.image_delete, name="image_delete"),
]
