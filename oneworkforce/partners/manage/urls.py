"""Routes of the management pages (names under the ``partners`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    # Partner admins.
    path("manage/", views.manage, name="manage"),
    path("partners/<slug:slug>/people/", views.people, name="people"),
    path(
        "partners/<slug:slug>/people/<int:pk>/",
        views.affiliation_decide,
        name="affiliation_decide",
    ),
    # Partnership admins.
    path("manage/roles/", views.roles, name="roles"),
    path("manage/roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("manage/audit/", views.audit_log, name="audit"),
]
