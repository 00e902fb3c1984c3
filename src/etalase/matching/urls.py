from django.urls import path

from etalase.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.request_list, name="requests"),
    path("new/", views.request_create, name="request_create"),
    path("hs-options/", views.hs_options, name="hs_options"),
    path("for-me/", views.for_me, name="for_me"),
    path("buyers/<int:pk>/verify/", views.buyer_verify, name="buyer_verify"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("<int:pk>/status/", views.request_status, name="request_status"),
    path("<int:pk>/matches/<int:enterprise_id>/", views.match_decide, name="match_decide"),
    path("<int:pk>/respond/", views.request_respond, name="request_respond"),
    path("<int:pk>/report/", views.request_report, name="request_report"),
    path("<int:pk>/review/", views.request_review, name="request_review"),
    path("<int:pk>/joint-offer/", views.joint_offer_create, name="joint_offer_create"),
    path("inquiries/", views.inquiry_list, name="inquiries"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/status/", views.inquiry_status, name="inquiry_status"),
    path("inquiries/<int:pk>/quote/", views.inquiry_quote, name="inquiry_quote"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("notifications/", views.notifications, name="notifications"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/propose/", views.event_propose, name="event_propose"),
    path("events/<int:pk>/schedule/", views.event_schedule, name="event_schedule"),
    path("events/<int:pk>/meetings/<int:meeting_id>/", views.meeting_respond,
         name="meeting_respond"),
    path("events/<int:pk>/calendar.ics", views.event_ical, name="event_ical"),
]
