"""Routes for the national statistics pages and their imports."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("turnover/", views.turnover, name="turnover"),
    path("sickness/", views.sickness, name="sickness"),
    path("organisations/<str:code>/", views.organisation, name="organisation"),
    path("data/", views.data, name="data"),
    path("data/import/", views.import_national, name="import_national"),
]
