"""Team managers: a partner admin names someone to manage a team (audited; a wrong e-mail
address or team is refused on its field and nothing is written); the manager sees the grid, its
CSV and the reminders for their team's people only, whatever the address asks for, and nothing
at another partner; removing them takes it away."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.home import tasks_for
from oneworkforce.core.models import AuditEvent
from oneworkforce.learning.models import Requirement, StaffRecord, TeamManager
from oneworkforce.learning.workforce import presenters
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory

from .factories import JobRoleFactory

pytestmark = pytest.mark.django_db


def test_the_manager_line_names_the_teams_without_a_database():
    assert presenters.managing(None) == ""
    assert presenters.managing(["Night team"]) == (
        "You manage Night team: you see the people of that team only."
    )
    assert presenters.managing(["Night team", "Day team", "Bank"]) == (
        "You manage Bank, Day team and Night team: you see the people of those teams only."
    )


@pytest.fixture
def teams(org_a, admin_a):
    role = JobRoleFactory(organisation=org_a, name="Care and support worker")
    role.requirements.add(Requirement.objects.get(code="cstf-fire-safety-1"))
    people = {}
    for name, team in [("Dee Day", "Day team"), ("Nia Night", "Night team"), ("Max", "Day team")]:
        person = UserFactory(email=f"{name.split()[0].lower()}@example.org", full_name=name)
        AffiliationFactory(user=person, organisation=org_a, status=AffiliationStatus.CONFIRMED)
        role.members.add(person)
        StaffRecord.objects.filter(organisation=org_a, person=person).update(team=team)
        people[name] = person
    return people


def _name(client, org, **data):
    return client.post(reverse("learning:workforce_managers", kwargs={"slug": org.slug}), data)


def test_an_admin_names_a_manager_and_it_is_audited(client, org_a, admin_a, teams):
    client.force_login(admin_a)
    response = _name(client, org_a, email="DEE@example.org", team="Day team")
    assert response.status_code == 302
    manager = TeamManager.objects.get()
    assert (manager.person, manager.team, manager.named_by) == (
        teams["Dee Day"],
        "Day team",
        admin_a,
    )
    event = AuditEvent.objects.get(action="learning.team_manager_named")
    assert event.changes == {"person": teams["Dee Day"].pk, "team": "Day team"}
    page = client.get(reverse("learning:workforce_managers", kwargs={"slug": org_a.slug}))
    assert "Dee Day" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"email": "nobody@example.org", "team": "Day team"}, "email", "nobody@example.org"),
        ({"email": "dee@example.org", "team": "Someone else's team"}, "team", "Select a valid"),
        ({"email": "", "team": "Day team"}, "email", "Enter the manager's e-mail address"),
        ({"email": "not an address", "team": "Day team"}, "email", "like name@example.org"),
    ],
)
def test_a_wrong_manager_or_team_is_refused_on_its_field(
    client, org_a, admin_a, teams, data, field, words
):
    client.force_login(admin_a)
    response = _name(client, org_a, **data)
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert not TeamManager.objects.exists()
    assert not AuditEvent.objects.filter(action="learning.team_manager_named").exists()


@pytest.fixture
def manager(org_a, teams):
    TeamManager.objects.create(organisation=org_a, team="Day team", person=teams["Dee Day"])
    return teams["Dee Day"]


def _grid(client, org, **query):
    return client.get(reverse("learning:workforce", kwargs={"slug": org.slug}), query)


def test_a_manager_sees_their_team_only_whatever_the_address_asks(client, org_a, manager):
    client.force_login(manager)
    page = _grid(client, org_a).content.decode()
    assert "Max" in page and "Dee Day" in page
    assert "Nia Night" not in page
    assert "You manage Day team" in page
    assert "Give the ticked people this job role" not in page
    # Tampering with the address shows no one else.
    for query in ({"team": "Night team"}, {"q": "nia"}, {"state": "missing", "sort": "team"}):
        assert "Nia Night" not in _grid(client, org_a, **query).content.decode()
    # A team not theirs is not a choice: the filters are set aside, and the two of Day team stay.
    assert _grid(client, org_a, team="Night team", q="nia").context["matching"] == 2


def test_a_managers_csv_and_reminders_cover_their_team_only(client, org_a, manager):
    client.force_login(manager)
    body = client.get(reverse("learning:workforce_csv", kwargs={"slug": org_a.slug}))
    text = body.content.decode()
    assert "Max" in text and "nia@example.org" not in text
    event = AuditEvent.objects.get(action="learning.compliance_downloaded")
    assert event.changes["teams"] == ["Day team"] and event.changes["people"] == 2
    response = client.post(
        reverse("learning:workforce_remind", kwargs={"slug": org_a.slug}) + "?team=Night+team"
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["dee@example.org", "max@example.org"]
    sent = AuditEvent.objects.get(action="learning.compliance_reminders_sent")
    assert sent.changes["teams"] == ["Day team"]


def test_a_manager_has_nothing_at_another_partner_or_beyond_their_pages(
    client, org_a, org_b, manager
):
    client.force_login(manager)
    assert _grid(client, org_b).status_code == 403
    for name in ("workforce_figures", "workforce_managers", "workforce_upload"):
        assert (
            client.get(reverse(f"learning:{name}", kwargs={"slug": org_a.slug})).status_code == 403
        )
    assert (
        client.post(reverse("learning:workforce_assign", kwargs={"slug": org_a.slug})).status_code
        == 403
    )


def test_the_managers_home_links_to_their_teams_grid(org_a, manager):
    found = [t for t in tasks_for(manager, timezone.localdate()) if "teams you manage" in t.title]
    assert len(found) == 1
    assert found[0].count == 2  # Dee and Max have fire safety missing
    assert found[0].href == reverse("learning:workforce", kwargs={"slug": org_a.slug})


def test_removing_a_manager_takes_the_grid_away_and_is_audited(client, org_a, admin_a, manager):
    named = TeamManager.objects.get()
    client.force_login(admin_a)
    url = reverse(
        "learning:workforce_manager_remove", kwargs={"slug": org_a.slug, "manager_id": named.pk}
    )
    assert client.post(url).status_code == 302
    assert AuditEvent.objects.filter(action="learning.team_manager_removed").exists()
    client.force_login(manager)
    assert _grid(client, org_a).status_code == 403
