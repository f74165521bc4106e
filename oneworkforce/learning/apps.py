from django.apps import AppConfig
from django.db.models.signals import post_migrate

from oneworkforce.core import home as core_home


class LearningConfig(AppConfig):
    name = "oneworkforce.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
        from .home import tasks as home_tasks  # late: it imports models
        from .reference import sync_after_migrate  # late: it imports models
        from .workforce import stored  # late: it imports models

        stored.connect()

        post_migrate.connect(sync_after_migrate, sender=self)
        core_home.register(home_tasks)
