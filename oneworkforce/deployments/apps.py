from django.apps import AppConfig

from oneworkforce.core import home as core_home


class DeploymentsConfig(AppConfig):
    name = "oneworkforce.deployments"
    label = "deployments"
    verbose_name = "Deployments and apprenticeships"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
        from .home import tasks as home_tasks  # late: it imports models

        core_home.register(home_tasks)
