from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LearningConfig(AppConfig):
    name = "oneworkforce.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
        from .reference import sync_after_migrate  # late: it imports models

        post_migrate.connect(sync_after_migrate, sender=self)
