"""Decision workflows: needs, the values gate, rounds, secret ballots, irreversible closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.decisions import budgeting
from oneworkforce.decisions.initiatives import selectors as initiative_selectors
from oneworkforce.decisions.initiatives import services as initiative_services
from oneworkforce.decisions.models import (
    Ballot,
    DecisionRound,
    Initiative,
    Proposal,
    ProposalStatus,
    RoundStatus,
)
from oneworkforce.decisions.needs import selectors as need_selectors
from oneworkforce.decisions.needs import services as need_services
from oneworkforce.decisions.rounds import selectors as round_selectors
from oneworkforce.decisions.rounds import services as round_services
from oneworkforce.decisions.rounds.forms import parse_weights
from oneworkforce.decisions.tests import factories
from oneworkforce.decisions.tests.elections import SHARED_FILES
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    FacultyFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    user = UserFactory()
    RoleGrantFactory(user=user, role=Role.FACULTY_LEAD, organisation=None, faculty=FacultyFactory())
    return user


def test_a_faculty_lead_records_needs_only_for_their_faculty(lead):
    own = lead.role_grants.get().faculty
    need = need_services.need_record(
        actor=lead,
        faculty=own,
        title="Weekend cover",
        description="Gaps",
        severity="high",
        themes=["Retention", " retention ", "Rural recruitment"],
    )
    assert sorted(t.name for t in need.themes.all()) == ["Retention", "Rural recruitment"]
    with pytest.raises(ServiceError):
        need_services.need_record(
            actor=lead, faculty=FacultyFactory(), title="x", description="y", severity="low"
        )


def test_only_passed_proposals_go_to_a_round(partnership_admin):
    failed = factories.ProposalFactory(status=ProposalStatus.NOT_PASSED, title="Solo scheme")
    with pytest.raises(ServiceError) as error:
        round_services.round_create(
            actor=partnership_admin,
            name="Spring",
            budget=1000,
            ballot_type="approval",
            rule="equal-shares",
            electorate="affiliated",
            proposals=[failed],
        )
    assert error.value.field == "proposals"
    assert "Solo scheme" in error.value.message


def test_phragmen_needs_approval_ballots(partnership_admin):
    with pytest.raises(ServiceError) as error:
        round_services.round_create(
            actor=partnership_admin,
            name="Spring",
            budget=1000,
            ballot_type="cumulative",
            rule="phragmen",
            electorate="affiliated",
            proposals=[factories.ProposalFactory()],
        )
    assert error.value.field == "rule"


@pytest.fixture
def voters():
    people = [UserFactory() for _ in range(3)]
    for person in people:
        AffiliationFactory(user=person, organisation=OrganisationFactory(), status="confirmed")
    return people


def test_votes_are_counted_by_the_frozen_rule_and_explained(partnership_admin, voters):
    a = factories.ProposalFactory(title="Shared bank", cost=60)
    b = factories.ProposalFactory(title="Care academy", cost=60)
    c = factories.ProposalFactory(title="Mentors", cost=40)
    decision_round = factories.RoundFactory(budget=100, with_proposals=[a, b, c])
    round_services.round_open(actor=partnership_admin, decision_round=decision_round)
    round_services.ballot_cast(
        voter=voters[0], decision_round=decision_round, choices={a.pk: 1, b.pk: 1}
    )
    round_services.ballot_cast(voter=voters[1], decision_round=decision_round, choices={a.pk: 1})
    round_services.ballot_cast(voter=voters[2], decision_round=decision_round, choices={c.pk: 1})
    closed = round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    result = closed.result
    assert closed.status == RoundStatus.CLOSED
    assert sorted(result["selected"], key=int) == sorted([str(a.pk), str(c.pk)], key=int)
    assert result["projects"][str(a.pk)]["votes"] == 2
    assert result["projects"][str(b.pk)]["funded"] is False
    assert result["projects"][str(b.pk)]["reason"].startswith("Not funded")
    assert set(result["other_rules"]) == {"greedy", "phragmen"}


def test_a_ballot_over_the_points_allowed_is_refused(partnership_admin, voters):
    a, b = factories.ProposalFactory(), factories.ProposalFactory()
    decision_round = factories.RoundFactory(
        ballot_type="cumulative", max_points=10, status="open", with_proposals=[a, b]
    )
    with pytest.raises(ServiceError, match="You gave 11 points"):
        round_services.ballot_cast(
            voter=voters[0], decision_round=decision_round, choices={a.pk: 6, b.pk: 5}
        )
    assert not Ballot.objects.exists()


def test_no_vote_after_closing_and_closing_is_final(partnership_admin, voters):
    a = factories.ProposalFactory()
    decision_round = factories.RoundFactory(status="open", with_proposals=[a])
    round_services.ballot_cast(voter=voters[0], decision_round=decision_round, choices={a.pk: 1})
    round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    with pytest.raises(ServiceError, match="not open"):
        round_services.ballot_cast(
            voter=voters[1], decision_round=decision_round, choices={a.pk: 1}
        )
    with pytest.raises(ServiceError):
        round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    assert Ballot.objects.count() == 1


def test_people_outside_the_electorate_cannot_vote(partnership_admin, learner):
    a = factories.ProposalFactory()
    decision_round = factories.RoundFactory(
        status="open", electorate="representatives", with_proposals=[a]
    )
    with pytest.raises(ServiceError, match="Only partner representatives vote"):
        round_services.ballot_cast(voter=learner, decision_round=decision_round, choices={a.pk: 1})


def test_a_vote_for_a_proposal_outside_the_round_is_refused(voters):
    inside, outside = factories.ProposalFactory(), factories.ProposalFactory()
    decision_round = factories.RoundFactory(status="open", with_proposals=[inside])
    with pytest.raises(ServiceError):
        round_services.ballot_cast(
            voter=voters[0], decision_round=decision_round, choices={outside.pk: 1}
        )


def test_ballots_are_audited_without_their_content(voters):
    a = factories.ProposalFactory()
    decision_round = factories.RoundFactory(status="open", with_proposals=[a])
    round_services.ballot_cast(voter=voters[0], decision_round=decision_round, choices={a.pk: 1})
    event = AuditEvent.objects.get(action="ballot.cast")
    assert event.changes == {"ballot": {"changed": True}}


def test_a_round_exports_as_a_pabulib_file_that_reads_back(partnership_admin, voters):

    a, b = factories.ProposalFactory(cost=30), factories.ProposalFactory(cost=50)
    decision_round = factories.RoundFactory(budget=60, status="open", with_proposals=[a, b])
    round_services.ballot_cast(
        voter=voters[0], decision_round=decision_round, choices={a.pk: 1, b.pk: 1}
    )
    round_services.ballot_cast(voter=voters[1], decision_round=decision_round, choices={b.pk: 1})
    text = budgeting.dumps(round_selectors.round_election(decision_round))
    election = budgeting.loads(text)
    assert election.budget == 60
    assert [b_.projects for b_ in election.ballots] == [(str(a.pk), str(b.pk)), (str(b.pk),)]
    assert {v for b_ in election.ballots for v in [b_.voter_id]} == {"1", "2"}


def test_funded_proposals_become_initiatives_and_stopping_returns_the_money(
    partnership_admin, voters
):

    a = factories.ProposalFactory(cost=40, created_by=partnership_admin)
    b = factories.ProposalFactory(cost=80)
    decision_round = factories.RoundFactory(budget=100, status="open", with_proposals=[a, b])
    round_services.ballot_cast(voter=voters[0], decision_round=decision_round, choices={a.pk: 1})
    round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    initiative = Initiative.objects.get()
    assert initiative.proposal == a
    assert initiative.allocated == 40
    initiative.started_on -= dt.timedelta(days=100)  # its 30- and 90-day reviews are open
    initiative.save()

    measure = initiative_services.measure_add(
        actor=partnership_admin, initiative=initiative, name="Leavers", baseline=20, target=10
    )
    initiative_services.measure_record(
        actor=partnership_admin, measure=measure, checkpoint=90, value=19
    )
    measure.refresh_from_db()
    assert measure.progress_at(90) == pytest.approx(0.1)

    initiative_services.initiative_review(
        actor=partnership_admin,
        initiative=initiative,
        checkpoint=30,
        decision="continue",
        reason="Early days",
        spent=5,
    )
    with pytest.raises(ServiceError, match="already been reviewed"):
        initiative_services.initiative_review(
            actor=partnership_admin,
            initiative=initiative,
            checkpoint=30,
            decision="stop",
            reason="x",
            spent=5,
        )
    with pytest.raises(ServiceError, match="between"):
        initiative_services.initiative_review(
            actor=partnership_admin,
            initiative=initiative,
            checkpoint=90,
            decision="stop",
            reason="x",
            spent=41,
        )
    initiative_services.initiative_review(
        actor=partnership_admin,
        initiative=initiative,
        checkpoint=90,
        decision="stop",
        reason="Leavers barely moved",
        spent=15,
    )
    initiative.refresh_from_db()
    assert initiative.status == "stopped"
    assert initiative.returned == 25
    assert initiative_selectors.pool_returned() == 25
    with pytest.raises(ServiceError, match="stopped"):
        initiative_services.initiative_review(
            actor=partnership_admin,
            initiative=initiative,
            checkpoint=365,
            decision="continue",
            reason="x",
            spent=15,
        )


def test_only_the_owner_or_an_admin_manages_measures(partnership_admin, voters, learner):
    a = factories.ProposalFactory(cost=10, created_by=partnership_admin)
    decision_round = factories.RoundFactory(budget=100, status="open", with_proposals=[a])
    round_services.ballot_cast(voter=voters[0], decision_round=decision_round, choices={a.pk: 1})
    round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    initiative = decision_round.initiatives.get()
    with pytest.raises(ServiceError):
        initiative_services.measure_add(
            actor=learner, initiative=initiative, name="x", baseline=1, target=2
        )


def test_confirming_a_suggested_pair_gives_both_needs_the_theme(partnership_admin):

    first = factories.NeedFactory(
        title="Nurses leave early", description="Retention of new starters is poor."
    )
    second = factories.NeedFactory(
        title="Care workers leave early", description="Retention of new starters in home care."
    )
    suggestions = need_selectors.suggested_groupings()
    assert [(s["first"], s["second"]) for s in suggestions] == [(first, second)]
    need_services.need_pair_decide(
        actor=partnership_admin, first=second, second=first, related=True, theme_name="Retention"
    )
    assert [t.name for t in first.themes.all()] == ["Retention"]
    assert [t.name for t in second.themes.all()] == ["Retention"]
    assert need_selectors.suggested_groupings() == []
    assert [theme.name for theme, _, _ in need_selectors.recurring_themes()] == ["Retention"]
    with pytest.raises(ServiceError, match="already decided"):
        need_services.need_pair_decide(
            actor=partnership_admin, first=first, second=second, related=False
        )


def test_a_related_pair_needs_a_theme_name(partnership_admin):
    first, second = factories.NeedFactory(), factories.NeedFactory()
    with pytest.raises(ServiceError) as error:
        need_services.need_pair_decide(
            actor=partnership_admin, first=first, second=second, related=True
        )
    assert error.value.field == "theme"


def test_an_imported_election_counts_to_the_published_winners(partnership_admin):

    path = next(p for p in SHARED_FILES if p.name == "Netherlands_Assen_2024.pb")
    imported = round_services.round_import(
        actor=partnership_admin,
        name="Assen 2024",
        text=path.read_text(encoding="utf-8"),
        source=path.name,
        rule="equal-shares",
    )
    assert imported.status == RoundStatus.OPEN
    assert imported.ballots.count() == 84
    closed = round_services.round_close(actor=partnership_admin, decision_round=imported)
    funded_titles = {Proposal.objects.get(pk=int(p)).title for p in closed.result["selected"]}
    election = budgeting.read(path)
    published = {p.extra["name"] for p in election.projects.values() if p.extra["selected"] == "1"}
    assert funded_titles == published


def test_a_malformed_import_names_the_line_and_writes_nothing(partnership_admin):

    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;50\n"
        "VOTES\nvoter_id;vote\n1;zz\n"
    )
    with pytest.raises(ServiceError) as error:
        round_services.round_import(
            actor=partnership_admin, name="Bad", text=text, source="bad.pb", rule="greedy"
        )
    assert error.value.field == "file"
    assert "bad.pb line 10: voter 1 votes for unknown project zz" in error.value.message
    assert not DecisionRound.objects.exists()
    assert not Proposal.objects.exists()


def test_ranking_ballots_need_each_rank_once_and_count_by_borda_points(partnership_admin, voters):
    a, b, c = (factories.ProposalFactory(cost=50) for _ in range(3))
    decision_round = factories.RoundFactory(
        budget=100, ballot_type="ordinal", rule="greedy", status="open", with_proposals=[a, b, c]
    )
    with pytest.raises(ServiceError, match="using each number once"):
        round_services.ballot_cast(
            voter=voters[0], decision_round=decision_round, choices={a.pk: 1, b.pk: 1}
        )
    with pytest.raises(ServiceError, match="using each number once"):
        round_services.ballot_cast(
            voter=voters[0], decision_round=decision_round, choices={a.pk: 2}
        )
    # Borda points: a ranked first twice (3 + 3), c first once and second twice (3 + 2 + 2).
    round_services.ballot_cast(
        voter=voters[0], decision_round=decision_round, choices={a.pk: 1, c.pk: 2}
    )
    round_services.ballot_cast(
        voter=voters[1], decision_round=decision_round, choices={a.pk: 1, c.pk: 2, b.pk: 3}
    )
    round_services.ballot_cast(
        voter=voters[2], decision_round=decision_round, choices={c.pk: 1, b.pk: 2}
    )
    election = round_selectors.round_election(decision_round)
    assert [ballot.projects for ballot in election.ballots][1] == (str(a.pk), str(c.pk), str(b.pk))
    closed = round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    assert sorted(closed.result["selected"], key=int) == sorted([str(a.pk), str(c.pk)], key=int)


def test_an_ordinal_pabulib_file_imports_as_a_ranking_round(partnership_admin):
    text = (
        "META\nkey;value\nbudget;100\nvote_type;ordinal\nPROJECTS\nproject_id;cost;name\n"
        "x;50;Ex\ny;50;Why\nz;50;Zed\nVOTES\nvoter_id;vote\n1;z,x\n2;x,z,y\n"
    )
    imported = round_services.round_import(
        actor=partnership_admin, name="Ranked", text=text, source="r.pb", rule="equal-shares"
    )
    assert imported.ballot_type == "ordinal"
    first = imported.ballots.order_by("id").first()
    ranks = {imported.proposals.get(pk=int(pk)).title: rank for pk, rank in first.choices.items()}
    assert ranks == {"Zed": 1, "Ex": 2}


def test_faculty_panels_vote_through_their_leads(lead, learner):
    a = factories.ProposalFactory()
    decision_round = factories.RoundFactory(
        status="open", electorate="faculty_panels", with_proposals=[a]
    )
    ballot = round_services.ballot_cast(
        voter=lead, decision_round=decision_round, choices={a.pk: 1}
    )
    assert ballot.organisation is None
    with pytest.raises(ServiceError, match="Only faculty panels"):
        round_services.ballot_cast(voter=learner, decision_round=decision_round, choices={a.pk: 1})


def test_weights_give_a_partner_a_larger_share_of_the_budget(partnership_admin):

    big, small = OrganisationFactory(slug="big-trust"), OrganisationFactory(slug="small-charity")
    voters = []
    for organisation in (big, small):
        person = UserFactory()
        AffiliationFactory(user=person, organisation=organisation, status="confirmed")
        voters.append(person)
    a, b = factories.ProposalFactory(cost=60), factories.ProposalFactory(cost=60)
    weights = parse_weights("big-trust: 3\n")
    decision_round = round_services.round_create(
        actor=partnership_admin,
        name="Weighted",
        budget=100,
        ballot_type="approval",
        rule="equal-shares",
        electorate="affiliated",
        proposals=[a, b],
        weights=weights,
    )
    round_services.round_open(actor=partnership_admin, decision_round=decision_round)
    round_services.ballot_cast(voter=voters[0], decision_round=decision_round, choices={a.pk: 1})
    round_services.ballot_cast(voter=voters[1], decision_round=decision_round, choices={b.pk: 1})
    # With weights 3 and 1 the budget splits 75 / 25: only the big trust's choice is affordable.
    closed = round_services.round_close(actor=partnership_admin, decision_round=decision_round)
    assert closed.result["selected"] == [str(a.pk)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nobody: 2", "Line 1: no partner called 'nobody'"),
        ("\nbig: lots", "Line 2: the weight must be a number"),
        ("big: -1", "Line 1: the weight must be between 0 and 1,000"),
        ("big: NaN", "Line 1: the weight must be between 0 and 1,000"),
    ],
)
def test_bad_weights_name_the_line(text, message):

    OrganisationFactory(slug="big")
    with pytest.raises(forms.ValidationError) as error:
        parse_weights(text)
    assert error.value.messages == [message]


def test_needs_record_the_sectors_they_affect(lead):
    need = need_services.need_record(
        actor=lead,
        faculty=lead.role_grants.get().faculty,
        title="Weekend cover",
        description="Gaps",
        severity="high",
        sectors=["vcse", "adult_social_care", "vcse"],
    )
    assert need.sectors == ["adult_social_care", "vcse"]
