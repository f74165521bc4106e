from django.apps import AppConfig

from oneworkforce.core import home as core_home


class PlacementsConfig(AppConfig):
    name = "oneworkforce.placements"
    label = "placements"
    verbose_name = "Placements"

    def ready(self) -> None:
        from .home import tasks as home_tasks  # late: it imports models

        core_home.register(home_tasks)
