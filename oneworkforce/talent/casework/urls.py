"""The routes of candidates' records, their support and qualifications, and candidate import."""

from django.urls import path

from . import views

urlpatterns = [
    path("candidates/import", views.candidates_import, name="candidates_import"),
    path(
        "candidates/import/template.csv",
        views.candidates_import_template,
        name="candidates_import_template",
    ),
    path("candidates/", views.candidates, name="candidates"),
    path("candidates/new", views.candidate_add, name="candidate_add"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("candidates/<int:pk>/edit", views.candidate_edit, name="candidate_edit"),
    path(
        "candidates/<int:pk>/circumstances",
        views.candidate_circumstances,
        name="candidate_barriers",
    ),
    path("candidates/<int:pk>/equality", views.candidate_equality, name="candidate_equality"),
    path("candidates/<int:pk>/support/new", views.intervention_add, name="intervention_add"),
    path(
        "candidates/<int:pk>/support/<int:item>", views.intervention_edit, name="intervention_edit"
    ),
    path(
        "candidates/<int:pk>/qualifications/new", views.qualification_add, name="qualification_add"
    ),
    path(
        "candidates/<int:pk>/qualifications/<int:item>",
        views.qualification_edit,
        name="qualification_edit",
    ),
]
