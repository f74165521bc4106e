from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "oneworkforce.decisions"
    label = "decisions"
    verbose_name = "Decisions"
