"""The pure application state machine and the matching score (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.talent.pipeline import matching
from oneworkforce.talent.pipeline import states as pipeline
from oneworkforce.talent.pipeline.states import MoveRefused, State

states = st.sampled_from(list(State))


@given(st.lists(states, max_size=12))
def test_no_sequence_of_allowed_moves_reaches_a_start_without_an_offer(path):
    current = State.INTERESTED
    seen = [current]
    for target in path:
        try:
            pipeline.check_move(current, target, reason="because")
        except MoveRefused:
            continue
        current = target
        seen.append(current)
    if State.STARTED in seen:
        assert seen[seen.index(State.STARTED) - 1] == State.OFFER


@pytest.mark.parametrize("ended", sorted(pipeline.ENDED))
def test_an_ended_application_cannot_move(ended):
    for target in State:
        with pytest.raises(MoveRefused):
            pipeline.check_move(ended, target, reason="x")


def test_starting_before_an_offer_is_refused_in_plain_words():
    with pytest.raises(MoveRefused, match="needs a conditional offer first"):
        pipeline.check_move(State.INTERVIEW, State.STARTED)


def test_a_start_waits_for_every_offer_condition():
    with pytest.raises(MoveRefused, match="2 offer conditions are not yet met"):
        pipeline.check_move(State.OFFER, State.STARTED, conditions_outstanding=2)
    pipeline.check_move(State.OFFER, State.STARTED, conditions_outstanding=0)


def test_ending_needs_a_reason_and_employers_cannot_screen():
    with pytest.raises(MoveRefused, match="Give a reason"):
        pipeline.check_move(State.INTERVIEW, State.NOT_SUCCESSFUL, reason="  ")
    with pytest.raises(MoveRefused, match="Only a talent coordinator"):
        pipeline.check_move(State.INTERESTED, State.SCREENED, by_employer=True)
    pipeline.check_move(State.PUT_FORWARD, State.INTERVIEW, by_employer=True)


@given(states, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_only_waiting_states_have_a_due_date_and_it_is_in_the_future(state, since):
    due = pipeline.due_on(state, since)
    if state in pipeline.WAITING:
        assert due is not None and due > since
        assert pipeline.waits_on(state) is not None
    else:
        assert due is None and pipeline.waits_on(state) is None


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.sampled_from([6, 12])
)
def test_checkpoints_fall_the_right_number_of_months_later(start, months):
    due = pipeline.checkpoint_due(start, months)
    assert (due.year - start.year) * 12 + due.month - start.month == months
    assert due.day == start.day or (due.day < start.day and (due + dt.timedelta(days=1)).day == 1)


def test_every_state_has_a_label_and_a_next_step_for_the_candidate():
    for state in State:
        assert pipeline.LABELS[state] and pipeline.NEXT_STEP[state]


# Matching --------------------------------------------------------------------------------------

points = st.tuples(st.floats(50, 56), st.floats(-4, 1))
seekers = st.builds(
    matching.Seeker,
    families=st.frozensets(st.sampled_from(["care_support", "admin", "estates"])),
    areas=st.frozensets(st.sampled_from(["social_care", "hospital", "council"])),
    hours=st.sampled_from(["any", "full_time", "part_time", "flexible"]),
    home=st.none() | points,
    travel_km=st.none() | st.floats(1, 50),
)
openings = st.builds(
    matching.Opening,
    job_family=st.sampled_from(["care_support", "admin", "estates"]),
    work_area=st.sampled_from(["social_care", "hospital", "council"]),
    hours=st.sampled_from(["any", "full_time", "part_time", "flexible"]),
    place=st.none() | points,
    entry_level=st.booleans(),
)


@given(seekers, openings)
def test_a_score_is_between_0_and_100_with_a_reason_for_each_criterion_met(seeker, opening):
    fit = matching.fit(seeker, opening)
    assert 0 <= fit.score <= 100
    assert len(fit.reasons) >= sum(
        [
            opening.job_family in seeker.families,
            opening.work_area in seeker.areas,
        ]
    )


@given(seekers, openings)
def test_wanting_the_role_s_kind_of_work_never_lowers_the_score(seeker, opening):
    wider = matching.Seeker(
        families=seeker.families | {opening.job_family},
        areas=seeker.areas | {opening.work_area},
        hours="any",
        home=seeker.home,
        travel_km=seeker.travel_km,
    )
    assert matching.fit(wider, opening).score >= matching.fit(seeker, opening).score


def test_distance_counts_only_within_the_travel_limit():
    leeds, bradford = (53.8, -1.55), (53.79, -1.75)  # about 13 km apart
    opening = matching.Opening("care_support", "social_care", "any", bradford, True)
    near = matching.fit(matching.Seeker(frozenset(), frozenset(), "any", leeds, 20), opening)
    far = matching.fit(matching.Seeker(frozenset(), frozenset(), "any", leeds, 5), opening)
    assert near.score - far.score == matching.WEIGHTS["distance"]
    assert 12 < (near.distance_km or 0) < 15
