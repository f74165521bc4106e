"""The section's home and the staff portability pages, under ``/deployments/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("portability/", views.deployments, name="deployments"),
    path("portability/new", views.need_raise, name="need_raise"),
    path("portability/offer", views.offer, name="offer"),
    path("portability/report", views.report, name="report"),
    path("portability/<int:pk>/", views.deployment, name="deployment"),
    path("portability/<int:pk>/offer", views.propose, name="propose"),
    path("portability/<int:pk>/consent", views.consent, name="consent"),
    path("portability/<int:pk>/accept", views.accept, name="accept"),
    path("portability/<int:pk>/checks", views.attest, name="attest"),
    path("portability/<int:pk>/start", views.activate, name="activate"),
    path("portability/<int:pk>/close", views.close, name="close"),
]
