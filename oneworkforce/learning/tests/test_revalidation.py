"""The revalidation summary's arithmetic (no database): the window's edges, exact sums, and
progress that never passes 100%."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.learning.cpd import presenters
from oneworkforce.learning.cpd.revalidation import (
    Activity,
    _starts_next_day,
    presets,
    summarise,
    window,
    years_before,
)

NMC = presets()["nmc"]
days = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2040, 12, 31))
hours = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2)
activities = st.lists(st.builds(Activity, days, hours, st.booleans()), max_size=30)


def _measure(summary, key):
    return next(m for m in summary.measures if m.key == key)


def test_the_nmc_preset_is_data_35_hours_20_participatory_5_reflections_in_3_years():
    assert (NMC.years, NMC.hours, NMC.participatory_hours, NMC.reflections) == (3, 35, 20, 5)
    assert [t.label for t in NMC.themes] == [
        "Prioritise people",
        "Practise effectively",
        "Preserve safety",
        "Promote professionalism and trust",
    ]


def test_the_window_counts_its_first_and_last_day_and_not_the_days_outside():
    renewal = dt.date(2027, 3, 31)
    start, end = window(renewal, 3)
    assert (start, end) == (dt.date(2024, 3, 31), renewal)
    inside = [Activity(start, Decimal(1), True), Activity(end, Decimal(2), False)]
    outside = [
        Activity(start - dt.timedelta(days=1), Decimal(10), True),
        Activity(end + dt.timedelta(days=1), Decimal(20), True),
    ]
    summary = summarise(
        preset=NMC,
        renewal_on=renewal,
        activities=inside + outside,
        reflections=[start, end, start - dt.timedelta(days=1), end + dt.timedelta(days=1)],
    )
    assert _measure(summary, "hours").have == 3
    assert _measure(summary, "participatory").have == 1
    assert _measure(summary, "reflections").have == 2
    assert summary.entries == 2


def test_a_renewal_on_29_february_counts_from_28_february():
    assert years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)
    assert years_before(dt.date(2028, 2, 29), 4) == dt.date(2024, 2, 29)


def test_exactly_the_targets_is_done_and_a_hundredth_less_is_not():
    renewal = dt.date(2027, 1, 1)
    day = dt.date(2026, 1, 1)
    done = summarise(
        preset=NMC,
        renewal_on=renewal,
        activities=[Activity(day, Decimal(20), True), Activity(day, Decimal(15), False)],
        reflections=[day] * 5,
    )
    assert done.complete
    short = summarise(
        preset=NMC,
        renewal_on=renewal,
        activities=[Activity(day, Decimal("19.99"), True), Activity(day, Decimal(15), False)],
        reflections=[day] * 4,
    )
    assert [m.met for m in short.measures] == [False, False, False]
    view = presenters.summary_view(short)
    assert [b["text"] for b in view["bars"]] == [
        "34.99 of 35 hours",
        "19.99 of 20 hours",
        "4 of 5 accounts",
    ]
    assert view["bars"][0]["tag"]["text"] == "0.01 hours to go"


@given(activities, st.lists(days, max_size=10), days)
def test_the_summary_counts_exactly_what_falls_in_the_window(items, reflections, renewal):
    summary = summarise(preset=NMC, renewal_on=renewal, activities=items, reflections=reflections)
    inside = [a for a in items if summary.start <= a.done_on <= renewal]
    assert _measure(summary, "hours").have == sum((a.hours for a in inside), Decimal(0))
    assert _measure(summary, "participatory").have == sum(
        (a.hours for a in inside if a.participatory), Decimal(0)
    )
    assert _measure(summary, "participatory").have <= _measure(summary, "hours").have
    assert _measure(summary, "reflections").have == sum(
        summary.start <= r <= renewal for r in reflections
    )
    assert (renewal - summary.start).days in (365 * 3, 365 * 3 + 1, 365 * 3 - 1)
    for measure in summary.measures:
        assert 0 <= measure.share <= 1
        assert measure.met == (measure.share == 1 and measure.have >= measure.need)


@given(activities, days, st.integers(min_value=1, max_value=400))
def test_moving_the_renewal_date_later_adds_what_it_reaches_and_drops_what_it_leaves(
    items, renewal, shift
):
    before = summarise(preset=NMC, renewal_on=renewal, activities=items, reflections=[])
    later = renewal + dt.timedelta(days=shift)
    after = summarise(preset=NMC, renewal_on=later, activities=items, reflections=[])
    gained = sum((a.hours for a in items if renewal < a.done_on <= later), Decimal(0))
    lost = sum((a.hours for a in items if before.start <= a.done_on < after.start), Decimal(0))
    assert _measure(after, "hours").have == _measure(before, "hours").have + gained - lost


SWE = presets()["swe"]
recorded_activities = st.lists(
    st.builds(Activity, days, hours, st.booleans(), st.booleans(), st.booleans()), max_size=30
)


def test_the_social_work_england_preset_is_two_pieces_one_with_a_peer_each_registration_year():
    assert (SWE.years, SWE.pieces, SWE.peer_reflections, SWE.starts_next_day) == (1, 2, 1, True)
    assert (SWE.hours, SWE.participatory_hours, SWE.reflections) == (0, 0, 0)
    assert "Social Work England" in SWE.source
    assert "councils" in SWE.who and "NHS" in SWE.who
    # The registration year runs from 1 December to 30 November.
    assert window(dt.date(2027, 11, 30), SWE.years, next_day=True) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 11, 30),
    )


def test_a_piece_counts_once_written_and_a_peer_reflection_once_discussed_with_a_peer():
    renewal = dt.date(2027, 11, 30)
    day = dt.date(2027, 3, 1)
    attended_only = Activity(day, Decimal(3), True)
    written = Activity(day, Decimal(1), False, recorded=True)
    with_peer = Activity(day, Decimal(2), True, recorded=True, peer=True)
    last_year = Activity(dt.date(2026, 11, 30), Decimal(1), True, recorded=True, peer=True)
    short = summarise(
        preset=SWE,
        renewal_on=renewal,
        activities=[attended_only, written, last_year],
        reflections=[],
    )
    assert (_measure(short, "pieces").have, _measure(short, "peer").have) == (1, 0)
    assert not short.complete
    done = summarise(
        preset=SWE, renewal_on=renewal, activities=[written, with_peer], reflections=[]
    )
    assert done.complete
    view = presenters.summary_view(done)
    assert [b["text"] for b in view["bars"]][-2:] == ["2 of 2 pieces", "1 of 1 pieces"]
    # Hours, participatory hours and reflective accounts have no set number for social workers.
    assert [b["tag"]["text"] for b in view["bars"]][:3] == ["No set number"] * 3


def test_presets_without_pieces_do_not_show_those_measures():
    summary = summarise(preset=NMC, renewal_on=dt.date(2027, 1, 1), activities=[], reflections=[])
    assert [m.key for m in summary.measures] == ["hours", "participatory", "reflections"]


def test_a_preset_with_an_unknown_window_start_is_refused_by_name():
    with pytest.raises(ValueError, match="swe: window_starts must be"):
        _starts_next_day("swe", "next_week")


@given(recorded_activities, days)
def test_pieces_count_the_written_ones_in_the_registration_year(items, renewal):
    summary = summarise(preset=SWE, renewal_on=renewal, activities=items, reflections=[])
    assert summary.start == years_before(renewal, 1) + dt.timedelta(days=1)
    inside = [a for a in items if summary.start <= a.done_on <= renewal]
    pieces, peer = _measure(summary, "pieces").have, _measure(summary, "peer").have
    assert pieces == sum(a.recorded for a in inside)
    assert peer == sum(a.recorded and a.peer for a in inside)
    assert peer <= pieces
    assert summary.complete == (pieces >= 2 and peer >= 1)
