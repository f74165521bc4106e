"""Back-tests of a scenario's set-up on history: projected (expected values, with the rates the
figures gave at the time) from the earliest imported month to the latest, against what the
latest figures show, with the error per staff group or job role.

Two histories are tested, each from its own figures: NHS England's turnover periods (the
partners' NHS staff groups) and the partners' own figures by job role (care providers, primary
care, voluntary partners). Each needs figures for two months or more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import projection
from ..models import Scenario, SocialCareWorkforce, TurnoverFigure
from ..projection.toml_io import ScenarioError
from ..statistics.nhs_files import ALL_STAFF_GROUPS
from ..statistics.selectors import add_months, turnover_periods
from .selectors import cell_id, to_engine


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _earlier(scenario: Scenario, base_period: dt.date, *, local: bool) -> Scenario:
    earlier = Scenario(
        name=scenario.name,
        base_period=base_period,
        horizon_years=1,
        runs=0,
        seed=scenario.seed,
        demand_growth=scenario.demand_growth,
        include_social_care=local,
        recruitment=scenario.recruitment,
        fill_rate=scenario.fill_rate,
        market_limit=scenario.market_limit,
        leaver_doubt=False,
    )
    earlier.pk = scenario.pk  # reads the same organisations
    return earlier


def _part(
    title: str,
    start: projection.Scenario,
    observed: dict[str, dict[int, float]],
    first: dt.date,
    last: dt.date,
) -> dict[str, Any] | None:
    if not observed:
        return None
    result = projection.backtest(start, observed)
    return {
        "title": title,
        "from_label": f"{first:%B %Y}",
        "to_label": f"{last:%B %Y}",
        "mae": result.mae,
        "mape": result.mape,
        "groups": result.per_group,
    }


def _nhs(scenario: Scenario) -> dict[str, Any] | None:
    periods = sorted(turnover_periods())
    if len(periods) < 2:
        return None
    first, last = periods[0], periods[-1]
    try:
        start = to_engine(_earlier(scenario, first, local=False), interventions=False)
    except ScenarioError:
        return None
    months = _months_between(first, last)
    ids = {cell.id for cell in start.cells}
    observed: dict[str, dict[int, float]] = {}
    for figure in TurnoverFigure.objects.filter(period_start=last).exclude(
        staff_group=ALL_STAFF_GROUPS
    ):
        cell = cell_id(figure.org_code, figure.staff_group)
        if cell in ids:
            observed[cell] = {months: figure.hc_end}
    return _part("NHS staff groups (NHS England's turnover figures)", start, observed, first, last)


def _local(scenario: Scenario) -> dict[str, Any] | None:
    if not scenario.include_social_care:
        return None
    figures = SocialCareWorkforce.objects.filter(organisation__in=scenario.organisations.all())
    months = sorted(set(figures.values_list("period_start", flat=True)))
    if len(months) < 2:
        return None
    first, last = months[0], months[-1]
    try:
        # The counts are stocks at their month: the projection starts there.
        start = to_engine(
            _earlier(scenario, add_months(first, -1), local=True),
            interventions=False,
            local_month=first,
        )
    except ScenarioError:
        return None
    steps = _months_between(first, last)
    ids = {cell.id for cell in start.cells}
    observed: dict[str, dict[int, float]] = {}
    for figure in figures.filter(period_start=last).select_related("organisation"):
        organisation = figure.organisation
        cell = cell_id(organisation.ods_code or organisation.slug, figure.job_role)
        if cell in ids:
            observed[cell] = {steps: figure.headcount}
    return _part(
        "Job roles (partners' own figures: care, primary care, voluntary)",
        start,
        observed,
        first,
        last,
    )


def backtest(scenario: Scenario) -> list[dict[str, Any]]:
    """The back-tests the imported figures allow (none, one or both)."""
    return [part for part in (_nhs(scenario), _local(scenario)) if part is not None]
