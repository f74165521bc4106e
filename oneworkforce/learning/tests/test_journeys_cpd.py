"""Browser journeys (axe-core on every page, and at 390 px): a nurse logs CPD, writes a
reflective account and downloads the revalidation summary; a learner evaluates a session they
attended and the provider sees the figures once five people have answered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.learning.evaluations import services as evaluations
from oneworkforce.learning.models import (
    Attendance,
    Booking,
    BookingState,
    CompletionSource,
    CompletionState,
    CpdEntry,
    Evaluation,
    Reflection,
)
from oneworkforce.learning.records.services import completion_create
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

from .factories import OpportunityFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, label: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _attended(learner, session):
    booking = Booking.objects.create(
        session=session, learner=learner, state=BookingState.BOOKED, attendance=Attendance.ATTENDED
    )
    completion_create(
        learner=learner,
        opportunity=session.opportunity,
        completed_on=timezone.localtime(session.ends_at).date(),
        source=CompletionSource.ATTENDANCE,
        state=CompletionState.VERIFIED,
        booking=booking,
    )
    return booking


def test_a_nurse_logs_cpd_writes_a_reflection_and_downloads_the_revalidation_summary(
    page, live_server
):
    # Given a nurse who attended a three-hour sepsis session on the portal
    nurse = UserFactory(full_name="Amira Haddad", job_title="Staff nurse")
    trust = OrganisationFactory(name="Airedale NHS Foundation Trust")
    start = timezone.now() - dt.timedelta(days=20)
    session = SessionFactory(
        opportunity=OpportunityFactory(organisation=trust, title="Recognising sepsis"),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
    )
    _attended(nurse, session)
    sign_in_as(page, nurse, live_server.url)

    # When she opens her CPD log from My learning, the session is already there
    page.goto("/learning/my/")
    page.get_by_role("link", name="My CPD log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My CPD log")
    expect(page.get_by_role("cell", name="Recognising sepsis", exact=True)).to_be_visible()
    expect(page.get_by_text("3 of 35 hours")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)

    # And she adds CPD from elsewhere, first with absurd hours
    page.get_by_role("link", name="Add CPD").click()
    assert_accessible(page)
    page.get_by_label("What was the learning?").fill("Wound care study day")
    _fill_date(page, "Date you did it", timezone.localdate() - dt.timedelta(days=7))
    page.get_by_label("Hours").fill("30")
    page.get_by_role("radio", name="Yes").check()
    submit(page, "Save")
    # Then the hours are refused on their field and nothing is written
    expect(page.locator("#id_hours-error")).to_contain_text("more than 24 hours a day")
    assert_accessible(page)
    assert not CpdEntry.objects.filter(title="Wound care study day").exists()
    page.get_by_label("Hours").fill("6.5")
    page.get_by_label("What did you learn?").fill("Choosing dressings for leg ulcers")
    submit(page, "Save")
    expect(page.get_by_text("Saved in your CPD log.")).to_be_visible()
    expect(page.get_by_text("9.5 of 35 hours")).to_be_visible()

    # When she writes a reflective account, missing how it changed her practice
    page.get_by_role("link", name="Write a reflective account").click()
    assert_accessible(page)
    about = page.get_by_label("Which CPD is it about? (optional)")
    studied = timezone.localdate() - dt.timedelta(days=7)
    about.select_option(label=f"Wound care study day ({studied:%-d %B %Y})")
    page.get_by_label("What happened: the CPD, the feedback you had, or the event at work").fill(
        "A study day on wound care with district nurses and care home staff."
    )
    page.get_by_label("What did you learn from it?").fill("How to assess a leg ulcer.")
    page.get_by_label("Preserve safety").check()
    page.get_by_label("How does it relate to those themes?").fill("Safer care of wounds.")
    submit(page, "Save")
    expect(page.locator("#id_practice_change-error")).to_contain_text(
        "Say how you changed or improved your practice"
    )
    assert not Reflection.objects.exists()
    assert_accessible(page)
    page.get_by_label("What did you do differently, or better, because of it?").fill(
        "I now photograph wounds weekly, with consent, to track healing."
    )
    submit(page, "Save")
    expect(page.get_by_text("Your reflective account is saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Wound care study day", exact=True)).to_be_visible()

    # And she saves her renewal date and sees her progress
    page.get_by_role("link", name="Revalidation summary").first.click()
    page.get_by_label("Nursing and Midwifery Council (NMC) revalidation").check()
    renewal = timezone.localdate() + dt.timedelta(days=300)
    _fill_date(page, "Date your registration is next renewed", renewal)
    submit(page, "Save renewal date")
    expect(page.get_by_text("Your renewal date is saved.")).to_be_visible()
    expect(page.get_by_text("9.5 of 20 hours")).to_be_visible()
    expect(page.get_by_text("1 of 5 accounts")).to_be_visible()
    expect(page.get_by_role("progressbar", name="CPD hours")).to_have_attribute("value", "27")
    assert_accessible(page)
    assert_fits_a_phone(page)

    # Then she downloads the summary as a PDF, and the download is audited
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the summary (PDF)").click()
    with open(download.value.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "cpd-revalidation-summary.pdf"
    assert AuditEvent.objects.filter(
        action="personal_data.downloaded", changes__download="CPD summary (PDF)"
    ).exists()


def test_a_learner_evaluates_a_session_they_attended_and_the_provider_sees_the_figures(
    page, live_server
):
    # Given a home care provider's moving and handling session that six people attended
    home = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    admin = UserFactory(full_name="Tom Brennan")
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=home)
    listing = OpportunityFactory(organisation=home, title="Moving and handling people")
    start = timezone.now() - dt.timedelta(days=5)
    session = SessionFactory(
        opportunity=listing, starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    learner = UserFactory(full_name="Jordan Ellis")
    booking = _attended(learner, session)
    others = [_attended(UserFactory(full_name=f"Colleague {n}"), session) for n in range(3)]
    for n, other in enumerate(others):
        evaluations.evaluation_submit(
            actor=other.learner,
            opportunity=listing,
            booking=other,
            usefulness=4,
            would_recommend=True,
            comment=f"Practical, thank you ({n})",
        )
    sign_in_as(page, admin, live_server.url)

    # When the provider looks with only three answers, nothing individual is shown
    page.goto(f"/learning/manage/{home.slug}/")
    page.get_by_role("link", name="What learners said").click()
    expect(page.get_by_role("cell", name="Shown from 5 answers").first).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    # When the learner signs in, My learning asks them to evaluate the session
    sign_in_as(page, learner, live_server.url)
    page.goto("/learning/my/")
    assert_accessible(page)
    page.get_by_role("link", name="Evaluate Moving and handling people").click()
    assert_accessible(page)
    assert_fits_a_phone(page)
    submit(page, "Send my evaluation")
    expect(page.locator("#id_usefulness-error")).to_contain_text("Choose how useful it was")
    assert not Evaluation.objects.filter(learner=learner).exists()
    page.get_by_label("5: Very useful").check()
    page.get_by_label("What will you do differently because of it? (optional)").fill(
        "Use the slide sheet with two people"
    )
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Anything else the provider should know? (optional)").fill(
        "More time on hoists, please"
    )
    submit(page, "Send my evaluation")
    expect(page.get_by_text("Thank you: your evaluation is sent.")).to_be_visible()
    expect(page.get_by_role("link", name="Evaluate Moving and handling people")).to_have_count(0)

    # And a session they did not attend cannot be evaluated
    missed = Booking.objects.create(
        session=SessionFactory(
            opportunity=listing, starts_at=start - dt.timedelta(days=7), ends_at=start
        ),
        learner=learner,
        state=BookingState.BOOKED,
        attendance=Attendance.ABSENT,
    )
    page.goto(f"/learning/bookings/{missed.pk}/evaluation")
    expect(page.get_by_text("did not attend this one")).to_be_visible()
    expect(page.get_by_role("button", name="Send my evaluation")).to_have_count(0)
    assert_accessible(page)
    page.context.clear_cookies()

    # Then with a fifth answer the provider sees the figures, a chart and comments, no names
    fifth = _attended(UserFactory(full_name="Fifth Person"), session)
    evaluations.evaluation_submit(
        actor=fifth.learner, opportunity=listing, booking=fifth, usefulness=3, would_recommend=False
    )
    sign_in_as(page, admin, live_server.url)
    page.goto(f"/learning/manage/{home.slug}/evaluations/")
    expect(page.get_by_role("cell", name="80%").first).to_be_visible()  # 4 of 5 useful
    expect(page.get_by_role("img", name="Mean rating of how useful it was")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)
    page.get_by_role("link", name="Moving and handling people").click()
    expect(page.get_by_text("More time on hoists, please")).to_be_visible()
    expect(page.get_by_text("Use the slide sheet with two people")).to_be_visible()
    for name in ("Jordan Ellis", "Colleague", "Fifth Person"):
        expect(page.get_by_text(name)).to_have_count(0)
    assert_accessible(page)
    assert_fits_a_phone(page)
    assert booking.evaluations.count() == 1
