from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "oneworkforce.talent"
    label = "talent"
    verbose_name = "Talent hub"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import jobs  # noqa: F401  (registers the talent hub's jobs)
        from .screening_bank import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
