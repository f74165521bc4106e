"""Routes for scenarios: their set-up, changes, projection, downloads and comparisons."""

from django.urls import path

from . import views

urlpatterns = [
    path("scenarios/", views.scenarios_list, name="scenarios"),
    path("scenarios/new/", views.scenario_add, name="scenario_add"),
    path("scenarios/compare/", views.scenario_compare, name="scenario_compare"),
    path("scenarios/<slug:slug>/", views.scenario, name="scenario"),
    path("scenarios/<slug:slug>/edit/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/<slug:slug>/interventions/", views.intervention_add, name="intervention_add"),
    path(
        "scenarios/<slug:slug>/interventions/<int:index>/remove/",
        views.intervention_remove,
        name="intervention_remove",
    ),
    path("scenarios/<slug:slug>/scenario.toml", views.scenario_toml, name="scenario_toml"),
    path("scenarios/<slug:slug>/results.csv", views.scenario_csv, name="scenario_csv"),
]
