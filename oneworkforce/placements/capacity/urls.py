from django.urls import path

from . import views

urlpatterns = [
    path("capacity/", views.capacity, name="capacity"),
    path("capacity.csv", views.capacity_csv, name="capacity_csv"),
    path("partners/<slug:slug>/", views.partner, name="partner"),
    path("partners/<slug:slug>/capacity/", views.partner_capacity, name="partner_capacity"),
    path(
        "partners/<slug:slug>/capacity.csv",
        views.partner_capacity_csv,
        name="partner_capacity_csv",
    ),
]
