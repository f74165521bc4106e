from django.urls import path

from . import views

urlpatterns = [
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
