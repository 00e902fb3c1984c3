"""Pages of programmes and resources, mounted at /programmes/ (namespace "learning")."""

from django.urls import path, re_path

from etalase.learning import organiser, resource_views, views

app_name = "learning"
urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("calendar/", views.programme_calendar, name="calendar"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.programme_ics, name="ics"),
    path("<int:pk>/enrol/", views.enrol, name="enrol"),
    path("enrolments/<int:enrolment_id>/cancel/", views.cancel, name="cancel"),
    path("enrolments/<int:enrolment_id>/certificate.pdf", views.certificate,
         name="certificate"),
    re_path(r"^certificates/(?P<code>[0-9a-f]{32})/$", views.certificate_verify,
            name="certificate_verify"),
    path("mine/", views.mine, name="mine"),
    path("mine/feed/reset/", views.feed_reset, name="feed_reset"),
    re_path(r"^feed/(?P<token>[A-Za-z0-9_-]{16,64})\.ics$", views.feed, name="feed"),
    # The organiser's pages
    path("manage/", organiser.manage, name="manage"),
    path("new/", organiser.programme_create, name="create"),
    path("<int:pk>/edit/", organiser.programme_edit, name="edit"),
    path("<int:pk>/publish/", organiser.publish, name="publish"),
    path("<int:pk>/organiser/", organiser.organiser, name="organiser"),
    path("<int:pk>/enrolments.xlsx", organiser.export, name="export"),
    # Information resources
    path("resources/", resource_views.resource_list, name="resources"),
    path("resources/manage/", resource_views.resource_manage, name="resource_manage"),
    path("resources/new/", resource_views.resource_edit, name="resource_create"),
    path("resources/<int:pk>/", resource_views.resource_detail, name="resource"),
    path("resources/<int:pk>/edit/", resource_views.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/publish/", resource_views.resource_publish,
         name="resource_publish"),
    path("resources/<int:pk>/attachments/", resource_views.attachment_add,
         name="attachment_add"),
    path("resources/attachments/<int:attachment_id>/", resource_views.attachment_download,
         name="attachment"),
    path("resources/attachments/<int:attachment_id>/remove/",
         resource_views.attachment_remove, name="attachment_remove"),
]
