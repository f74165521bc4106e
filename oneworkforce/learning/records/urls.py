from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path("requirements/", views.requirements, name="requirements"),
    path("o/<slug:slug>/completed", views.declare, name="declare"),
    path("my/", views.my, name="my"),
    path("my/record.csv", views.my_csv, name="my_csv"),
    path("my/record.pdf", views.my_pdf, name="my_pdf"),
    path("my/roles/<int:pk>/", views.my_job_role, name="my_job_role"),
    path("my/certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify", views.verify, name="verify"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path(MANAGE + "completions/", views.completions, name="completions"),
    path(MANAGE + "completions/<int:pk>/decide", views.completion_decide, name="completion_decide"),
    path(MANAGE + "completions/<int:pk>/revoke", views.completion_revoke, name="completion_revoke"),
    path(
        MANAGE + "completions/<int:pk>/certificate", views.completion_file, name="completion_file"
    ),
    path(MANAGE + "compliance/", views.compliance, name="compliance"),
    path(MANAGE + "roles/new", views.job_role_add, name="job_role_add"),
    path(MANAGE + "roles/<int:pk>/edit", views.job_role_edit, name="job_role_edit"),
    path(MANAGE + "roles/<int:pk>/people", views.job_role_people, name="job_role_people"),
    path(
        MANAGE + "roles/<int:pk>/people/<int:person>/remove",
        views.job_role_person_remove,
        name="job_role_person_remove",
    ),
    path(MANAGE + "accepted", views.accepted, name="accepted"),
    path(MANAGE + "validity", views.validity, name="validity"),
    path(MANAGE + "keys", views.tokens, name="tokens"),
    path(MANAGE + "keys/<int:pk>/revoke", views.token_revoke, name="token_revoke"),
]
