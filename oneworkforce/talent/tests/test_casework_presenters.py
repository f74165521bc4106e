"""Casework and outreach presenters, without a database: equality answers in words and a
campaign's QR code."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.talent.casework.presenters import equality_rows
from oneworkforce.talent.casework.services import EQUALITY_CHOICES, EQUALITY_FIELDS
from oneworkforce.talent.models import Equality
from oneworkforce.talent.outreach.presenters import qr_svg


def test_no_record_shows_no_rows_and_blank_answers_read_not_answered():
    assert equality_rows(None) == []
    rows = equality_rows(Equality(age_band="25-34", sex=""))
    assert len(rows) == len(EQUALITY_FIELDS)
    assert rows[0].answer == "25 to 34"
    assert {row.answer for row in rows[1:]} == {"Not answered"}


@given(st.sampled_from(EQUALITY_FIELDS), st.text(max_size=10))
def test_an_answer_is_its_label_or_not_answered_never_the_stored_code(field, value):
    row = equality_rows(Equality(**{field: value}))[EQUALITY_FIELDS.index(field)]
    labels = dict(EQUALITY_CHOICES[field])
    assert row.answer == labels.get(value, "Not answered") if value else "Not answered"


def test_the_qr_code_is_an_svg_with_its_title_drawn_larger_at_a_larger_scale():
    link = "https://example.org/c/ABC123"
    small, large = qr_svg(link), qr_svg(link, scale=12)
    assert small.startswith("<svg") and "<title>QR code</title>" in small
    assert "#212b32" in small
    width = re.compile(r'width="(\d+)"')
    assert int(width.search(large)[1]) > int(width.search(small)[1])
