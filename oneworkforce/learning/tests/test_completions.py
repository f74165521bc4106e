"""Attendance, self-declared and partner-system completions, certificates and the record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import Completion, CompletionState, Kind, Requirement
from oneworkforce.learning.records import services as record_services
from oneworkforce.partners.tests.factories import UserFactory

from .factories import CompletionFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
STATEMENTS = "/api/v1/learning/statements"


def _past_session(org, **kwargs):
    start = timezone.now() - dt.timedelta(hours=3)
    return SessionFactory(
        opportunity=OpportunityFactory(organisation=org, **kwargs),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


def _booked(session, learner):
    """Book while the session is still in the future, then let time pass."""
    starts, ends = session.starts_at, session.ends_at
    session.starts_at = timezone.now() + dt.timedelta(days=1)
    session.ends_at = session.starts_at + dt.timedelta(hours=2)
    session.save()
    booking = booking_services.booking_create(actor=learner, session_id=session.pk)
    session.starts_at, session.ends_at = starts, ends
    session.save()
    return booking


def test_marking_attendance_completes_the_learning_with_its_requirements(admin_a, org_a, learner):
    session = _past_session(org_a)
    requirement = Requirement.objects.get(code="cstf-fire-safety-1")
    session.opportunity.requirements.add(requirement)
    booking = _booked(session, learner)
    assert (
        booking_services.attendance_mark(
            actor=admin_a, session=session, attended=[booking.pk], absent=[]
        )
        == 1
    )
    completion = Completion.objects.get(learner=learner)
    assert completion.state == CompletionState.VERIFIED
    assert list(completion.requirements.all()) == [requirement]
    # Marking absent afterwards withdraws it.
    booking_services.attendance_mark(
        actor=admin_a, session=session, attended=[], absent=[booking.pk]
    )
    completion.refresh_from_db()
    assert completion.state == CompletionState.REVOKED


def test_attendance_cannot_be_marked_before_the_session_or_for_strangers(admin_a, org_a, learner):
    future = SessionFactory(opportunity=OpportunityFactory(organisation=org_a))
    with pytest.raises(ServiceError, match="once the session has started"):
        booking_services.attendance_mark(actor=admin_a, session=future, attended=[1], absent=[])
    session = _past_session(org_a)
    with pytest.raises(ServiceError, match="people booked"):
        booking_services.attendance_mark(actor=admin_a, session=session, attended=[999], absent=[])


def test_a_self_declared_completion_waits_for_the_provider(admin_a, org_a, learner):
    listing = OpportunityFactory(organisation=org_a, kind=Kind.E_LEARNING, link="https://e.example")
    with pytest.raises(ServiceError, match="future"):
        record_services.completion_declare(
            actor=learner,
            opportunity=listing,
            completed_on=timezone.localdate() + dt.timedelta(days=1),
            evidence="x",
        )
    completion = record_services.completion_declare(
        actor=learner,
        opportunity=listing,
        completed_on=timezone.localdate(),
        evidence="Certificate 123",
    )
    assert completion.state == CompletionState.PENDING
    with pytest.raises(ServiceError, match="Say why"):
        record_services.completion_decide(
            actor=admin_a, completion=completion, verify=False, note=""
        )
    record_services.completion_decide(actor=admin_a, completion=completion, verify=True)
    completion.refresh_from_db()
    assert completion.state == CompletionState.VERIFIED


def _statement(**overrides):
    body = {
        "id": "9f1c1c9e-3a4b-4d55-8a77-1a2b3c4d5e6f",
        "actor": {"mbox": "mailto:person@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": ""},
        "timestamp": "2026-11-20T10:00:00Z",
    }
    body.update(overrides)
    return json.dumps(body)


def test_partner_system_statements_are_recorded_once(client, admin_a, org_a):
    learner = UserFactory(email="person@example.org")
    listing = OpportunityFactory(
        organisation=org_a, kind=Kind.E_LEARNING, link="https://lms.example/ipc"
    )
    _, key = record_services.token_create(actor=admin_a, organisation=org_a, name="LMS")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = _statement(object={"id": "https://lms.example/ipc"})
    first = client.post(STATEMENTS, body, content_type="application/json", **headers)
    again = client.post(STATEMENTS, body, content_type="application/json", **headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert first.json()["certificate_code"] == again.json()["certificate_code"]
    assert Completion.objects.filter(learner=learner, opportunity=listing).count() == 1
    assert AuditEvent.objects.filter(action="learning.statement_recorded").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"actor": {"mbox": "mailto:nobody@example.org"}}, "body.actor", "No one with this e-mail"),
        (
            {"object": {"id": "https://lms.example/unknown"}},
            "body.object",
            "not one of your listings",
        ),
        ({"verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"}}, "body.verb", "completed"),
        ({"timestamp": "2026-13-40T10:00:00Z"}, "body.payload.timestamp", ""),
    ],
)
def test_bad_statements_are_refused_with_the_field_named_and_nothing_written(
    client, admin_a, org_a, overrides, field, message
):
    UserFactory(email="person@example.org")
    OpportunityFactory(organisation=org_a, kind=Kind.E_LEARNING, link="https://lms.example/ipc")
    _, key = record_services.token_create(actor=admin_a, organisation=org_a, name="LMS")
    body = _statement(**{"object": {"id": "https://lms.example/ipc"}, **overrides})
    response = client.post(
        STATEMENTS, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors[0]["field"].startswith(field.rsplit(".", 1)[0])
    assert message in errors[0]["message"]
    assert not Completion.objects.exists()


def test_a_revoked_key_is_refused(client, admin_a, org_a):
    token, key = record_services.token_create(actor=admin_a, organisation=org_a, name="LMS")
    record_services.token_revoke(actor=admin_a, token=token)
    response = client.post(
        STATEMENTS,
        _statement(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 401


def test_a_partners_statement_cannot_claim_another_partners_listing(client, admin_a, org_a, org_b):
    UserFactory(email="person@example.org")
    OpportunityFactory(organisation=org_b, kind=Kind.E_LEARNING, link="https://lms.example/ipc")
    _, key = record_services.token_create(actor=admin_a, organisation=org_a, name="LMS")
    body = _statement(object={"id": "https://lms.example/ipc"})
    response = client.post(
        STATEMENTS, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 422


def test_the_certificate_is_a_pdf_and_its_check_page_says_valid_expired_or_revoked(
    client, admin_a, learner
):
    requirement = Requirement.objects.get(code="cstf-fire-safety-1")
    completion = CompletionFactory(learner=learner, requirements=[requirement])
    client.force_login(learner)
    pdf = client.get(reverse("learning:certificate_pdf", args=[completion.certificate_code]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    check = reverse("learning:certificate", args=[completion.certificate_code])
    assert "This certificate is valid" in client.get(check).content.decode()
    completion.completed_on = timezone.localdate() - dt.timedelta(days=3 * 365)
    completion.save()
    assert "This certificate has expired" in client.get(check).content.decode()
    record_services.completion_revoke(
        actor=admin_a, completion=completion, reason="Issued in error"
    )
    body = client.get(check).content.decode()
    assert "This certificate has been revoked" in body
    assert "Issued in error" in body
    assert client.get(reverse("learning:certificate", args=["NOPE-NOPE-NOPE"])).status_code == 404


def test_my_record_downloads_as_csv_and_pdf(client, learner):
    CompletionFactory(
        learner=learner, opportunity=OpportunityFactory(title="Safeguarding adults level 2")
    )
    client.force_login(learner)
    csv_body = client.get(reverse("learning:my_csv")).content.decode()
    assert "Safeguarding adults level 2" in csv_body
    pdf = client.get(reverse("learning:my_pdf"))
    assert pdf.content.startswith(b"%PDF")
