"""Workforce indicators and their benchmarks, computed from the imported figures.

Definitions (monthly, as NHS England publishes the turnover file one month at a time):

* **leaver rate** = leavers (headcount) / mean of the headcount at the start and end of the month
* **joiner rate** = joiners (headcount) / the same mean
* **stability rate** = (headcount at the start - leavers) / headcount at the start: the share of
  the people in post at the start who were still there at the end (an upper bound, as the file
  does not say whether a leaver joined during the month)
* **sickness absence rate** = FTE days lost / FTE days available
* **vacancy rate** = vacant FTE / establishment FTE (partners' own monthly returns)

Each organisation's rate is compared with its **peer group** (NHS England's benchmark group for
the turnover file, the organisation type for sickness): the median and quartiles of the peers'
rates, and the pooled rate of its ICS and of England (sums of numerators over sums of
denominators). A rate beyond 1.5 interquartile ranges from the peer quartiles (Tukey's fences)
is flagged as an outlier.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from oneworkforce.partners.choices import PlaceKind
from oneworkforce.partners.models import Organisation, Place

from ..models import ImportBatch, NationalityFigure, SicknessFigure, TurnoverFigure
from .nhs_files import ALL_STAFF_GROUPS

MIN_PEERS_FOR_OUTLIERS = 4


@dataclass(frozen=True)
class Spread:
    """The distribution of peers' rates."""

    count: int
    lower_quartile: float
    median: float
    upper_quartile: float

    @property
    def iqr(self) -> float:
        return self.upper_quartile - self.lower_quartile

    def position(self, value: float) -> str:
        """``high``/``low`` beyond Tukey's fences, ``upper``/``lower`` quartile, or ``middle``."""
        if self.count >= MIN_PEERS_FOR_OUTLIERS:
            if value > self.upper_quartile + 1.5 * self.iqr:
                return "high"
            if value < self.lower_quartile - 1.5 * self.iqr:
                return "low"
        if value > self.upper_quartile:
            return "upper"
        if value < self.lower_quartile:
            return "lower"
        return "middle"


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (the usual spreadsheet ``PERCENTILE``)."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def spread(values: Iterable[float]) -> Spread | None:
    ordered = sorted(values)
    if not ordered:
        return None
    return Spread(
        count=len(ordered),
        lower_quartile=quantile(ordered, 0.25),
        median=quantile(ordered, 0.5),
        upper_quartile=quantile(ordered, 0.75),
    )


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None


@dataclass
class Comparison:
    """One organisation's rate with its peers, its ICS and England."""

    org_code: str
    org_name: str
    ics_code: str
    ics_name: str
    peer_group: str
    value: float | None
    numerator: float
    denominator: float
    peers: Spread | None = None
    ics: float | None = None
    england: float | None = None

    @property
    def position(self) -> str:
        if self.value is None or self.peers is None:
            return "unknown"
        return self.peers.position(self.value)

    @property
    def outlier(self) -> bool:
        return self.position in ("high", "low")


@dataclass(frozen=True)
class Row:
    """A rate's inputs for one organisation, as the comparisons need them."""

    org_code: str
    org_name: str
    ics_code: str
    ics_name: str
    peer_group: str
    numerator: float
    denominator: float


def compare(rows: Sequence[Row]) -> dict[str, Comparison]:
    """Every organisation's rate against its peer group, ICS and England (pure)."""
    peer_values: dict[str, list[float]] = defaultdict(list)
    ics_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    england = [0.0, 0.0]
    for row in rows:
        value = ratio(row.numerator, row.denominator)
        if value is not None:
            peer_values[row.peer_group].append(value)
        ics_sums[row.ics_code][0] += row.numerator
        ics_sums[row.ics_code][1] += row.denominator
        england[0] += row.numerator
        england[1] += row.denominator
    spreads = {group: spread(values) for group, values in peer_values.items()}
    england_rate = ratio(*england)
    return {
        row.org_code: Comparison(
            org_code=row.org_code,
            org_name=row.org_name,
            ics_code=row.ics_code,
            ics_name=row.ics_name,
            peer_group=row.peer_group,
            value=ratio(row.numerator, row.denominator),
            numerator=row.numerator,
            denominator=row.denominator,
            peers=spreads.get(row.peer_group),
            ics=ratio(*ics_sums[row.ics_code]),
            england=england_rate,
        )
        for row in rows
    }


# Turnover ----------------------------------------------------------------------------------------

TURNOVER_MEASURES: dict[str, tuple[str, Callable[[Any], tuple[float, float]]]] = {
    "leavers": (
        "Leaver rate",
        lambda f: (f.leavers_hc, (f.hc_start + f.hc_end) / 2),
    ),
    "joiners": (
        "Joiner rate",
        lambda f: (f.joiners_hc, (f.hc_start + f.hc_end) / 2),
    ),
    "stability": (
        "Stability rate",
        lambda f: (max(f.hc_start - f.leavers_hc, 0.0), f.hc_start),
    ),
}


def turnover_periods() -> list[dt.date]:
    return list(
        TurnoverFigure.objects.order_by("-period_start")
        .values_list("period_start", flat=True)
        .distinct()
    )


def staff_groups(period: dt.date | None = None) -> list[str]:
    figures = TurnoverFigure.objects.all()
    if period is not None:
        figures = figures.filter(period_start=period)
    names = set(figures.values_list("staff_group", flat=True).distinct())
    ordered = sorted(names - {ALL_STAFF_GROUPS})
    return [ALL_STAFF_GROUPS, *ordered] if ALL_STAFF_GROUPS in names else ordered


