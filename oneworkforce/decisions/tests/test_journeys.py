"""Browser journey: from faculties' needs to an explained decision (axe on every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
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
    # Two faculty leads independent of the proposals, from two sectors, and one who proposes
    care_lead = factories.lead_at(organisation=care)
    care_lead.full_name = "Grace Obi"
    care_lead.save()
    trust_lead = factories.lead_at(organisation=trust)
    author = factories.lead_at(Sector.LOCAL_AUTHORITY)
    author.full_name = "Helen Ward"
    author.save()
    author.role_grants.update(faculty=nursing)
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
        for reviewer in (care_lead, trust_lead):
            proposal_services.proposal_review(
                actor=reviewer, proposal=proposal, verdicts={value: (True, "Both sectors")}
            )
        proposals.append(proposal)
    dear = proposal_services.proposal_create(
        actor=admin,
        title="Simulation suite",
        problem="No room to practise.",
        cost=450_000,
        measures="Sessions run.",
    )
    for reviewer in (care_lead, trust_lead):
        proposal_services.proposal_review(
            actor=reviewer, proposal=dear, verdicts={value: (True, "Shared")}
        )
    flagged = factories.RoundFactory(name="Quick wins", budget=200_000, with_proposals=[dear])
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

    # And a round that could never fund its proposal is flagged before it opens
    page.goto(f"/decisions/rounds/{flagged.slug}/")
    expect(page.get_by_role("main")).to_contain_text(
        "“Simulation suite” costs £450,000, more than the whole budget of £200,000"
    )
    expect(page.get_by_role("main")).to_contain_text("Nothing in this round can be funded")
    expect(page.get_by_role("button", name="Open for votes")).to_have_count(0)
    assert_accessible(page)
    assert_fits_a_phone(page)

    # And a faculty lead's proposal answering both needs cannot pass the gate on her own review
    page.context.clear_cookies()
    sign_in_as(page, author, live_server.url)
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
    expect(page.locator(".nhsuk-inset-text")).to_contain_text(
        "You wrote this proposal, so you cannot review it"
    )
    expect(page.get_by_role("link", name="Review this proposal against the values")).to_have_count(
        0
    )
    assert_accessible(page)
    own = Proposal.objects.get(title="Shared preceptorship")
    page.goto(f"/decisions/proposals/{own.pk}/review/")
    page.get_by_label("Yes, it meets this value").check()
    page.get_by_label("Your reason for “Better done together”").fill("Looks good to me")
    submit(page, "Record my review")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("You wrote this proposal")
    assert not own.panel.exists()

    # And two independent reviewers from two sectors pass it, each judging every value
    for reviewer, interests in ((care_lead, "My team would run the sessions."), (trust_lead, "")):
        page.context.clear_cookies()
        sign_in_as(page, reviewer, live_server.url)
        page.goto(f"/decisions/proposals/{own.pk}/")
        page.get_by_role("link", name="Review this proposal against the values").click()
        assert_accessible(page)
        submit(page, "Record my review")
        expect(page.locator(".nhsuk-error-summary")).to_contain_text(
            "Give a reason for “Better done together”"
        )
        page.get_by_label("Yes, it meets this value").check()
        page.get_by_label("Your reason for “Better done together”").fill(
            "Both faculties and two sectors gain."
        )
        page.get_by_label("Conflicts of interest (optional)").fill(interests)
        submit(page, "Record my review")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Passed the values gate")
    expect(page.locator(".nhsuk-card").first).to_contain_text("Grace Obi, Brightpath Home Care")
    expect(page.locator(".nhsuk-card").first).to_contain_text("My team would run the sessions.")
    assert_accessible(page)
    assert_fits_a_phone(page)
    proposals.insert(0, own)
    page.context.clear_cookies()
    sign_in_as(page, admin, live_server.url)

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
    page.get_by_label("Equal shares of the budget (Method of Equal Shares)").check()
    page.get_by_label("Everyone confirmed as working with a partner").check()
    submit(page, "Set up round")
    submit(page, "Open for votes")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("open for votes")
    decision_round = DecisionRound.objects.get(name="Retention fund 2026")

    # And people from two partners vote
    for voter, choices in zip(
        voters, (["Shared preceptorship", "Mentors"], ["Joint bank", "Mentors"]), strict=True
    ):
        page.context.clear_cookies()
        sign_in_as(page, voter, live_server.url)
        page.goto(f"/decisions/rounds/{decision_round.slug}/vote/")
        expect(page.get_by_text("The budget is split equally between the voters")).to_be_visible()
        assert_accessible(page)
        for title in choices:
            page.get_by_label(title, exact=False).check()
        if voter == voters[0]:
            page.get_by_label("Conflicts of interest (optional)").fill("We would host the bank.")
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
    expect(results).to_contain_text("Funded at step")
    expect(results).to_contain_text("supporters' shares paid £")
    expect(page.get_by_text("We would host the bank.")).to_be_visible()
    assert_fits_a_phone(page)
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
    # (on its first day, its 90-day review cannot be recorded)
    page.get_by_role("link", name="Review this initiative").click()
    page.get_by_label("90 days").check()
    page.get_by_label("Continue", exact=True).check()
    page.get_by_label("Reason").fill("Looks fine already.")
    page.get_by_label("Spent so far, in pounds").fill("0")
    submit(page, "Record review")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("can be recorded from")
    assert_accessible(page)
    assert not initiative.reviews.exists()

    # (100 days later its 30- and 60-day reviews are overdue, and the 90-day review is open)
    initiative.started_on -= dt.timedelta(days=100)
    initiative.save()
    page.goto("/decisions/initiatives/")
    expect(page.get_by_role("table")).to_contain_text("30 days, due")
    expect(page.get_by_role("table")).to_contain_text("Overdue by 70 days")
    assert_fits_a_phone(page)
    page.goto(initiative.get_absolute_url())
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
