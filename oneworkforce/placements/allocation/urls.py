from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("blocks/<int:pk>/", views.block, name="block"),
    path("placements/<int:pk>/", views.placement, name="placement"),
    path("placements/<int:pk>/confirm/", views.placement_confirm, name="placement_confirm"),
    path("placements/<int:pk>/change/", views.placement_change, name="placement_change"),
    path("placements/<int:pk>/cancel/", views.placement_cancel, name="placement_cancel"),
]
