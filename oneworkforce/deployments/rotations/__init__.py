"""Rotational placements for collaborative apprenticeships: who goes where, block by block.

Pure Python (no Django)::

    from oneworkforce.deployments import rotations
    problem = rotations.read_problem("plan.json")
    result = rotations.allocate_plan(problem, time_limit=60)    # CP-SAT, every block
    one = rotations.allocate_block(problem, 1)                  # deferred acceptance, one block
    rotations.check_plan(problem, result.assignment)            # [] when every rule is kept
"""

from .checks import apply_overrides, check_plan
from .deferred import allocate_block
from .explain import explain, ordinal, unranked_cost
from .feasibility import diagnose
from .json_io import (
    allocation_as_json,
    choice_summary,
    dumps_allocation,
    load_assignment,
    load_problem,
    loads_problem,
    problem_as_json,
    read_problem,
    write_allocation,
)
from .model import (
    HEALTH_SETTINGS,
    SETTINGS,
    SOCIAL_CARE_OR_VCSE_SETTINGS,
    Apprentice,
    Override,
    Partner,
    Placement,
    Problem,
    RotationInputError,
    Site,
    haversine_km,
)
from .plan import allocate_plan
from .priority import lottery_order
from .result import Allocation, Assignment, Costs, Explanation, PassedOver, Violation

__all__ = [
    "HEALTH_SETTINGS",
    "SETTINGS",
    "SOCIAL_CARE_OR_VCSE_SETTINGS",
    "Allocation",
    "Apprentice",
    "Assignment",
    "Costs",
    "Explanation",
    "Override",
    "Partner",
    "PassedOver",
    "Placement",
    "Problem",
    "RotationInputError",
    "Site",
    "Violation",
    "allocate_block",
    "allocate_plan",
    "allocation_as_json",
    "apply_overrides",
    "check_plan",
    "choice_summary",
    "diagnose",
    "dumps_allocation",
    "explain",
    "haversine_km",
    "load_assignment",
    "load_problem",
    "loads_problem",
    "lottery_order",
    "ordinal",
    "problem_as_json",
    "read_problem",
    "unranked_cost",
    "write_allocation",
]
