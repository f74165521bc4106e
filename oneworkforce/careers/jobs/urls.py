from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="jobs"),
    path("feed.atom", views.feed, name="jobs_feed"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/apply", views.apply, name="apply"),
    path("<int:pk>/applied", views.applied, name="applied"),
]
