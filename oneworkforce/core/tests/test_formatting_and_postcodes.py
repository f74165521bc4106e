from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core import formatting, postcodes

outward = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]?", fullmatch=True)
inward = st.from_regex(r"[0-9][A-Z]{2}", fullmatch=True)


@given(outward, inward, st.sampled_from(["", " ", "  "]), st.booleans())
def test_any_spacing_or_case_of_a_postcode_normalises_to_one_form(out, inw, gap, lower):
    typed = f"{out}{gap}{inw}"
    typed = typed.lower() if lower else typed
    assert postcodes.normalise(typed) == f"{out} {inw}"
    assert postcodes.outward(typed) == out


@pytest.mark.parametrize("bad", ["", "LS1", "12345", "LS1 4A", "LS1 4APX", "L$1 4AP"])
def test_a_non_postcode_is_refused(bad):
    with pytest.raises(postcodes.InvalidPostcode):
        postcodes.normalise(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 3, 3, 14, 5), "3 March 2026 at 2:05pm"),
        (dt.datetime(2026, 3, 3, 12, 0), "3 March 2026 at midday"),
        (dt.datetime(2026, 3, 3, 0, 0), "3 March 2026 at midnight"),
        (dt.datetime(2026, 12, 25, 9, 30), "25 December 2026 at 9:30am"),
        (dt.datetime(2026, 12, 25, 10, 0), "25 December 2026 at 10am"),
        (dt.datetime(2026, 12, 25, 23, 0), "25 December 2026 at 11pm"),
    ],
)
def test_datetimes_read_as_plain_english(value, expected):
    assert formatting.datetime(value) == expected


def test_counts_choose_singular_or_plural():
    assert formatting.count(1, "partner") == "1 partner"
    assert formatting.count(0, "partner") == "0 partners"
    assert formatting.count(1204, "faculty", "faculties") == "1,204 faculties"
