"""``manage.py import_postcodes FILE [--replace]``: load postcode locations (docs/postcodes.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from oneworkforce.core import geo, geography

STAGES = {"check": "checking", "write": "writing"}


class Command(BaseCommand):
    help = (
        "Load postcode locations from the ONS Postcode Directory (or the National Statistics "
        "Postcode Lookup) CSV, or from a CSV with the columns postcode,latitude,longitude "
        "(postcode districts such as LS1 allowed). The whole file is checked before anything is "
        "written; postcodes already held are updated, so importing a file twice changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remove every location held before (from any file), in the same transaction",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        quiet: bool = options["quiet"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        size = path.stat().st_size
        bars: dict[str, Any] = {}

        def progress(stage: str, done: int) -> None:
            if stage not in bars:
                for bar in bars.values():
                    bar.close()
                bars[stage] = tqdm(
                    total=size,
                    unit="B",
                    unit_scale=True,
                    desc=f"{STAGES.get(stage, stage)} {path.name[:30]}",
                    disable=quiet,
                    file=sys.stderr,
                    leave=False,
                )
            bars[stage].update(done)

        try:
            result = geography.postcode_locations_import(
                path=path, replace=options["replace"], progress=progress
            )
        except geo.PostcodeFileError as error:
            raise CommandError(
                f"{error.name}: nothing was imported.\n  " + "\n  ".join(error.messages)
            ) from None
        finally:
            for bar in bars.values():
                bar.close()
        if quiet:
            return
        summary = result.file
        parts = [
            f"{path.name} ({summary.layout}): {summary.locations} locations",
            f"{result.created} new, {result.updated} updated",
        ]
        if summary.districts:
            parts.append(f"{summary.districts} of them postcode districts")
        if result.removed:
            parts.append(f"{result.removed} held before removed")
        if summary.no_grid_reference:
            parts.append(f"{summary.no_grid_reference} rows without a grid reference skipped")
        if summary.terminated:
            parts.append(f"{summary.terminated} terminated postcodes kept")
        self.stdout.write("; ".join(parts))
