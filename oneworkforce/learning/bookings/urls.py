from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path("o/<slug:slug>/interest", views.interest, name="interest"),
    path("sessions/<int:pk>/book", views.book, name="book"),
    path("bookings/<int:pk>/cancel", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/accept", views.offer_accept, name="offer_accept"),
    path("bookings/<int:pk>/decline", views.offer_decline, name="offer_decline"),
    path("bookings/<int:pk>/session.ics", views.booking_calendar, name="booking_calendar"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path(MANAGE + "o/<slug:listing>/sessions/new", views.session_add, name="session_add"),
    path(MANAGE + "sessions/<int:pk>/", views.session, name="session"),
    path(MANAGE + "sessions/<int:pk>/attendance", views.attendance, name="attendance"),
    path(MANAGE + "sessions/<int:pk>/cancel", views.session_cancel, name="session_cancel"),
    path(MANAGE + "bookings/<int:pk>/decide", views.booking_decide, name="booking_decide"),
]
