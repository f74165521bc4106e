"""The routes of the outcomes dashboard, the board report and its figures as CSV."""

from django.urls import path

from . import views

urlpatterns = [
    path("outcomes/", views.dashboard, name="dashboard"),
    path("outcomes/board-report", views.board_report, name="board_report"),
    path("outcomes/outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
]
