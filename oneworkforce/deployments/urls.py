from django.urls import path

from . import apprenticeship_views, employ_views, views

app_name = "deployments"

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
urlpatterns += apprenticeship_views.urlpatterns
urlpatterns += employ_views.urlpatterns
