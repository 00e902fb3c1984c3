from django.urls import path

from etalase.privacy import views

app_name = "privacy"
urlpatterns = [
    path("account/my-data/", views.my_data, name="my_data"),
    path("account/my-data.json", views.my_data_json, name="my_data_json"),
    path("account/my-data/erase/", views.request_erasure, name="request_erasure"),
    path("account/my-data/consent/<int:enterprise_id>/withdraw/", views.withdraw_consent,
         name="withdraw_consent"),
    path("privacy/erasure/", views.erasure_requests, name="erasure_requests"),
    path("privacy/erasure/<int:request_id>/", views.decide_erasure, name="decide_erasure"),
    path("privacy/audit/", views.audit_log, name="audit_log"),
]
