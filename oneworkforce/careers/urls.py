"""The careers app's routes under the ``careers`` namespace: the front door at ``/``, careers
and the prospectus under ``/careers/``, the job board under ``/jobs/``."""

from django.urls import include, path

app_name = "careers"

urlpatterns = [
    path("", include("oneworkforce.careers.front.urls")),
    path("careers/schools/", include("oneworkforce.careers.schools.urls")),
    path("careers/figures/", include("oneworkforce.careers.figures.urls")),
    path("careers/", include("oneworkforce.careers.prospectus.urls")),
    path("careers/", include("oneworkforce.careers.pathways.urls")),
    path("jobs/", include("oneworkforce.careers.jobs.urls")),
]
