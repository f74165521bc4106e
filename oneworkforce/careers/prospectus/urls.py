from django.urls import path

from . import views

urlpatterns = [
    path("prospectus/", views.prospectus, name="prospectus"),
    path("prospectus.pdf", views.prospectus_download, name="prospectus_pdf"),
    path("prospectus/edit", views.prospectus_edit, name="prospectus_edit"),
    path("prospectus/photos/", views.prospectus_photos, name="prospectus_photos"),
    path("prospectus/photos/<int:pk>.jpg", views.prospectus_photo, name="prospectus_photo"),
    path(
        "prospectus/photos/<int:pk>/edit", views.prospectus_photo_edit, name="prospectus_photo_edit"
    ),
    path(
        "prospectus/photos/<int:pk>/move", views.prospectus_photo_move, name="prospectus_photo_move"
    ),
    path(
        "prospectus/photos/<int:pk>/remove",
        views.prospectus_photo_remove,
        name="prospectus_photo_remove",
    ),
]
