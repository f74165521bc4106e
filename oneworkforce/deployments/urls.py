"""The deployments section's routes, one module per sub-domain, all in the ``deployments``
namespace."""

from django.urls import include, path

app_name = "deployments"

urlpatterns = [
    path("", include("oneworkforce.deployments.portability.urls")),
    path("", include("oneworkforce.deployments.apprenticeships.urls")),
    path("", include("oneworkforce.deployments.employ.urls")),
]
