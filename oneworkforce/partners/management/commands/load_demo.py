"""Load the demo partnership (idempotent). See ``oneworkforce.partners.demo``."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from oneworkforce.partners import demo


class Command(BaseCommand):
    help = "Load the demo partnership: one ICS's real NHS organisations plus invented partners."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--ics", default=demo.DEFAULT_ICS, help="ICS code (default QWO, West Yorkshire)"
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="folder holding real/nhs_workforce/turnover/*.csv",
        )

    def _load_other_apps(self) -> list[str]:
        """Each other app may add demo records with a ``demo.load()`` that returns a summary."""
        lines = []
        for config in apps.get_app_configs():
            if (
                not config.name.startswith("oneworkforce.")
                or config.name == "oneworkforce.partners"
            ):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            lines.append(module.load())
        return lines

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = demo.load(data_dir=options["data_dir"], ics_code=options["ics"])
        except demo.DemoDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo partnership for {summary.ics_name} ({summary.ics_code}): "
                f"{summary.real} NHS organisations from the published data, "
                f"{summary.invented} invented partners with {summary.sites} sites, "
                f"{summary.signatories} framework signatures."
            )
        )
        for line in self._load_other_apps():
            self.stdout.write(line)
        self.stdout.write(
            "Demo people (sign in at /accounts/sign-in/; the link is printed on this console):"
        )
        for email, name in summary.people:
            self.stdout.write(f"  {email:<42} {name}")
