"""Scenario files out: a small TOML writer. ``scenario_from_text(dump_scenario(s)) == s`` for
every valid scenario ``s`` (``toml_io`` reads them back)."""

from __future__ import annotations

from typing import Any

from . import crosswalk, recruitment, seasonality, uncertainty
from .scenario import (
    Intervention,
    LeaverRateChange,
    NewRole,
    Scenario,
    TrainingIntake,
    Where,
)


def _string(value: str) -> str:
    out = ['"']
    for char in value:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _number(value: float) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(float(value))
    return text


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _where(where: Where) -> dict[str, Any]:
    return {name: list(values) for name in Where.FIELDS if (values := getattr(where, name))}


def _pairs(items: list[tuple[str, Any]]) -> list[str]:
    return [f"{key} = {_value(value)}" for key, value in items]


def _optional(items: list[tuple[str, Any]], **values: Any) -> None:
    for key, value in values.items():
        if value is not None and value != "" and value != ():
            items.append((key, value))


def _intervention_items(item: Intervention) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [("kind", item.KIND)]
    _optional(items, name=item.name)
    if isinstance(item, LeaverRateChange):
        items.append(("percentage_points", item.percentage_points))
        _optional(items, where=_where(item.where) or None)
        items.append(("start_month", item.start_month))
        _optional(items, end_month=item.end_month)
    elif isinstance(item, TrainingIntake):
        items += [
            ("cell", item.cell),
            ("intake_per_year", item.intake_per_year),
            ("duration_months", item.duration_months),
            ("attrition", item.attrition),
            ("cohort_months", list(item.cohort_months)),
            ("start_month", item.start_month),
        ]
        _optional(items, end_month=item.end_month)
    elif isinstance(item, NewRole):
        items += [("cell", item.cell), ("per_month", item.per_month)]
        _optional(items, target_headcount=item.target_headcount)
        items.append(("start_month", item.start_month))
        _optional(items, end_month=item.end_month)
    else:
        items.append(("annual_growth", item.annual_growth))
        _optional(items, where=_where(item.where) or None)
        items.append(("start_month", item.start_month))
    _optional(items, source=item.source)
    return items


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as TOML text that :func:`scenario_from_text` reads back equal."""
    lines = ["# One Workforce projection scenario (docs/projection.md describes every key)", ""]
    lines.append("[scenario]")
    head: list[tuple[str, Any]] = [("name", scenario.name)]
    _optional(head, description=scenario.description)
    head += [
        ("start", scenario.start),
        ("horizon_months", scenario.horizon_months),
        ("report_every_months", scenario.report_every_months),
        ("seed", scenario.seed),
        ("runs", scenario.runs),
    ]
    lines += _pairs(head)
    demand = scenario.demand
    lines += ["", "[demand]"]
    demand_items: list[tuple[str, Any]] = [("annual_growth", demand.annual_growth)]
    _optional(demand_items, source=demand.source)
    lines += _pairs(demand_items)
    for driver in demand.drivers:
        lines += ["", "[[demand.drivers]]"]
        items: list[tuple[str, Any]] = []
        _optional(items, name=driver.name, where=_where(driver.where) or None)
        _optional(items, annual_growth=driver.annual_growth, years=list(driver.years) or None)
        _optional(items, source=driver.source)
        lines += _pairs(items)
        if driver.age_bands:
            lines.append("age_bands = [")
            for band in driver.age_bands:
                entry = {
                    "band": band.band,
                    "weight": band.weight,
                    "population": list(band.population),
                }
                lines.append(f"  {_value(entry)},")
            lines.append("]")
    if scenario.recruitment is not None:
        head_items, source_items = recruitment.items(scenario.recruitment)
        lines += ["", "[recruitment]", *_pairs(head_items)]
        for keys in source_items:
            lines += ["", "[[recruitment.sources]]", *_pairs(keys)]
    for interval in scenario.uncertainty:
        lines += ["", "[[uncertainty]]", *_pairs(uncertainty.items(interval))]
    for mapping in scenario.crosswalk:
        lines += ["", "[[crosswalk]]", *_pairs(crosswalk.items(mapping))]
    for season in scenario.seasonality:
        lines += ["", "[[seasonality]]", *_pairs(seasonality.items(season))]
    for cell in scenario.cells:
        lines += ["", "[[cells]]"]
        items = [("id", cell.id), ("org", cell.org)]
        _optional(items, org_name=cell.org_name)
        items.append(("staff_group", cell.staff_group))
        _optional(items, sector=cell.sector, place=cell.place)
        items.append(("headcount", cell.headcount))
        _optional(items, fte=cell.fte, fte_per_head=cell.fte_per_head)
        items += [("leaver_rate", cell.leaver_rate)]
        if cell.retirement_rate:
            items.append(("retirement_rate", cell.retirement_rate))
        items.append(("joiners_per_month", cell.joiners_per_month))
        _optional(items, establishment_fte=cell.establishment_fte, source=cell.source)
        lines += _pairs(items)
    for transfer in scenario.transfers:
        lines += ["", "[[transfers]]"]
        items = []
        _optional(items, name=transfer.name)
        items += [
            ("from", _where(transfer.origin)),
            ("to", _where(transfer.destination)),
            ("annual_rate", transfer.annual_rate),
        ]
        _optional(items, source=transfer.source)
        lines += _pairs(items)
    for intervention in scenario.interventions:
        lines += ["", "[[interventions]]"]
        lines += _pairs(_intervention_items(intervention))
        if isinstance(intervention, NewRole) and intervention.sources:
            lines.append("sources = [")
            for role_source in intervention.sources:
                entry = {"where": _where(role_source.where), "share": role_source.share}
                lines.append(f"  {_value(entry)},")
            lines.append("]")
    return "\n".join(lines) + "\n"
