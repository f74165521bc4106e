from django.urls import path

from . import views

urlpatterns = [
    path("blocks/", views.blocks, name="blocks"),
    path("partners/<slug:slug>/programmes/add/", views.programme_add, name="programme_add"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/requests/add/", views.request_add, name="request_add"),
    path("programmes/<int:pk>/students/", views.students_import, name="students_import"),
]
