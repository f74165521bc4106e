"""Load the demo partnership (idempotent). The work is done by ``oneworkforce.partners.demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from oneworkforce import published_data
from oneworkforce.partners import demo


class Command(BaseCommand):
    help = (
        "Load the demonstration partnership: one ICS's real NHS organisations from NHS England's "
        "published turnover file, plus invented partners, frameworks and one person per role. "
        "Safe to run again: it changes nothing the second time."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--ics",
            default=demo.DEFAULT_ICS,
            metavar="CODE",
            help=f"ICS code from the file (default {demo.DEFAULT_ICS}, West Yorkshire)",
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=published_data.DATA_DIR,
            help=(
                f"folder holding {published_data.TURNOVER_FOLDER}/*.csv and "
                f"{published_data.SICKNESS_FOLDER}/*.csv (default: the repository's data/)"
            ),
        )
        parser.add_argument("--quiet", action="store_true", help="print nothing on success")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = demo.load_all(data_dir=options["data_dir"], ics_code=options["ics"])
        except demo.DemoDataError as error:
            raise CommandError(str(error)) from None
        if options["quiet"]:
            return
        first, *rest = summary.lines()
        self.stdout.write(self.style.SUCCESS(first))
        for line in rest:
            self.stdout.write(line)
