"""``manage.py import_learning_environments FILE --as EMAIL [--partner SLUG]``: learning
environments from the CSV file described in docs/placements.md, added as the named person (a
placements coordinator, or an admin of the partner given with ``--partner``) and audited
under them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import Organisation, User
from oneworkforce.placements.environments.csvfile import EnvironmentsFileError
from oneworkforce.placements.environments.services import environments_import


class Command(BaseCommand):
    help = (
        "Add learning environments from a CSV file (docs/placements.md). Every line is checked "
        "first; each problem is named with its line and column and nothing is written."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--as", dest="email", required=True, help="the e-mail of the person adding them"
        )
        parser.add_argument(
            "--partner", help="the partner's slug, when the file is for one partner only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if actor is None:
            raise CommandError(f"No active account has the e-mail {options['email']}")
        organisation = None
        if options["partner"]:
            organisation = Organisation.objects.filter(slug=options["partner"]).first()
            if organisation is None:
                raise CommandError(f"No partner has the slug {options['partner']}")
        try:
            made = environments_import(
                actor=actor, data=path.read_bytes(), organisation=organisation
            )
        except EnvironmentsFileError as error:
            raise CommandError(
                f"{path.name}: nothing imported:\n" + "\n".join(error.problems)
            ) from None
        except ServiceError as error:
            raise CommandError(f"{path.name}: nothing imported: {error.message}") from None
        self.stdout.write(f"{path.name}: {len(made)} learning environment(s) added")
