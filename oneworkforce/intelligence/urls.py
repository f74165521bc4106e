from django.urls import path

from . import local_views, views

app_name = "intelligence"

urlpatterns = [
    path("", views.home, name="home"),
    path("turnover/", views.turnover, name="turnover"),
    path("sickness/", views.sickness, name="sickness"),
    path("organisations/<str:code>/", views.organisation, name="organisation"),
    path("data/", views.data, name="data"),
    path("data/import/", views.import_national, name="import_national"),
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

urlpatterns += local_views.urlpatterns
