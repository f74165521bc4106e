"""The assumptions table: every input value of a scenario with its unit and the source the
scenario names for it (the file and months behind it, where it comes from figures)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import seasonality
from .scenario import (
    DemandGrowthChange,
    LeaverRateChange,
    NewRole,
    Scenario,
    TrainingIntake,
)


@dataclass(frozen=True)
class Assumption:
    subject: str
    item: str
    value: str
    unit: str
    source: str


def _number(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _percent(value: float) -> str:
    return f"{value * 100:.2f} %".replace(".00 %", " %")


def assumptions(scenario: Scenario) -> list[Assumption]:
    """Every input value with its unit and the source the scenario names for it."""
    rows: list[Assumption] = []

    def add(subject: str, item: str, value: Any, unit: str, source: str) -> None:
        rows.append(Assumption(subject, item, str(value), unit, source or "(not stated)"))

    engine = "One Workforce projection engine (docs/projection.md)"
    add("method", "monthly probability from an annual rate a", "1 - (1 - a)^(1/12)", "", engine)
    add("method", "FTE", "headcount x FTE per head of the cell", "", engine)
    recruitment = scenario.recruitment
    vacancies = recruitment is not None and recruitment.answers_vacancies
    if recruitment is not None and vacancies:
        add(
            "recruitment",
            "each month, recruits toward demand",
            _percent(recruitment.fill_rate),
            "of open posts",
            recruitment.source,
        )
        add(
            "recruitment",
            "never above demand by more than",
            _percent(recruitment.overshoot),
            "",
            recruitment.source,
        )
        for supply in recruitment.named_sources:
            limit = "no limit" if supply.per_month is None else _number(supply.per_month)
            add(
                f"source: {supply.name}",
                f"supplies {supply.where.describe()}",
                limit,
                "" if supply.per_month is None else "people a month at most",
                supply.source or recruitment.source,
            )
    else:
        add("recruitment", "joiners", "fixed", "each cell's joiners a month", engine)
    for interval in scenario.uncertainty:
        add(
            interval.label(),
            "between (middle used for expected values)",
            f"{interval.low:g} and {interval.high:g}",
            f"with probability {interval.probability:.0%}, drawn once per run",
            interval.source,
        )
    for row in seasonality.assumption_rows(scenario):
        add(*row)
    for cell in scenario.cells:
        subject = f"{cell.label} ({cell.id})"
        add(subject, "headcount at start", _number(cell.headcount), "people", cell.source)
        add(subject, "FTE per head", _number(cell.fte_ratio), "FTE", cell.source)
        add(subject, "leaver rate", _percent(cell.leaver_rate), "a year", cell.source)
        if cell.retirement_rate:
            add(subject, "retirement rate", _percent(cell.retirement_rate), "a year", cell.source)
        if not vacancies:
            add(subject, "joiners", _number(cell.joiners_per_month), "people a month", cell.source)
        add(subject, "demand at start", _number(cell.demand_fte), "FTE", cell.source)
    for i, transfer in enumerate(scenario.transfers):
        subject = transfer.name or f"transfer {i + 1}"
        add(
            subject,
            f"from {transfer.origin.describe()} to {transfer.destination.describe()}",
            _percent(transfer.annual_rate),
            "of the source's staff a year",
            transfer.source,
        )
    for mapping in scenario.crosswalk:
        rate = mapping.annual_rate
        moving = f"{_percent(rate)} of the job role's staff move to it a year" if rate else ""
        add(
            f"crosswalk: {mapping.job_role}",
            "counts as",
            mapping.staff_group,
            moving,
            mapping.source,
        )
    demand = scenario.demand
    add(
        "demand",
        "growth unless a driver says otherwise",
        _percent(demand.annual_growth),
        "a year",
        demand.source,
    )
    for i, driver in enumerate(scenario.demand.drivers):
        subject = driver.name or f"demand driver {i + 1}"
        if driver.annual_growth is not None:
            add(
                subject,
                f"growth for {driver.where.describe()}",
                _percent(driver.annual_growth),
                "a year",
                driver.source,
            )
            continue
        for band in driver.age_bands:
            figures = ", ".join(
                f"{year}: {_number(value)}"
                for year, value in zip(driver.years, band.population, strict=False)
            )
            add(
                subject,
                f"population {band.band} (weight {_number(band.weight)})",
                figures,
                "people",
                driver.source,
            )
    for i, item in enumerate(scenario.interventions):
        subject = item.name or f"intervention {i + 1} ({item.KIND})"
        if isinstance(item, LeaverRateChange):
            end = "the horizon" if item.end_month is None else f"month {item.end_month}"
            add(
                subject,
                f"leaver rate change for {item.where.describe()}",
                f"{item.percentage_points:+g}",
                f"percentage points from month {item.start_month} to {end}",
                item.source,
            )
        elif isinstance(item, TrainingIntake):
            add(
                subject,
                f"intake into {item.cell}",
                item.intake_per_year,
                "people a year",
                item.source,
            )
            add(subject, "course length", item.duration_months, "months", item.source)
            add(subject, "attrition", _percent(item.attrition), "of each cohort", item.source)
            add(
                subject,
                "cohorts start in",
                ", ".join(str(m) for m in item.cohort_months),
                "calendar months",
                item.source,
            )
        elif isinstance(item, NewRole):
            add(
                subject,
                f"recruitment into {item.cell}",
                _number(item.per_month),
                "people a month",
                item.source,
            )
            if item.target_headcount is not None:
                add(
                    subject,
                    "until the cell holds",
                    _number(item.target_headcount),
                    "people",
                    item.source,
                )
            for role_source in item.sources:
                add(
                    subject,
                    f"share from {role_source.where.describe()}",
                    _percent(role_source.share),
                    "of recruits",
                    item.source,
                )
        elif isinstance(item, DemandGrowthChange):
            add(
                subject,
                f"demand growth for {item.where.describe()}",
                _percent(item.annual_growth),
                f"a year from month {item.start_month}",
                item.source,
            )
    return rows
