from django.urls import path

from . import views

urlpatterns = [
    path("environments/", views.environments, name="environments"),
    path("environments/<int:pk>/", views.environment, name="environment"),
    path("environments/import/", views.environments_import, name="environments_import"),
    path(
        "environments/import/template.csv",
        views.environments_template,
        name="environments_template",
    ),
    path("environments/<int:pk>/audits/add/", views.audit_add, name="audit_add"),
    path("environments/<int:pk>/supervisors/add/", views.supervisor_add, name="supervisor_add"),
    path(
        "supervisors/<int:pk>/preparation/",
        views.supervisor_preparation,
        name="supervisor_preparation",
    ),
    path("environments/<int:pk>/offers/add/", views.offer_add, name="offer_add"),
    path("partners/<slug:slug>/environments/add/", views.environment_add, name="environment_add"),
    path(
        "partners/<slug:slug>/environments/import/",
        views.partner_environments_import,
        name="partner_environments_import",
    ),
]
