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
