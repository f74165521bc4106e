from django.urls import path

from . import views

urlpatterns = [
    path("needs/", views.needs, name="needs"),
    path("needs/add/", views.need_add, name="need_add"),
    path("themes/", views.themes, name="themes"),
]
