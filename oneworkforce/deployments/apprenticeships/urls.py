"""Collaborative apprenticeships' pages, under ``/deployments/apprenticeships/``."""

from django.urls import URLPattern, path

from .views import (
    apprentice_add,
    apprentice_preferences,
    assignment_override,
    cohort,
    cohort_add,
    cohort_allocate,
    cohort_apprentice,
    cohort_plan,
    cohort_sites,
    cohorts,
    placement_add,
)

urlpatterns: list[URLPattern] = [
    path("apprenticeships/", cohorts, name="apprenticeship_cohorts"),
    path("apprenticeships/new/", cohort_add, name="cohort_add"),
    path("apprenticeships/<slug:slug>/", cohort, name="cohort"),
    path("apprenticeships/<slug:slug>/allocate/", cohort_allocate, name="cohort_allocate"),
    path("apprenticeships/<slug:slug>/placements/new/", placement_add, name="cohort_placement_add"),
    path(
        "apprenticeships/<slug:slug>/apprentices/new/", apprentice_add, name="cohort_apprentice_add"
    ),
    path("apprenticeships/<slug:slug>/plan/", cohort_plan, name="cohort_plan"),
    path("apprenticeships/<slug:slug>/sites/", cohort_sites, name="cohort_sites"),
    path(
        "apprenticeships/<slug:slug>/apprentices/<int:pk>/",
        cohort_apprentice,
        name="cohort_apprentice",
    ),
    path(
        "apprenticeships/<slug:slug>/apprentices/<int:pk>/choices/",
        apprentice_preferences,
        name="apprentice_preferences",
    ),
    path(
        "apprenticeships/<slug:slug>/assignments/<int:pk>/change/",
        assignment_override,
        name="assignment_override",
    ),
]
