from django.urls import path

from . import views

WORKFORCE = "manage/<slug:slug>/workforce/"

urlpatterns = [
    path(WORKFORCE, views.workforce, name="workforce"),
    path(WORKFORCE + "compliance.csv", views.workforce_csv, name="workforce_csv"),
    path(WORKFORCE + "assign", views.workforce_assign, name="workforce_assign"),
    path(WORKFORCE + "upload", views.workforce_upload, name="workforce_upload"),
    path(WORKFORCE + "remind", views.workforce_remind, name="workforce_remind"),
    path(WORKFORCE + "figures", views.workforce_figures, name="workforce_figures"),
    path(WORKFORCE + "managers", views.workforce_managers, name="workforce_managers"),
    path(
        WORKFORCE + "managers/<int:manager_id>/remove",
        views.workforce_manager_remove,
        name="workforce_manager_remove",
    ),
]
