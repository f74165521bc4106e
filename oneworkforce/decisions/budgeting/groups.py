"""Voters grouped by identical ballots, with each group's satisfaction from each project."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .model import Election

# Whole numbers are kept as ``int``: exact like Fraction, and much faster to add and compare.
Exact = int | Fraction


def plain(value: Fraction) -> Exact:
    return value.numerator if value.denominator == 1 else value


@dataclass
class Group:
    shares: Exact  # number of voters (sum of weights) with this ballot
    utility: dict[str, Exact]
    voter_ids: list[str]


def group_ballots(election: Election, satisfaction: str) -> list[Group]:
    if satisfaction not in ("cost", "points"):
        raise ValueError(f"unknown satisfaction {satisfaction!r}: use 'cost' or 'points'")
    kind = election.vote_type
    # Identical ballots (same projects, order where it matters, points and weight) form a group.
    grouped: dict[tuple[object, ...], tuple[Fraction, list[str], tuple[str, ...], object]] = {}
    for ballot in election.ballots:
        order: tuple[str, ...] = (
            ballot.projects
            if kind == "ordinal" or ballot.points
            else tuple(sorted(ballot.projects))
        )
        key = (ballot.weight.numerator, ballot.weight.denominator, order, ballot.points)
        entry = grouped.get(key)
        if entry is None:
            grouped[key] = (ballot.weight, [ballot.voter_id], order, ballot.points)
        else:
            entry[1].append(ballot.voter_id)
    costs = {p: plain(project.cost) for p, project in election.projects.items()}
    groups: list[Group] = []
    for weight, voter_ids, order, points in grouped.values():
        utility: dict[str, Exact] = {}
        for index, project_id in enumerate(order):
            value: Exact
            if satisfaction == "cost":
                value = costs[project_id]
                if points is not None and points[index] == 0:  # type: ignore[index]
                    value = 0
            elif points is not None:
                value = plain(points[index])  # type: ignore[index]
            elif kind == "ordinal":
                value = len(order) - index
            else:
                value = 1
            if value > 0:
                utility[project_id] = value
        groups.append(
            Group(shares=plain(weight * len(voter_ids)), utility=utility, voter_ids=voter_ids)
        )
    return groups


def support(election: Election, groups: list[Group]) -> dict[str, Fraction]:
    total: dict[str, Exact] = dict.fromkeys(election.projects, 0)
    for group in groups:
        for project_id in group.utility:
            total[project_id] += group.shares
    return {p: Fraction(v) for p, v in total.items()}
