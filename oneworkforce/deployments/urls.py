from django.urls import path

from . import apprenticeship_views, employ_views, views

app_name = "deployments"

urlpatterns = [
    path("", views.home, name="home"),
]
urlpatterns += apprenticeship_views.urlpatterns
urlpatterns += employ_views.urlpatterns
