"""Reading scenarios: those a person may see; the engine's scenario built from the
partnership's imported figures; and running it (with its baseline, a back-test, or side by side
with others) through the projection engine."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.core.cache import cache
from django.db.models import Q, QuerySet

from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.models import Organisation

from .. import projection
from ..models import PopulationProjection, Scenario, SocialCareWorkforce, TurnoverFigure
from ..projection import scenario as engine
from ..projection.recruitment import steady_open_share
from ..projection.scenario import format_path
from ..projection.toml_dump import dump_scenario
from ..projection.toml_io import ScenarioError, scenario_from_data
from ..statistics.nhs_files import ALL_STAFF_GROUPS
from ..statistics.selectors import add_months
from . import crosswalk, presenters, seasons
from .presenters import year_label

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def active_partners() -> QuerySet[Organisation]:
    """The partners a change to a scenario may name."""
    return Organisation.objects.active()


def visible_to(user: User) -> QuerySet[Scenario]:
    """Shared scenarios, and the user's own."""
    scenarios = Scenario.objects.select_related("created_by")
    if is_partnership_admin(user):
        return scenarios
    return scenarios.filter(Q(shared=True) | Q(created_by=user))


# Building the engine's scenario from the partnership's figures ---------------------------------

# Broad sectors for projections: a destabilisation warning names one of these.
BROAD_SECTORS = {
    "nhs_acute": "NHS trusts",
    "nhs_community": "NHS trusts",
    "nhs_mental_health": "NHS trusts",
    "nhs_ambulance": "NHS trusts",
    "icb": "NHS trusts",
    "independent": "Independent health providers",
    "gp_practice": "Primary care",
    "pcn": "Primary care",
    "gp_confederation": "Primary care",
    "adult_social_care": "Adult social care",
    "local_authority": "Adult social care",
    "vcse": "Voluntary sector",
    "education": "Education",
}
TURNOVER_SOURCE = "NHS England turnover benchmarking, {period} ({file})"
SOCIAL_CARE_SOURCE = "{organisation}'s workforce by job role, {month:%B %Y}"
MAX_SOCIAL_CARE_LEAVER_RATE = 0.95


def cell_id(org_code: str, group: str) -> str:
    return f"{org_code}/{group}"


