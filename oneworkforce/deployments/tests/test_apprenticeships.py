"""Collaborative apprenticeships: the rotation problem built from a cohort, allocation stored
with explanations, refusals that name the reason and write nothing, audited overrides checked
against every rule, ranked choices, who may see and do what, and the demo cohort."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from oneworkforce import published_data
from oneworkforce.core import geography
from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.deployments import access, rotations
from oneworkforce.deployments.apprenticeships import problem as cohort_problems
from oneworkforce.deployments.apprenticeships import selectors as apprenticeship_selectors
from oneworkforce.deployments.apprenticeships import services as apprenticeships
from oneworkforce.deployments.demo import apprenticeships as demo_apprenticeships
from oneworkforce.deployments.models import (
    Apprentice,
    Assignment,
    Cohort,
    Placement,
    Preference,
    Setting,
)
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
    partner_admin,
)

from .apprenticeship_factories import small_cohort

pytestmark = pytest.mark.django_db
HEALTH = {Setting.ACUTE, Setting.COMMUNITY, Setting.MENTAL_HEALTH, Setting.PRIMARY_CARE}


@pytest.fixture
def coordinator():
    user = UserFactory(full_name="Sam Okafor")
    RoleGrantFactory(user=user, role=Role.TALENT_COORDINATOR, organisation=None)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _plan(cohort: Cohort) -> dict[Apprentice, dict[int, Placement]]:
    found: dict[Apprentice, dict[int, Placement]] = defaultdict(dict)
    for a in Assignment.objects.filter(apprentice__cohort=cohort).select_related(
        "apprentice", "placement"
    ):
        found[a.apprentice][a.block] = a.placement
    return found


def _assignment(cohort: Cohort, name: str, block: int) -> Assignment:
    return Assignment.objects.get(apprentice__cohort=cohort, apprentice__name=name, block=block)


def _placement(cohort: Cohort, site: str) -> Placement:
    return cohort.placements.get(site__name=site)


# The problem built from the database ----------------------------------------------------------


def test_the_problem_built_from_a_cohort_matches_its_places_settings_choices_and_locations():
    geography.load_demo_postcodes()
    cohort = small_cohort(apprentices=3, sites=4, blocks=3, stored_plan=False)
    heatherlea = _placement(cohort, "Heatherlea")
    heatherlea.places, heatherlea.supervisors = [2, 0, 1], [1, 0, 1]
    heatherlea.save()
    aisha = cohort.apprentices.get(name="Aisha Khan")
    aisha.max_travel_km = 12
    aisha.save()

    built = cohort_problems.cohort_problem(cohort)
    problem = built.problem

    assert len(problem.blocks) == 3
    assert problem.blocks[0] == "Block 1: 1 September 2026 to 31 December 2026"
    assert problem.blocks[2] == "Block 3: 1 May 2027 to 31 August 2027"
    for placement in cohort.placements.select_related("site"):
        engine = problem.placement[built.placement_id[placement.pk]]
        assert engine.id == placement.site.name
        assert engine.setting == placement.setting
        assert list(engine.places) == placement.places
        site = problem.site[engine.site]
        assert (site.latitude, site.longitude) == geography.locate(placement.site.postcode)
    assert problem.site["Heatherlea"].supervisors == (1, 0, 1)
    assert problem.site["Riverside Ward"].supervisors is None
    for apprentice in cohort.apprentices.all():
        engine = problem.apprentice[built.apprentice_id[apprentice.pk]]
        ranked = [p.placement.site.name for p in apprentice.preferences.order_by("rank")]
        assert list(engine.preferences) == ranked
        assert (engine.latitude, engine.longitude) == geography.locate(apprentice.home_postcode)
    assert problem.apprentice["Aisha Khan"].max_travel_km == 12
    assert problem.apprentice["Ben Walsh"].max_travel_km is None


def test_repeated_names_are_told_apart_in_the_problem():
    cohort = small_cohort(apprentices=2, sites=2, blocks=2, stored_plan=False)
    cohort.apprentices.update(name="Sam Lee")
    built = cohort_problems.cohort_problem(cohort)
    assert len(set(built.apprentice_id.values())) == 2
    assert all(name.startswith("Sam Lee (") for name in built.apprentice_id.values())


# Allocation -----------------------------------------------------------------------------------


def test_allocation_stores_one_explained_assignment_per_apprentice_and_block_within_the_rules(
    coordinator,
):
    cohort = small_cohort(apprentices=6, sites=4, blocks=3, places=2, stored_plan=False)

    result = apprenticeships.cohort_allocate(actor=coordinator, cohort=cohort, time_limit=10)

    assert result.succeeded
    plan = _plan(cohort)
    assert len(plan) == 6
    assert Assignment.objects.filter(apprentice__cohort=cohort).count() == 6 * 3
    placed = Counter(
        Assignment.objects.filter(apprentice__cohort=cohort).values_list("placement", "block")
    )
    for (placement_id, block), count in placed.items():
        assert count <= Placement.objects.get(pk=placement_id).places[block - 1]
    for blocks in plan.values():
        assert sorted(blocks) == [1, 2, 3]
        assert len({p.site_id for p in blocks.values()}) == 3, "no site twice"
        settings_used = {p.setting for p in blocks.values()}
        assert settings_used & HEALTH
        assert settings_used - HEALTH
    for assignment in Assignment.objects.filter(apprentice__cohort=cohort):
        assert assignment.explanation.startswith(("Your ", "A placement you did not rank"))
    cohort.refresh_from_db()
    assert cohort.solver_status in ("OPTIMAL", "FEASIBLE")
    assert cohort.allocated_at is not None
    assert cohort.objective["total"] == result.objective.total
    assert sum(cohort.objective["choices"].values()) == 18
    event = AuditEvent.objects.get(action="apprenticeships.cohort_allocated")
    assert event.actor == coordinator
    assert event.changes["assignments"]["to"] == 18


def test_allocating_again_keeps_the_coordinators_overrides_and_replaces_the_rest(coordinator):
    cohort = small_cohort(apprentices=4, sites=4, blocks=2, places=2)
    kept = _assignment(cohort, "Aisha Khan", 2)
    apprenticeships.assignment_override(
        actor=coordinator,
        assignment=kept,
        placement=_placement(cohort, "Carers centre"),
        reason="Closer to home",
    )

    apprenticeships.cohort_allocate(actor=coordinator, cohort=cohort, time_limit=10)

    assert Assignment.objects.filter(apprentice__cohort=cohort).count() == 8
    again = _assignment(cohort, "Aisha Khan", 2)
    assert again.pk == kept.pk
    assert again.placement.site.name == "Carers centre"
    assert "Set by the coordinator: Closer to home." in again.explanation


def test_a_cohort_with_too_few_places_is_refused_with_the_engines_reason_and_nothing_written(
    coordinator,
):
    cohort = small_cohort(apprentices=6, sites=4, blocks=3, places=1, stored_plan=False)

    with pytest.raises(apprenticeships.AllocationRefused) as refused:
        apprenticeships.cohort_allocate(actor=coordinator, cohort=cohort, time_limit=10)

    assert "Block 1 has 4 places for 6 apprentices" in refused.value.problems
    assert "Block 1 has 4 places for 6 apprentices" in refused.value.message
    assert not Assignment.objects.filter(apprentice__cohort=cohort).exists()
    cohort.refresh_from_db()
    assert cohort.allocated_at is None and cohort.solver_status == ""
    assert not AuditEvent.objects.filter(action="apprenticeships.cohort_allocated").exists()


def test_figures_that_do_not_fit_the_blocks_are_refused_naming_the_placement(coordinator):
    cohort = small_cohort(apprentices=2, sites=4, blocks=3, stored_plan=False)
    placement = _placement(cohort, "Canal Side")
    placement.places = [2, 2]
    placement.save()

    with pytest.raises(apprenticeships.AllocationRefused) as refused:
        apprenticeships.cohort_allocate(actor=coordinator, cohort=cohort, time_limit=10)

    assert refused.value.problems == [
        "placement Canal Side: places has 2 number(s) but the plan has 3 block(s);"
        " give one number for each block"
    ]
    assert not Assignment.objects.filter(apprentice__cohort=cohort).exists()


def test_a_cohort_without_apprentices_is_refused_before_the_engine_runs(coordinator):
    cohort = small_cohort(apprentices=0, sites=2, blocks=2, stored_plan=False)
    with pytest.raises(ServiceError, match="no apprentices yet"):
        apprenticeships.cohort_allocate(actor=coordinator, cohort=cohort)


# Overrides --------------------------------------------------------------------------------------
# The stored plan (places 1 each): block 1 Aisha at Riverside Ward (acute), Ben at Heatherlea
# (adult social care); block 2 Aisha at Heatherlea, Ben at Canal Side (primary care). The
# Carers centre (VCSE) is empty in both blocks.


@pytest.fixture
def planned():
    return small_cohort(apprentices=2, sites=4, blocks=2, places=1)


def test_an_override_with_a_reason_is_saved_audited_and_explained(coordinator, planned):
    assignment = _assignment(planned, "Aisha Khan", 2)
    carers = _placement(planned, "Carers centre")

    apprenticeships.assignment_override(
        actor=coordinator, assignment=assignment, placement=carers, reason="  Nearer home  "
    )

    assignment.refresh_from_db()
    assert assignment.placement == carers
    assert assignment.override_reason == "Nearer home"
    assert assignment.overridden_by == coordinator
    assert assignment.explanation.endswith("Set by the coordinator: Nearer home.")
    event = AuditEvent.objects.get(action="apprenticeships.assignment_overridden")
    assert event.actor == coordinator
    assert event.changes["placement"] == {
        "from": _placement(planned, "Heatherlea").pk,
        "to": carers.pk,
    }
    assert event.changes["placement_name"]["to"] == "Carers centre (Voluntary and community sector)"
    assert event.changes["override_reason"] == {"from": "", "to": "Nearer home"}
    met = apprenticeship_selectors.cohort_summary(planned)["choices"]
    assert met == [
        {"label": "1st choice", "count": 2},
        {"label": "2nd choice", "count": 1},
        {"label": "Set by a coordinator", "count": 1},
    ]


CAPACITY = "Canal Side has 2 apprentice(s) in block 2 but 1 place(s)"
SAME_SITE = "Apprentice Aisha Khan is at Riverside Ward in blocks 1 and 2"
SETTING_MIX = "Apprentice Ben Walsh has no health placement in the plan"


@pytest.mark.parametrize(
    ("name", "block", "site", "message"),
    [
        ("Aisha Khan", 2, "Canal Side", CAPACITY),
        ("Aisha Khan", 2, "Riverside Ward", SAME_SITE),
        ("Ben Walsh", 2, "Carers centre", SETTING_MIX),
    ],
    ids=["capacity", "same-site", "setting-mix"],
)
def test_an_override_that_breaks_a_rule_is_refused_naming_it_and_nothing_is_saved(
    coordinator, planned, name, block, site, message
):
    assignment = _assignment(planned, name, block)
    before = assignment.placement_id

    with pytest.raises(ServiceError) as refused:
        apprenticeships.assignment_override(
            actor=coordinator,
            assignment=assignment,
            placement=_placement(planned, site),
            reason="Asked for it",
        )

    assert message in refused.value.message
    assert refused.value.field == "placement"
    assignment.refresh_from_db()
    assert assignment.placement_id == before
    assert assignment.override_reason == ""
    assert not AuditEvent.objects.filter(action="apprenticeships.assignment_overridden").exists()


def test_an_override_beyond_the_travel_limit_is_refused(coordinator, planned):
    geography.load_demo_postcodes()
    Apprentice.objects.filter(name="Aisha Khan").update(home_postcode="LS6 1AA", max_travel_km=20)
    assignment = _assignment(planned, "Aisha Khan", 2)
    carers = _placement(planned, "Carers centre")
    carers.site.postcode = "HD9 1AA"  # Holmfirth: about 30 km from Headingley
    carers.site.save()

    with pytest.raises(ServiceError, match="beyond their 20 km travel limit"):
        apprenticeships.assignment_override(
            actor=coordinator, assignment=assignment, placement=carers, reason="Asked for it"
        )


def test_an_override_needs_a_reason_and_a_placement_of_the_same_cohort(coordinator, planned):
    assignment = _assignment(planned, "Aisha Khan", 2)
    with pytest.raises(ServiceError, match="Enter the reason") as refused:
        apprenticeships.assignment_override(
            actor=coordinator,
            assignment=assignment,
            placement=_placement(planned, "Carers centre"),
            reason="   ",
        )
    assert refused.value.field == "reason"
    other = small_cohort(apprentices=1, sites=2, blocks=2, name="Other cohort")
    with pytest.raises(ServiceError, match="this cohort's placements"):
        apprenticeships.assignment_override(
            actor=coordinator,
            assignment=assignment,
            placement=other.placements.first(),
            reason="Asked",
        )


def test_the_override_page_shows_a_refusal_on_the_placement_field(coordinator, planned):
    assignment = _assignment(planned, "Aisha Khan", 2)
    url = reverse(
        "deployments:assignment_override", kwargs={"slug": planned.slug, "pk": assignment.pk}
    )
    response = _client(coordinator).post(
        url, {"placement": _placement(planned, "Canal Side").pk, "reason": "Asked"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This change breaks a rule of the plan" in page
    assert "Canal Side has 2 apprentice(s) in block 2 but 1 place(s)" in page

    response = _client(coordinator).post(
        url, {"placement": _placement(planned, "Carers centre").pk, "reason": "Nearer home"}
    )
    assert response.status_code == 302


# Ranked choices -------------------------------------------------------------------------------


def test_an_apprentice_ranks_placements_and_a_repeated_rank_names_the_placements(planned):
    person = UserFactory()
    aisha = planned.apprentices.get(name="Aisha Khan")
    aisha.person = person
    aisha.save()
    url = reverse(
        "deployments:apprentice_preferences", kwargs={"slug": planned.slug, "pk": aisha.pk}
    )
    carers, canal = _placement(planned, "Carers centre"), _placement(planned, "Canal Side")
    heatherlea = _placement(planned, "Heatherlea")
    client = _client(person)
    assert client.get(url).status_code == 200

    response = client.post(url, {f"rank_{carers.pk}": "1", f"rank_{canal.pk}": "1"})
    assert aisha.preferences.count() == 4
    assert response.status_code == 200
    page = response.content.decode()
    assert "Canal Side has the same rank, 1st, as Carers centre" in page
    assert "Carers centre has the same rank, 1st, as Canal Side" in page
    assert [p.placement_id for p in aisha.preferences.order_by("rank")][:1] != [carers.pk]

    response = client.post(
        url, {f"rank_{carers.pk}": "1", f"rank_{canal.pk}": "4", f"rank_{heatherlea.pk}": "2"}
    )
    assert response.status_code == 302
    ranked = list(aisha.preferences.order_by("rank").values_list("placement_id", "rank"))
    assert ranked == [(carers.pk, 1), (heatherlea.pk, 2), (canal.pk, 3)]
    assert AuditEvent.objects.filter(action="apprenticeships.preferences_set").exists()


def test_a_placement_cannot_be_ranked_twice_by_the_service(coordinator, planned):
    aisha = planned.apprentices.get(name="Aisha Khan")
    carers = _placement(planned, "Carers centre")
    with pytest.raises(ServiceError, match=r"Carers centre \(.*\) is ranked more than once"):
        apprenticeships.preferences_set(
            actor=coordinator, apprentice=aisha, ranked=[carers, carers]
        )
    assert aisha.preferences.count() == 4


# Setting a cohort up --------------------------------------------------------------------------


def test_a_coordinator_sets_up_a_cohort_adds_a_placement_and_an_apprentice(coordinator):
    trust = OrganisationFactory(name="Westdale Hospitals")
    home = OrganisationFactory(name="Brightpath Home Care")
    site = home.sites.create(name="Brightpath office", postcode="LS11 5AB")
    client = _client(coordinator)
    response = client.post(
        reverse("deployments:cohort_add"),
        {
            "name": "Care apprentices 2027",
            "standard": "Adult care worker (Level 2)",
            "partners": [trust.pk, home.pk],
            "starts_on_day": "1",
            "starts_on_month": "9",
            "starts_on_year": "2027",
            "blocks": "3",
            "block_months": "4",
        },
    )
    cohort = Cohort.objects.get(name="Care apprentices 2027")
    assert response.headers["Location"] == reverse("deployments:cohort", args=[cohort.slug])
    assert set(cohort.partners.all()) == {trust, home}
    assert cohort.starts_on == dt.date(2027, 9, 1)

    add = reverse("deployments:cohort_placement_add", args=[cohort.slug])
    response = client.post(add, {"site": site.pk, "setting": "adult_social_care", "places": "2, 2"})
    assert response.status_code == 200
    assert "Enter the places for each of the 3 blocks (you entered 2)" in response.content.decode()
    response = client.post(
        add,
        {"site": site.pk, "setting": "adult_social_care", "places": "2, 2, 1", "supervisors": ""},
    )
    assert response.status_code == 302
    placement = cohort.placements.get()
    assert placement.places == [2, 2, 1] and placement.supervisors is None

    add = reverse("deployments:cohort_apprentice_add", args=[cohort.slug])
    response = client.post(
        add, {"name": "Ruth Quinn", "employer": trust.pk, "home_postcode": "not one"}
    )
    assert "Enter a real postcode, like LS6 1AA" in response.content.decode()
    response = client.post(
        add,
        {
            "name": "Ruth Quinn",
            "employer": trust.pk,
            "home_postcode": "ls6 1aa",
            "max_travel_km": "15",
        },
    )
    ruth = cohort.apprentices.get()
    assert response.headers["Location"] == reverse(
        "deployments:apprentice_preferences", args=[cohort.slug, ruth.pk]
    )
    assert (ruth.home_postcode, ruth.max_travel_km) == ("LS6 1AA", 15)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "apprenticeships.cohort_created",
        "apprenticeships.placement_added",
        "apprenticeships.apprentice_added",
    } <= actions


def test_a_placement_at_a_site_of_a_partner_outside_the_cohort_is_refused(coordinator, planned):
    outsider = OrganisationFactory()
    site = outsider.sites.create(name="Elsewhere", postcode="LS1 4AP")
    with pytest.raises(ServiceError, match="is not a partner in this cohort") as refused:
        apprenticeships.placement_add(
            actor=coordinator, cohort=planned, site=site, setting="vcse", places=[1, 1]
        )
    assert refused.value.field == "site"


# Pages and who may see them -------------------------------------------------------------------


def test_the_allocate_button_shows_the_reasons_when_no_plan_can_be_made(coordinator):
    cohort = small_cohort(apprentices=6, sites=4, blocks=3, places=1, stored_plan=False)
    response = _client(coordinator).post(reverse("deployments:cohort_allocate", args=[cohort.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "No plan can be made" in page
    assert "Block 1 has 4 places for 6 apprentices" in page


def test_the_plan_pages_show_each_apprentice_and_each_site(coordinator, planned):
    client = _client(coordinator)
    page = client.get(reverse("deployments:cohort_plan", args=[planned.slug])).content.decode()
    assert "Aisha Khan" in page and "Ben Walsh" in page
    assert "Riverside Ward" in page
    sites = client.get(reverse("deployments:cohort_sites", args=[planned.slug])).content.decode()
    assert "1 of 1 place" in sites
    assert "0 of 1 place" in sites  # the Carers centre is empty
    aisha = planned.apprentices.get(name="Aisha Khan")
    mine = client.get(reverse("deployments:cohort_apprentice", args=[planned.slug, aisha.pk]))
    assert "Your 1st choice: Riverside Ward." in mine.content.decode()
    assert "Change the placement" in mine.content.decode()


def test_a_partner_admin_of_a_partner_outside_the_cohort_cannot_see_it(planned):
    member = partner_admin(planned.partners.first())
    outsider = partner_admin(OrganisationFactory())
    aisha = planned.apprentices.get(name="Aisha Khan")
    pages = [
        reverse("deployments:cohort", args=[planned.slug]),
        reverse("deployments:cohort_plan", args=[planned.slug]),
        reverse("deployments:cohort_sites", args=[planned.slug]),
        reverse("deployments:cohort_apprentice", args=[planned.slug, aisha.pk]),
    ]
    for url in pages:
        assert _client(member).get(url).status_code == 200, url
        assert _client(outsider).get(url).status_code in (403, 404), url
    listed = _client(outsider).get(reverse("deployments:apprenticeship_cohorts"))
    assert planned.name not in listed.content.decode()
    # A member partner's admin sees the plan but may not allocate.
    allocate = reverse("deployments:cohort_allocate", args=[planned.slug])
    assert _client(member).post(allocate).status_code == 403


def test_an_apprentice_sees_their_own_plan_only(planned):
    person = UserFactory()
    aisha = planned.apprentices.get(name="Aisha Khan")
    aisha.person = person
    aisha.save()
    ben = planned.apprentices.get(name="Ben Walsh")
    client = _client(person)
    mine = client.get(reverse("deployments:cohort_apprentice", args=[planned.slug, aisha.pk]))
    assert mine.status_code == 200
    assert "Your placements" in mine.content.decode()
    assert "Change the placement" not in mine.content.decode()
    assert (
        client.get(
            reverse("deployments:cohort_apprentice", args=[planned.slug, ben.pk])
        ).status_code
        == 403
    )
    assert client.get(reverse("deployments:cohort", args=[planned.slug])).status_code == 403
    listed = client.get(reverse("deployments:apprenticeship_cohorts")).content.decode()
    assert reverse("deployments:cohort_apprentice", args=[planned.slug, aisha.pk]) in listed


def test_a_talent_coordinator_scoped_to_another_partner_cannot_allocate(planned):
    scoped = UserFactory()
    RoleGrantFactory(user=scoped, role=Role.TALENT_COORDINATOR, organisation=OrganisationFactory())
    member = UserFactory()
    RoleGrantFactory(
        user=member, role=Role.TALENT_COORDINATOR, organisation=planned.partners.first()
    )
    assert not access.coordinates(scoped, planned)
    assert access.coordinates(member, planned)
    url = reverse("deployments:cohort_allocate", args=[planned.slug])
    assert _client(scoped).post(url).status_code == 403


# Demo -----------------------------------------------------------------------------------------


def test_the_demo_cohort_is_allocated_explained_and_loaded_once():
    from oneworkforce.partners import demo

    demo.load(data_dir=published_data.DATA_DIR)
    summary = demo_apprenticeships.load()

    cohort = Cohort.objects.get(slug=demo_apprenticeships.SLUG)
    assert "allocated" in summary, summary
    assert cohort.apprentices.count() == 40
    assert cohort.placements.count() == 12
    assert (
        cohort.placements.filter(setting__in=[Setting.ADULT_SOCIAL_CARE, Setting.VCSE]).count() >= 2
    )
    assignments = Assignment.objects.filter(apprentice__cohort=cohort)
    assert assignments.count() == 40 * 3
    assert not assignments.filter(explanation="").exists()
    for apprentice in cohort.apprentices.all():
        assert 5 <= apprentice.preferences.count() <= 6
    built = cohort_problems.cohort_problem(cohort)
    plan = {
        (built.apprentice_id[a.apprentice_id], a.block): built.placement_id[a.placement_id]
        for a in assignments
    }
    assert rotations.check_plan(built.problem, plan) == []
    assert cohort.apprentices.filter(person__email="learner@demo.example.org").exists()

    assert demo_apprenticeships.load() == "apprenticeships: already loaded"
    assert Cohort.objects.filter(slug=demo_apprenticeships.SLUG).count() == 1
    assert Preference.objects.filter(apprentice__cohort=cohort).count() == sum(
        a.preferences.count() for a in cohort.apprentices.all()
    )
