from django.urls import include, path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("oneworkforce.decisions.needs.urls")),
    path("", include("oneworkforce.decisions.proposals.urls")),
    path("", include("oneworkforce.decisions.rounds.urls")),
    path("", include("oneworkforce.decisions.initiatives.urls")),
]
