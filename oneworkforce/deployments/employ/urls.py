"""Employ-and-deploy pages, under ``/deployments/employ/``."""

from django.urls import URLPattern, path

from .views import agreement, agreement_add, agreements, post_add, report, staff_add, staff_end

urlpatterns: list[URLPattern] = [
    path("employ/", agreements, name="employ_agreements"),
    path("employ/new/", agreement_add, name="employ_agreement_add"),
    path("employ/<slug:slug>/", agreement, name="employ_agreement"),
    path("employ/<slug:slug>/pcn/<slug:pcn>/", report, name="employ_report"),
    path("employ/<slug:slug>/posts/add/", post_add, name="employ_post_add"),
    path("employ/<slug:slug>/staff/add/", staff_add, name="employ_staff_add"),
    path("employ/<slug:slug>/staff/<int:pk>/end/", staff_end, name="employ_staff_end"),
]
