"""The revalidation summary's arithmetic: which CPD counts towards a renewal date, and how it
measures against a regulator's preset (``data/revalidation.toml``). Plain Python over plain
values, so it is tested without a database.

The window: CPD done on or after the same day ``years`` years before the renewal date (29
February gives 28 February), or the day after it for a preset whose registration year starts
the day after the last renewal (``window_starts = "next_day"``), and on or before the renewal
date itself. Hours are exact decimals; nothing is rounded until it is shown.

Besides hours and reflective accounts, a preset may count pieces of CPD (``pieces``: entries
with what was learnt and how it changed practice both written) and pieces reflected on with a
peer (``peer_reflections``), as Social Work England does; those measures appear only when the
preset sets them."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

PRESETS_FILE = Path(__file__).resolve().parents[1] / "data" / "revalidation.toml"


@dataclass(frozen=True)
class Theme:
    key: str
    label: str


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    short: str
    years: int
    hours: Decimal
    participatory_hours: Decimal
    reflections: int
    themes: tuple[Theme, ...]
    source: str
    who: str = ""
    pieces: int = 0
    peer_reflections: int = 0
    starts_next_day: bool = False

    @property
    def choice_label(self) -> str:
        """The preset as one choice among equals: its name and who renews with it."""
        return f"{self.name}: {self.who}" if self.who else self.name


@cache
def presets() -> dict[str, Preset]:
    """Every preset in the data file, by key."""
    data = tomllib.loads(PRESETS_FILE.read_text(encoding="utf-8"))
    return {
        key: Preset(
            key=key,
            name=item["name"],
            short=item["short"],
            years=int(item["years"]),
            hours=Decimal(str(item["hours"])),
            participatory_hours=Decimal(str(item["participatory_hours"])),
            reflections=int(item["reflections"]),
            themes=tuple(Theme(t["key"], t["label"]) for t in item.get("themes", [])),
            source=item.get("source", ""),
            who=item.get("who", ""),
            pieces=int(item.get("pieces", 0)),
            peer_reflections=int(item.get("peer_reflections", 0)),
            starts_next_day=_starts_next_day(key, item.get("window_starts", "same_day")),
        )
        for key, item in data.items()
    }


def _starts_next_day(key: str, value: str) -> bool:
    if value not in ("same_day", "next_day"):
        raise ValueError(f"{key}: window_starts must be 'same_day' or 'next_day', not {value!r}")
    return value == "next_day"


def all_themes() -> dict[str, str]:
    """Every preset's code themes, key to label (a reflection may name any of them)."""
    return {t.key: t.label for p in presets().values() for t in p.themes}


@dataclass(frozen=True)
class Activity:
    done_on: dt.date
    hours: Decimal
    participatory: bool
    # What was learnt and how it changed practice are both written (a piece of CPD recorded).
    recorded: bool = False
    # What was learnt from discussing it with a peer is written.
    peer: bool = False


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    have: Decimal
    need: Decimal
    unit: str

    @property
    def met(self) -> bool:
        return self.have >= self.need

    @property
    def share(self) -> Decimal:
        """How far along, from 0 to 1 (1 when nothing is needed)."""
        if self.need <= 0:
            return Decimal(1)
        return min(Decimal(1), self.have / self.need)


@dataclass(frozen=True)
class Summary:
    preset: Preset
    start: dt.date
    end: dt.date
    entries: int
    measures: tuple[Measure, ...]

    @property
    def complete(self) -> bool:
        return all(m.met for m in self.measures)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def window(renewal_on: dt.date, years: int, *, next_day: bool = False) -> tuple[dt.date, dt.date]:
    """The first and last day whose CPD counts towards ``renewal_on`` (both included)."""
    start = years_before(renewal_on, years)
    return (start + dt.timedelta(days=1) if next_day else start), renewal_on


def summarise(
    *,
    preset: Preset,
    renewal_on: dt.date,
    activities: Iterable[Activity],
    reflections: Iterable[dt.date],
) -> Summary:
    start, end = window(renewal_on, preset.years, next_day=preset.starts_next_day)
    counted = [a for a in activities if start <= a.done_on <= end]
    hours = sum((a.hours for a in counted), Decimal(0))
    participatory = sum((a.hours for a in counted if a.participatory), Decimal(0))
    written = sum(1 for day in reflections if start <= day <= end)
    return Summary(
        preset=preset,
        start=start,
        end=end,
        entries=len(counted),
        measures=(
            Measure("hours", "CPD hours", hours, preset.hours, "hours"),
            Measure(
                "participatory",
                "Participatory hours (learning with other people)",
                participatory,
                preset.participatory_hours,
                "hours",
            ),
            Measure(
                "reflections",
                "Written reflective accounts",
                Decimal(written),
                Decimal(preset.reflections),
                "accounts",
            ),
            *_pieces(preset, counted),
        ),
    )


def _pieces(preset: Preset, counted: list[Activity]) -> list[Measure]:
    """The measures of pieces of CPD, for a preset that sets them."""
    measures = []
    if preset.pieces:
        have = sum(1 for a in counted if a.recorded)
        measures.append(
            Measure(
                "pieces",
                "Pieces of CPD with what you learnt and its impact written",
                Decimal(have),
                Decimal(preset.pieces),
                "pieces",
            )
        )
    if preset.peer_reflections:
        have = sum(1 for a in counted if a.recorded and a.peer)
        measures.append(
            Measure(
                "peer",
                "Pieces of CPD reflected on with a peer",
                Decimal(have),
                Decimal(preset.peer_reflections),
                "pieces",
            )
        )
    return measures
