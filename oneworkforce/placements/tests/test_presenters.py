"""Presenters, without a database."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from ..capacity import presenters as capacity
from ..environments import presenters as environments

TODAY = dt.date(2027, 6, 1)


def test_an_audit_is_flagged_when_expired_or_due_within_ninety_days():
    assert environments.audit_status(None, None, TODAY)["text"] == "No audit recorded"
    assert "expired" in environments.audit_status(dt.date(2027, 5, 1), "approved", TODAY)["text"]
    assert environments.audit_status(dt.date(2027, 8, 1), "approved", TODAY)["classes"].endswith(
        "orange"
    )
    assert environments.audit_status(dt.date(2028, 8, 1), "approved", TODAY)["classes"].endswith(
        "green"
    )
    assert environments.audit_status(dt.date(2028, 8, 1), "not_approved", TODAY)["text"] == (
        "Not approved"
    )


@given(
    st.lists(
        st.fixed_dictionaries({q: st.integers(1, 5) for q in environments.QUESTION_TEXT}),
        max_size=12,
    )
)
def test_evaluations_are_shown_only_as_averages_of_five_or_more(scores):
    summary = environments.evaluation_summary(scores)
    assert summary["shown"] == (len(scores) >= 5)
    assert summary["answers"] == len(scores)
    if summary["shown"]:
        assert all(1 <= row["average"] <= 5 for row in summary["rows"])
    else:
        assert summary["rows"] == []


def test_supervision_growth_counts_those_in_post_at_each_quarter():
    rows = [(dt.date(2026, 1, 1), None, 2), (dt.date(2026, 8, 1), dt.date(2027, 2, 1), 3)]
    quarters = environments.quarters_to(TODAY, count=4)
    assert quarters == [
        dt.date(2026, 7, 1),
        dt.date(2026, 10, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 1),
    ]
    growth = environments.supervision_growth(rows, quarters)
    assert [(g["supervisors"], g["students"]) for g in growth] == [(1, 2), (2, 5), (2, 5), (1, 2)]


def _figures():
    return SimpleNamespace(
        asked=[
            {
                "block__name": "Autumn",
                "programme__profession": "nursing",
                "programme__field": "Adult",
                "programme__provider__name": "Uni",
                "n": 10,
            },
        ],
        offered=[
            {
                "block__name": "Autumn",
                "profession": "nursing",
                "environment__setting": "care_home",
                "environment__organisation__sector": "adult_social_care",
                "n": 4,
            },
            {
                "block__name": "Autumn",
                "profession": "nursing",
                "environment__setting": "acute",
                "environment__organisation__sector": "nhs_acute",
                "n": 4,
            },
        ],
        placed=[
            {
                "block__name": "Autumn",
                "student__programme__profession": "nursing",
                "student__programme__field": "Adult",
                "environment__setting": "care_home",
                "environment__organisation__sector": "adult_social_care",
                "student__programme__provider__name": "Uni",
                "n": 3,
            },
            {
                "block__name": "Autumn",
                "student__programme__profession": "nursing",
                "student__programme__field": "Adult",
                "environment__setting": "acute",
                "environment__organisation__sector": "nhs_acute",
                "student__programme__provider__name": "Uni",
                "n": 4,
            },
        ],
    )


def test_capacity_against_demand_by_setting_and_profession_with_unmet_demand():
    tables = {t["key"]: t["rows"] for t in capacity.by_dimension(_figures())}
    nursing = next(r for r in tables["profession"] if r["label"] == "Nursing")
    assert (nursing["asked"], nursing["offered"], nursing["placed"], nursing["unmet"]) == (
        10,
        8,
        7,
        3,
    )
    care_home = next(r for r in tables["setting"] if r["label"] == "Care home")
    assert (care_home["asked"], care_home["offered"], care_home["placed"]) == (None, 4, 3)
    assert {r["label"] for r in tables["setting"]} >= {
        "Home care",
        "Hospice",
        "Voluntary or community service",
    }


def test_the_share_in_growth_settings_and_the_csv_hold_the_same_figures():
    figures = _figures()
    totals = capacity.totals(figures)
    assert (totals["placed"], totals["growth"], totals["unmet"]) == (7, 3, 3)
    assert abs(totals["growth_share"] - 3 / 7) < 1e-9
    rows = capacity.csv_rows(capacity.by_dimension(figures))
    assert ["profession", "Nursing", 10, 8, 7, 3] in rows
    assert capacity.setting_chart(capacity.by_dimension(figures)).bars
