"""The smaller defects found trying the portal as a care worker and a partner admin would, each
pinned by a test that failed before its fix."""

from __future__ import annotations

import datetime as dt

import pytest

from oneworkforce.learning.bookings.forms import read_time


@pytest.mark.parametrize(
    ("written", "time"),
    [
        ("2pm", dt.time(14, 0)),
        ("2 PM", dt.time(14, 0)),
        ("2.30pm", dt.time(14, 30)),
        ("2:30 p.m.", dt.time(14, 30)),
        ("12pm", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("9am", dt.time(9, 0)),
        ("09:30", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        ("14", dt.time(14, 0)),
    ],
)
def test_times_are_read_as_people_write_them(written, time):
    assert read_time(written) == time


@pytest.mark.parametrize("written", ["13pm", "25:00", "9:75", "noonish", "", "0am"])
def test_what_is_not_a_time_is_refused(written):
    assert read_time(written) is None
