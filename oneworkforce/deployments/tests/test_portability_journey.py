"""Browser journey: a need at one partner, the employer of record at another vouches for the
checks, and the host starts the deployment once a check that ran out is renewed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.deployments.models import Deployment
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

from .portability_factories import signed_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_of(organisation, name):
    admin = UserFactory(full_name=name)
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=organisation)
    return admin


def _fill_date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _vouch(page, deployment_id, check, valid_until=None):
    page.goto(f"/deployments/portability/{deployment_id}/checks")
    page.get_by_label("Check", exact=True).select_option(label=check)
    if valid_until:
        _fill_date(page, "Valid until (optional)", valid_until)
    submit(page, "Vouch for it")
    expect(page.get_by_text("The check is vouched for.")).to_be_visible()


def test_a_need_is_met_by_another_partner_once_an_expired_check_is_renewed(page, live_server):
    # Given a care provider and a community trust that both signed the framework
    host = OrganisationFactory(name="Heatherlea Care Home", sector=Sector.ADULT_SOCIAL_CARE)
    employer = OrganisationFactory(name="Moorview Community Trust", sector=Sector.NHS_COMMUNITY)
    signed_framework(host, employer)
    host_admin, employer_admin = _admin_of(host, "Tom Brennan"), _admin_of(employer, "Priya Shah")
    nurse = UserFactory(full_name="Ruth Okoro", email="ruth@example.org")
    AffiliationFactory(user=nurse, organisation=employer, status="confirmed")
    start = timezone.localdate() + dt.timedelta(days=14)

    # When the host raises a need
    sign_in_as(page, host_admin, live_server.url)
    page.goto("/deployments/portability/new")
    assert_accessible(page)
    page.get_by_label("Host partner").select_option(label="Heatherlea Care Home")
    page.get_by_label("Job title", exact=True).fill("Registered nurse")
    page.get_by_label("Registered professional (for example nurse, social worker)").check()
    page.get_by_label("Staff group").select_option(label="Nursing and midwifery")
    _fill_date(page, "Start date", start)
    _fill_date(page, "End date", start + dt.timedelta(days=27))
    page.get_by_label("Hours a week").fill("30")
    page.get_by_label("Supervisor at the host").fill("Deputy manager")
    page.get_by_label("Why is the person needed?").fill("Night nurse vacancies over winter.")
    page.get_by_label(
        "I confirm this deployment does not cover staff taking industrial action"
    ).check()
    submit(page, "Raise the need")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registered nurse at Heatherlea Care Home"
    )
    assert_accessible(page)
    deployment = Deployment.objects.get()

    # And the community trust offers its nurse and vouches for her checks, one of which runs
    # out before the start
    page.context.clear_cookies()
    sign_in_as(page, employer_admin, live_server.url)
    page.goto("/deployments/portability/")
    assert_accessible(page)
    page.get_by_role("link", name="Registered nurse at Heatherlea Care Home").click()
    assert_accessible(page)
    page.get_by_label("E-mail address of the person you will lend").fill("ruth@example.org")
    submit(page, "Offer this person")
    expect(page.get_by_text("Ruth Okoro is named.")).to_be_visible()
    far = start + dt.timedelta(days=400)
    for check in (
        "Identity checked",
        "Right to work in the UK",
        "Occupational health clearance",
        "Statutory and mandatory training",
    ):
        _vouch(page, deployment.pk, check)
    _vouch(page, deployment.pk, "Professional registration", far)
    _vouch(page, deployment.pk, "DBS check", start - dt.timedelta(days=3))
    assert_accessible(page)

    # And the nurse consents, and the host accepts and confirms its induction
    page.context.clear_cookies()
    sign_in_as(page, nurse, live_server.url)
    page.goto(f"/deployments/portability/{deployment.pk}/")
    submit(page, "I consent to this deployment")
    expect(page.get_by_text("your consent is recorded")).to_be_visible()
    page.context.clear_cookies()
    sign_in_as(page, host_admin, live_server.url)
    page.goto(f"/deployments/portability/{deployment.pk}/")
    submit(page, "Accept the person named")
    _vouch(page, deployment.pk, "Local induction at the host")

    # Then starting is blocked by the DBS check that runs out before the start
    page.get_by_role("link", name="Start the deployment").click()
    assert_accessible(page)
    submit(page, "Start the deployment")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("DBS check: runs out on")
    assert_accessible(page)
    assert Deployment.objects.get().state == "agreed"

    # When the employer renews it
    page.context.clear_cookies()
    sign_in_as(page, employer_admin, live_server.url)
    _vouch(page, deployment.pk, "DBS check", far)

    # Then the host starts the deployment
    page.context.clear_cookies()
    sign_in_as(page, host_admin, live_server.url)
    page.goto(f"/deployments/portability/{deployment.pk}/start")
    submit(page, "Start the deployment")
    expect(page.get_by_text("The deployment is active.")).to_be_visible()
    assert_accessible(page)
    assert Deployment.objects.get().state == "active"
