from django.apps import AppConfig

from oneworkforce.core import home as core_home


class DecisionsConfig(AppConfig):
    name = "oneworkforce.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
        from .home import tasks as home_tasks  # late: it imports models

        core_home.register(home_tasks)
