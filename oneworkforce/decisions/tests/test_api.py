"""The decisions API: same rules and explanations as the command line and the pages."""

from __future__ import annotations

import pytest

from oneworkforce.decisions.tests import factories

from .elections import SHARED_FILES

pytestmark = pytest.mark.django_db
ASSEN = next(p for p in SHARED_FILES if p.name == "Netherlands_Assen_2024.pb")
BAD = "META\nkey;value\nbudget;lots\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n"


def test_the_budget_calculator_matches_the_command_line(client, learner):
    client.force_login(learner)
    response = client.post(
        "/api/v1/decisions/budget",
        {
            "pabulib": ASSEN.read_text(encoding="utf-8"),
            "rule": "equal-shares",
            "completion": "add1",
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["total_cost"] == 76700
    assert sorted(data["selected"], key=int) == ["2", "3", "5", "6", "9", "11", "12", "13", "14"]


def test_a_malformed_file_is_a_422_naming_the_line(client, learner):
    client.force_login(learner)
    response = client.post(
        "/api/v1/decisions/budget",
        {"pabulib": BAD},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "line 3: the budget 'lots' is not a number"


def test_decisions_api_needs_a_session(client):
    assert client.get("/api/v1/decisions/rounds").status_code == 401


def test_an_open_round_shows_no_result(client, learner):
    proposal = factories.ProposalFactory()
    decision_round = factories.RoundFactory(status="open", with_proposals=[proposal])
    client.force_login(learner)
    data = client.get(f"/api/v1/decisions/rounds/{decision_round.slug}").json()
    assert data["result"] is None
    assert data["proposals"] == {str(proposal.pk): proposal.title}
