"""``manage.py import_schools FILE``: schools and colleges from the Get Information About Schools
CSV extract (see careers/schools/gias.py for the columns read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from oneworkforce.careers.schools.gias import SchoolFileError
from oneworkforce.careers.schools.services import schools_import


class Command(BaseCommand):
    help = (
        "Add or update schools and colleges from the Department for Education's Get "
        "Information About Schools CSV extract, matched by URN. The whole file is checked "
        "first; a fault is named with its line and nothing is written."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = schools_import(data=path.read_bytes(), source=path.name)
        except SchoolFileError as error:
            raise CommandError(
                f"{path.name}: nothing imported:\n" + "\n".join(error.problems)
            ) from None
        self.stdout.write(
            f"{path.name}: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.in_scope} secondary schools and colleges"
        )
