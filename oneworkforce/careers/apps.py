from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "oneworkforce.careers"
    label = "careers"
    verbose_name = "Careers"
