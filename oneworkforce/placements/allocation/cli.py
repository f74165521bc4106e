"""``oneworkforce placements allocate FILE.json``: one block's placements from a JSON file
(``docs/placements.md``), without Django."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import engine, jsonio


def _allocate(args: argparse.Namespace) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    try:
        data = jsonio.loads(text)
    except jsonio.PlacementInputError as error:
        for message in error.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2
    result = engine.allocate(data, time_limit=args.time_limit, work_limit=args.work_limit)
    answer = json.dumps(jsonio.result_as_json(result), indent=2)
    if args.output:
        Path(args.output).write_text(answer + "\n", encoding="utf-8")
    else:
        print(answer)
    print(
        f"{len(result.placed)} placed, {len(result.unmet)} not placed; {result.status}"
        f" (worst {result.worst}, bound {result.worst_bound}; total {result.total},"
        f" bound {result.total_bound})",
        file=sys.stderr,
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    placements = subparsers.add_parser("placements", help="students' placements")
    commands = placements.add_subparsers(dest="placements_command", metavar="COMMAND")
    allocate = commands.add_parser(
        "allocate", help="allocate one block's students from a JSON file (docs/placements.md)"
    )
    allocate.add_argument("file", help="the block as JSON")
    allocate.add_argument("--output", help="write the allocation here instead of printing it")
    allocate.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    allocate.add_argument(
        "--work-limit",
        type=float,
        default=None,
        help="CP-SAT deterministic time, for repeatable runs",
    )
    allocate.set_defaults(handler=_allocate)
    placements.set_defaults(handler=lambda args: placements.print_help() or 2)
