from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "oneworkforce.placements"
    label = "placements"
    verbose_name = "Placements"
