"""The smaller defects found trying the portal as a care worker and a partner admin would, each
pinned by a test that failed before its fix."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.learning.bookings import presenters as booking_presenters
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.bookings.forms import read_time
from oneworkforce.learning.catalogue import presenters as catalogue_presenters
from oneworkforce.learning.models import (
    Booking,
    BookingState,
    Completion,
    Kind,
    Opportunity,
    Requirement,
    Session,
)
from oneworkforce.partners.models import Organisation
from oneworkforce.partners.tests.factories import UserFactory

from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory, SessionFactory


@pytest.mark.parametrize(
    ("written", "time"),
    [
        ("2pm", dt.time(14, 0)),
        ("2 PM", dt.time(14, 0)),
        ("2.30pm", dt.time(14, 30)),
        ("2:30 p.m.", dt.time(14, 30)),
        ("12pm", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("9am", dt.time(9, 0)),
        ("09:30", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        ("14", dt.time(14, 0)),
    ],
)
def test_times_are_read_as_people_write_them(written, time):
    assert read_time(written) == time


@pytest.mark.parametrize("written", ["13pm", "25:00", "9:75", "noonish", "", "0am"])
def test_what_is_not_a_time_is_refused(written):
    assert read_time(written) is None


@pytest.fixture
def elearning(org_a):
    return OpportunityFactory(organisation=org_a, kind=Kind.E_LEARNING, link="https://e.example")


def test_a_waiting_list_place_is_left_not_cancelled_as_a_booking():
    session = Session(
        opportunity=Opportunity(title="Fire safety", organisation=Organisation(name="A")),
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=2),
        capacity=1,
    )
    waiting = booking_presenters.booking_row(
        Booking(session=session, state=BookingState.WAITLISTED), 2
    )
    booked = booking_presenters.booking_row(Booking(session=session, state=BookingState.BOOKED))
    assert waiting["cancel_label"] == "Leave the waiting list"
    assert booked["cancel_label"] == "Cancel booking"


@pytest.mark.django_db
def test_training_a_job_role_needs_shows_booked_beside_a_session_already_booked(client, org_a):
    fire = Requirement.objects.get(code="cstf-fire-safety-1")
    listing = OpportunityFactory(organisation=org_a, title="Fire safety")
    listing.requirements.add(fire)
    session = SessionFactory(opportunity=listing)
    worker = UserFactory()
    job_role = JobRoleFactory(organisation=org_a, name="Care worker")
    job_role.requirements.add(fire)
    job_role.members.add(worker)
    booking_services.booking_create(actor=worker, session_id=session.pk)
    client.force_login(worker)
    body = client.get(reverse("learning:my")).content.decode()
    assert "Training my job roles need" in body
    body = re.sub(r"\s+", " ", body)
    assert "> Booked <" in body
    assert "Not done" not in body


@pytest.mark.django_db
def test_a_declared_completion_carries_an_uploaded_certificate_for_the_provider(
    client, elearning, admin_a, org_a
):
    learner = UserFactory()
    client.force_login(learner)
    upload = SimpleUploadedFile("my cert.pdf", b"%PDF-1.7 pass", content_type="text/plain")
    form = {"completed_on_day": "3", "completed_on_month": "11", "completed_on_year": "2026"}
    form |= {"evidence": "Certificate number 12345", "certificate": upload}
    response = client.post(reverse("learning:declare", args=[elearning.slug]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    completion = Completion.objects.get(learner=learner)
    assert completion.evidence_file_name == "my cert.pdf"
    client.force_login(admin_a)
    page = reverse("learning:completion_decide", kwargs={"slug": org_a.slug, "pk": completion.pk})
    assert "Download the certificate they uploaded" in client.get(page).content.decode()
    download = client.get(
        reverse("learning:completion_file", kwargs={"slug": org_a.slug, "pk": completion.pk})
    )
    assert download["Content-Type"] == "application/pdf"
    assert download.content == b"%PDF-1.7 pass"
    assert AuditEvent.objects.filter(action="personal_data.downloaded").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_certificate_is_refused_naming_the_field(client, elearning):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 not a pdf")
    form = {"completed_on_day": "3", "completed_on_month": "11", "completed_on_year": "2026"}
    form |= {"evidence": "Certificate number 12345", "certificate": upload}
    response = client.post(reverse("learning:declare", args=[elearning.slug]), form)
    assert "The certificate must be a PDF, JPEG or PNG file" in response.content.decode()
    assert not Completion.objects.exists()


def test_a_dated_listing_lasts_as_long_as_its_dates_whatever_its_stated_duration():
    start = timezone.make_aware(dt.datetime(2027, 1, 14, 10, 0))
    listing = Opportunity(kind=Kind.IN_PERSON, duration_minutes=45)
    dates = [Session(starts_at=start, ends_at=start + dt.timedelta(hours=6))]
    assert catalogue_presenters.duration(listing, dates) == "6 hours"
    assert catalogue_presenters.duration(listing, []) == "45 minutes"
    mixed = [*dates, Session(starts_at=start, ends_at=start + dt.timedelta(hours=3))]
    assert (
        catalogue_presenters.duration(listing, mixed) == "3 hours to 6 hours, depending on the date"
    )
    online = Opportunity(kind=Kind.E_LEARNING, duration_minutes=45)
    assert catalogue_presenters.duration(online, dates) == "45 minutes"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["abcdefghjklm", "ABCD EFGH JKLM", " abcd-efgh-jklm "])
def test_a_certificate_code_typed_without_hyphens_is_found(client, typed):
    completion = CompletionFactory(certificate_code="ABCD-EFGH-JKLM")
    response = client.get(reverse("learning:verify"), {"code": typed}, follow=True)
    assert response.status_code == 200
    assert "This certificate is valid" in response.content.decode()
    assert completion.opportunity.title in response.content.decode()


@pytest.mark.django_db
def test_a_listings_dates_are_listed_in_the_order_they_happen(client, admin_a, org_a):
    listing = OpportunityFactory(organisation=org_a)
    later = SessionFactory(opportunity=listing, starts_at=timezone.now() + dt.timedelta(days=40))
    sooner = SessionFactory(opportunity=listing, starts_at=timezone.now() + dt.timedelta(days=4))
    client.force_login(admin_a)
    body = client.get(
        reverse("learning:listing", kwargs={"slug": org_a.slug, "listing": listing.slug})
    ).content.decode()
    assert body.index(f"/sessions/{sooner.pk}/") < body.index(f"/sessions/{later.pk}/")
