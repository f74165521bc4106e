"""The ``oneworkforce`` console command.

Sub-commands are registered by the modules listed in ``SUBCOMMAND_MODULES``: each has a
``register(subparsers)`` function that adds its parser and sets ``handler`` on it. Commands that
need the database go through Django (``oneworkforce manage ...``); pure tools (such as the
projection engine) run without Django.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from oneworkforce import __version__

SUBCOMMAND_MODULES: list[str] = [
    "oneworkforce.core.cli",
    "oneworkforce.decisions.budgeting.cli",
    "oneworkforce.deployments.rotations.cli",
    "oneworkforce.intelligence.projection.cli",
    "oneworkforce.placements.allocation.cli",
]


def _manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings.local")
    # start-up: only this command needs Django; the engine commands run without it
    from django.core.management import execute_from_command_line

    execute_from_command_line(["oneworkforce manage", *args.arguments])
    return 0


def _version(args: argparse.Namespace) -> int:
    print(f"One Workforce {__version__}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    version = subparsers.add_parser("version", help="print the version")
    version.set_defaults(handler=_version)
    manage = subparsers.add_parser(
        "manage",
        help="run a Django management command (migrate, load_demo, run_due_jobs, ...)",
        add_help=False,
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oneworkforce",
        description="One Workforce: software for health and care partnerships.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
