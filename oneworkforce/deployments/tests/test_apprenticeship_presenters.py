"""Block dates, choices in words and a plan's cells, decided without a database."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from oneworkforce.deployments.apprenticeships.presenters import (
    assignment_cell,
    block_dates,
    block_labels,
    ints,
    ordinal_choice,
)


def test_it_runs_blocks_on_from_each_other_and_keeps_month_ends_in_range() -> None:
    cohort = SimpleNamespace(starts_on=dt.date(2026, 1, 31), blocks=3, block_months=1)
    assert block_dates(cohort) == [
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27)),
        (dt.date(2026, 2, 28), dt.date(2026, 3, 30)),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 29)),
    ]
    assert block_labels(
        SimpleNamespace(starts_on=dt.date(2026, 9, 1), blocks=1, block_months=4)
    ) == ["Block 1: 1 September 2026 to 31 December 2026"]


def test_it_names_choices_in_words() -> None:
    assert ordinal_choice(1) == "1st choice"
    assert ordinal_choice(3) == "3rd choice"
    assert ordinal_choice(None) == "Not one of their choices"


def test_it_reads_only_lists_of_numbers_as_places() -> None:
    assert ints([2, 3]) == (2, 3)
    assert ints(None) == ()
    assert ints("2,3") == ()


def test_it_shows_an_empty_block_and_a_coordinators_change() -> None:
    assert assignment_cell(None, {})["placement"] == "Not placed yet"
    placement = SimpleNamespace(
        site=SimpleNamespace(name="Millbrook Surgery"), get_setting_display=lambda: "Primary care"
    )
    row = SimpleNamespace(
        apprentice_id=1, placement_id=9, placement=placement, override_reason="Closer to home"
    )
    cell = assignment_cell(row, {(1, 9): 2})
    assert cell == {
        "placement": "Millbrook Surgery",
        "setting": "Primary care",
        "choice": "2nd choice",
        "choice_number": 2,
        "overridden": True,
    }
    assert assignment_cell(row, {})["choice"] == "Not one of their choices"
