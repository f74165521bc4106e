"""Run every due job once. Safe to run every few minutes, twice, or concurrently."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from oneworkforce.core.jobs import JOBS


def _load_jobs() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("oneworkforce."):
            try:
                importlib.import_module(f"{config.name}.jobs")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.jobs":
                    raise


class Command(BaseCommand):
    help = "Run the scheduled work that is due (lapsed offers, reminders, clean-up)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--only", action="append", default=[], help="run only this job")
        parser.add_argument("--list", action="store_true", help="list the jobs and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        _load_jobs()
        if options["list"]:
            for job in sorted(JOBS.values(), key=lambda j: j.name):
                self.stdout.write(f"{job.name}: {job.description}")
            return
        unknown = sorted(set(options["only"]) - set(JOBS))
        if unknown:
            raise CommandError(
                f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(sorted(JOBS))}"
            )
        now = timezone.now()
        for name in sorted(options["only"] or JOBS):
            done = JOBS[name].run(now)
            self.stdout.write(f"{name}: {done}")
