"""The checks on a scenario's ``[demand]`` table and its drivers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .scenario import Cell, Demand, Path, _finite

if TYPE_CHECKING:
    from .scenario import _Checks as Checks


def check_demand(checks: Checks, demand: Demand, cells: Sequence[Cell], ids: set[str]) -> None:
    checks.growth(("demand", "annual_growth"), demand.annual_growth)
    for i, driver in enumerate(demand.drivers):
        path: Path = ("demand", "drivers", i)
        checks.where((*path, "where"), driver.where, cells, ids)
        if driver.annual_growth is not None:
            checks.growth((*path, "annual_growth"), driver.annual_growth)
            if driver.age_bands or driver.years:
                checks.add(path, "give annual_growth or years with age_bands, not both")
            continue
        if not driver.age_bands:
            checks.add(path, "needs annual_growth, or years with age_bands")
            continue
        years = driver.years
        if len(years) < 1 or list(years) != sorted(set(years)):
            checks.add(
                (*path, "years"), "must list at least one calendar year, each once, in order"
            )
        total_weight = 0.0
        for j, band in enumerate(driver.age_bands):
            band_path: Path = (*path, "age_bands", j)
            checks.text((*band_path, "band"), band.band)
            checks.non_negative((*band_path, "weight"), band.weight)
            if _finite(band.weight):
                total_weight += band.weight
            if len(band.population) != len(years):
                checks.add(
                    (*band_path, "population"),
                    f"has {len(band.population)} figures for {len(years)} years",
                )
            for k, value in enumerate(band.population):
                if not _finite(value) or value <= 0:
                    checks.add((*band_path, "population", k), f"must be above 0, not {value}")
        if total_weight <= 0:
            checks.add((*path, "age_bands"), "the weights must not all be 0")
