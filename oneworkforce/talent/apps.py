from django.apps import AppConfig
from django.db.models.signals import post_migrate

from oneworkforce.core import home as core_home


class TalentConfig(AppConfig):
    name = "oneworkforce.talent"
    label = "talent"
    verbose_name = "Talent hub"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (late: registers the jobs; they import models)
        from .home import tasks as home_tasks  # late: it imports models
        from .screening_bank import sync_after_migrate  # late: it imports models

        post_migrate.connect(sync_after_migrate, sender=self)
        core_home.register(home_tasks)
