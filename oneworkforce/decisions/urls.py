from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.home, name="home"),
    path("needs/", views.needs, name="needs"),
    path("needs/add/", views.need_add, name="need_add"),
    path("themes/", views.themes, name="themes"),
    path("values/", views.values, name="values"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/add/", views.proposal_add, name="proposal_add"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/review/", views.proposal_review, name="proposal_review"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/add/", views.round_add, name="round_add"),
    path("rounds/import/", views.round_import, name="round_import"),
    path("rounds/<slug:slug>/", views.round_detail, name="round"),
    path("rounds/<slug:slug>/vote/", views.vote, name="vote"),
    path("rounds/<slug:slug>/open/", views.round_open, name="round_open"),
    path("rounds/<slug:slug>/close/", views.round_close, name="round_close"),
    path("rounds/<slug:slug>/export.pb", views.round_export, name="round_export"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("initiatives/<int:pk>/", views.initiative, name="initiative"),
    path("initiatives/<int:pk>/measures/add/", views.measure_add, name="measure_add"),
    path(
        "initiatives/<int:pk>/measures/<int:measure_pk>/record/",
        views.measure_record,
        name="measure_record",
    ),
    path("initiatives/<int:pk>/review/", views.initiative_review, name="initiative_review"),
]
