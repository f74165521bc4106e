from django.urls import include, path

from oneworkforce.config.api import api

urlpatterns = [
    path("", include("oneworkforce.core.urls")),
    path("", include("oneworkforce.careers.urls")),
    path("", include("oneworkforce.partners.urls")),
    path("decisions/", include("oneworkforce.decisions.urls")),
    path("intelligence/", include("oneworkforce.intelligence.urls")),
    path("learning/", include("oneworkforce.learning.urls")),
    path("deployments/", include("oneworkforce.deployments.urls")),
    path("talent/", include("oneworkforce.talent.urls")),
    path("placements/", include("oneworkforce.placements.urls")),
    path("api/v1/", api.urls),
]

handler400 = "oneworkforce.core.views.bad_request"
handler403 = "oneworkforce.core.views.permission_denied"
handler404 = "oneworkforce.core.views.page_not_found"
handler500 = "oneworkforce.core.views.server_error"
