from django.urls import path

from . import views

app_name = "intelligence"

urlpatterns = [
    path("", views.home, name="home"),
    path("turnover/", views.turnover, name="turnover"),
    path("sickness/", views.sickness, name="sickness"),
    path("organisations/<str:code>/", views.organisation, name="organisation"),
    path("data/", views.data, name="data"),
    path("data/import/", views.import_national, name="import_national"),
]

try:  # the local-data pages live in their own module
    from .local_views import urlpatterns as local_urlpatterns
except ImportError:  # pragma: no cover - until the module is written
    local_urlpatterns = []
urlpatterns += local_urlpatterns
