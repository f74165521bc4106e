"""The CPD log: bad input refused on its field with nothing written, portal completions
entering the log once by themselves, only the person ever seeing their log, audited
downloads, the API and the person's data."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.cpd import services
from oneworkforce.learning.jobs import cpd_log
from oneworkforce.learning.models import (
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    CpdEntry,
    Kind,
    Reflection,
    RevalidationPlan,
)
from oneworkforce.learning.records import services as record_services
from oneworkforce.partners.accounts import services as partner_services
from oneworkforce.partners.tests.factories import UserFactory

from .factories import CompletionFactory, OpportunityFactory, SessionFactory

TODAY = timezone.localdate


def _entry(person, **changes):
    values = {
        "done_on": TODAY() - dt.timedelta(days=10),
        "days": 1,
        "title": "Sepsis update",
        "hours": Decimal("3.5"),
        "participatory": True,
        "learnt": "",
        "practice_change": "",
        **changes,
    }
    return services.cpd_entry_save(actor=person, entry=None, **values)


def _reflection(person, **changes):
    values = {
        "written_on": TODAY(),
        "entry": None,
        "nature": "Feedback from a family",
        "learnt": "To explain changes earlier",
        "practice_change": "I call families after a care plan review",
        "themes": ["prioritise_people"],
        "code_relation": "Listening to people and their families",
        **changes,
    }
    return services.reflection_save(actor=person, reflection=None, **values)


# Bad input: a message on the field, nothing written ----------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": Decimal("-1")}, "hours"),
        ({"hours": Decimal(0)}, "hours"),
        ({"hours": Decimal("24.01")}, "hours"),
        ({"hours": Decimal(49), "days": 2}, "hours"),
        ({"hours": Decimal("1000.01"), "days": 60}, "hours"),
        ({"done_on": dt.date.today() + dt.timedelta(days=2)}, "done_on"),
        ({"days": 0}, "days"),
        ({"title": "   "}, "title"),
    ],
)
def test_bad_cpd_is_refused_on_its_field_and_nothing_is_written(learner, changes, field):
    with pytest.raises(ServiceError) as refused:
        _entry(learner, **changes)
    assert refused.value.field == field
    assert not CpdEntry.objects.exists() and not AuditEvent.objects.exists()


def test_a_long_course_may_carry_its_hours_over_several_days(learner):
    entry = _entry(learner, hours=Decimal("37.5"), days=5)
    assert entry.hours == Decimal("37.5")


@pytest.mark.parametrize(
    "field", ["nature", "learnt", "practice_change", "code_relation", "themes"]
)
def test_a_reflection_with_an_empty_required_field_is_refused_on_it(learner, field):
    with pytest.raises(ServiceError) as refused:
        _reflection(learner, **{field: [] if field == "themes" else "  "})
    assert refused.value.field == field
    assert not Reflection.objects.exists()


def test_a_reflection_cannot_be_about_someone_elses_entry_or_dated_in_the_future(learner):
    theirs = _entry(UserFactory())
    with pytest.raises(ServiceError) as refused:
        _reflection(learner, entry=theirs)
    assert refused.value.field == "entry"
    with pytest.raises(ServiceError) as refused:
        _reflection(learner, written_on=TODAY() + dt.timedelta(days=1))
    assert refused.value.field == "written_on"
    assert not Reflection.objects.exists()


def test_the_form_shows_the_message_on_the_field_and_writes_nothing(client, learner):
    client.force_login(learner)
    day = TODAY() - dt.timedelta(days=1)
    response = client.post(
        reverse("learning:cpd_entry_add"),
        {
            "title": "Night shift study",
            "done_on_day": day.day,
            "done_on_month": day.month,
            "done_on_year": day.year,
            "days": "1",
            "hours": "30",
            "participatory": "no",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "more than 24 hours a day" in page and 'href="#id_hours"' in page
    assert not CpdEntry.objects.exists()


# Portal completions enter the log by themselves, once ---------------------------------------


def test_attending_a_session_adds_it_with_the_sessions_hours_once(learner, admin_a):
    listing = OpportunityFactory(organisation=admin_a.role_grants.first().organisation)
    start = timezone.now() - dt.timedelta(days=1)
    session = SessionFactory(
        opportunity=listing, starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30)
    )
    booking = Booking.objects.create(session=session, learner=learner, state=BookingState.BOOKED)
    mark = booking_services.attendance_mark
    mark(actor=admin_a, session=session, attended=[booking.pk], absent=[])
    entry = CpdEntry.objects.get(person=learner)
    assert (entry.title, entry.hours, entry.participatory) == (listing.title, Decimal("2.5"), True)
    completion = Completion.objects.get(booking=booking)
    completion.save()  # saved again: still one entry
    assert cpd_log(timezone.now()) == 0
    assert CpdEntry.objects.filter(person=learner).count() == 1
    # Marked absent after all: the completion is revoked and leaves the log.
    mark(actor=admin_a, session=session, attended=[], absent=[booking.pk])
    assert not CpdEntry.objects.exists()


def test_a_checked_declaration_enters_with_the_listings_duration_not_participatory(
    learner, admin_a
):
    listing = OpportunityFactory(
        organisation=admin_a.role_grants.first().organisation,
        kind=Kind.E_LEARNING,
        duration_minutes=45,
    )
    completion = record_services.completion_declare(
        actor=learner, opportunity=listing, completed_on=TODAY(), evidence="Certificate 1"
    )
    assert not CpdEntry.objects.exists()  # not yet checked
    record_services.completion_decide(actor=admin_a, completion=completion, verify=True, note="")
    entry = CpdEntry.objects.get()
    assert (entry.hours, entry.participatory, entry.from_portal) == (Decimal("0.75"), False, True)


def test_completions_made_in_bulk_are_added_by_the_job_and_a_revoked_one_keeps_the_learners_words(
    learner,
):
    listing = OpportunityFactory(kind=Kind.E_LEARNING, duration_minutes=90)
    Completion.objects.bulk_create(
        [
            Completion(
                learner=learner,
                opportunity=listing,
                issuer=listing.organisation,
                completed_on=TODAY(),
                source=CompletionSource.PARTNER_SYSTEM,
                state=CompletionState.VERIFIED,
            )
        ]
    )
    assert cpd_log(timezone.now()) == 1
    assert cpd_log(timezone.now()) == 0
    entry = CpdEntry.objects.get()
    services.cpd_entry_save(
        actor=learner,
        entry=entry,
        done_on=entry.done_on,
        days=1,
        title=entry.title,
        hours=Decimal(2),
        participatory=False,
        learnt="Hand hygiene moments",
        practice_change="",
    )
    with pytest.raises(ServiceError, match="stays in your log"):
        services.cpd_entry_delete(actor=learner, entry=entry)
    completion = Completion.objects.get()
    completion.state = CompletionState.REVOKED
    completion.save()
    kept = CpdEntry.objects.get()
    assert (kept.completion, kept.learnt, kept.hours) == (None, "Hand hygiene moments", 2)


# Only the person themselves ------------------------------------------------------------------


def test_nobody_else_sees_or_changes_a_cpd_log(client, learner, admin_a, partnership_admin):
    entry = _entry(learner, title="Private reading")
    reflection = _reflection(learner, nature="A private matter")
    for other in (admin_a, partnership_admin):
        client.force_login(other)
        assert "Private reading" not in client.get(reverse("learning:cpd")).content.decode()
        assert client.get(reverse("learning:cpd_entry_edit", args=[entry.pk])).status_code == 404
        assert client.post(reverse("learning:cpd_entry_delete", args=[entry.pk])).status_code == 404
        assert (
            client.get(reverse("learning:cpd_reflection_edit", args=[reflection.pk])).status_code
            == 404
        )
        assert "Private reading" not in client.get(reverse("learning:cpd_csv")).content.decode()
        assert "Private" not in json.dumps(client.get("/api/v1/learning/cpd/entries").json())
    assert CpdEntry.objects.filter(pk=entry.pk).exists()


def test_the_downloads_are_audited_and_hold_the_log_and_summary(client, learner):
    _entry(learner, title="Sepsis update", learnt="Escalate early")
    _reflection(learner)
    services.revalidation_plan_set(
        actor=learner, preset="nmc", renewal_on=TODAY() + dt.timedelta(days=200)
    )
    client.force_login(learner)
    csv = client.get(reverse("learning:cpd_csv"))
    assert csv["Content-Disposition"].startswith("attachment")
    text = csv.content.decode()
    assert "Sepsis update" in text and "Escalate early" in text and "Prioritise people" in text
    pdf = client.get(reverse("learning:cpd_revalidation_pdf"))
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    downloads = AuditEvent.objects.filter(action="personal_data.downloaded")
    assert sorted(e.changes["download"] for e in downloads) == [
        "CPD log (CSV)",
        "CPD summary (PDF)",
    ]
    page = client.get(reverse("learning:cpd_revalidation")).content.decode()
    assert "3.5 of 35 hours" in page and "3.5 of 20 hours" in page and "1 of 5 accounts" in page
    assert '<progress class="owf-progress" id="progress-hours" max="100" value="10">' in page


def test_the_renewal_date_is_checked(learner):
    with pytest.raises(ServiceError) as refused:
        services.revalidation_plan_set(
            actor=learner, preset="nmc", renewal_on=TODAY() + dt.timedelta(days=7 * 366)
        )
    assert refused.value.field == "renewal_on"
    with pytest.raises(ServiceError) as refused:
        services.revalidation_plan_set(actor=learner, preset="hcpc-typo", renewal_on=TODAY())
    assert refused.value.field == "preset"
    assert not RevalidationPlan.objects.exists()


# API and the person's data -------------------------------------------------------------------


def test_the_api_adds_entries_and_reflections_and_refuses_bad_ones_on_their_field(client, learner):
    client.force_login(learner)
    post = lambda path, body: client.post(  # noqa: E731
        f"/api/v1/learning/cpd/{path}", data=json.dumps(body), content_type="application/json"
    )
    day = (TODAY() - dt.timedelta(days=3)).isoformat()
    entry = {"done_on": day, "title": "Team huddle", "hours": "0.5", "participatory": True}
    bad = post("entries", {**entry, "hours": "30"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.hours"
    made = post("entries", entry)
    assert made.status_code == 201 and made.json()["hours"] == "0.50"
    reflection = {
        "written_on": day,
        "entry_id": made.json()["id"],
        "nature": "Huddle",
        "learnt": "x",
        "practice_change": "",
        "themes": ["preserve_safety"],
        "code_relation": "y",
    }
    refused = post("reflections", reflection)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.practice_change"
    assert post("reflections", {**reflection, "practice_change": "z"}).status_code == 201
    summary = client.get("/api/v1/learning/cpd/summary").json()
    assert summary["preset"] == "nmc"
    assert [m["have"] for m in summary["measures"]] == ["0.50", "0.50", "1"]


def test_the_log_is_in_the_persons_download_and_goes_with_their_account(client, learner):
    _entry(learner)
    _reflection(learner)
    services.revalidation_plan_set(actor=learner, preset="nmc", renewal_on=TODAY())
    CompletionFactory(learner=learner)
    client.force_login(learner)
    data = json.loads(client.get(reverse("partners:data_download_json")).content)
    assert len(data["cpd_log"]) == 2 and data["reflective_accounts"][0]["themes"]
    assert data["renewal_date"]["preset"] == "nmc"
    partner_services.account_delete(actor=learner, user=learner)
    assert not CpdEntry.objects.exists() and not Reflection.objects.exists()
    assert not RevalidationPlan.objects.exists()
