"""The needs pages' presenters, without a database: the evidence rows and their labels."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.decisions.needs.presenters import figure_label, need_evidence, sector_names
from oneworkforce.decisions.needs.selectors import NeedFigure
from oneworkforce.intelligence.statistics.presenters import POSITION_TEXT
from oneworkforce.intelligence.statistics.selectors import Comparison, spread

MARCH = dt.date(2025, 3, 1)


def _comparison(value: float | None, peers: list[float] | None = None) -> Comparison:
    return Comparison(
        org_code="RAE",
        org_name="Airedale",
        ics_code="QWO",
        ics_name="West Yorkshire",
        peer_group="Acute",
        value=value,
        numerator=1,
        denominator=10,
        peers=spread(peers) if peers else None,
    )


def _figure(need_id=1, measure="leavers", group="All staff groups", value=0.12, peers=None):
    return NeedFigure(need_id, "Airedale", "RAE", measure, group, MARCH, _comparison(value, peers))


def test_labels_name_the_measure_the_staff_group_and_the_month():
    assert figure_label(_figure()) == "Leaver rate, all staff groups, March 2025"
    assert figure_label(_figure(group="Nurses & health visitors")) == (
        "Leaver rate, Nurses & health visitors, March 2025"
    )
    assert figure_label(_figure(measure="sickness")) == "Sickness absence, March 2025"


def test_a_figure_without_a_value_is_left_out_and_every_need_is_listed():
    evidence = need_evidence([7, 8], [_figure(need_id=7, value=None)])
    assert evidence == {7: [], 8: []}


def test_each_row_carries_the_peers_median_and_position():
    peers = [0.05, 0.06, 0.07, 0.08, 0.09, 0.10]
    (row,) = need_evidence([1], [_figure(value=0.30, peers=peers)])[1]
    assert row["organisation"] == "Airedale" and row["code"] == "RAE"
    assert row["median"] == pytest.approx(0.075)
    assert row["outlier"] is True
    assert row["position"] == POSITION_TEXT["high"]


def test_without_peers_the_position_is_unknown_and_not_an_outlier():
    (row,) = need_evidence([1], [_figure(value=0.1)])[1]
    assert row["median"] is None and row["outlier"] is False


@given(st.lists(st.tuples(st.integers(1, 5), st.one_of(st.none(), st.floats(0, 1)))))
def test_every_figure_with_a_value_becomes_one_row_under_its_need(pairs):
    figures = [_figure(need_id=n, value=v) for n, v in pairs]
    evidence = need_evidence(range(1, 6), figures)
    assert set(evidence) == set(range(1, 6))
    for need_id, rows in evidence.items():
        assert len(rows) == sum(1 for n, v in pairs if n == need_id and v is not None)


def test_sector_names_are_the_plain_labels_and_unknown_codes_stay_as_given():
    assert sector_names(["adult_social_care", "nope"]) == "Adult social care provider, nope"
    assert sector_names([]) == ""
