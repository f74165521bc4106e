"""Participatory budgeting: pabulib files and fair, explainable voting rules.

Pure Python (no Django), exact arithmetic with :class:`fractions.Fraction`::

    from oneworkforce.decisions import budgeting
    election = budgeting.read("Netherlands_Assen_2024.pb")
    outcome = budgeting.equal_shares(election, completion="add1")
    outcome.selected, outcome.total_cost
"""

from .model import Ballot, Election, Project
from .pabulib import PabulibError, dumps, loads, read, write
from .rules import Outcome, ProjectResult, equal_shares, greedy, phragmen, run

__all__ = [
    "Ballot",
    "Election",
    "Outcome",
    "PabulibError",
    "Project",
    "ProjectResult",
    "dumps",
    "equal_shares",
    "greedy",
    "loads",
    "phragmen",
    "read",
    "run",
    "write",
]
