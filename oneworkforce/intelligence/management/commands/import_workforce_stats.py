"""``manage.py import_workforce_stats --kind turnover|sickness|nationality FILE [FILE ...]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from oneworkforce.intelligence.statistics import nhs_files
from oneworkforce.intelligence.statistics import services as importing


def _estimated_rows(kind: str, path: Path) -> int | None:
    if kind == "nationality":
        return None
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


class Command(BaseCommand):
    help = (
        "Import NHS England's published workforce statistics: the monthly turnover benchmarking "
        "CSV, a monthly sickness absence CSV, or the staff-by-nationality workbook. Each file is "
        "checked whole before anything is written; figures for a period and organisation already "
        "held are replaced, so importing a file twice changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kind", required=True, choices=sorted(nhs_files.READERS))
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        quiet = options["quiet"]
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            bar = tqdm(
                total=_estimated_rows(kind, path),
                unit=" rows",
                desc=path.name[:40],
                disable=quiet,
                file=sys.stderr,
                leave=False,
            )
            try:
                with bar:
                    batch = importing.import_file(kind, path, progress=bar.update)
            except nhs_files.FileError as error:
                raise CommandError(
                    f"{error.name}: nothing was imported.\n  " + "\n  ".join(error.messages)
                ) from None
            if not quiet:
                self.stdout.write(
                    f"{batch.file_name}: {batch.rows} rows, {batch.records_created} figures "
                    f"({batch.records_replaced} replaced) for "
                    f"{', '.join(batch.periods)}; SHA-256 {batch.sha256[:12]}…"
                )
