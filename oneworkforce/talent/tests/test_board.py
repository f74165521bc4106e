"""A vacancy's board by stage, and interviews booked from it: bad input refused with nothing
written, the candidate e-mailed with a calendar file, every message right for 1 and many."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.services import ServiceError
from oneworkforce.talent.board import presenters, selectors, services
from oneworkforce.talent.models import Interview, PanelMember
from oneworkforce.talent.pipeline.states import State
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("due_on", "text"),
    [
        (TODAY, "Due today"),
        (TODAY + dt.timedelta(days=1), "Due in 1 day"),
        (TODAY + dt.timedelta(days=3), "Due in 3 days"),
        (TODAY - dt.timedelta(days=1), "Overdue by 1 day"),
        (TODAY - dt.timedelta(days=12), "Overdue by 12 days"),
        (None, ""),
    ],
)
def test_every_due_message_reads_right_for_one_and_many(due_on, text):
    assert presenters.due_text(due_on, TODAY) == text


def _application(state: str, due_on=None):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        state=state,
        due_on=due_on,
        candidate="Someone",
        interviews=SimpleNamespace(all=lambda: []),
    )


def test_the_board_shows_every_step_in_pipeline_order_with_counts_for_one_and_many():
    applications = [
        _application("put_forward", TODAY - dt.timedelta(days=1)),
        _application("interested"),
        _application("interested"),
        _application("withdrawn"),
    ]
    columns = presenters.columns(applications, TODAY, order=selectors.ORDER)
    assert [(c["label"], c["count"]) for c in columns] == [
        ("Interested", "2 applications"),
        ("Screened", "0 applications"),
        ("Put forward", "1 application"),
        ("Interview", "0 applications"),
        ("Conditional offer", "0 applications"),
        ("Started", "0 applications"),
        ("Withdrawn", "1 application"),
    ]
    put_forward = columns[2]["items"][0]
    assert put_forward["overdue"] and put_forward["can_book"]
    assert put_forward["due"] == "Overdue by 1 day"


@pytest.mark.django_db
def test_applications_come_in_pipeline_order_not_by_the_steps_name():
    vacancy = VacancyFactory()
    for state in ("started", "interested", "not_successful", "put_forward", "offer"):
        ApplicationFactory(vacancy=vacancy, state=state)
    from oneworkforce.talent.models import Application

    ordered = selectors.in_pipeline_order(Application.objects.filter(vacancy=vacancy))
    assert [a.state for a in ordered] == [
        "interested",
        "put_forward",
        "offer",
        "started",
        "not_successful",
    ]


@pytest.fixture
def booking(db, talent_coordinator):
    candidate = CandidateFactory(full_name="Asha Patel", email="asha@example.com")
    application = ApplicationFactory(candidate=candidate, state=State.PUT_FORWARD.value)
    tomorrow = timezone.now().replace(microsecond=0) + dt.timedelta(days=1)
    return SimpleNamespace(
        coordinator=talent_coordinator, application=application, starts_at=tomorrow
    )


def book(b, **changes):  # type: ignore[no-untyped-def]
    arguments = {
        "actor": b.coordinator,
        "application": b.application,
        "starts_at": b.starts_at,
        "minutes": 45,
        "place": "Room 2, Town Hall",
        "link": "",
        "panel": [b.coordinator],
    }
    arguments.update(changes)
    return services.interview_book(**arguments)


@pytest.mark.django_db(transaction=True)
def test_booking_moves_the_application_on_and_emails_the_candidate_a_calendar_file(booking):
    interview = book(booking)
    booking.application.refresh_from_db()
    assert booking.application.state == State.INTERVIEW.value
    assert interview.candidate_told_at is not None
    [message] = mail.outbox
    assert message.to == ["asha@example.com"]
    assert "Interview for" in message.subject
    assert "Where: Room 2, Town Hall" in message.body
    [(name, ics, kind)] = message.attachments
    assert (name, kind) == ("interview.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics and "Room 2" in ics


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_at": timezone.now() - dt.timedelta(hours=1)}, "must be in the future"),
        ({"place": "", "link": ""}, "Enter where the interview is"),
        ({"panel": []}, "at least one person"),
        ({"minutes": 5}, "between 15 minutes"),
    ],
)
def test_bad_bookings_are_refused_and_nothing_is_written(booking, changes, message):
    with pytest.raises(ServiceError, match=message):
        book(booking, **changes)
    assert not Interview.objects.exists() and not mail.outbox
    booking.application.refresh_from_db()
    assert booking.application.state == State.PUT_FORWARD.value


@pytest.mark.django_db
def test_an_interview_overlapping_the_same_panel_members_is_refused(booking):
    book(booking)
    other = ApplicationFactory(state=State.PUT_FORWARD.value)
    with pytest.raises(ServiceError, match="is already on the panel of an interview") as error:
        book(booking, application=other, starts_at=booking.starts_at + dt.timedelta(minutes=30))
    assert error.value.field == "panel"
    assert Interview.objects.count() == 1
    # Straight after the first one ends is fine
    book(booking, application=other, starts_at=booking.starts_at + dt.timedelta(minutes=45))
    assert PanelMember.objects.count() == 2


@pytest.mark.django_db
def test_someone_who_cannot_see_the_application_cannot_book(booking, admin_b):
    with pytest.raises(ServiceError, match="cannot book"):
        book(booking, actor=admin_b, panel=[admin_b])
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_the_board_page_lists_steps_and_offers_booking(client, booking):
    client.force_login(booking.coordinator)
    page = client.get(
        reverse("talent:board", kwargs={"pk": booking.application.vacancy_id})
    ).content.decode()
    assert "Applications by step" in page and "Asha Patel" in page
    assert reverse("talent:interview_book", kwargs={"pk": booking.application.pk}) in page


def test_a_fits_reasons_read_as_written():
    from oneworkforce.talent.pipeline import matching
    from oneworkforce.talent.pipeline.selectors import LABELS

    seeker = matching.Seeker(
        families=frozenset({"care_support"}),
        areas=frozenset({"primary_care"}),
        hours="any",
        home=None,
        travel_km=None,
    )
    opening = matching.Opening(
        job_family="care_support",
        work_area="primary_care",
        hours="full_time",
        place=None,
        entry_level=True,
    )
    assert matching.fit(seeker, opening, labels=LABELS).reasons == (
        "Kind of work they want: Direct care and support",
        "Where they want to work: GP practice, pharmacy, dental or other primary care",
        "The hours suit",
        "Open to people new to health and care",
    )


@pytest.mark.django_db
def test_an_outcome_is_recorded_from_the_application_once_the_interview_has_begun(client, booking):
    interview = book(booking)
    client.force_login(booking.coordinator)
    page = client.get(
        reverse("talent:application", kwargs={"pk": booking.application.pk})
    ).content.decode()
    url = reverse("talent:interview_outcome", kwargs={"pk": interview.pk})
    assert url in page and "Not recorded yet" in page
    early = client.post(url, {"outcome": "passed"}).content.decode()
    assert "Record how it went after the interview has started" in early
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    client.post(url, {"outcome": "passed", "note": "Warm with residents"})
    interview.refresh_from_db()
    assert (interview.outcome, interview.outcome_note) == ("passed", "Warm with residents")


@pytest.mark.parametrize(
    ("moves", "fields"),
    [
        (["interview", "withdrawn", "not_successful"], ["to", "reason"]),
        (["offer", "withdrawn", "not_successful"], ["to", "reason", "conditions"]),
        (["started", "offer_declined", "withdrawn"], ["to", "reason", "on"]),
        (["left"], ["to", "reason", "on", "left_reason"]),
    ],
)
def test_the_move_form_asks_only_what_the_possible_next_steps_need(moves, fields):
    from oneworkforce.talent.pipeline.forms import MoveForm

    form = MoveForm(moves=[(m, m) for m in moves])
    assert list(form.fields) == fields


@pytest.mark.django_db
def test_a_case_note_is_shown_to_those_who_see_the_application_and_refused_to_others(
    client, booking, admin_b
):
    from oneworkforce.talent.models import CaseNote

    with pytest.raises(ServiceError, match="cannot add notes"):
        services.case_note_add(
            actor=admin_b, application=booking.application, way="phone", text="Called"
        )
    with pytest.raises(ServiceError, match="Write what was said"):
        services.case_note_add(
            actor=booking.coordinator, application=booking.application, way="phone", text=" "
        )
    assert not CaseNote.objects.exists()
    client.force_login(booking.coordinator)
    client.post(
        reverse("talent:case_note_add", kwargs={"pk": booking.application.pk}),
        {"way": "phone", "text": "Asked about childcare for the interview day"},
    )
    page = client.get(
        reverse("talent:application", kwargs={"pk": booking.application.pk})
    ).content.decode()
    assert "Phone call" in page and "Asked about childcare for the interview day" in page
