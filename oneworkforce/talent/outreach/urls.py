"""The routes of campaigns, joining, the candidate's status page and shared recruitment events."""

from django.urls import path

from . import views

urlpatterns = [
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/new", views.campaign_add, name="campaign_add"),
    path("campaigns/<slug:slug>/", views.campaign, name="campaign"),
    path("campaigns/<slug:slug>/edit", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<slug:slug>/qr.svg", views.campaign_qr, name="campaign_qr"),
    path("campaigns/<slug:slug>/poster", views.campaign_poster, name="campaign_poster"),
    path("join/", views.join_general, name="join_general"),
    path("join/thank-you", views.join_thanks, name="join_thanks"),
    path("join/<str:code>", views.join, name="join"),
    path("status/", views.status_request, name="status_request"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/my-details.json", views.status_data, name="status_data"),
    path("status/<str:token>/delete", views.status_delete, name="status_delete"),
    path("status/<str:token>/my-details", views.status_correct, name="status_correct"),
    path("events/", views.events, name="events"),
    path("events/calendar.ics", views.events_calendar, name="events_calendar"),
    path("events/new", views.event_add, name="event_add"),
    path("events/<slug:slug>/", views.event, name="event"),
    path("events/<slug:slug>/event.ics", views.event_calendar, name="event_calendar"),
    path("events/<slug:slug>/sign-up", views.event_signup, name="event_signup"),
    path("events/<slug:slug>/edit", views.event_edit, name="event_edit"),
    path("events/<slug:slug>/cancel", views.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/attendance", views.event_attendance, name="event_attendance"),
]
