"""The routes of vacancies, applications, the work list, checkpoints, keys and matching."""

from django.urls import path

from . import views

urlpatterns = [
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/new", views.vacancy_add, name="vacancy_add"),
    path("vacancies/import", views.vacancies_import, name="vacancies_import"),
    path(
        "vacancies/import/template.csv",
        views.vacancies_import_template,
        name="vacancies_import_template",
    ),
    path("vacancies/<int:pk>/", views.vacancy, name="vacancy"),
    path("vacancies/<int:pk>/edit", views.vacancy_edit, name="vacancy_edit"),
    path("candidates/<int:pk>/put-forward", views.put_forward, name="put_forward"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/move", views.application_move, name="application_move"),
    path("applications/<int:pk>/screen", views.application_screen, name="application_screen"),
    path("conditions/<int:pk>/met", views.condition_met, name="condition_met"),
    path("work/", views.worklist, name="worklist"),
    path("checkpoints/", views.checkpoints, name="checkpoints"),
    path("checkpoints/<int:pk>/", views.checkpoint_record, name="checkpoint_record"),
    path("api-keys/", views.api_keys, name="api_keys"),
    path("api-keys/<int:pk>/revoke", views.api_key_revoke, name="api_key_revoke"),
    path("candidates/<int:pk>/matches", views.candidate_matches, name="candidate_matches"),
]
