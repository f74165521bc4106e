from django.urls import path

from . import views

CPD = "my/cpd/"

urlpatterns = [
    path(CPD, views.log, name="cpd"),
    path(CPD + "new", views.entry_add, name="cpd_entry_add"),
    path(CPD + "<int:pk>/edit", views.entry_edit, name="cpd_entry_edit"),
    path(CPD + "<int:pk>/delete", views.entry_delete, name="cpd_entry_delete"),
    path(CPD + "reflections/new", views.reflection_add, name="cpd_reflection_add"),
    path(CPD + "reflections/<int:pk>/", views.reflection_edit, name="cpd_reflection_edit"),
    path(CPD + "revalidation", views.revalidation, name="cpd_revalidation"),
    path(CPD + "revalidation.pdf", views.revalidation_pdf, name="cpd_revalidation_pdf"),
    path(CPD + "cpd-log.csv", views.log_csv, name="cpd_csv"),
]
