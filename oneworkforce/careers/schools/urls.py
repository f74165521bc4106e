from django.urls import path

from . import views

urlpatterns = [
    path("", views.coverage, name="schools"),
    path("ambassadors/add", views.ambassador_add, name="ambassador_add"),
    path("visits/add", views.visit_add, name="visit_add"),
    path("import", views.schools_import, name="schools_import"),
]
