"""What the decisions pages show, decided without a database (unsaved models and plain objects)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from oneworkforce.decisions.initiatives.presenters import (
    initiative_actions,
    initiative_rows,
    measure_rows,
)
from oneworkforce.decisions.models import DecisionRound, Initiative, Measure
from oneworkforce.decisions.rounds.presenters import (
    result_table,
    round_actions,
    share_bars,
    vote_instructions,
)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("draft", {"is_open": False, "can_open": True, "can_close": False, "can_export": False}),
        ("open", {"is_open": True, "can_open": False, "can_close": True, "can_export": False}),
        ("closed", {"is_open": False, "can_open": False, "can_close": False, "can_export": True}),
    ],
)
def test_it_offers_partnership_admins_the_next_step_of_the_round(status, expected):
    assert round_actions(DecisionRound(status=status), administers=True) == expected


@pytest.mark.parametrize("status", ["draft", "open", "closed"])
def test_it_offers_no_round_step_to_people_who_do_not_administer(status):
    actions = round_actions(DecisionRound(status=status), administers=False)
    assert actions == {
        "is_open": status == "open",
        "can_open": False,
        "can_close": False,
        "can_export": False,
    }


def test_it_explains_each_kind_of_ballot():
    ranking = DecisionRound(ballot_type="ordinal")
    points = DecisionRound(ballot_type="cumulative", max_points=7)
    approval = DecisionRound(ballot_type="approval", budget=1_250_000)
    assert vote_instructions(ranking).startswith("Number the proposals in order of preference")
    assert vote_instructions(points).startswith("Share up to 7 points between the proposals.")
    assert vote_instructions(approval) == (
        "Choose every proposal you support. The budget is £1,250,000."
    )


@pytest.mark.parametrize(
    ("status", "manages", "administers", "expected"),
    [
        ("active", True, False, {"can_change_measures": True, "can_review": False}),
        ("active", False, True, {"can_change_measures": False, "can_review": True}),
        ("active", False, False, {"can_change_measures": False, "can_review": False}),
        ("stopped", True, True, {"can_change_measures": False, "can_review": False}),
    ],
)
def test_a_running_initiative_offers_its_managers_and_admins_their_actions(
    status, manages, administers, expected
):
    initiative = Initiative(status=status)
    assert initiative_actions(initiative, manages=manages, administers=administers) == expected


def test_it_shows_budget_shares_and_results_in_pounds():
    assert share_bars([("Nursing", 25_000)], 100_000) == [
        {"label": "Nursing", "amount": "£25,000", "percent": 25.0}
    ]
    assert share_bars([("Nursing", 1)], 0)[0]["percent"] == 0.0
    row = {
        "proposal": SimpleNamespace(title="Shared bank", cost=40_000),
        "votes": 3,
        "funded": False,
        "reason": "Over budget",
    }
    assert [cell["text"] for cell in result_table([row])[0]] == [
        "Shared bank",
        "£40,000",
        "3 votes",
        "Not funded",
        "Over budget",
    ]


def test_it_tags_initiatives_by_status_and_latest_review():
    review = SimpleNamespace(
        decision="stop",
        get_checkpoint_display=lambda: "90 days",
        get_decision_display=lambda: "Stop",
    )
    item = SimpleNamespace(
        status="stopped",
        reviews=SimpleNamespace(all=lambda: [review]),
        spent=1_000,
        allocated=5_000,
    )
    row = initiative_rows([item], dt.date(2026, 5, 1))[0]
    assert row["next"] is None  # a stopped initiative has no review to come
    assert row["status"] == {"text": "Stopped", "classes": "nhsuk-tag--grey"}
    assert row["latest"] == {"text": "90 days: Stop", "classes": "nhsuk-tag--red"}
    assert (row["spent"], row["allocated"]) == ("£1,000", "£5,000")


def test_it_shows_a_measure_against_its_target():
    measure = Measure(baseline=Decimal("20.00"), target=Decimal("10.00"), value_30=Decimal("15"))
    row = measure_rows([measure])[0]
    assert row["cells"] == ["20", "10", "15", "Not yet", "Not yet", "Not yet"]
    assert row["latest_progress"] == 50
