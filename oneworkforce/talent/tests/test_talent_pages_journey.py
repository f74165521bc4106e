"""Browser journey over the rest of the talent hub's pages, for axe-core (zero violations): a
coordinator's campaign with its QR code and poster, the candidate's own status page and data
choices, events, vacancies with the talent pool's best fits, the work list, imports and keys, and
the sensitive forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.partners.tests.factories import OrganisationFactory, talent_coordinator
from oneworkforce.talent.models import RecruitmentEvent
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import (
    ApplicationFactory,
    CampaignFactory,
    CandidateFactory,
    VacancyFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_other_talent_page_is_accessible(page, live_server):
    # Given a campaign, a vacancy, a candidate in the pool with an application, and an event
    employer = OrganisationFactory(name="Heatherlea Care Home")
    campaign = CampaignFactory(name="Care careers at the jobcentre", community="Bradford Moor")
    vacancy = VacancyFactory(organisation=employer, title="Care assistant")
    candidate = CandidateFactory(full_name="Kwame Mensah", interest_families=["care_support"])
    VacancyFactory(organisation=employer, title="Kitchen assistant", job_family="estates")
    ApplicationFactory(candidate=candidate, vacancy=vacancy, state="interview")
    # At 10am, so the change form (one day, a start and an end time) can hold it at any hour
    # the suite runs.
    day = timezone.localdate() + dt.timedelta(days=12)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    RecruitmentEvent.objects.create(
        title="Bradford jobs fair", slug="bradford-jobs-fair", kind="fair", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4), venue="City library", organiser=employer,
    )  # fmt: skip
    token = outreach.status_link_create(candidate=candidate)
    open_day = RecruitmentEvent.objects.create(
        title="Halifax open day", slug="halifax-open-day", kind="open_day", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4), venue="Minster hall", organiser=employer,
    )  # fmt: skip
    outreach.event_register(
        event=open_day, full_name="Amina Yusuf", email="amina@example.net", phone="", consent=True
    )
    open_day.starts_at = timezone.now() - dt.timedelta(days=2)
    open_day.ends_at = open_day.starts_at + dt.timedelta(hours=4)
    open_day.save()

    # When the candidate opens their status page and its choices, and the events
    for path in (
        f"/talent/status/{token}/",
        f"/talent/status/{token}/delete",
        f"/talent/status/{token}/my-details",
        "/talent/status/",
        "/talent/events/",
        "/talent/events/bradford-jobs-fair/",
        "/talent/join/",
        "/talent/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/talent/status/{token}/")
    expect(
        page.get_by_text("The employer will let you know how the interview went.")
    ).to_be_visible()

    # And a coordinator goes through the pages they work in
    sign_in_as(page, talent_coordinator(full_name="Sam Okafor"), live_server.url)
    for path in (
        "/talent/",
        "/talent/campaigns/",
        f"/talent/campaigns/{campaign.slug}/",
        f"/talent/campaigns/{campaign.slug}/poster",
        "/talent/campaigns/new",
        "/talent/vacancies/",
        f"/talent/vacancies/{vacancy.pk}/",
        "/talent/vacancies/new",
        "/talent/vacancies/import",
        "/talent/work/",
        "/talent/checkpoints/",
        "/talent/api-keys/",
        "/talent/candidates/",
        "/talent/candidates/?barrier=transport&community=Nowhere",  # filters open, one in error
        "/talent/candidates/new",
        f"/talent/candidates/{candidate.pk}/circumstances",
        f"/talent/candidates/{candidate.pk}/equality",
        f"/talent/candidates/{candidate.pk}/matches",
        f"/talent/candidates/{candidate.pk}/put-forward",
        "/talent/events/",  # with the open day that has happened, to record who came
        "/talent/events/new",
        "/talent/outcomes/board-report",
    ):
        page.goto(path)
        assert_accessible(page)

    # And finds the open day that has happened among recent events, and records who came
    page.goto("/talent/events/")
    page.get_by_role("link", name="Record who came to Halifax open day").click()
    assert_accessible(page)
    page.get_by_role("radio", name="Came", exact=True).check()
    submit(page, "Save attendance")
    expect(page.get_by_text("1 person has registered; 1 came.")).to_be_visible()

    # And moves the coming fair to another venue, then has to cancel it
    page.goto("/talent/events/bradford-jobs-fair/")
    page.get_by_role("link", name="Change the event").click()
    assert_accessible(page)
    page.get_by_label("Venue").fill("Central library")
    submit(page, "Save the changes")
    expect(page.get_by_text("Central library")).to_be_visible()
    page.get_by_role("link", name="Cancel the event").click()
    assert_accessible(page)
    page.get_by_label("Why is it cancelled?").fill("The library is closed for repairs")
    submit(page, "Cancel the event")
    expect(
        page.get_by_text("will not take place: The library is closed for repairs")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Register to come")).to_have_count(0)
    assert_accessible(page)

    # Then the campaign page shows its QR code and the vacancy page its best fits from the pool
    page.goto(f"/talent/campaigns/{campaign.slug}/")
    expect(page.get_by_role("img", name="QR code that opens")).to_be_visible()
    page.goto(f"/talent/vacancies/{vacancy.pk}/")
    expect(page.get_by_role("table", name="Best fits from the talent pool")).to_be_visible()
