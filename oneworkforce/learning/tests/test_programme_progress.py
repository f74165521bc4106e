"""The progress and completion rule of a programme (pure, no database): property tests over
sets of steps, and the presenters' words for it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.learning.programmes import presenters
from oneworkforce.learning.programmes.progress import BOOKED, DONE, STATES, TO_DO, progress

steps_strategy = st.lists(st.tuples(st.booleans(), st.sampled_from(STATES)), max_size=25)


@given(steps_strategy, st.integers(min_value=0, max_value=30))
def test_complete_exactly_when_every_required_step_and_enough_optional_ones_are_done(
    steps, optional_needed
):
    result = progress(steps, optional_needed)
    required = [state for needed, state in steps if needed]
    optional = [state for needed, state in steps if not needed]
    enough = min(optional_needed, len(optional))
    expected = (
        all(s == DONE for s in required)
        and sum(s == DONE for s in optional) >= enough
        and (len(required) + enough) > 0
    )
    assert result.complete == expected


@given(steps_strategy, st.integers(min_value=0, max_value=30))
def test_progress_is_a_percentage_that_reaches_100_only_when_complete(steps, optional_needed):
    result = progress(steps, optional_needed)
    assert 0 <= result.percent <= 100
    assert (result.percent == 100) == result.complete
    assert result.counted <= result.needed


@given(steps_strategy, st.integers(min_value=0, max_value=30), st.data())
def test_doing_a_step_never_lowers_progress_and_booking_one_never_counts(
    steps, optional_needed, data
):
    if not steps:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(steps) - 1))
    before = progress(steps, optional_needed)
    required, _ = steps[index]
    done = [*steps[:index], (required, DONE), *steps[index + 1 :]]
    booked = [*steps[:index], (required, BOOKED), *steps[index + 1 :]]
    after = progress(done, optional_needed)
    assert after.counted >= before.counted
    assert after.percent >= before.percent
    # A place booked on a step not yet done is not progress.
    if steps[index][1] != DONE:
        assert progress(booked, optional_needed) == before


@given(st.permutations([(True, DONE), (False, TO_DO), (False, DONE), (True, BOOKED)]))
def test_the_order_of_the_steps_does_not_change_progress(steps):
    assert progress(steps, 1) == progress(
        [(True, DONE), (False, TO_DO), (False, DONE), (True, BOOKED)], 1
    )


def test_more_optional_steps_asked_for_than_there_are_is_capped():
    result = progress([(True, DONE), (False, DONE)], 5)
    assert result.optional_needed == 1
    assert result.complete


def test_a_programme_with_nothing_needed_is_never_complete():
    assert not progress([], 0).complete
    assert not progress([(False, DONE)], 0).complete
    assert progress([(False, DONE)], 0).percent == 0


def test_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown step state"):
        progress([(True, "finished")], 0)


def test_progress_words():
    result = progress([(True, DONE), (True, BOOKED), (False, DONE), (False, TO_DO)], 1)
    assert presenters.progress_text(result) == "2 of 3 steps needed are done (66%)"
    assert presenters.requirement_text(2, 2, 1) == (
        "Complete all 2 required steps and 1 of the 2 optional steps."
    )
    assert presenters.requirement_text(1, 0, 0) == "Complete the required step."
    assert presenters.requirement_text(0, 0, 0) == "Nothing is required yet."


def test_page_actions():
    assert presenters.page_actions(signed_in=False, enrolled=False, complete=False) == {
        "can_enrol": False,
        "enrol_again": False,
        "sign_in_to_enrol": True,
        "shows_progress": False,
        "has_certificate": False,
        "can_leave": False,
    }
    assert presenters.page_actions(signed_in=True, enrolled=True, complete=True)["has_certificate"]
    active = presenters.page_actions(signed_in=True, enrolled=True, complete=False)
    assert active["can_leave"] and not active["can_enrol"]
    # A learner who left sees their progress and may enrol again, but has nothing to leave.
    left = presenters.page_actions(signed_in=True, enrolled=True, complete=False, withdrawn=True)
    assert left["enrol_again"] and left["can_enrol"] and left["shows_progress"]
    assert not left["can_leave"] and not left["has_certificate"]
    assert presenters.page_actions(signed_in=True, enrolled=False, complete=False)["can_enrol"]


def _member(*, withdrawn_by=None, learner=1, done=0, needed=2, reason=""):
    enrolment = SimpleNamespace(
        pk=7,
        learner=SimpleNamespace(display_name="Jordan Ellis"),
        learner_id=learner,
        enrolled_at=dt.datetime(2026, 11, 1, 9, 0),
        withdrawn=withdrawn_by is not None,
        withdrawn_at=dt.datetime(2026, 12, 8, 9, 0) if withdrawn_by is not None else None,
        withdrawn_by_provider=withdrawn_by is not None and withdrawn_by != learner,
        withdrawal_reason=reason,
    )
    result = progress([(True, DONE)] * done + [(True, TO_DO)] * (needed - done), 0)
    return SimpleNamespace(enrolment=enrolment, progress=result)


def test_the_cohort_counts_each_learner_once_and_only_active_ones_can_be_withdrawn():
    members = [
        _member(done=1),
        _member(done=2),
        _member(withdrawn_by=1),
        _member(withdrawn_by=9, reason="Moved team."),
        _member(withdrawn_by=1, done=2),  # left, then their last step was completed elsewhere
    ]
    assert presenters.cohort_counts(members) == {"active": 1, "completed": 1, "withdrawn": 3}
    rows = presenters.cohort_rows(members)
    assert [r["tag"]["text"] for r in rows] == [
        "Active",
        "Completed",
        "Left",
        "Withdrawn by you",
        "Left",
    ]
    assert [r["can_withdraw"] for r in rows] == [True, False, False, False, False]
    assert rows[0]["steps"] == "1 of 2" and rows[0]["percent"] == 50


def test_the_learner_reads_who_withdrew_them_and_why():
    mine = _member(withdrawn_by=1).enrolment
    assert (
        presenters.withdrawal_text(mine, "Airedale")
        == "You left this programme on 8 December 2026."
    )
    theirs = _member(withdrawn_by=9, reason="Moved team.").enrolment
    assert presenters.withdrawal_text(theirs, "Airedale") == (
        "Airedale withdrew your enrolment on 8 December 2026. Their reason: Moved team."
    )
    assert presenters.my_programme_text(theirs, "2 of 3 done", "Airedale").startswith(
        "Withdrawn by Airedale: "
    )
    assert presenters.my_programme_text(mine, "2 of 3 done", "Airedale") == "You left: 2 of 3 done"