def _nhs_cells(scenario: Scenario) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A cell per partner and staff group: the stock at the end of the base period; leavers
    and joiners from every period imported up to it (the leaver rate is all the leavers over
    all the months' mean headcounts; joiners the months' average); and the seasons of those
    with twelve calendar months of figures."""
    partners = {o.ods_code.upper(): o for o in scenario.organisations.exclude(ods_code="")}
    figures = (
        TurnoverFigure.objects.filter(
            period_start__lte=scenario.base_period, org_code__in=list(partners)
        )
        .exclude(staff_group=ALL_STAFF_GROUPS)
        .select_related("batch")
        .order_by("org_code", "staff_group", "period_start")
    )
    history: dict[tuple[str, str], list[TurnoverFigure]] = {}
    for figure in figures:
        history.setdefault((figure.org_code, figure.staff_group), []).append(figure)
    cells = []
    for (org_code, staff_group), months in history.items():
        figure = months[-1]
        if figure.period_start != scenario.base_period or figure.hc_end <= 0:
            continue
        partner = partners[org_code.upper()]
        exposed = sum((m.hc_start + m.hc_end) / 2 for m in months)
        monthly = min(sum(m.leavers_hc for m in months) / exposed, 0.5) if exposed > 0 else 0.0
        cells.append(
            {
                "id": cell_id(org_code, staff_group),
                "org": org_code,
                "org_name": partner.name,
                "staff_group": staff_group,
                "sector": BROAD_SECTORS.get(partner.sector, partner.get_sector_display()),
                "place": partner.place.name if partner.place else "",
                "headcount": figure.hc_end,
                "fte": figure.fte_end,
                "leaver_rate": round(engine.annual_rate(monthly), 6),
                "joiners_per_month": round(sum(m.joiners_hc for m in months) / len(months), 4),
                "source": "; ".join(
                    TURNOVER_SOURCE.format(period=m.period, file=m.batch.file_name) for m in months
                )
                + (f" (rates from these {len(months)} months)" if len(months) > 1 else ""),
            }
        )
    return cells, seasons.from_turnover(history, cells)


def _social_care_cells(scenario: Scenario, month: dt.date | None = None) -> list[dict[str, Any]]:
    """A cell per partner and job role from the partner's latest figures by job role (or those
    of ``month``, for a back-test)."""
    cells = []
    for organisation in scenario.organisations.all():
        latest = month or (
            SocialCareWorkforce.objects.filter(organisation=organisation)
            .order_by("-period_start")
            .values_list("period_start", flat=True)
            .first()
        )
        if latest is None:
            continue
        for figure in SocialCareWorkforce.objects.filter(
            organisation=organisation, period_start=latest
        ).order_by("job_role"):
            if figure.headcount <= 0:
                continue
            ratio = float(figure.fte) / figure.headcount
            cells.append(
                {
                    "id": cell_id(organisation.ods_code or organisation.slug, figure.job_role),
                    "org": organisation.ods_code or organisation.slug,
                    "org_name": organisation.name,
                    "staff_group": figure.job_role,
                    "sector": BROAD_SECTORS.get(
                        organisation.sector, organisation.get_sector_display()
                    ),
                    "place": organisation.place.name if organisation.place else "",
                    "headcount": float(figure.headcount),
                    "fte": float(figure.fte),
                    "establishment_fte": round(float(figure.fte) + figure.vacancies * ratio, 3),
                    "leaver_rate": min(
                        figure.leavers_last_12_months / figure.headcount,
                        MAX_SOCIAL_CARE_LEAVER_RATE,
                    ),
                    "joiners_per_month": round(figure.starters_last_12_months / 12, 4),
                    "source": SOCIAL_CARE_SOURCE.format(
                        organisation=organisation.name, month=figure.period_start
                    ),
                }
            )
    return cells


def _band_included(band: str, ages: str) -> bool:
    if not ages:
        return True
    low = int(band.rstrip("+").split("-")[0])
    if ages.endswith("+"):
        return low >= int(ages[:-1])
    first, last = (int(x) for x in ages.split("-"))
    return first <= low <= last


def _demand(scenario: Scenario) -> dict[str, Any]:
    growth = float(scenario.demand_growth) / 100
    demand: dict[str, Any] = {
        "annual_growth": growth,
        "source": "Set in the scenario",
    }
    if scenario.population_place_id is None:
        return demand
    figures = PopulationProjection.objects.filter(place=scenario.population_place).order_by(
        "year", "age_band"
    )
    by_band: dict[str, dict[int, int]] = {}
    for figure in figures:
        if _band_included(figure.age_band, scenario.population_ages):
            by_band.setdefault(figure.age_band, {})[figure.year] = figure.people
    years = sorted({year for values in by_band.values() for year in values})
    bands = [
        {"band": band, "weight": values[years[0]], "population": [values[y] for y in years]}
        for band, values in sorted(by_band.items())
        if all(y in values for y in years) and values[years[0]] > 0
    ]
    if len(years) < 2 or not bands:
        return demand
    source = figures.exclude(source="").values_list("source", flat=True).first() or ""
    demand["drivers"] = [
        {
            "name": f"Population of {scenario.population_place}"
            + (f", aged {scenario.population_ages}" if scenario.population_ages else ""),
            "years": years,
            "age_bands": bands,
            "source": source,
        }
    ]
    return demand


def _own(group: str, cells: list[dict[str, Any]], counted: dict[str, str]) -> dict[str, Any]:
    """A selection of the cells whose own staff group or job role is ``group``: by name, unless
    the crosswalk counts other roles as ``group`` too (then by cell)."""
    if group not in counted.values():
        return {"staff_groups": [group]}
    return {"cells": [c["id"] for c in cells if c["staff_group"] == group]}


def _recruitment(
    scenario: Scenario, cells: list[dict[str, Any]], counted: dict[str, str]
) -> dict[str, Any]:
    """Recruitment toward vacancies, from one labour market per staff group or job role whose
    monthly limit is the joiners the figures show for it times the scenario's market limit.
    Cells without vacancy figures get their posts (``establishment_fte``) here, at the steady
    state of the fill rate, so that a projection does not start with no vacancies at all."""
    if scenario.recruitment != "vacancies":
        return {"mode": "fixed"}
    fill = float(scenario.fill_rate) / 100
    growth = (1 + float(scenario.demand_growth) / 100) ** (1 / 12) - 1
    for cell in cells:
        if cell.get("establishment_fte") is None and cell.get("fte"):
            # No vacancy figures: the posts are those in post plus the vacancies that the
            # cell's leavers leave open while a post takes time to fill (its steady state).
            open_share = steady_open_share(
                fill, engine.monthly_probability(cell["leaver_rate"]), growth
            )
            cell["establishment_fte"] = round(cell["fte"] / (1 - open_share), 3)
            cell["source"] += (
                f"; posts: FTE in post plus the {open_share:.1%} its leavers leave open"
                f" when {fill:.0%} of open posts are filled a month (no vacancy figures)"
            )
    factor = float(scenario.market_limit) / 100
    joiners: dict[str, float] = {}
    for cell in cells:
        group = cell["staff_group"]
        joiners[group] = joiners.get(group, 0.0) + float(cell.get("joiners_per_month", 0.0))
    return {
        "mode": "vacancies",
        "fill_rate": float(scenario.fill_rate) / 100,
        "overshoot": 0.0,
        "source": f"Set in the scenario: {float(scenario.fill_rate):g} % of open posts filled"
        " a month",
        "sources": [
            {
                "name": f"Labour market: {group}",
                "where": _own(group, cells, counted),
                "per_month": round(total * factor, 3),
                "source": f"Joiners a month in the figures ({total:g})"
                f" x {float(scenario.market_limit):g} %",
            }
            for group, total in sorted(joiners.items())
        ],
    }


DOUBT_PROBABILITY = 0.8  # the partners' 10th to 90th percentiles
DEMAND_DOUBT = 0.01  # demand may grow a point a year faster or slower than the scenario says


def _doubt(
    scenario: Scenario, cells: list[dict[str, Any]], counted: dict[str, str]
) -> list[dict[str, Any]]:
    """For each staff group or job role that three or more partners report, an interval on its
    leaver rate: the middle 80 % of the partners' rates relative to their average, centred on
    the figures (so the expected values stay those of the figures); and one on demand growth,
    a point a year either side of what the scenario says."""
    if not scenario.leaver_doubt:
        return []
    by_group: dict[str, list[dict[str, Any]]] = {}
    for cell in cells:
        if cell["headcount"] > 0 and cell.get("leaver_rate", 0) > 0:
            by_group.setdefault(cell["staff_group"], []).append(cell)
    intervals = []
    for group, members in sorted(by_group.items()):
        if len(members) < 3:
            continue
        weight = sum(c["headcount"] for c in members)
        average = sum(c["leaver_rate"] * c["headcount"] for c in members) / weight
        ratios = np.array([c["leaver_rate"] / average for c in members])
        tenth, ninetieth = np.percentile(ratios, [10, 90])
        half = min(float(ninetieth - tenth) / 2, 0.9)
        if half < 0.01:
            continue
        intervals.append(
            {
                "name": f"Leaver rate: {group}",
                "parameter": "leaver_rate",
                "low": round(1 - half, 4),
                "high": round(1 + half, 4),
                "probability": DOUBT_PROBABILITY,
                "where": _own(group, cells, counted),
                "source": f"Spread of {len(members)} partners' leaver rates for {group}"
                f" (10th to 90th percentile: {tenth:.2f} to {ninetieth:.2f} times the average)",
            }
        )
    demand = {
        "name": "Demand growth",
        "parameter": "demand_growth",
        "low": -DEMAND_DOUBT,
        "high": DEMAND_DOUBT,
        "probability": DOUBT_PROBABILITY,
        "source": f"Set in the scenario: up to {DEMAND_DOUBT:.0%} a year faster or slower than"
        " the demand assumption, each run drawing its own",
    }
    return [*intervals, demand]


def engine_data(
    scenario: Scenario, *, interventions: bool = True, local_month: dt.date | None = None
) -> dict[str, Any]:
    """The scenario in the engine's file layout (the TOML tables), built from the figures;
    with ``local_month``, only the partners' figures by job role of that month."""
    cells, seasonal = ([], []) if local_month else _nhs_cells(scenario)
    if scenario.include_social_care:
        cells += _social_care_cells(scenario, local_month)
    chosen = list(scenario.interventions) if interventions else []
    roles = crosswalk.for_cells(cells)
    counted = {item["job_role"]: item["staff_group"] for item in roles}
    cells += _new_role_cells(cells, chosen, counted)
    return {
        "recruitment": _recruitment(scenario, cells, counted),
        "uncertainty": _doubt(scenario, cells, counted),
        "crosswalk": roles,
        "seasonality": seasonal,
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            # The stocks are those at the end of the base period's month.
            "start": f"{add_months(scenario.base_period, 1):%Y-%m}",
            "horizon_months": 12 * scenario.horizon_years,
            "report_every_months": 12,
            "seed": scenario.seed,
            "runs": scenario.runs,
        },
        "cells": cells,
        "demand": _demand(scenario),
        "interventions": [{k: v for k, v in item.items() if k != "new_cell"} for item in chosen],
    }


