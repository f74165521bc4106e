"""Decision pages: results explain every proposal, votes stay secret."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oneworkforce.decisions.models import DecisionRound
from oneworkforce.decisions.rounds import services as round_services
from oneworkforce.decisions.tests import factories
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_results_page_explains_every_proposal_and_shows_shares(client, partnership_admin):
    care = OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE)
    nursing = factories.NeedFactory(faculty__name="Nursing")
    funded = factories.ProposalFactory(title="Shared bank", cost=40)
    funded.needs.add(nursing)
    funded.organisations.add(care)
    unfunded = factories.ProposalFactory(title="New building", cost=90)
    decision_round = factories.RoundFactory(
        budget=100, status="open", with_proposals=[funded, unfunded]
    )
    voter = UserFactory()
    AffiliationFactory(user=voter, organisation=care, status="confirmed")
    round_services.ballot_cast(voter=voter, decision_round=decision_round, choices={funded.pk: 1})
    round_services.round_close(actor=partnership_admin, decision_round=decision_round)

    client.force_login(voter)
    body = client.get(
        reverse("decisions:round", kwargs={"slug": decision_round.slug})
    ).content.decode()
    assert "Every proposal and why it was or was not funded" in body
    assert "Not funded: nobody voted for it." in body
    assert "Nursing" in body and "40.0%" in body
    assert "Adult social care provider" in body
    assert "What the other counting rules would have funded" in body
    assert 'role="img"' in body


def test_the_vote_page_keeps_choices_after_an_error_and_records_a_vote(client):
    voter = UserFactory()
    AffiliationFactory(user=voter, status="confirmed")
    a, b = factories.ProposalFactory(title="A"), factories.ProposalFactory(title="B")
    decision_round = factories.RoundFactory(
        ballot_type="cumulative", max_points=5, status="open", with_proposals=[a, b]
    )
    client.force_login(voter)
    url = reverse("decisions:vote", kwargs={"slug": decision_round.slug})
    response = client.post(url, {f"points_{a.pk}": "4", f"points_{b.pk}": "3"})
    assert "You gave 7 points; you have 5 to share." in response.content.decode()
    assert 'value="4"' in response.content.decode()
    response = client.post(url, {f"points_{a.pk}": "4", f"points_{b.pk}": "1"})
    assert response.status_code == 302
    assert decision_round.ballots.get().choices == {str(a.pk): 4, str(b.pk): 1}


def test_nobody_sees_another_persons_ballot(client, partnership_admin):
    voter = UserFactory()
    AffiliationFactory(user=voter, status="confirmed")
    a = factories.ProposalFactory(title="Secret choice")
    decision_round = factories.RoundFactory(status="open", with_proposals=[a])
    round_services.ballot_cast(voter=voter, decision_round=decision_round, choices={a.pk: 1})
    client.force_login(partnership_admin)
    body = client.get(
        reverse("decisions:round", kwargs={"slug": decision_round.slug})
    ).content.decode()
    assert voter.email not in body
    assert "You have voted" not in body


def test_importing_a_file_through_the_page(client, partnership_admin):

    client.force_login(partnership_admin)
    url = reverse("decisions:round_import")
    bad = SimpleUploadedFile("x.pb", b"META\nkey;value\nPROJECTS\n")
    response = client.post(url, {"name": "X", "file": bad, "rule": "greedy"})
    assert "the VOTES section is missing" in response.content.decode()
    good = SimpleUploadedFile(
        "ok.pb",
        b"META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\na;60;Alpha\n"
        b"b;50;Beta\nVOTES\nvoter_id;vote\n1;a\n2;a,b\n",
    )
    response = client.post(url, {"name": "Small", "file": good, "rule": "greedy"})
    assert response.status_code == 302
    imported = DecisionRound.objects.get(name="Small")
    assert imported.ballots.count() == 2


def test_ranking_vote_page_offers_places_and_refuses_a_repeated_rank(client):
    voter = UserFactory()
    AffiliationFactory(user=voter, status="confirmed")
    a, b = factories.ProposalFactory(title="A"), factories.ProposalFactory(title="B")
    decision_round = factories.RoundFactory(
        ballot_type="ordinal", status="open", with_proposals=[a, b]
    )
    client.force_login(voter)
    url = reverse("decisions:vote", kwargs={"slug": decision_round.slug})
    response = client.post(url, {f"rank_{a.pk}": "1", f"rank_{b.pk}": "1"})
    assert "using each number once" in response.content.decode()
    response = client.post(url, {f"rank_{a.pk}": "2", f"rank_{b.pk}": "1"})
    assert response.status_code == 302
    assert decision_round.ballots.get().choices == {str(a.pk): 2, str(b.pk): 1}


def test_a_review_judges_every_value_in_one_form_and_the_page_shows_who_said_what(client):
    together, fair = factories.ValueFactory(name="Together"), factories.ValueFactory(name="Fair")
    author = factories.lead_at(Sector.LOCAL_AUTHORITY)
    proposal = factories.ProposalFactory(title="Shared bank", status="in_review", created_by=author)
    client.force_login(author)
    page = client.get(reverse("decisions:proposal", kwargs={"pk": proposal.pk})).content.decode()
    assert "You wrote this proposal, so you cannot review it" in page
    reviewer = factories.lead_at(Sector.VCSE)
    client.force_login(reviewer)
    url = reverse("decisions:proposal_review", kwargs={"pk": proposal.pk})
    refused = client.post(url, {f"passes_{together.pk}": "yes", f"passes_{fair.pk}": "no"})
    assert "Give a reason for “Together”" in refused.content.decode()
    assert not proposal.panel.exists()
    client.post(
        url,
        {
            f"passes_{together.pk}": "yes",
            f"reason_{together.pk}": "Three partners share it",
            f"passes_{fair.pk}": "no",
            f"reason_{fair.pk}": "Leaves out care homes",
            "interests": "My charity would host it",
        },
    )
    page = client.get(reverse("decisions:proposal", kwargs={"pk": proposal.pk})).content.decode()
    assert reviewer.display_name in page
    assert "Voluntary, community or social enterprise organisation" in page
    assert "Does not meet it: Leaves out care homes" in page
    assert "My charity would host it" in page


def test_a_draft_round_that_cannot_be_decided_is_flagged_and_offers_no_opening(
    client, partnership_admin
):
    dear = factories.ProposalFactory(title="Joint bank", cost=310_000)
    decision_round = factories.RoundFactory(budget=200_000, with_proposals=[dear])
    client.force_login(partnership_admin)
    page = client.get(
        reverse("decisions:round", kwargs={"slug": decision_round.slug})
    ).content.decode()
    assert "This round cannot be decided as it stands" in page
    assert "“Joint bank” costs £310,000, more than the whole budget of £200,000" in page
    assert "Nothing in this round can be funded" in page
    assert "Open for votes</button>" not in page
