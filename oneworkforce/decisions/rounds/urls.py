from django.urls import path

from . import views

urlpatterns = [
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/add/", views.round_add, name="round_add"),
    path("rounds/import/", views.round_import, name="round_import"),
    path("rounds/<slug:slug>/", views.round_detail, name="round"),
    path("rounds/<slug:slug>/vote/", views.vote, name="vote"),
    path("rounds/<slug:slug>/open/", views.round_open, name="round_open"),
    path("rounds/<slug:slug>/close/", views.round_close, name="round_close"),
    path("rounds/<slug:slug>/export.pb", views.round_export, name="round_export"),
]