def _matches(cell: dict[str, Any], where: dict[str, Any], counted: dict[str, str]) -> bool:
    """As the engine's selections: a staff group also chooses the roles counted as it."""
    groups = {cell["staff_group"], counted.get(cell["staff_group"], cell["staff_group"])}
    return (
        (not where.get("staff_groups") or bool(groups & set(where["staff_groups"])))
        and (not where.get("sectors") or cell["sector"] in where["sectors"])
        and (not where.get("orgs") or cell["org"] in where["orgs"])
    )


def _new_role_cells(
    cells: list[dict[str, Any]], interventions: list[dict[str, Any]], counted: dict[str, str]
) -> list[dict[str, Any]]:
    """Cells (starting empty) for new roles that no organisation has yet. Their leaver rate is
    the headcount-weighted rate of the staff they recruit from (or of everyone)."""
    ids = {c["id"] for c in cells}
    added = []
    for item in interventions:
        spec = item.get("new_cell")
        if not spec or item.get("cell") in ids:
            continue
        organisation = Organisation.objects.filter(pk=spec.get("organisation")).first()
        if organisation is None:
            continue
        pool = [
            c
            for c in cells
            if any(_matches(c, s["where"], counted) for s in item.get("sources", []))
        ] or cells
        weight = sum(c["headcount"] for c in pool)
        rate = sum(c["leaver_rate"] * c["headcount"] for c in pool) / weight if weight else 0.1
        added.append(
            {
                "id": item["cell"],
                "org": organisation.ods_code or organisation.slug,
                "org_name": organisation.name,
                "staff_group": spec["staff_group"],
                "sector": BROAD_SECTORS.get(organisation.sector, organisation.get_sector_display()),
                "place": organisation.place.name if organisation.place else "",
                "headcount": 0.0,
                "fte_per_head": 1.0,
                # The posts the partnership plans: the target, if one is set.
                "establishment_fte": float(item.get("target_headcount") or 0.0),
                "leaver_rate": round(rate, 6),
                "source": "New role in this scenario; leaver rate of the staff it recruits from",
            }
        )
        ids.add(item["cell"])
    return added