def _turnover_row(figure: TurnoverFigure, measure: str) -> Row:
    numerator, denominator = TURNOVER_MEASURES[measure][1](figure)
    return Row(
        org_code=figure.org_code,
        org_name=figure.org_name,
        ics_code=figure.ics_code,
        ics_name=figure.ics_name,
        peer_group=figure.benchmark_group,
        numerator=numerator,
        denominator=denominator,
    )


def turnover_comparisons(period: dt.date, staff_group: str, measure: str) -> dict[str, Comparison]:
    """Every organisation in England for one period, staff group and measure."""
    figures = TurnoverFigure.objects.filter(period_start=period, staff_group=staff_group)
    return compare([_turnover_row(f, measure) for f in figures])


def organisation_turnover(period: dt.date, org_code: str) -> list[dict[str, Any]]:
    """One organisation's three turnover measures for every staff group it reports, each against
    its peers (the period's figures are read once)."""
    by_group: dict[str, list[TurnoverFigure]] = defaultdict(list)
    for figure in TurnoverFigure.objects.filter(period_start=period):
        by_group[figure.staff_group].append(figure)
    result = []
    for group in sorted(by_group, key=lambda g: (g != ALL_STAFF_GROUPS, g)):
        if not any(f.org_code == org_code for f in by_group[group]):
            continue
        entry: dict[str, Any] = {"staff_group": group}
        for measure in TURNOVER_MEASURES:
            entry[measure] = compare([_turnover_row(f, measure) for f in by_group[group]])[org_code]
        result.append(entry)
    return result


def turnover_series(org_code: str, staff_group: str = ALL_STAFF_GROUPS) -> list[dict[str, Any]]:
    """Period by period: the organisation's leaver rate against its peers, ICS and England."""
    figures = TurnoverFigure.objects.filter(staff_group=staff_group)
    return _series(figures, lambda f: _turnover_row(f, "leavers"), org_code)


def _series(figures: Any, row: Callable[[Any], Row], org_code: str) -> list[dict[str, Any]]:
    """The organisation's comparison in each period the figures cover, oldest first (every
    period's figures are read in one query)."""
    by_period: dict[dt.date, list[Any]] = defaultdict(list)
    for figure in figures.order_by("period_start"):
        by_period[figure.period_start].append(figure)
    series = []
    for period, in_period in by_period.items():
        comparison = compare([row(f) for f in in_period]).get(org_code)
        if comparison is not None:
            series.append({"month": period, "comparison": comparison})
    return series


# Sickness absence -------------------------------------------------------------------------------


def sickness_months() -> list[dt.date]:
    return list(
        SicknessFigure.objects.order_by("-period_start")
        .values_list("period_start", flat=True)
        .distinct()
    )


def _sickness_row(f: SicknessFigure) -> Row:
    return Row(
        org_code=f.org_code,
        org_name=f.org_name,
        ics_code=f.ics_code,
        ics_name=f.ics_name,
        peer_group=f.org_type,
        numerator=f.fte_days_lost,
        denominator=f.fte_days_available,
    )


def sickness_comparisons(month: dt.date) -> dict[str, Comparison]:
    return compare([_sickness_row(f) for f in SicknessFigure.objects.filter(period_start=month)])


def sickness_series(org_code: str) -> list[dict[str, Any]]:
    """Month by month: the organisation against its peers, its ICS and England."""
    return _series(SicknessFigure.objects.all(), _sickness_row, org_code)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# An organisation's page and the imports -------------------------------------------------------


def latest_figure(code: str) -> TurnoverFigure | SicknessFigure | None:
    """The organisation's latest turnover figure, or else its latest sickness figure."""
    return (
        TurnoverFigure.objects.filter(org_code=code).order_by("-period_start").first()
        or SicknessFigure.objects.filter(org_code=code).order_by("-period_start").first()
    )


def latest_nationality_figure(code: str) -> NationalityFigure | None:
    return NationalityFigure.objects.filter(org_code=code).order_by("-period_start").first()


def nationality_shares(code: str, period: dt.date) -> list[dict[str, Any]]:
    """The ten nationalities with the most FTE in the organisation that month, with shares."""
    totals: dict[str, float] = {}
    for figure in NationalityFigure.objects.filter(org_code=code, period_start=period):
        totals[figure.nationality] = totals.get(figure.nationality, 0.0) + figure.fte
    whole = sum(totals.values()) or 1.0
    return sorted(
        ({"name": k, "fte": v, "share": v / whole} for k, v in totals.items()),
        key=lambda item: -item["fte"],
    )[:10]


def import_count() -> int:
    return ImportBatch.objects.count()


def import_batches() -> QuerySet[ImportBatch]:
    """Every imported file, newest first, with who imported it and for whom."""
    return ImportBatch.objects.select_related("imported_by", "organisation", "place")


# The partnership's place in the national figures ------------------------------------------


def partnership_codes() -> dict[str, Organisation]:
    """The registry's organisations that have an ODS code, by code."""
    return {o.ods_code.upper(): o for o in Organisation.objects.active().exclude(ods_code="")}


def partnership_ics_code(comparisons: Iterable[Comparison]) -> str | None:
    """The ICS the partnership belongs to: the system place's code, or else the ICS most of its
    NHS organisations report under."""
    system = Place.objects.filter(kind=PlaceKind.SYSTEM).exclude(code="").first()
    if system is not None:
        return system.code.upper()
    codes = partnership_codes()
    counted = Counter(c.ics_code for c in comparisons if c.org_code.upper() in codes)
    return counted.most_common(1)[0][0] if counted else None
