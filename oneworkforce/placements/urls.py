"""The placements app's routes, one ``urls.py`` per sub-domain, under the ``placements``
namespace."""

from django.urls import include, path

app_name = "placements"

urlpatterns = [
    path("", include("oneworkforce.placements.allocation.urls")),
    path("", include("oneworkforce.placements.environments.urls")),
    path("", include("oneworkforce.placements.demand.urls")),
    path("", include("oneworkforce.placements.during.urls")),
    path("", include("oneworkforce.placements.capacity.urls")),
]