def to_engine(
    scenario: Scenario, *, interventions: bool = True, local_month: dt.date | None = None
) -> engine.Scenario:
    """The engine's scenario, checked; ``ScenarioError`` lists what is wrong."""
    data = engine_data(scenario, interventions=interventions, local_month=local_month)
    built, problems = scenario_from_data(data)
    if built is None:
        raise ScenarioError([f"{format_path(path)}: {message}" for path, message in problems])
    return built


# Running them -----------------------------------------------------------------------------------


@dataclass
class Run:
    """A scenario's projection, with the baseline (no changes) on common random numbers."""

    scenario: Scenario
    result: projection.Projection
    baseline: projection.Projection | None
    warnings: list[str] = field(default_factory=list)


def run(
    scenario: Scenario,
    *,
    with_baseline: bool = True,
    engines: tuple[engine.Scenario, engine.Scenario | None] | None = None,
) -> Run:
    """Project the scenario; with changes (and ``with_baseline``), also the same set-up without
    them (same seed and random numbers), and check other sectors are not destabilised.
    ``engines``: the scenario and its baseline already built by :func:`engines_of`.
    ``ScenarioError`` if the figures cannot be projected."""
    variant, base = engines or engines_of(scenario, with_baseline=with_baseline)
    if base is None:
        return Run(scenario, projection.project(variant), None)
    comparison = projection.compare(base, [variant])
    result = comparison.variants[0]
    warnings = projection.destabilisation(
        comparison.baseline, result, float(scenario.destabilisation_threshold) / 100
    )
    return Run(scenario, result, comparison.baseline, [w.message for w in warnings])


def engines_of(
    scenario: Scenario, *, with_baseline: bool = True
) -> tuple[engine.Scenario, engine.Scenario | None]:
    """The engine's scenario and, if it has changes (and ``with_baseline``), the same set-up
    without them."""
    variant = to_engine(scenario)
    if not scenario.interventions or not with_baseline:
        return variant, None
    return variant, to_engine(scenario, interventions=False)


PAGE_CACHE_SECONDS = 30 * 24 * 3600
# Part of every key: raise it when the stored page figures change shape (what is stored is
# pickled, and figures stored by an older release must never be read by a newer one).
PAGE_FORMAT = 2


