from django.apps import AppConfig

from oneworkforce.core import home as core_home


class PartnersConfig(AppConfig):
    name = "oneworkforce.partners"
    label = "partners"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from .home import tasks as home_tasks  # late: it imports models

        core_home.register(home_tasks)
