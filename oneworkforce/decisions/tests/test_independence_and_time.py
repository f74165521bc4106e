"""The values gate needs independent reviewers; rounds must be decidable before they open;
initiative reviews fall due on time; results name their units."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from oneworkforce.core.services import ServiceError
from oneworkforce.decisions import budgeting
from oneworkforce.decisions.initiatives import services as initiative_services
from oneworkforce.decisions.initiatives.presenters import review_schedule
from oneworkforce.decisions.models import (
    Initiative,
    InitiativeReview,
    Measure,
    ProposalReview,
    ProposalStatus,
    RoundStatus,
    ValueReview,
)
from oneworkforce.decisions.proposals import services as proposal_services
from oneworkforce.decisions.proposals.presenters import gate_progress
from oneworkforce.decisions.rounds import services as round_services
from oneworkforce.decisions.rounds.presenters import RULE_EXPLAINED, round_problems
from oneworkforce.decisions.tests import factories
from oneworkforce.decisions.tests.elections import approval
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory


@pytest.fixture
def values(db):
    return [factories.ValueFactory(name="Together"), factories.ValueFactory(name="Fair")]


def all_yes(values, reason="Shown in the problem"):
    return {value: (True, reason) for value in values}


@pytest.mark.django_db
def test_a_faculty_lead_cannot_review_their_own_proposal_and_nothing_is_written(values):
    author = factories.lead_at(Sector.LOCAL_AUTHORITY)
    proposal = proposal_services.proposal_create(
        actor=author, title="Shared bank", problem="Gaps", cost=1_000, measures="Fill rate"
    )
    with pytest.raises(ServiceError, match="You wrote this proposal"):
        proposal_services.proposal_review(actor=author, proposal=proposal, verdicts=all_yes(values))
    assert not ProposalReview.objects.exists()
    assert not ValueReview.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_REVIEW


@pytest.mark.django_db
def test_people_of_the_proposing_partner_cannot_review(values):
    council = OrganisationFactory(sector=Sector.LOCAL_AUTHORITY)
    author, colleague = (
        factories.lead_at(organisation=council),
        factories.lead_at(organisation=council),
    )
    proposal = proposal_services.proposal_create(
        actor=author, title="Shared bank", problem="Gaps", cost=1_000, measures="Fill rate"
    )
    assert proposal.organisation == council
    with pytest.raises(ServiceError, match="which made this proposal"):
        proposal_services.proposal_review(
            actor=colleague, proposal=proposal, verdicts=all_yes(values)
        )
    assert not ProposalReview.objects.exists()


@pytest.mark.django_db
def test_the_gate_needs_two_reviewers_from_two_sectors(values):
    proposal = factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)
    first, same_sector = factories.lead_at(Sector.NHS_ACUTE), factories.lead_at(Sector.NHS_ACUTE)
    proposal_services.proposal_review(actor=first, proposal=proposal, verdicts=all_yes(values))
    assert proposal.status == ProposalStatus.IN_REVIEW
    proposal_services.proposal_review(
        actor=same_sector, proposal=proposal, verdicts=all_yes(values), interests="I led it"
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_REVIEW  # two reviewers, one sector
    proposal_services.proposal_review(
        actor=factories.lead_at(Sector.VCSE), proposal=proposal, verdicts=all_yes(values)
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PASSED
    reviews = list(proposal.panel.all())
    assert [r.sector for r in reviews] == [Sector.NHS_ACUTE, Sector.NHS_ACUTE, Sector.VCSE]
    assert reviews[1].interests == "I led it"
    assert ValueReview.objects.filter(review__in=reviews).count() == 6


@pytest.mark.django_db
def test_a_reviewer_finding_a_value_unmet_fails_the_gate(values):
    proposal = factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)
    proposal_services.proposal_review(
        actor=factories.lead_at(Sector.NHS_ACUTE), proposal=proposal, verdicts=all_yes(values)
    )
    verdicts = {values[0]: (True, "Shared"), values[1]: (False, "Helps one trust only")}
    proposal_services.proposal_review(
        actor=factories.lead_at(Sector.ADULT_SOCIAL_CARE), proposal=proposal, verdicts=verdicts
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_PASSED
    with pytest.raises(ServiceError, match="has been decided"):
        proposal_services.proposal_review(
            actor=factories.lead_at(Sector.VCSE), proposal=proposal, verdicts=all_yes(values)
        )


@pytest.mark.django_db
def test_a_value_without_a_reason_or_a_second_review_is_refused(values):
    proposal = factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)
    reviewer = factories.lead_at(Sector.NHS_ACUTE)
    with pytest.raises(ServiceError, match="Give a reason for “Fair”") as error:
        proposal_services.proposal_review(
            actor=reviewer,
            proposal=proposal,
            verdicts={values[0]: (True, "Shared"), values[1]: (True, "  ")},
        )
    assert error.value.field == f"reason_{values[1].pk}"
    with pytest.raises(ServiceError, match="meets “Fair”"):
        proposal_services.proposal_review(
            actor=reviewer, proposal=proposal, verdicts={values[0]: (True, "Shared")}
        )
    assert not ProposalReview.objects.exists() and not ValueReview.objects.exists()
    proposal_services.proposal_review(actor=reviewer, proposal=proposal, verdicts=all_yes(values))
    with pytest.raises(ServiceError, match="already reviewed"):
        proposal_services.proposal_review(
            actor=reviewer, proposal=proposal, verdicts=all_yes(values)
        )
    assert ProposalReview.objects.count() == 1


@pytest.mark.django_db
def test_the_number_of_reviewers_and_sectors_is_configurable(values, settings):
    settings.DECISIONS_REVIEWERS, settings.DECISIONS_REVIEWER_SECTORS = 1, 1
    proposal = factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)
    proposal_services.proposal_review(
        actor=factories.lead_at(Sector.NHS_ACUTE), proposal=proposal, verdicts=all_yes(values)
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PASSED


def test_the_gate_says_where_a_proposal_stands():
    one = [SimpleNamespace(sector="vcse")]
    assert gate_progress(one, status="in_review", needed=2, sectors_needed=2) == (
        "It needs 2 independent reviewers from at least 2 sectors, who all find that it meets "
        "every value. So far: 1 review from 1 sector."
    )
    two = [*one, SimpleNamespace(sector="icb")]
    assert gate_progress(two, status="passed", needed=2, sectors_needed=2).startswith(
        "Passed: 2 reviewers from 2 sectors"
    )


# Rounds that can be decided ---------------------------------------------------------------


def test_a_proposal_costing_more_than_the_budget_and_an_undecidable_round_are_flagged():
    dear = SimpleNamespace(title="Joint bank", cost=310_000)
    cheap = SimpleNamespace(title="Mentors", cost=85_000)
    assert round_problems(200_000, [dear, cheap]) == [
        "“Joint bank” costs £310,000, more than the whole budget of £200,000: it could never "
        "be funded. Take it out of the round or raise the budget."
    ]
    problems = round_problems(200_000, [dear])
    assert problems[-1] == (
        "Nothing in this round can be funded: every proposal costs more than the £200,000 budget."
    )
    assert round_problems(200_000, [cheap]) == []
    assert round_problems(200_000, []) == ["The round has no proposals."]


@pytest.mark.django_db
def test_a_round_with_an_unfundable_proposal_cannot_open(partnership_admin):
    dear = factories.ProposalFactory(title="Joint bank", cost=310_000)
    cheap = factories.ProposalFactory(title="Mentors", cost=85_000)
    decision_round = factories.RoundFactory(budget=200_000, with_proposals=[dear, cheap])
    with pytest.raises(ServiceError, match="“Joint bank” costs £310,000"):
        round_services.round_open(actor=partnership_admin, decision_round=decision_round)
    decision_round.refresh_from_db()
    assert decision_round.status == RoundStatus.DRAFT
    decision_round.proposals.remove(dear)
    round_services.round_open(actor=partnership_admin, decision_round=decision_round)
    decision_round.refresh_from_db()
    assert decision_round.status == RoundStatus.OPEN


def test_every_rule_is_explained_in_plain_words():
    for rule, text in RULE_EXPLAINED.items():
        assert "round" not in text.lower(), rule
        assert len(text) > 80


# Plain results ------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["equal-shares", "greedy", "phragmen"])
def test_results_name_their_units_and_count_in_steps(rule):
    election = approval(100, {"a": 60, "b": 60, "c": 40}, ["a,c"] * 3 + ["b"] * 2)
    outcome = budgeting.run(election, rule, currency="£")
    for result in outcome.results.values():
        assert " round " not in result.reason, result.reason
    funded = [outcome.results[p].reason for p in outcome.selected]
    assert all(reason.startswith("Funded at step") for reason in funded)
    assert any("£" in reason for reason in funded)


def test_equal_shares_says_what_each_supporters_share_paid():
    election = approval(100, {"a": 40}, ["a"] * 4)
    reason = budgeting.run(election, "equal-shares", currency="£").results["a"].reason
    assert reason == "Funded at step 1: each of its 4 supporters' shares paid £10 towards it."


# Reviews on time -----------------------------------------------------------------------------


@pytest.fixture
def initiative(partnership_admin):
    proposal = factories.ProposalFactory(cost=10_000, created_by=partnership_admin)
    decision_round = factories.RoundFactory(
        budget=20_000, status="closed", with_proposals=[proposal]
    )
    return Initiative.objects.create(
        proposal=proposal,
        decision_round=decision_round,
        owner=partnership_admin,
        allocated=10_000,
        started_on=timezone.localdate(),
    )


def review(actor, initiative, checkpoint):
    return initiative_services.initiative_review(
        actor=actor,
        initiative=initiative,
        checkpoint=checkpoint,
        decision="continue",
        reason="On track",
        spent=100,
    )


@pytest.mark.django_db
def test_a_90_day_review_cannot_be_recorded_on_day_one(partnership_admin, initiative):
    initiative_services.measure_add(
        actor=partnership_admin, initiative=initiative, name="Leavers", baseline=20, target=10
    )
    with pytest.raises(ServiceError, match="can be recorded from") as error:
        review(partnership_admin, initiative, 90)
    assert error.value.field == "checkpoint"
    with pytest.raises(ServiceError, match="Values for 90 days"):
        initiative_services.measure_record(
            actor=partnership_admin, measure=Measure.objects.get(), checkpoint=90, value=15
        )
    assert not InitiativeReview.objects.exists()
    assert Measure.objects.get().value_90 is None


@pytest.mark.django_db
def test_a_review_opens_a_week_before_it_falls_due(partnership_admin, initiative):
    initiative_services.measure_add(
        actor=partnership_admin, initiative=initiative, name="Leavers", baseline=20, target=10
    )
    initiative.started_on = timezone.localdate() - dt.timedelta(days=22)
    initiative.save()
    with pytest.raises(ServiceError, match="can be recorded from"):
        review(partnership_admin, initiative, 30)
    initiative.started_on -= dt.timedelta(days=1)  # 30-day review due in 7 days: open
    initiative.save()
    assert review(partnership_admin, initiative, 30).checkpoint == 30


@pytest.mark.django_db
def test_the_first_review_needs_a_measure_with_baseline_and_target(partnership_admin, initiative):
    initiative.started_on -= dt.timedelta(days=40)
    initiative.save()
    with pytest.raises(ServiceError, match="Add at least one measure"):
        review(partnership_admin, initiative, 30)
    assert not InitiativeReview.objects.exists()


def test_the_schedule_shows_what_is_done_open_overdue_and_to_come():
    initiative = Initiative(started_on=dt.date(2026, 1, 1), status="active")
    done = [SimpleNamespace(checkpoint=30)]
    rows = review_schedule(initiative, done, dt.date(2026, 3, 10))
    assert [(r["checkpoint"], r["due"], r["tag"]["text"]) for r in rows] == [
        ("30 days", "31 January 2026", "Done"),
        ("60 days", "2 March 2026", "Overdue by 8 days"),
        ("90 days", "1 April 2026", "Opens 25 March 2026"),
        ("12 months", "1 January 2027", "Opens 25 December 2026"),
    ]
    assert review_schedule(initiative, done, dt.date(2026, 3, 2))[1]["tag"]["text"] == "Open now"
    one_day = review_schedule(initiative, done, dt.date(2026, 3, 3))[1]["tag"]["text"]
    assert one_day == "Overdue by 1 day"


@pytest.mark.django_db
def test_the_owner_is_reminded_once_when_a_review_opens_and_once_when_it_is_overdue(
    partnership_admin, initiative, mailoutbox
):
    from oneworkforce.decisions.jobs import initiative_reviews

    now = timezone.now()
    assert initiative_reviews(now) == 0  # day one: nothing open
    initiative.started_on = timezone.localdate() - dt.timedelta(days=25)
    initiative.save()
    assert initiative_reviews(now) == 1
    assert initiative_reviews(now) == 0  # sent once
    assert ": the review at 30 days is open" in mailoutbox[0].subject
    assert mailoutbox[0].subject.endswith("is open")
    initiative.started_on -= dt.timedelta(days=10)
    initiative.save()
    assert initiative_reviews(now) == 1
    assert mailoutbox[1].subject.endswith("is overdue")
    assert mailoutbox[1].to == [partnership_admin.email]