@lru_cache(maxsize=1)
def engine_digest() -> str:
    """A digest of the projection engine's source: part of every stored page's key, so that a
    release that changes how figures are projected never shows figures the previous one stored
    (they would otherwise be read for up to ``PAGE_CACHE_SECONDS``)."""
    digest = hashlib.sha256()
    for path in sorted(Path(projection.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _stored(key: str) -> Any:
    """What the cache holds under ``key``; ``None`` if nothing, or if it cannot be read back
    (stored by other code: it is then projected afresh)."""
    try:
        return cache.get(key)
    except (AttributeError, ImportError, EOFError, TypeError, ValueError, pickle.PickleError):
        return None


def page(scenario: Scenario, choice: str) -> dict[str, Any]:
    """The figures of a scenario's page for the group ``choice`` (``view``, the group
    ``choices`` and the ``choice`` shown: everyone's if ``choice`` is not one of them),
    projected once and then read from the cache. The key is a digest of what was projected —
    the scenario files with and without the changes (every figure, rate, setting, seed and
    run count) and the warning threshold — so a changed set-up, change or re-imported figure
    is projected afresh and nothing stale is shown. ``ScenarioError`` if the figures cannot
    be projected."""
    variant, base = engines_of(scenario)
    text = "\n".join(
        [
            dump_scenario(variant),
            dump_scenario(base) if base is not None else "",
            repr(float(scenario.destabilisation_threshold)),
        ]
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"intelligence.scenario_page.{PAGE_FORMAT}.{engine_digest()}.{digest}"
    outcome: Run | None = None
    choices = _stored(f"{key}.choices")
    if choices is None:
        outcome = run(scenario, engines=(variant, base))
        choices = presenters.group_choices(outcome.result)
        cache.set(f"{key}.choices", choices, PAGE_CACHE_SECONDS)
    if choice not in {value for value, _ in choices}:
        choice = "total"
    view_key = f"{key}.{hashlib.sha256(choice.encode()).hexdigest()}"
    view = _stored(view_key)
    if view is None:
        outcome = outcome or run(scenario, engines=(variant, base))
        view = presenters.page(outcome, choice, backtest=None)
        view["sensitivity"] = presenters.sensitivity(projection.sensitivity(variant))
        cache.set(view_key, view, PAGE_CACHE_SECONDS)
    # Imported here: the back-tests build their scenarios with this module's engine_data.
    from .backtests import backtest

    view["backtests"] = presenters.backtests(backtest(scenario))
    return {"view": view, "choices": choices, "choice": choice}


def _cells_in(scenario: projection.Scenario, dimension: str, key: tuple[str, ...]) -> set[str]:
    def belongs(cell: projection.Cell) -> bool:
        if dimension == "sector":
            return (cell.sector,) == key
        return (cell.sector, cell.staff_group) == key

    return {cell.id for cell in scenario.cells if belongs(cell)}


def compare(chosen: list[Scenario]) -> list[dict[str, Any]]:
    """Side by side, on common random numbers with the first scenario's runs and seed (so the
    differences are the scenarios', not chance). All must start and end at the same months."""
    engines = [to_engine(s) for s in chosen]
    first = engines[0]
    comparison = projection.compare(first, engines[1:], runs=first.runs, seed=first.seed)
    results = [comparison.baseline, *comparison.variants]
    last = len(comparison.baseline.months) - 1
    staff_groups = [g.key for g in comparison.baseline.groups_of("staff_group")]
    columns = []
    for index, (scenario, result) in enumerate(zip(chosen, results, strict=True)):
        total = result.group("total")
        gap = result.gap(total)
        rows = {}
        for key in staff_groups:
            try:
                group = result.group("staff_group", *key)
            except KeyError:
                continue
            rows[key[0]] = float(result.gap(group).fte[last])
        warnings = (
            []
            if index == 0
            else [
                w.message
                for w in projection.destabilisation(
                    comparison.baseline,
                    result,
                    float(scenario.destabilisation_threshold) / 100,
                )
                # A group the two set-ups do not both hold is a difference of set-up, not a
                # sector drained by the other scenario's changes.
                if _cells_in(first, w.dimension, w.key)
                == _cells_in(engines[index], w.dimension, w.key)
            ]
        )
        columns.append(
            {
                "scenario": scenario,
                "gap_total": float(gap.fte[last]),
                "gap_share": float(gap.share[last]) if gap.demand[last] > 0 else None,
                "gaps": rows,
                "end_label": year_label(result.dates[-1]),
                "warnings": warnings,
            }
        )
    shown = [(s.name, r, r.group("total")) for s, r in zip(chosen, results, strict=True)]
    for column in columns:
        column["staff_groups"] = [key[0] for key in staff_groups]
    columns[0]["together"] = presenters.together(shown)
    columns[0]["gaps_together"] = presenters.gaps_together(shown)
    return columns
