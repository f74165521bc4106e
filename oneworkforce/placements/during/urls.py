from django.urls import path

from . import views

urlpatterns = [
    path("placements/<int:pk>/hours/", views.hours_add, name="hours_add"),
    path("hours/<int:pk>/confirm/", views.hours_confirm, name="hours_confirm"),
    path("placements/<int:pk>/concern/", views.concern_add, name="concern_add"),
    path("placements/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
]
