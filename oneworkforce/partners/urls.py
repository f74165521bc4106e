"""The partnership's routes, one ``urls.py`` per sub-domain, under the ``partners`` namespace."""

from django.urls import include, path

app_name = "partners"

urlpatterns = [
    path("", include("oneworkforce.partners.registry.urls")),
    path("", include("oneworkforce.partners.accounts.urls")),
    path("", include("oneworkforce.partners.manage.urls")),
]
