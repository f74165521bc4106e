"""Browser journey: from faculties' needs to an explained decision (axe on every page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.decisions.models import DecisionRound, Proposal, RoundStatus
from oneworkforce.decisions.needs import services as need_services
from oneworkforce.decisions.proposals import services as proposal_services
from oneworkforce.decisions.tests import factories
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    FacultyFactory,
    OrganisationFactory,
    UserFactory,
    partnership_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partnership_decides_a_pooled_budget_and_sees_why(page, live_server):
    # Given needs from two faculties that read alike, and proposals through the values gate
    admin = partnership_admin(full_name="Alex Morgan")
    nursing, social_care = FacultyFactory(name="Nursing team"), FacultyFactory(name="Care team")
    for faculty in (nursing, social_care):
        need_services.need_record(
            actor=admin,
            faculty=faculty,
            title=f"{faculty.name} staff leave in year one",
            description="Half of new starters leave within a year.",
            severity="high",
        )
    value = factories.ValueFactory(name="Better done together")
    care = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    trust = OrganisationFactory(name="Airedale Hospital", sector=Sector.NHS_ACUTE)
    proposals = []
    for title, cost in (("Joint bank", 50_000), ("Mentors", 30_000)):
        proposal = proposal_services.proposal_create(
            actor=admin,
            title=title,
            problem="People leave early.",
            cost=cost,
            measures="Leavers down 10% at 90 days.",
            organisations=[care, trust],
        )
        proposal_services.proposal_review(
            actor=admin, proposal=proposal, value=value, passes=True, reason="Both sectors"
        )
        proposals.append(proposal)
    voters = []
    for organisation in (care, trust):
        voter = UserFactory()
        AffiliationFactory(user=voter, organisation=organisation, status="confirmed")
        voters.append(voter)

    # When a lead confirms the suggested grouping as a shared theme
    sign_in_as(page, admin, live_server.url)
    page.goto("/decisions/themes/")
    suggestion = page.locator(".nhsuk-card").first
    expect(suggestion).to_contain_text("Nursing team staff leave in year one")
    expect(suggestion).to_contain_text("Care team staff leave in year one")
    expect(suggestion.locator("p").first).to_contain_text("leave")
    assert_accessible(page)
    page.get_by_label("Yes, they share a theme").first.check()
    page.locator("#theme-1").fill("Retention")
    submit(page, "Save", first=True)
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("decision has been recorded")
    page.goto("/decisions/")
    expect(page.get_by_text("Retention")).to_be_visible()
    assert_accessible(page)

    # And a proposal answering both needs goes through the values gate
    page.goto("/decisions/proposals/add/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Shared preceptorship")
    page.get_by_label("The problem it solves").fill("New starters in both faculties leave early.")
    page.get_by_label("Nursing team staff leave in year one").check()
    page.get_by_label("Care team staff leave in year one").check()
    page.get_by_label("Brightpath Home Care").check()
    page.get_by_label("Cost in pounds").fill("60000")
    page.get_by_label("Measures and targets").fill("Leavers down by a fifth at 12 months.")
    submit(page, "Create proposal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shared preceptorship")
    assert_accessible(page)
    page.get_by_role("link", name="Review this proposal against a value").click()
    page.get_by_label("Value", exact=True).select_option(label="Better done together")
    page.get_by_label("Yes").check()
    page.get_by_label("Reason").fill("Both faculties and two sectors gain.")
    submit(page, "Record review")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Passed the values gate")
    assert_accessible(page)
    proposals.insert(0, Proposal.objects.get(title="Shared preceptorship"))

    # And the partnership admin sets up a round
    page.goto("/decisions/rounds/add/")
    assert_accessible(page)
    submit(page, "Set up round")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name of the round").fill("Retention fund 2026")
    page.get_by_label("Pooled budget in pounds").fill("100000")
    for proposal in proposals:
        page.get_by_label(proposal.title).check()
    page.get_by_label("Approval: choose the proposals you support").check()
    page.get_by_label("Method of Equal Shares (with add-one completion)").check()
    page.get_by_label("Everyone confirmed as working with a partner").check()
    submit(page, "Set up round")
    submit(page, "Open for votes")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("open for votes")
    decision_round = DecisionRound.objects.get()

    # And people from two partners vote
    for voter, choices in zip(
        voters, (["Shared preceptorship", "Mentors"], ["Joint bank", "Mentors"]), strict=True
    ):
        page.context.clear_cookies()
        sign_in_as(page, voter, live_server.url)
        page.goto(f"/decisions/rounds/{decision_round.slug}/vote/")
        assert_accessible(page)
        for title in choices:
            page.get_by_label(title, exact=False).check()
        submit(page, "Submit my vote")
        expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
            "Your vote has been recorded"
        )

    # Then closing counts the votes and the results explain every proposal
    page.context.clear_cookies()
    sign_in_as(page, admin, live_server.url)
    page.goto(f"/decisions/rounds/{decision_round.slug}/")
    submit(page, "Close and count the votes")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    results = page.get_by_role("table", name="Every proposal and why it was or was not funded")
    expect(results).to_contain_text("Funded in round")
    expect(page.get_by_role("img", name="Budget reaching each sector's partners")).to_be_visible()
    assert_accessible(page)
    decision_round.refresh_from_db()
    assert decision_round.status == RoundStatus.CLOSED
    assert decision_round.result["total_cost"] <= 100_000

    # And a funded initiative is measured, then stopped at its 90-day review
    initiative = decision_round.initiatives.order_by("id").first()
    page.goto("/decisions/initiatives/")
    assert_accessible(page)
    page.get_by_role("link", name=initiative.proposal.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(initiative.proposal.title)
    assert_accessible(page)
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("What is measured").fill("Leavers in first year")
    page.get_by_label("Baseline").fill("40")
    page.get_by_label("Target at 12 months").fill("20")
    submit(page, "Add measure")
    page.get_by_role("link", name="Record a value for Leavers in first year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record Leavers in first year")
    assert_accessible(page)
    page.get_by_label("90 days").check()
    page.get_by_label("Value").fill("39")
    submit(page, "Record value")
    page.get_by_role("link", name="Review this initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the initiative")
    assert_accessible(page)
    page.get_by_label("90 days").check()
    page.get_by_label("Stop, and return the unspent money to the pool").check()
    page.get_by_label("Reason").fill("Leavers barely moved after 90 days.")
    page.get_by_label("Spent so far, in pounds").fill("10000")
    submit(page, "Record review")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Stopped")
    assert_accessible(page)
    initiative.refresh_from_db()
    assert initiative.returned == initiative.allocated - 10_000
