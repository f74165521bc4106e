"""Browser journey: sign-in lands on a home listing what waits on the person, with links to
act (axe on every page, and at phone width)."""

from __future__ import annotations

import datetime as dt
import re

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
from oneworkforce.decisions.initiatives import services as initiative_services
from oneworkforce.decisions.models import DecisionRound, Initiative, ProposalStatus
from oneworkforce.decisions.tests import factories as decision_factories
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory, partner_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_by_link(page, address: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(address)
    submit(page, "Send me a sign-in link")
    link = re.search(r"https?://\S+/accounts/sign-in/link/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    submit(page, "Continue")


def test_a_partner_admin_signs_in_to_what_waits_on_them_and_acts_on_it(page, org_a):
    # Given a partner admin with someone waiting to be confirmed for 4 days
    admin = partner_admin(
        org_a, email="admin@example.org", full_name="Priya Shah", job_title="People lead"
    )
    admin.job_family, admin.work_area, admin.work_status = "admin", "hospital", "partner"
    admin.save()
    newcomer = UserFactory(full_name="Jordan Ellis")
    AffiliationFactory(
        user=newcomer,
        organisation=org_a,
        status="pending",
        requested_at=timezone.now() - dt.timedelta(days=4),
    )

    # When they sign in by e-mail link
    sign_in_by_link(page, "admin@example.org")

    # Then they land on their home, which lists what waits on them with its age and a link
    page.wait_for_url("**/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What is waiting on you")
    table = page.get_by_role("table", name="Waiting on you")
    expect(table).to_contain_text("People to confirm as working with your partner")
    expect(table).to_contain_text("Oldest waiting 4 days")
    assert_accessible(page)
    assert_fits_a_phone(page)

    # When they follow the link, they can act on it
    page.get_by_role("link", name="Confirm or decline them").click()
    expect(page.get_by_text("Jordan Ellis").first).to_be_visible()
    assert_accessible(page)


def test_an_initiative_owner_sees_an_overdue_review_and_a_lead_a_proposal_to_review(
    page, live_server
):
    # Given a faculty lead who owns an initiative that started 70 days ago, its 60-day review
    # not recorded, and a proposal from another partner waiting for review
    lead = decision_factories.lead_at(Sector.VCSE)
    lead.full_name = "Helen Ward"
    lead.save()
    proposal = decision_factories.ProposalFactory(title="Mentoring for care workers")
    funded = DecisionRound.objects.create(
        name="Fund", slug="fund", budget=100_000, ballot_type="approval", status="closed"
    )
    initiative = Initiative.objects.create(
        proposal=proposal,
        decision_round=funded,
        owner=lead,
        allocated=50_000,
        started_on=timezone.localdate() - dt.timedelta(days=70),
    )
    initiative_services.measure_add(
        actor=lead, initiative=initiative, name="Leavers (%)", baseline=30, target=20
    )
    decision_factories.ProposalFactory(title="Shared induction", status=ProposalStatus.IN_REVIEW)

    # When she opens her home
    sign_in_as(page, lead, live_server.url)
    page.goto("/home/")

    # Then the overdue review is listed first, marked overdue, with the proposal to review
    table = page.get_by_role("table", name="Waiting on you")
    rows = table.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Initiative reviews open or overdue")
    expect(rows.nth(1)).to_contain_text("Overdue")
    expect(rows.nth(1)).to_contain_text("Oldest overdue by 40 days")
    expect(table).to_contain_text("Proposals to review against the values")
    assert_accessible(page)
    assert_fits_a_phone(page)

    # And the link leads to the initiative, where the overdue review shows
    page.get_by_role("link", name="Review the initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring for care workers")
    expect(page.get_by_role("table", name="When each review falls due")).to_contain_text(
        "Overdue by 10 days"
    )
    assert_accessible(page)
