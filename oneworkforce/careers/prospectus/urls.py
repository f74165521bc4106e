from django.urls import path

from . import views

urlpatterns = [
    path("prospectus/", views.prospectus, name="prospectus"),
    path("prospectus.pdf", views.prospectus_download, name="prospectus_pdf"),
    path("prospectus/edit", views.prospectus_edit, name="prospectus_edit"),
]
