"""Budgeting rules on the largest shared election (Wieliczka Green Budget 2023: 6,586 voters,
64 projects) against pabutools in the same run, and equal shares with add-one completion on a
generated approval election of 100,000 voters and 100 projects.

Peer: pabutools (a test and benchmark dependency only). Every outcome is checked equal to the
peer's before its time is printed.
"""

from __future__ import annotations

from bench.generated_election import approval_election
from bench.harness import measure, ratio
from oneworkforce import published_data
from oneworkforce.decisions import budgeting

NAME = "budgeting"
WIELICZKA = published_data.election("Poland_Wieliczka_2023_Green_Budget.pb")


def setup() -> None:
    pass


def _peer(rule: str):  # type: ignore[no-untyped-def]
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    instance, profile = parse_pabulib(str(WIELICZKA))
    calls = {
        "greedy": lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat),
        "equal shares": lambda: method_of_equal_shares(instance, profile, sat_class=Cost_Sat),
        "equal shares + add1": lambda: method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
        ),
        "sequential Phragmén": lambda: sequential_phragmen(instance, profile),
    }
    return calls[rule]


def run() -> list[str]:
    election = budgeting.read(WIELICZKA)
    ours = {
        "greedy": lambda: budgeting.greedy(election),
        "equal shares": lambda: budgeting.equal_shares(election),
        "equal shares + add1": lambda: budgeting.equal_shares(election, completion="add1"),
        "sequential Phragmén": lambda: budgeting.phragmen(election),
    }
    lines = []
    for rule, action in ours.items():
        peer = _peer(rule)
        same = sorted(action().selected) == sorted(p.name for p in peer())
        if not same:
            raise AssertionError(f"{rule}: outcome differs from pabutools")
        slow_peer = rule == "equal shares + add1"
        mine = measure(f"One Workforce: {rule}", action, runs=5 if slow_peer else 15, warmup=1)
        theirs = measure(f"pabutools:     {rule}", peer, runs=1 if slow_peer else 3, warmup=0)
        lines += [mine.row(), theirs.row(), ratio(f"pabutools / ours ({rule})", theirs, mine)]

    generated = approval_election(100_000, 100, seed=1)
    big = measure(
        "generated 100,000 voters x 100 projects: equal shares + add1",
        lambda: budgeting.equal_shares(generated, completion="add1"),
        runs=3,
        warmup=0,
    )
    lines.append(big.row())
    return lines
