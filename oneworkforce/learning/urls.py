from django.urls import path

from . import provider_views as manage
from . import views

app_name = "learning"

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("search.atom", views.search_atom, name="search_atom"),
    path("search.ics", views.search_ics, name="search_ics"),
    path("requirements/", views.requirements, name="requirements"),
    path("o/<slug:slug>/", views.opportunity, name="opportunity"),
    path("o/<slug:slug>/interest", views.interest, name="interest"),
    path("o/<slug:slug>/completed", views.declare, name="declare"),
    path("sessions/<int:pk>/book", views.book, name="book"),
    path("bookings/<int:pk>/cancel", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/accept", views.offer_accept, name="offer_accept"),
    path("bookings/<int:pk>/decline", views.offer_decline, name="offer_decline"),
    path("bookings/<int:pk>/session.ics", views.booking_calendar, name="booking_calendar"),
    path("my/", views.my, name="my"),
    path("my/record.csv", views.my_csv, name="my_csv"),
    path("my/record.pdf", views.my_pdf, name="my_pdf"),
    path("my/roles/<int:pk>/", views.my_role, name="my_role"),
    path("my/certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify", views.verify, name="verify"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("dashboard/", manage.dashboard, name="dashboard"),
    path("manage/", manage.manage, name="manage"),
    path(MANAGE, manage.provider, name="provider"),
    path(MANAGE + "new", manage.listing_add, name="listing_add"),
    path(MANAGE + "o/<slug:listing>/", manage.listing, name="listing"),
    path(MANAGE + "o/<slug:listing>/edit", manage.listing_edit, name="listing_edit"),
    path(MANAGE + "o/<slug:listing>/publish", manage.listing_publish, name="listing_publish"),
    path(MANAGE + "o/<slug:listing>/withdraw", manage.listing_withdraw, name="listing_withdraw"),
    path(MANAGE + "o/<slug:listing>/sessions/new", manage.session_add, name="session_add"),
    path(MANAGE + "sessions/<int:pk>/", manage.session, name="session"),
    path(MANAGE + "sessions/<int:pk>/attendance", manage.attendance, name="attendance"),
    path(MANAGE + "sessions/<int:pk>/cancel", manage.session_cancel, name="session_cancel"),
    path(MANAGE + "bookings/<int:pk>/decide", manage.booking_decide, name="booking_decide"),
    path(MANAGE + "completions/", manage.completions, name="completions"),
    path(
        MANAGE + "completions/<int:pk>/decide", manage.completion_decide, name="completion_decide"
    ),
    path(
        MANAGE + "completions/<int:pk>/revoke", manage.completion_revoke, name="completion_revoke"
    ),
    path(MANAGE + "compliance/", manage.compliance, name="compliance"),
    path(MANAGE + "roles/new", manage.role_add, name="role_add"),
    path(MANAGE + "roles/<int:pk>/edit", manage.role_edit, name="role_edit"),
    path(MANAGE + "roles/<int:pk>/people", manage.role_people, name="role_people"),
    path(
        MANAGE + "roles/<int:pk>/people/<int:person>/remove",
        manage.role_person_remove,
        name="role_person_remove",
    ),
    path(MANAGE + "accepted", manage.accepted, name="accepted"),
    path(MANAGE + "validity", manage.validity, name="validity"),
    path(MANAGE + "keys", manage.tokens, name="tokens"),
    path(MANAGE + "keys/<int:pk>/revoke", manage.token_revoke, name="token_revoke"),
]
