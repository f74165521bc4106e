from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path("bookings/<int:pk>/evaluation", views.evaluate_booking, name="evaluate_booking"),
    path("o/<slug:slug>/evaluation", views.evaluate_listing, name="evaluate_listing"),
    path(MANAGE + "evaluations/", views.provider, name="evaluations"),
    path(
        MANAGE + "o/<slug:listing>/evaluations",
        views.listing,
        name="listing_evaluations",
    ),
]
