"""Workforce supply and demand projections: a pure numpy stock-and-flow engine (no Django).

Cells are organisation x staff group stocks of headcount (FTE = headcount x FTE per head),
stepped monthly over a horizon with leavers, retirements, joiners, transfers between cells,
training pipelines and new roles, against demand grown by a rate or by population projections.
Expected values (``runs=0``) or stochastic runs (binomial leavers, Poisson joiners) from an
explicit seed, summarised as P5-P95 bands per cell and roll-up::

    from oneworkforce.intelligence import projection
    scenario = projection.scenario_from_file(Path("docs/examples/retention.toml"))
    result = projection.project(scenario, runs=1000, seed=1)
    total = result.group("total")
    result.bands(total).p50, result.gap(total).share

docs/projection.md describes the model, the scenario format and the sampling.
"""

from .assumptions_table import Assumption, assumptions
from .checks import Backtest, BacktestRow, Destabilisation, backtest, destabilisation
from .crosswalk import JobRoleMapping
from .engine import FLOWS
from .results import (
    Bands,
    Gap,
    NewRoleSource,
    Projection,
    Waterfall,
)
from .runner import Comparison, Model, compare, project
from .scenario import (
    AgeBand,
    Cell,
    Demand,
    DemandDriver,
    DemandGrowthChange,
    Intervention,
    LeaverRateChange,
    NewRole,
    RoleSource,
    Scenario,
    TrainingIntake,
    Transfer,
    Where,
    annual_rate,
    monthly_probability,
    validate,
)
from .sensitivity import Swing, sensitivity
from .summary import DIMENSIONS, QUANTILES, Group
from .toml_dump import dump_scenario
from .toml_io import (
    ScenarioError,
    check_scenario,
    scenario_from_file,
    scenario_from_text,
)
from .turnover import baseline_from_turnover, monthly_leaver_rate

__all__ = [
    "DIMENSIONS",
    "FLOWS",
    "QUANTILES",
    "AgeBand",
    "Assumption",
    "Backtest",
    "BacktestRow",
    "Bands",
    "Cell",
    "Comparison",
    "Demand",
    "DemandDriver",
    "DemandGrowthChange",
    "Destabilisation",
    "Gap",
    "Group",
    "Intervention",
    "JobRoleMapping",
    "LeaverRateChange",
    "Model",
    "NewRole",
    "NewRoleSource",
    "Projection",
    "RoleSource",
    "Scenario",
    "ScenarioError",
    "Swing",
    "TrainingIntake",
    "Transfer",
    "Waterfall",
    "Where",
    "annual_rate",
    "assumptions",
    "backtest",
    "baseline_from_turnover",
    "check_scenario",
    "compare",
    "destabilisation",
    "dump_scenario",
    "monthly_leaver_rate",
    "monthly_probability",
    "project",
    "scenario_from_file",
    "scenario_from_text",
    "sensitivity",
    "validate",
]
