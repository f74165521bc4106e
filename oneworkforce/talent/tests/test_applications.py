"""Vacancies, applications through the pipeline, checkpoints, the work list and API keys."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import close_old_connections
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.tests.factories import OrganisationFactory, partner_admin
from oneworkforce.talent import access
from oneworkforce.talent.models import Application, Checkpoint, ScreeningQuestion, Vacancy
from oneworkforce.talent.pipeline import selectors, services
from oneworkforce.talent.pipeline.services import ConditionInput
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(org_a):
    return VacancyFactory(organisation=org_a, title="Home care worker")


def _screen(application, actor):
    questions = ScreeningQuestion.objects.filter(is_active=True)[:3]
    services.screening_save(
        actor=actor, application=application, answers={q.pk: (3, "") for q in questions}
    )


def _to_offer(application, actor):
    _screen(application, actor)
    for step in ("screened", "put_forward", "interview"):
        application = services.application_move(actor=actor, application=application, to=step)
    return services.application_move(
        actor=actor,
        application=application,
        to="offer",
        conditions=[ConditionInput("references"), ConditionInput("dbs")],
    )


def test_putting_forward_opens_an_application_due_within_a_week(talent_coordinator, vacancy):
    candidate = CandidateFactory()
    application = services.application_create(
        actor=talent_coordinator, candidate=candidate, vacancy=vacancy
    )
    assert application.state == "interested"
    assert application.due_on == timezone.localdate() + dt.timedelta(days=7)
    assert application.steps.get().to_state == "interested"
    with pytest.raises(ServiceError, match="already has an application"):
        services.application_create(actor=talent_coordinator, candidate=candidate, vacancy=vacancy)


def test_a_closed_role_takes_no_applications(talent_coordinator, org_a):
    closed = VacancyFactory(organisation=org_a, is_open=False)
    with pytest.raises(ServiceError, match="closed"):
        services.application_create(
            actor=talent_coordinator, candidate=CandidateFactory(), vacancy=closed
        )


def test_the_whole_path_to_a_start_creates_both_checkpoints(talent_coordinator, vacancy):
    candidate = CandidateFactory()
    application = services.application_create(
        actor=talent_coordinator, candidate=candidate, vacancy=vacancy
    )
    application = _to_offer(application, talent_coordinator)
    assert application.due_on == timezone.localdate() + dt.timedelta(days=42)
    with pytest.raises(ServiceError, match="2 offer conditions are not yet met"):
        services.application_move(
            actor=talent_coordinator,
            application=application,
            to="started",
            on=timezone.localdate(),
        )
    for condition in application.conditions.all():
        services.condition_met(
            actor=talent_coordinator, condition=condition, met_on=timezone.localdate()
        )
    start = timezone.localdate()
    application = services.application_move(
        actor=talent_coordinator, application=application, to="started", on=start
    )
    assert application.started_on == start and application.due_on is None
    assert sorted(application.checkpoints.values_list("months", flat=True)) == [6, 12]
    candidate.refresh_from_db()
    assert not candidate.in_pool
    assert [s.to_state for s in application.steps.all()] == [
        "interested",
        "screened",
        "put_forward",
        "interview",
        "offer",
        "started",
    ]
    assert AuditEvent.objects.filter(action="talent.application_moved").count() == 5


def test_starting_straight_from_an_interview_is_refused_and_writes_nothing(
    talent_coordinator, vacancy
):
    application = ApplicationFactory(vacancy=vacancy, state="interview")
    with pytest.raises(ServiceError, match="needs a conditional offer first"):
        services.application_move(
            actor=talent_coordinator,
            application=application,
            to="started",
            on=timezone.localdate(),
        )
    application.refresh_from_db()
    assert application.state == "interview" and not application.steps.exists()
    assert not Checkpoint.objects.exists()


def test_an_employer_can_interview_but_not_screen(admin_a, vacancy):
    interested = ApplicationFactory(vacancy=vacancy, state="interested")
    with pytest.raises(ServiceError, match="Only a talent coordinator"):
        services.application_move(actor=admin_a, application=interested, to="screened")
    put_forward = ApplicationFactory(vacancy=vacancy, state="put_forward")
    moved = services.application_move(actor=admin_a, application=put_forward, to="interview")
    assert moved.state == "interview"


def test_an_offer_needs_at_least_one_condition(talent_coordinator, vacancy):
    application = ApplicationFactory(vacancy=vacancy, state="interview")
    with pytest.raises(ServiceError, match="at least one pre-employment check"):
        services.application_move(actor=talent_coordinator, application=application, to="offer")


def test_ending_returns_the_person_to_the_pool(talent_coordinator, vacancy):
    application = ApplicationFactory(vacancy=vacancy, state="interview")
    application.candidate.in_pool = False
    application.candidate.save()
    services.application_move(
        actor=talent_coordinator,
        application=application,
        to="not_successful",
        reason="Another candidate was a closer fit",
    )
    application.candidate.refresh_from_db()
    assert application.candidate.in_pool


def test_screening_needs_three_rated_questions(talent_coordinator, vacancy):
    application = ApplicationFactory(vacancy=vacancy)
    questions = list(ScreeningQuestion.objects.filter(is_active=True)[:3])
    assert len(questions) == 3  # the bank is synced on migrate
    with pytest.raises(ServiceError, match="at least 3"):
        services.screening_save(
            actor=talent_coordinator,
            application=application,
            answers={questions[0].pk: (3, "")},
        )
    saved = services.screening_save(
        actor=talent_coordinator,
        application=application,
        answers={q.pk: (3, "Good example") for q in questions},
    )
    assert saved == 3 and application.screening.count() == 3


def test_screened_needs_the_screening_recorded_first(talent_coordinator, vacancy):
    application = ApplicationFactory(vacancy=vacancy)
    with pytest.raises(ServiceError, match="Record the values-based screening"):
        services.application_move(actor=talent_coordinator, application=application, to="screened")
    application.refresh_from_db()
    assert application.state == "interested" and not application.steps.exists()
    choices = dict(selectors.moves_for(talent_coordinator, application))
    assert choices["screened"] == "Screened (record the values-based screening first)"
    _screen(application, talent_coordinator)
    assert dict(selectors.moves_for(talent_coordinator, application))["screened"] == "Screened"
    moved = services.application_move(
        actor=talent_coordinator, application=application, to="screened"
    )
    assert moved.state == "screened"


def _started_with_checkpoints(vacancy, *, days_ago):
    """A start ``days_ago`` with its 6- and 12-month checkpoints."""
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    application = ApplicationFactory(vacancy=vacancy, state="started", started_on=start)
    six, twelve = (
        Checkpoint.objects.create(
            application=application, months=months, due_on=start + dt.timedelta(days=days)
        )
        for months, days in ((6, 182), (12, 365))
    )
    return application, six, twelve


def test_a_checkpoint_cannot_be_recorded_long_before_it_is_due(talent_coordinator, vacancy):
    application = ApplicationFactory(vacancy=vacancy, state="started")
    checkpoint = Checkpoint.objects.create(
        application=application, months=6, due_on=timezone.localdate() + dt.timedelta(days=60)
    )
    with pytest.raises(ServiceError, match="can be recorded from"):
        services.checkpoint_record(
            actor=talent_coordinator, checkpoint=checkpoint, outcome="in_post"
        )


def test_leaving_at_six_months_is_left_at_twelve_and_ends_the_application(
    talent_coordinator, vacancy
):
    application, six, twelve = _started_with_checkpoints(vacancy, days_ago=190)
    with pytest.raises(ServiceError, match="Choose why they left"):
        services.checkpoint_record(actor=talent_coordinator, checkpoint=six, outcome="left")
    services.checkpoint_record(
        actor=talent_coordinator, checkpoint=six, outcome="left", left_reason="travel"
    )
    twelve.refresh_from_db()
    application.refresh_from_db()
    assert twelve.outcome == "left" and twelve.left_reason == "travel"
    assert application.state == "left" and application.left_reason == "travel"


def test_moving_partner_counts_as_retained_and_lets_the_new_partner_record_next(
    talent_coordinator, vacancy, org_b
):
    _, six, twelve = _started_with_checkpoints(vacancy, days_ago=370)
    with pytest.raises(ServiceError, match="Choose the partner they moved to"):
        services.checkpoint_record(actor=talent_coordinator, checkpoint=six, outcome="moved")
    services.checkpoint_record(
        actor=talent_coordinator, checkpoint=six, outcome="moved", moved_to=org_b
    )
    six.refresh_from_db()
    assert six.retained is True
    new_employer = partner_admin(org_b)
    assert access.can_record_checkpoint(new_employer, twelve)
    assert not access.can_record_checkpoint(partner_admin(OrganisationFactory()), twelve)


def test_the_work_list_shows_overdue_first_and_employers_see_only_their_waits(
    talent_coordinator, admin_a, vacancy, org_b
):
    with time_machine.travel(timezone.now() - dt.timedelta(days=20)):
        ApplicationFactory(vacancy=vacancy, state="interested")  # waits on the coordinator
        ApplicationFactory(vacancy=vacancy, state="put_forward")  # waits on the employer
        ApplicationFactory(vacancy=VacancyFactory(organisation=org_b), state="put_forward")
    today = timezone.localdate()
    everything = selectors.worklist(talent_coordinator, today=today)
    assert len(everything.overdue) == 3 and all(i.overdue_days > 0 for i in everything.overdue)
    theirs = selectors.worklist(admin_a, today=today)
    assert [i.waits_on for i in theirs.overdue] == ["Employer"]
    assert "Home care worker" in theirs.overdue[0].what


@pytest.mark.django_db(transaction=True)
def test_two_people_moving_the_same_application_cannot_both_win(org_a, talent_coordinator):
    application = ApplicationFactory(vacancy=VacancyFactory(organisation=org_a), state="interview")
    outcomes = []

    def move(to, reason):
        try:
            services.application_move(
                actor=talent_coordinator,
                application=application,
                to=to,
                reason=reason,
                conditions=[ConditionInput("dbs")],
            )
            outcomes.append(to)
        except ServiceError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    # Both make the same offer: the second, served after the first, finds it already made.
    threads = [threading.Thread(target=move, args=("offer", "")) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count("refused") == 1
    application.refresh_from_db()
    assert application.state == "offer"
    assert application.steps.count() == 1
    assert application.conditions.count() == 1


def test_roles_are_validated_and_references_unique_per_partner(admin_a, org_a):
    with pytest.raises(ServiceError, match="postcode"):
        services.vacancy_save(
            actor=admin_a,
            organisation=org_a,
            title="Porter",
            job_family="estates",
            work_area="hospital",
            postcode="nowhere",
        )
    services.vacancy_save(
        actor=admin_a,
        organisation=org_a,
        title="Porter",
        job_family="estates",
        work_area="hospital",
        external_ref="R-1",
    )
    with pytest.raises(ServiceError, match="already has a vacancy with the reference R-1"):
        services.vacancy_save(
            actor=admin_a,
            organisation=org_a,
            title="Porter 2",
            job_family="estates",
            work_area="hospital",
            external_ref="R-1",
        )


def test_an_api_key_finds_its_partner_until_revoked(admin_a, org_a):
    key, raw = services.ats_key_create(actor=admin_a, organisation=org_a, name="ATS")
    assert selectors.ats_key_organisation(raw) == org_a
    assert raw not in key.digest
    services.ats_key_revoke(actor=admin_a, key=key)
    assert selectors.ats_key_organisation(raw) is None
    assert Application.objects.count() == 0


def test_coordinators_get_one_overdue_digest_a_day(talent_coordinator, vacancy, mailoutbox):
    from oneworkforce.talent import jobs

    with time_machine.travel(timezone.now() - dt.timedelta(days=20)):
        ApplicationFactory(vacancy=vacancy, state="interested")
    now = timezone.now()
    assert jobs.overdue_digest(now) == 1
    assert jobs.overdue_digest(now) == 0  # safe to run twice
    assert len(mailoutbox) == 1 and "Home care worker" in mailoutbox[0].body
    assert mailoutbox[0].to == [talent_coordinator.email]


# Importing vacancies ---------------------------------------------------------------------------

HEADER = "partner,reference,title,kind_of_work,where,hours,postcode,places,closes_on,new_to_care\n"


def _import(admin, text):
    from oneworkforce.partners.models import Organisation
    from oneworkforce.talent.pipeline import vacancy_import

    return vacancy_import.vacancies_import(
        actor=admin,
        data=text.encode(),
        organisations=Organisation.objects.administered_by(admin),
    )


def test_a_good_file_adds_roles_and_a_repeated_reference_updates(admin_a, org_a):
    text = (
        HEADER
        + f"{org_a.slug},R1,Care assistant,care_support,social_care,any,LS9 7AB,2,2026-12-31,yes\n"
    )
    assert _import(admin_a, text).added == 1
    again = _import(admin_a, text.replace(",2,2026", ",5,2026"))
    assert (again.added, again.updated) == (0, 1)
    assert Vacancy.objects.get(external_ref="R1").places == 5


def test_one_bad_line_writes_nothing_and_every_problem_names_its_line(admin_a, org_a, org_b):
    from oneworkforce.talent.pipeline.vacancy_import import ImportProblems

    text = (
        HEADER
        + f"{org_a.slug},R1,Care assistant,care_support,social_care,any,,1,,yes\n"
        + f"{org_a.slug},R2,,care_support,somewhere,,,0,31/12/2026,maybe\n"
        + f"{org_b.slug},R3,Porter,estates,hospital,,,1,,\n"
        + f"{org_a.slug},R1,Again,care_support,social_care,,,1,,\n"
    )
    with pytest.raises(ImportProblems) as raised:
        _import(admin_a, text)
    problems = raised.value.problems
    assert "Line 3, title: this is empty" in problems
    assert any(p.startswith("Line 3, where:") for p in problems)
    assert any(p.startswith("Line 3, places:") for p in problems)
    assert any(p.startswith("Line 3, closes_on:") for p in problems)
    assert any(p.startswith("Line 3, new_to_care:") for p in problems)
    assert any(p.startswith("Line 4, partner:") for p in problems)  # not their partner
    assert "Line 5, reference: R1 is also on line 2" in problems
    assert not Vacancy.objects.exists()


def test_a_file_without_the_needed_columns_is_refused(admin_a):
    from oneworkforce.talent.pipeline.vacancy_import import ImportProblems

    with pytest.raises(ImportProblems, match="Line 1: the header has no column"):
        _import(admin_a, "name,age\nx,1\n")
