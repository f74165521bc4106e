"""``oneworkforce budget FILE.pb --rule greedy|equal-shares|phragmen [--completion add1]``."""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from typing import Any

from .pabulib import PabulibError, read
from .rules import Outcome, run


def _number(value: Fraction) -> int | float | str:
    if value.denominator == 1:
        return value.numerator
    return float(value)


def as_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "rule": outcome.rule,
        "completion": outcome.completion,
        "budget": _number(outcome.budget),
        "selected": outcome.selected,
        "total_cost": _number(outcome.total_cost),
        "budget_per_voter": _number(outcome.budget_per_voter) if outcome.budget_per_voter else None,
        "projects": [
            {
                "id": r.id,
                "cost": _number(r.cost),
                "supporters": _number(r.supporters),
                "funded": r.funded,
                "round": r.round,
                "price_per_supporter": _number(r.price_per_supporter)
                if r.price_per_supporter is not None
                else None,
                "explanation": r.reason,
            }
            for r in sorted(
                outcome.results.values(), key=lambda r: (not r.funded, r.round or 0, r.id)
            )
        ],
    }


def _handle(args: argparse.Namespace) -> int:
    try:
        election = read(args.file)
    except (OSError, PabulibError) as error:
        # The file cannot be used as given (missing, damaged, or disagreeing with its own
        # META): status 2, as for any other input the command refuses.
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        outcome = run(
            election, args.rule, completion=args.completion, satisfaction=args.satisfaction
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(outcome), indent=2, ensure_ascii=False))
        return 0
    label = outcome.rule + (f" with {outcome.completion} completion" if outcome.completion else "")
    print(f"{args.file}: {label}")
    print(f"Selected ({len(outcome.selected)}): {' '.join(outcome.selected)}")
    print(f"Total cost: {_number(outcome.total_cost)} of {_number(outcome.budget)}")
    for result in sorted(
        outcome.results.values(), key=lambda r: (not r.funded, r.round or 0, r.id)
    ):
        print(f"  {result.id:>8}  {result.reason}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "budget", help="decide a participatory budget from a pabulib .pb file"
    )
    parser.add_argument("file", help="election in the pabulib .pb format")
    parser.add_argument(
        "--rule", choices=["greedy", "equal-shares", "phragmen"], default="equal-shares"
    )
    parser.add_argument(
        "--completion",
        choices=["add1", "add1-greedy"],
        default=None,
        help="equal shares only: raise voters' budgets one unit at a time",
    )
    parser.add_argument("--satisfaction", choices=["cost", "points"], default="cost")
    parser.add_argument(
        "--json", action="store_true", help="print JSON (selected, total_cost, ...)"
    )
    parser.set_defaults(handler=_handle)
