"""Routes of the partnership's register (names under the ``partners`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    # The partnership, open to everyone (the front door at / is the careers app's).
    path("partners/", views.directory, name="directory"),
    path("partners/<slug:slug>/", views.detail, name="detail"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/<slug:slug>/", views.framework, name="framework"),
    path("faculties/", views.faculties, name="faculties"),
    # Partner admins.
    path("partners/<slug:slug>/edit/", views.edit, name="edit"),
    path("partners/<slug:slug>/sites/add/", views.site_add, name="site_add"),
    path("partners/<slug:slug>/sites/<int:pk>/remove/", views.site_remove, name="site_remove"),
    path("frameworks/<slug:slug>/sign/", views.framework_sign, name="framework_sign"),
    path(
        "frameworks/<slug:slug>/signatories/<int:pk>/withdraw/",
        views.signatory_withdraw,
        name="signatory_withdraw",
    ),
    # Partnership admins.
    path("manage/partners/add/", views.organisation_add, name="organisation_add"),
    path("manage/faculties/add/", views.faculty_edit, name="faculty_add"),
    path("manage/faculties/<slug:slug>/edit/", views.faculty_edit, name="faculty_edit"),
    path("manage/frameworks/add/", views.framework_edit, name="framework_add"),
    path("frameworks/<slug:slug>/edit/", views.framework_edit, name="framework_edit"),
]
