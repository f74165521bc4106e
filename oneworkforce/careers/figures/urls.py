from django.urls import path

from . import views

urlpatterns = [
    path("", views.figures, name="figures"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
]
