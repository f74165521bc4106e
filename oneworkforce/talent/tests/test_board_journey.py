"""Browser journey: a coordinator books an interview from a vacancy's board and the candidate
is e-mailed (axe on every page, and at phone width)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.talent.models import Interview
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_books_an_interview_from_the_board(page, live_server, talent_coordinator):
    # Given a vacancy with applications at several steps, one put forward
    talent_coordinator.full_name = "Sam Okafor"
    talent_coordinator.save()
    vacancy = VacancyFactory(title="Care worker, nights")
    asha = CandidateFactory(full_name="Asha Patel", email="asha@example.com")
    ApplicationFactory(vacancy=vacancy, state="interested")
    ApplicationFactory(vacancy=vacancy, state="withdrawn")
    application = ApplicationFactory(vacancy=vacancy, candidate=asha, state="put_forward")

    # When the coordinator opens the board from the vacancy
    sign_in_as(page, talent_coordinator, live_server.url)
    page.goto(f"/talent/vacancies/{vacancy.pk}/")
    page.get_by_role("link", name="See the applications by step, and book interviews").click()

    # Then the steps come in pipeline order, each with its count
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications by step")
    headings = page.get_by_role("heading", level=2)
    expect(headings.first).to_contain_text("Interested (1 application)")
    expect(headings.nth(2)).to_contain_text("Put forward (1 application)")
    assert_accessible(page)
    assert_fits_a_phone(page)

    # When they book an interview in the past, it is refused
    page.get_by_role("link", name="Book an interview with Asha Patel").click()
    assert_accessible(page)
    past = timezone.localdate() - dt.timedelta(days=1)
    page.get_by_label("Day").fill(str(past.day))
    page.get_by_label("Month").fill(str(past.month))
    page.get_by_label("Year").fill(str(past.year))
    page.get_by_label("Start time").fill("10:30")
    page.get_by_label("Where (address and room)").fill("Room 2, Westdale Town Hall")
    page.get_by_label("Sam Okafor").check()
    submit(page, "Book the interview")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("must be in the future")
    assert_accessible(page)
    assert not Interview.objects.exists()

    # And then for next week, it is booked and the candidate is e-mailed
    soon = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Day").fill(str(soon.day))
    page.get_by_label("Month").fill(str(soon.month))
    page.get_by_label("Year").fill(str(soon.year))
    submit(page, "Book the interview")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "the candidate has been sent the details by e-mail"
    )
    expect(page.get_by_role("heading", name="Interview (1 application)")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("at 10:30am")
    assert_accessible(page)
    application.refresh_from_db()
    assert application.state == "interview"
    [message] = mail.outbox
    assert message.to == ["asha@example.com"]
    assert "Room 2, Westdale Town Hall" in message.body
    assert message.attachments[0][0] == "interview.ics"
