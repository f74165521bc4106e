from django.apps import AppConfig


class DeploymentsConfig(AppConfig):
    name = "oneworkforce.deployments"
    label = "deployments"
    verbose_name = "Deployments and apprenticeships"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
