"""Outcome figures counted from the records: each checked against a count by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent.casework import privacy
from oneworkforce.talent.models import (
    CandidateCohort,
    Checkpoint,
    EventPartner,
    EventRegistration,
    Qualification,
)
from oneworkforce.talent.outcomes import presenters
from oneworkforce.talent.outcomes import selectors as outcomes
from oneworkforce.talent.tests.factories import (
    ApplicationFactory,
    CampaignFactory,
    CandidateFactory,
    RecruitmentEventFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _starter(
    vacancy, *, outcome6="", outcome12="", unemployed=False, cohort=None, decile=None, community=""
):
    candidate = CandidateFactory(
        previously_unemployed=unemployed, deprivation_decile=decile, community=community
    )
    for each in [cohort] if isinstance(cohort, str) else cohort or []:
        CandidateCohort.objects.create(candidate=candidate, cohort=each)
    start = TODAY - dt.timedelta(days=400)
    application = ApplicationFactory(
        candidate=candidate, vacancy=vacancy, state="started", started_on=start
    )
    for months, outcome in ((6, outcome6), (12, outcome12)):
        Checkpoint.objects.create(
            application=application,
            months=months,
            due_on=start + dt.timedelta(days=30 * months),
            outcome=outcome,
            moved_to=OrganisationFactory() if outcome == "moved" else None,
        )
    return candidate


def test_an_empty_hub_has_zero_figures_and_the_pages_render(talent_coordinator):
    figures = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    assert (figures.engaged, figures.starters, figures.retention[12].share) == (0, 0, None)
    client = Client()
    client.force_login(talent_coordinator)
    for name in ("talent:dashboard", "talent:board_report", "talent:outcomes_csv"):
        assert client.get(reverse(name)).status_code == 200


def test_retention_counts_moving_partner_as_retained_and_awaiting_separately(org_a):
    vacancy = VacancyFactory(organisation=org_a, job_family="care_support")
    _starter(vacancy, outcome6="in_post", outcome12="in_post", unemployed=True)
    _starter(vacancy, outcome6="moved", outcome12="moved")
    _starter(vacancy, outcome6="left", outcome12="left", unemployed=True)
    _starter(vacancy, outcome6="in_post")  # 12-month checkpoint overdue
    figures = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    assert figures.starters == 4 and figures.previously_unemployed == 2
    assert (figures.retention[6].retained, figures.retention[6].recorded) == (3, 4)
    twelve = figures.retention[12]
    assert (twelve.retained, twelve.recorded, twelve.awaiting) == (2, 3, 1)
    assert figures.by_family == [("I support or care for people directly", 4)]
    assert figures.by_partner == [(org_a.name, 4)]


def test_anonymised_people_still_count(org_a):
    vacancy = VacancyFactory(organisation=org_a)
    person = _starter(vacancy, outcome6="in_post", outcome12="in_post", cohort="veteran")
    before = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    privacy.candidate_anonymise(candidate=person, actor=None, reason="test")
    after = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    assert (after.starters, after.retention[12].retained) == (before.starters, 1)
    assert after.retention_by["cohort"][12][0].group == "Veteran of the armed forces"


def test_small_groups_are_hidden_from_all_but_coordinators(org_a, admin_a, talent_coordinator):
    vacancy = VacancyFactory(organisation=org_a)
    for _ in range(3):
        _starter(vacancy, outcome6="in_post", outcome12="in_post", cohort="refugee", decile=1)
    figures = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    (refugees,) = figures.retention_by["cohort"][12]
    assert presenters.retention_text(refugees, suppress=True)[0] == "fewer than 5 recorded"
    assert presenters.retention_text(refugees, suppress=False)[0] == "3 of 3"
    assert presenters.shown(3, suppress=True) == "fewer than 5"
    assert presenters.shown(0, suppress=True) == "0" and presenters.shown(7, suppress=True) == "7"
    assert figures.retention_by["deprivation"][12][0].group == "1 to 2 (most deprived)"
    client = Client()
    client.force_login(admin_a)
    page = client.get(reverse("talent:dashboard")).content.decode()
    assert "fewer than 5 recorded" in page and "3 of 3" in page  # the total is never hidden
    client.force_login(talent_coordinator)
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("talent:outcomes_csv")).content.decode()))
    )
    assert [
        "Retention at 12 months by cohort",
        "Refugee or asylum seeker with the right to work",
        "Retained of recorded",
        "3/3",
    ] in rows


def _held(organiser, *, came=0, stayed_away=0, not_recorded=0, partners=(), **values):
    event = RecruitmentEventFactory(organiser=organiser, in_days=-7, **values)
    for attended, people in ((True, came), (False, stayed_away), (None, not_recorded)):
        for _ in range(people):
            EventRegistration.objects.create(
                event=event, candidate=CandidateFactory(), attended=attended
            )
    for partner in partners:
        EventPartner.objects.create(event=event, organisation=partner)
    return event


def test_events_count_what_was_held_and_who_came(org_a, org_b):
    campaign = CampaignFactory()
    _held(org_a, came=3, stayed_away=1, not_recorded=2, partners=[org_a, org_b])
    _held(org_b, came=1, partners=[org_a], campaign=campaign)
    _held(org_b, came=2, stayed_away=2)  # org_a neither organised nor came
    _held(org_a, came=5, cancelled_at=timezone.now())  # cancelled: never counts
    upcoming = RecruitmentEventFactory(organiser=org_a, in_days=5)
    EventRegistration.objects.create(event=upcoming, candidate=CandidateFactory())

    figures = outcomes.outcomes(outcomes.Filters(), today=TODAY)
    every = figures.events
    assert (every.held, every.sign_ups, every.registered) == (3, 3, 11)
    assert (every.came, every.attendance_recorded) == (6, 9)
    assert every.came_share == pytest.approx(6 / 9)
    only_a = outcomes.outcomes(outcomes.Filters(organisation_id=org_a.pk), today=TODAY).events
    assert (only_a.held, only_a.sign_ups, only_a.registered, only_a.came) == (2, 3, 7, 4)
    by_campaign = outcomes.outcomes(outcomes.Filters(campaign_id=campaign.pk), today=TODAY)
    assert (by_campaign.events.held, by_campaign.events.came) == (1, 1)
    before = outcomes.outcomes(outcomes.Filters(end=TODAY - dt.timedelta(days=8)), today=TODAY)
    assert before.events == outcomes.Events()
    assert outcomes.Events().came_share is None
    rows = presenters.csv_rows(figures, suppress=True)
    assert ["Recruitment events", "People who came", "Of attendance recorded", "6/9"] in rows


def test_the_dashboard_shows_event_attendance(talent_coordinator, org_a):
    _held(org_a, came=1, stayed_away=1)
    client = Client()
    client.force_login(talent_coordinator)
    page = client.get(reverse("talent:dashboard")).content.decode()
    assert "Recruitment events held" in page and "1 of 2 (50%)" in page


def test_the_figures_take_ten_queries_however_many_people_there_are(org_a):
    vacancy = VacancyFactory(organisation=org_a)
    counted = []
    for people in (1, 6):
        for _ in range(people):
            _starter(vacancy, outcome6="in_post", cohort=["veteran", "refugee"], decile=3)
        with CaptureQueriesContext(connection) as queries:
            outcomes.outcomes(outcomes.Filters(organisation_id=org_a.pk), today=TODAY)
        counted.append(len(queries))
    assert counted == [10, 10]


def test_period_and_partner_filters(org_a, org_b):
    _starter(VacancyFactory(organisation=org_a))
    _starter(VacancyFactory(organisation=org_b))
    Qualification.objects.create(
        candidate=CandidateFactory(),
        kind="care_certificate",
        status="achieved",
        achieved_on=TODAY - dt.timedelta(days=3),
    )
    only_a = outcomes.outcomes(outcomes.Filters(organisation_id=org_a.pk), today=TODAY)
    assert only_a.starters == 1
    recent = outcomes.outcomes(outcomes.Filters(start=TODAY - dt.timedelta(days=30)), today=TODAY)
    assert recent.starters == 0 and recent.qualifications == [("Care Certificate", 1)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["", "in_post", "moved", "left"]), max_size=30))
def test_the_retention_share_is_retained_over_recorded(outcome_list):
    rows = outcomes.Retention(
        "All",
        retained=sum(o in ("in_post", "moved") for o in outcome_list),
        recorded=sum(o != "" for o in outcome_list),
        awaiting=0,
    )
    if rows.recorded:
        assert 0 <= rows.share <= 1
        assert rows.share == rows.retained / rows.recorded
    else:
        assert rows.share is None


OUTCOMES = ["", "in_post", "moved", "left"]
person = st.fixed_dictionaries(
    {
        "community": st.sampled_from(["", "Harehills", "Chapeltown"]),
        "decile": st.sampled_from([None, 1, 2, 9]),
        "cohort": st.sets(st.sampled_from(["veteran", "refugee", "care_leaver"]), max_size=2),
        "outcome6": st.sampled_from(OUTCOMES),
        "outcome12": st.sampled_from(OUTCOMES),
        "at_a": st.booleans(),
    }
)


def _by_hand(people, months):
    outcomes_seen = [p[f"outcome{months}"] for p in people]
    retained = sum(o in ("in_post", "moved") for o in outcomes_seen)
    # Every checkpoint here fell due long ago, so each one not recorded is awaited.
    return retained, sum(o != "" for o in outcomes_seen), outcomes_seen.count("")


def _totals(groups):
    return (
        sum(g.retained for g in groups),
        sum(g.recorded for g in groups),
        sum(g.awaiting for g in groups),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(person, max_size=10))
def test_retention_breakdowns_add_up_to_what_was_recorded(org_a, org_b, people):
    with transaction.atomic():
        vacancies = {
            True: VacancyFactory(organisation=org_a),
            False: VacancyFactory(organisation=org_b),
        }
        for p in people:
            _starter(
                vacancies[p["at_a"]],
                outcome6=p["outcome6"],
                outcome12=p["outcome12"],
                cohort=p["cohort"],
                decile=p["decile"],
                community=p["community"],
            )
        everyone = outcomes.outcomes(outcomes.Filters(), today=TODAY)
        only_a = outcomes.outcomes(outcomes.Filters(organisation_id=org_a.pk), today=TODAY)
        for months in (6, 12):
            whole = everyone.retention[months]
            assert (whole.retained, whole.recorded, whole.awaiting) == _by_hand(people, months)
            for breakdown in ("community", "deprivation"):
                assert _totals(everyone.retention_by[breakdown][months]) == _by_hand(people, months)
            in_cohorts = [p | {"cohort": {c}} for p in people for c in p["cohort"]]
            assert _totals(everyone.retention_by["cohort"][months]) == _by_hand(in_cohorts, months)
            at_a = only_a.retention[months]
            assert (at_a.retained, at_a.recorded, at_a.awaiting) == _by_hand(
                [p for p in people if p["at_a"]], months
            )
        transaction.set_rollback(True)
