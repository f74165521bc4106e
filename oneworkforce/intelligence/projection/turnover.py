"""A baseline scenario from NHS England's published turnover benchmarking figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from .scenario import Cell, Scenario, annual_rate

ALL_STAFF_GROUPS = "All staff groups"
MAX_ANNUAL_RATE = 0.999  # a tiny cell can lose everyone in the month: cap the annual rate
_PERIOD = re.compile(r"^\s*(\d{4})(\d{2})\s+to\s+(\d{4})(\d{2})\s*$")


class TurnoverRow(Protocol):
    """What the helper reads from each record (``nhs_files.TurnoverRecord`` has these)."""

    org_code: str
    org_name: str
    ics_code: str
    ics_name: str
    cluster_group: str
    staff_group: str
    hc_start: float
    fte_start: float
    hc_end: float
    fte_end: float
    joiners_hc: float
    leavers_hc: float


def monthly_leaver_rate(record: TurnoverRow) -> float:
    """Leavers in the (one-month) period over the mean of the headcount at its start and end;
    0 when both are 0."""
    mean = (record.hc_start + record.hc_end) / 2
    return min(record.leavers_hc / mean, 0.999) if mean > 0 else 0.0


def baseline_from_turnover(
    records: Iterable[TurnoverRow],
    *,
    name: str = "Baseline from NHS turnover benchmarking",
    start: str | None = None,
    stock: str = "end",
    source: str | None = None,
    include: Callable[[Any], bool] | None = None,
    sector: Callable[[Any], str] | None = None,
    place: Callable[[Any], str] | None = None,
    horizon_months: int = 120,
    report_every_months: int = 12,
    runs: int = 1000,
    seed: int = 1,
) -> Scenario:
    """One cell per organisation x staff group ("All staff groups" rows are totals and are
    left out). The published period is one month, so the monthly leaver rate is
    ``leavers_hc / mean(hc_start, hc_end)``, stated in the scenario as the annual rate
    ``1 - (1 - monthly)**12`` (at most 0.999); joiners a month are ``joiners_hc``. The stock
    is the headcount (and FTE) at the ``"end"`` (default) or ``"start"`` of the period.
    ``start`` defaults to the month the stock describes (``"2025-11"`` for the period
    ``202510 to 202511``).

    ``include`` chooses records (e.g. one ICS: ``lambda r: r.ics_code == "QWO"``); ``sector``
    and ``place`` name a record's sector and place (default: its cluster group, e.g. "Acute",
    and its ICS)."""
    if stock not in ("start", "end"):
        raise ValueError("stock must be 'start' or 'end'")
    cells: list[Cell] = []
    seen: dict[str, Any] = {}
    periods: set[str] = set()
    for record in records:
        if record.staff_group == ALL_STAFF_GROUPS:
            continue
        if include is not None and not include(record):
            continue
        cell_id = f"{record.org_code}/{record.staff_group}"
        if cell_id in seen:
            raise ValueError(
                f"two records for {record.org_name} ({record.org_code}), {record.staff_group}:"
                " choose one period"
            )
        seen[cell_id] = record
        period = str(getattr(record, "period", "") or "")
        if period:
            periods.add(period)
        headcount = round(record.hc_end if stock == "end" else record.hc_start)
        fte = record.fte_end if stock == "end" else record.fte_start
        cells.append(
            Cell(
                id=cell_id,
                org=record.org_code,
                org_name=record.org_name,
                staff_group=record.staff_group,
                sector=sector(record) if sector else record.cluster_group,
                place=place(record) if place else record.ics_name,
                headcount=float(headcount),
                fte=float(fte) if headcount > 0 else None,
                leaver_rate=min(annual_rate(monthly_leaver_rate(record)), MAX_ANNUAL_RATE),
                joiners_per_month=float(record.joiners_hc),
                source=source or _source(period),
            )
        )
    if not cells:
        raise ValueError("no organisation x staff group records to build cells from")
    if start is None:
        start = _start(sorted(periods)[-1] if periods else "", stock)
    return Scenario(
        name=name,
        start=start,
        cells=tuple(cells),
        horizon_months=horizon_months,
        report_every_months=report_every_months,
        runs=runs,
        seed=seed,
    )


def _source(period: str) -> str:
    text = "NHS England, Turnover benchmarking 2: staff group and organisation, monthly"
    return f"{text}, period {period}" if period else text


def _start(period: str, stock: str) -> str:
    match = _PERIOD.match(period)
    if not match:
        raise ValueError("the records carry no period like '202510 to 202511': give start")
    y1, m1, y2, m2 = match.groups()
    return f"{y2}-{m2}" if stock == "end" else f"{y1}-{m1}"
