from django.urls import include, path

app_name = "intelligence"

urlpatterns = [
    path("", include("oneworkforce.intelligence.statistics.urls")),
    path("", include("oneworkforce.intelligence.scenarios.urls")),
    path("", include("oneworkforce.intelligence.local.urls")),
]
