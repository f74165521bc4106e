"""The learning app's routes, one ``urls.py`` per sub-domain, under the ``learning`` namespace."""

from django.urls import include, path

app_name = "learning"

urlpatterns = [
    path("", include("oneworkforce.learning.catalogue.urls")),
    path("", include("oneworkforce.learning.bookings.urls")),
    path("", include("oneworkforce.learning.records.urls")),
    path("", include("oneworkforce.learning.workforce.urls")),
    path("", include("oneworkforce.learning.programmes.urls")),
    path("", include("oneworkforce.learning.materials.urls")),
    path("", include("oneworkforce.learning.cpd.urls")),
    path("", include("oneworkforce.learning.evaluations.urls")),
]
