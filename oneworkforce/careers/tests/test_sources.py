"""Where an application came from: a recruitment event's page leads to its jobs, and applying
from there counts the application as the event's ("event" in the figures by source); a school
or college's campaign counts as a school visit; anything unknown or over counts as the job
board."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.careers.jobs import services
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent.models import Application, Channel
from oneworkforce.talent.outreach.services import event_partner_signup
from oneworkforce.talent.tests.factories import (
    CampaignFactory,
    RecruitmentEventFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

PERSON = {"full_name": "Priya Shah", "email": "priya@example.org", "phone": "", "consent": "on"}


def _apply(vacancy, **where):
    return services.job_apply(
        vacancy_id=vacancy.pk,
        full_name="Sam Okafor",
        email="sam@example.org",
        phone="",
        consent=True,
        **where,
    )


def test_applying_from_an_event_counts_as_the_event_with_its_campaign_code():
    campaign = CampaignFactory(channel=Channel.COMMUNITY_CENTRE)
    fair = RecruitmentEventFactory(campaign=campaign)
    application = _apply(VacancyFactory(), event_slug=fair.slug, campaign_code="IGNORED")
    assert (application.source, application.source_code) == ("event", campaign.code)


@pytest.mark.parametrize("cancelled", [True, False])
def test_a_cancelled_or_unknown_event_counts_as_the_job_board(cancelled):
    fair = RecruitmentEventFactory(cancelled_at=timezone.now() if cancelled else None)
    slug = fair.slug if cancelled else "no-such-fair"
    application = _apply(VacancyFactory(), event_slug=slug)
    assert (application.source, application.source_code) == ("job_board", "")


def test_a_school_campaign_still_counts_as_a_school_visit():
    school = CampaignFactory(channel=Channel.SCHOOL)
    application = _apply(VacancyFactory(), campaign_code=school.code)
    assert application.source == "school_visit"


def test_a_visitor_goes_from_the_event_page_to_a_job_and_applies_as_from_the_event(client):
    fair = RecruitmentEventFactory()
    there = VacancyFactory(title="Home care worker")
    event_partner_signup(actor=None, event=fair, organisation=there.organisation)
    VacancyFactory(title="Porter")  # a partner not at the event
    page = client.get(reverse("talent:event", kwargs={"slug": fair.slug})).content.decode()
    link = f"{reverse('careers:job', args=[there.pk])}?event={fair.slug}"
    assert link in page and "Porter" not in page
    job = client.get(link).content.decode()
    apply = f"{reverse('careers:apply', args=[there.pk])}?event={fair.slug}"
    assert apply in job
    assert client.post(apply, PERSON).status_code == 302
    assert Application.objects.get().source == "event"


def test_the_board_report_and_its_csv_carry_the_careers_figures_by_sector(
    client, talent_coordinator
):
    care = VacancyFactory(
        organisation=OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE),
        essential_criteria="A driving licence",
    )
    fair = RecruitmentEventFactory()
    _apply(care, event_slug=fair.slug, served_in_forces=True, meets_essential_criteria=True)
    client.force_login(talent_coordinator)
    report = client.get(reverse("talent:board_report"))
    shown = report.context["careers_figures"]
    by_source = {row[0]: row[1:] for row in shown["source_rows"]}
    assert by_source["Recruitment event"] == [1, 0, 0, 0, 0, 0, 1]
    veterans = {row[0]: row[1:] for row in shown["veteran_rows"]}
    assert veterans["Guaranteed interviews"] == [1, 0, 0, 0, 0, 0, 1]
    body = report.content.decode()
    assert "Applications by source" in body and "School coverage" in body
    rows = list(csv.reader(io.StringIO(client.get(reverse("talent:outcomes_csv")).text)))
    assert ["Careers: applications by source", "Social care", "event (applications)", "1"] in rows
    assert ["Careers: veterans", "Social care", "guaranteed (applications)", "1"] in rows
    assert any(r[0] == "Careers: school coverage" for r in rows)
