from django.urls import path, re_path

from etalase.payments import views

app_name = "payments"
urlpatterns = [
    path("enterprise/<int:enterprise_id>/qr/", views.merchant_qr_edit, name="merchant_qr"),
    path(
        "enterprise/<int:enterprise_id>/qr/amount/", views.payment_request, name="payment_request"
    ),
    re_path(
        r"^enterprise/(?P<enterprise_id>\d+)/qr\.(?P<fmt>svg|png)$",
        views.merchant_qr_image,
        name="merchant_qr_image",
    ),
]
