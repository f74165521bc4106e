"""Routes for partners' local figures, under /intelligence/local/."""

from django.urls import path

from .views import (
    local,
    local_add,
    local_guide,
    local_template,
    local_upload,
    population_add,
    population_upload,
    success,
)

urlpatterns = [
    path("local/", local, name="local"),
    path("local/success/", success, name="success"),
    path("local/templates/", local_guide, name="local_guide"),
    path("local/templates/<slug:kind>.csv", local_template, name="local_template"),
    path(
        "local/places/<slug:slug>/population/upload/",
        population_upload,
        name="population_upload",
    ),
    path("local/places/<slug:slug>/population/add/", population_add, name="population_add"),
    path("local/<slug:slug>/<slug:kind>/upload/", local_upload, name="local_upload"),
    path("local/<slug:slug>/<slug:kind>/add/", local_add, name="local_add"),
]
