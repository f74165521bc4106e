from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path(
        MANAGE + "sessions/<int:pk>/materials",
        views.session_materials,
        name="session_materials",
    ),
    path(
        MANAGE + "sessions/<int:pk>/materials/remove",
        views.material_remove,
        name="material_remove",
    ),
    path("materials/<int:pk>/file", views.material_file, name="material_file"),
]
