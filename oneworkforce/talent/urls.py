from django.urls import path

from . import casework_views, outcomes_views, outreach_views, pipeline_views, views

app_name = "talent"

urlpatterns = [
    path("", views.home, name="home"),
]
urlpatterns += outreach_views.urlpatterns
urlpatterns += casework_views.urlpatterns
urlpatterns += pipeline_views.urlpatterns
urlpatterns += outcomes_views.urlpatterns
