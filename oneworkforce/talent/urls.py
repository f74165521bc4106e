"""The talent hub's routes: the front page here, each part's in its own ``urls.py``."""

from django.urls import include, path

from . import views

app_name = "talent"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("oneworkforce.talent.outreach.urls")),
    path("", include("oneworkforce.talent.casework.urls")),
    path("", include("oneworkforce.talent.pipeline.urls")),
    path("", include("oneworkforce.talent.board.urls")),
    path("", include("oneworkforce.talent.outcomes.urls")),
]
