"""Seasons from the imported turnover months: where a partner's staff group (or, if it alone
has too few leavers, the staff group across the scenario's partners) has figures for all twelve
calendar months, twelve factors for its leavers and joiners (``projection.seasonality``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import TurnoverFigure
from ..projection import seasonality

MIN_LEAVERS = 60  # a cell's own months give its seasons from this many leavers in all

Counts = list[tuple[int, float, float]]


def _counts(months: Sequence[TurnoverFigure]) -> tuple[Counts, Counts]:
    leavers: Counts = []
    joiners: Counts = []
    for m in months:
        exposed = (m.hc_start + m.hc_end) / 2
        leavers.append((m.period_start.month, m.leavers_hc, exposed))
        joiners.append((m.period_start.month, m.joiners_hc, exposed))
    return leavers, joiners


def _span(months: Sequence[TurnoverFigure]) -> str:
    first = min(m.period_start for m in months)
    last = max(m.period_start for m in months)
    return f"{len({m.period_start for m in months})} months, {first:%B %Y} to {last:%B %Y}"


def _files(months: Sequence[TurnoverFigure]) -> str:
    names = sorted({m.batch.file_name for m in months})
    return names[0] if len(names) == 1 else f"{len(names)} files: {', '.join(names)}"


def from_turnover(
    history: dict[tuple[str, str], list[TurnoverFigure]], cells: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``[[seasonality]]`` tables for the NHS ``cells`` (ids ``org/staff group``) from each
    cell's imported months ``history[(org, staff group)]``: the cell's own when it has twelve
    calendar months and at least ``MIN_LEAVERS`` leavers, else its staff group's over all the
    partners' months when those cover twelve calendar months, else none."""
    pooled: dict[str, list[TurnoverFigure]] = {}
    for (_, group), months in history.items():
        pooled.setdefault(group, []).extend(months)
    own: list[dict[str, Any]] = []
    shared: dict[str, list[str]] = {}
    for cell in cells:
        months = history.get((cell["org"], cell["staff_group"]), [])
        calendar = {m.period_start.month for m in months}
        if len(calendar) == 12 and sum(m.leavers_hc for m in months) >= MIN_LEAVERS:
            leavers, joiners = _counts(months)
            own.append(
                _item(
                    {"cells": [cell["id"]]},
                    months,
                    leavers,
                    joiners,
                    f"{cell['org_name']}, {cell['staff_group']}",
                )
            )
        elif len({m.period_start.month for m in pooled.get(cell["staff_group"], [])}) == 12:
            shared.setdefault(cell["staff_group"], []).append(cell["id"])
    for group, ids in sorted(shared.items()):
        months = pooled[group]
        leavers, joiners = _counts(months)
        partners = len({m.org_code for m in months})
        whose = f"{partners} partners' figures together" if partners > 1 else "1 partner's figures"
        own.append(_item({"cells": ids}, months, leavers, joiners, f"{group}, {whose}"))
    return [item for item in own if item]


def _item(
    where: dict[str, Any],
    months: Sequence[TurnoverFigure],
    leavers: Counts,
    joiners: Counts,
    whose: str,
) -> dict[str, Any]:
    leaver_factors = seasonality.factors(leavers)
    if leaver_factors is None:
        return {}
    item: dict[str, Any] = {
        "name": f"Seasons: {whose}",
        "where": where,
        "leavers": list(leaver_factors),
        "months": _span(months),
        "source": f"NHS England turnover benchmarking, {_span(months)} ({_files(months)});"
        f" shrunk toward 1 by {seasonality.SHRINK:g} leavers or joiners a month",
    }
    joiner_factors = seasonality.factors(joiners)
    if joiner_factors is not None:
        item["joiners"] = list(joiner_factors)
    return item
