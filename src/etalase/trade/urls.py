from django.urls import path

from etalase.trade import views

app_name = "trade"

urlpatterns = [
    path("export/", views.checklist, name="checklist"),
    path("export/pdf/", views.checklist_pdf, name="checklist_pdf"),
    path("currency/", views.choose_currency, name="currency"),
]
