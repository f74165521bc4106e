"""``oneworkforce rotations allocate INPUT.json --out OUTPUT.json`` and
``oneworkforce rotations check INPUT.json PLAN.json``.

``allocate`` places every apprentice in every block of the plan (CP-SAT), or in one block by
deferred acceptance (``--block N``), writes the result with an explanation for everyone and
prints a short summary. ``check`` re-checks a plan, with the input's overrides applied, against
every hard rule. Exit codes: 0 done (``check``: no rule broken), 1 ``check`` found broken
rules, 2 bad input or options, 3 no plan is possible, 4 no plan found within the limits.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from .checks import apply_overrides, check_plan
from .deferred import allocate_block
from .explain import ordinal
from .json_io import choice_summary, load_assignment, read_problem, write_allocation
from .model import Problem, RotationInputError
from .plan import allocate_plan
from .result import Allocation

BAD_INPUT, NO_PLAN, NOT_FOUND, BROKEN_RULES = 2, 3, 4, 1


def _error(message: str, details: list[str] | tuple[str, ...] = ()) -> None:
    print(f"error: {message}", file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)


def _read(path: str) -> Problem | None:
    try:
        return read_problem(path)
    except OSError as error:
        _error(f"cannot read {path}: {error.strerror or error}")
    except RotationInputError as error:
        _error(f"{Path(path).name}: the input is not valid:", error.messages)
    return None


def _percent(value: float) -> str:
    return f"{value:.1%}"


def summary(problem: Problem, allocation: Allocation) -> list[str]:
    """The lines printed after a successful allocation."""
    people = len(problem.apprentices)
    if allocation.method == "block":
        block = allocation.blocks[0]
        lines = [
            f"Block {block} of {len(problem.blocks)}, {people} apprentices: deferred acceptance"
            f" (seed {allocation.seed}), {allocation.status}",
            f"Placed {len(allocation.assignment)} of {people}",
        ]
    else:
        lines = [
            f"Plan of {len(problem.blocks)} block(s), {people} apprentices: CP-SAT"
            f" (seed {allocation.seed}), {allocation.status}"
            + (
                ""
                if allocation.stopped_by == "finished"
                else f", stopped by the {_limit(allocation)}"
            )
        ]
    objective, bound, gap = allocation.objective, allocation.best_bound, allocation.gap
    if objective is not None:
        worst = f"Worst-off apprentice's cost {objective.worst}"
        total = f"total cost {objective.total:,}"
        if bound is not None and gap is not None:
            worst += f" (bound {bound.worst}, gap {_percent(gap[0])})"
            total += f" (bound {bound.total:,}, gap {_percent(gap[1])})"
        lines.append(f"{worst}; {total}")
    counts = choice_summary(problem, allocation)
    parts = [f"{ordinal(int(k))} {v}" for k, v in counts.items() if k.isdigit() and int(k) <= 3]
    lower = sum(v for k, v in counts.items() if k.isdigit() and int(k) > 3)
    parts += [f"4th or lower {lower}", f"not ranked {counts['unranked']}"]
    if counts["none"]:
        parts.append(f"no placement {counts['none']}")
    lines.append(f"Choices over {sum(counts.values()):,} placements: {', '.join(parts)}")
    return lines


def _limit(allocation: Allocation) -> str:
    return "work limit" if allocation.stopped_by == "work_limit" else "time limit"


def _allocate(args: argparse.Namespace) -> int:
    method = args.method or ("block" if args.block is not None else "plan")
    if method == "block" and args.block is None:
        _error("--method block needs --block N (the block to allocate)")
        return BAD_INPUT
    if method == "plan" and args.block is not None:
        _error("--block is for --method block; a plan allocates every block")
        return BAD_INPUT
    if args.seed is not None and args.seed < 0:
        _error("--seed must be 0 or more")
        return BAD_INPUT
    if args.time_limit <= 0 or (args.work_limit is not None and args.work_limit <= 0):
        _error("--time-limit and --work-limit must be above 0")
        return BAD_INPUT
    if args.workers < 1:
        _error("--workers must be 1 or more")
        return BAD_INPUT
    problem = _read(args.file)
    if problem is None:
        return BAD_INPUT
    if args.seed is not None:
        problem = dataclasses.replace(problem, seed=args.seed)
    if method == "block":
        if not 1 <= args.block <= len(problem.blocks):
            _error(f"--block must be from 1 to {len(problem.blocks)}, not {args.block}")
            return BAD_INPUT
        allocation = allocate_block(problem, args.block)
    else:
        allocation = allocate_plan(
            problem,
            time_limit=args.time_limit,
            work_limit=args.work_limit,
            workers=args.workers,
        )
    if args.out:
        try:
            write_allocation(args.out, problem, allocation)
        except OSError as error:
            _error(f"cannot write {args.out}: {error.strerror or error}")
            return BAD_INPUT
    if allocation.status == "INFEASIBLE":
        _error("no plan meets every rule:", allocation.problems)
        return NO_PLAN
    if not allocation.succeeded:
        _error(
            f"no plan found within the {_limit(allocation)}; try a longer --time-limit"
            + (" or --work-limit" if allocation.stopped_by == "work_limit" else "")
        )
        return NOT_FOUND
    for line in summary(problem, allocation):
        print(line)
    if args.out:
        print(f"Wrote {args.out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    problem = _read(args.file)
    if problem is None:
        return BAD_INPUT
    try:
        data = json.loads(Path(args.plan).read_text(encoding="utf-8"))
        assignment = load_assignment(data, problem)
    except OSError as error:
        _error(f"cannot read {args.plan}: {error.strerror or error}")
        return BAD_INPUT
    except json.JSONDecodeError as error:
        _error(f"{Path(args.plan).name}: not valid JSON: {error.msg} (line {error.lineno})")
        return BAD_INPUT
    except RotationInputError as error:
        _error(f"{Path(args.plan).name}: the plan is not valid:", error.messages)
        return BAD_INPUT
    blocks = sorted({block for _, block in assignment}) if args.partial else None
    overrides = [o for o in problem.overrides if blocks is None or o.block in blocks]
    violations = check_plan(
        problem,
        apply_overrides(assignment, overrides),
        blocks=blocks,
        complete=not args.partial,
    )
    if not violations:
        print(f"The plan keeps every rule ({len(overrides)} override(s) applied)")
        return 0
    print(f"The plan breaks {len(violations)} rule(s):")
    for violation in violations:
        print(f"  {violation.message}")
    return BROKEN_RULES


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rotations",
        help="allocate apprentices' rotational placements (see docs/rotations.md)",
        description=__doc__.split("\n\n")[1].replace("``", "") if __doc__ else None,
    )
    commands = parser.add_subparsers(dest="rotations_command", metavar="COMMAND", required=True)
    allocate = commands.add_parser(
        "allocate", help="place every apprentice in every block, with explanations"
    )
    allocate.add_argument("file", help="input file (JSON; see docs/rotations.md)")
    allocate.add_argument("--out", help="write the result (JSON) to this file")
    allocate.add_argument(
        "--method",
        choices=("plan", "block"),
        help="plan: every block by CP-SAT (default); block: one block by deferred acceptance",
    )
    allocate.add_argument("--block", type=int, help="the block for --method block (from 1)")
    allocate.add_argument("--seed", type=int, help="seed for the lottery and the solver")
    allocate.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds for the plan (default 60)"
    )
    allocate.add_argument(
        "--work-limit",
        type=float,
        help="CP-SAT deterministic time for the plan: a stop that repeats exactly",
    )
    allocate.add_argument("--workers", type=int, default=1, help="CP-SAT workers (default 1)")
    allocate.set_defaults(handler=_allocate)
    check = commands.add_parser(
        "check", help="check a plan, with the input's overrides applied, against every rule"
    )
    check.add_argument("file", help="input file (JSON)")
    check.add_argument("plan", help="a plan in the output format (JSON)")
    check.add_argument(
        "--partial",
        action="store_true",
        help="only the blocks the plan covers, and allow apprentices without a placement",
    )
    check.set_defaults(handler=_check)
