"""Browser journey: a coordinator allocates a small cohort's rotations, reads the plan by
apprentice and by site and one apprentice's explanation, and changes a placement with a
reason (axe-core on every page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.deployments.models import Assignment, Setting
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import RoleGrantFactory, UserFactory

from .apprenticeship_factories import small_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SOCIAL = {Setting.ADULT_SOCIAL_CARE, Setting.VCSE}


def _a_placement_that_keeps_the_rules(cohort, apprentice):
    """For block 1: a site the apprentice is not at in another block, keeping the mix."""
    mine = {a.block: a.placement for a in apprentice.assignments.select_related("placement")}
    later = [mine[b] for b in range(2, cohort.blocks + 1)]
    for placement in cohort.placements.select_related("site").order_by("site__name"):
        if placement.site_id in {p.site_id for p in mine.values()}:
            continue
        settings = {p.setting in SOCIAL for p in [placement, *later]}
        if settings == {True, False}:
            return placement
    raise AssertionError("the small cohort always has one")


def test_a_coordinator_allocates_reads_the_plan_and_changes_a_placement(page, live_server):
    # Given a talent coordinator and a cohort of 6 apprentices, 6 sites and 3 blocks
    coordinator = UserFactory(full_name="Sam Okafor")
    RoleGrantFactory(user=coordinator, role=Role.TALENT_COORDINATOR, organisation=None)
    cohort = small_cohort(
        apprentices=6, sites=6, blocks=3, places=2, stored_plan=False, name="Care apprentices"
    )
    sign_in_as(page, coordinator, live_server.url)

    # When they open the cohort from the list of cohorts
    page.goto("/deployments/apprenticeships/")
    assert_accessible(page)
    page.get_by_role("link", name="Care apprentices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Care apprentices")
    expect(page.get_by_text("Placements have not been allocated yet.")).to_be_visible()
    assert_accessible(page)

    # And allocate the placements
    submit(page, "Allocate placements")

    # Then the plan by apprentice lists everyone with a placement in each block
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan by apprentice")
    expect(page.get_by_text("Placements are allocated for 18 apprentice blocks")).to_be_visible()
    assert Assignment.objects.filter(apprentice__cohort=cohort).count() == 18
    expect(page.get_by_role("link", name="Aisha Khan")).to_be_visible()
    assert_accessible(page)

    # And the plan by site shows who is where against the places
    page.get_by_role("link", name="Plan by site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan by site")
    expect(page.get_by_role("heading", name="Heatherlea")).to_be_visible()
    assert_accessible(page)

    # When they open one apprentice's plan, each block is explained in plain words
    page.get_by_role("link", name="Plan by apprentice").click()
    page.get_by_role("link", name="Aisha Khan").click()
    aisha = cohort.apprentices.get(name="Aisha Khan")
    first = aisha.assignments.get(block=1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aisha Khan")
    expect(page.get_by_text(first.explanation)).to_be_visible()
    assert_accessible(page)

    # And change the first block's placement, forgetting the reason at first
    page.get_by_role("link", name="Change the placement for block 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the placement")
    assert_accessible(page)
    target = _a_placement_that_keeps_the_rules(cohort, aisha)
    page.get_by_label("Placement").select_option(str(target.pk))
    submit(page, "Change the placement")
    expect(page.get_by_role("alert")).to_contain_text("Enter the reason for the change")
    assert_accessible(page)
    page.get_by_label("Placement").select_option(str(target.pk))
    page.get_by_label("Reason for the change").fill("Nearer her new home")
    submit(page, "Change the placement")

    # Then the plan is checked again, the change saved with its reason and audited
    expect(page.get_by_text("The placement is changed and the plan checked again.")).to_be_visible()
    expect(page.get_by_text("Set by the coordinator: Nearer her new home.")).to_be_visible()
    assert_accessible(page)
    # And the cohort page shows how well the plan meets everyone's choices
    page.get_by_role("link", name="Plan by apprentice").click()
    page.get_by_role("link", name="Cohort and placements").click()
    expect(page.get_by_text("Best possible plan found")).to_be_visible()
    assert_accessible(page)
    first.refresh_from_db()
    assert first.placement == target
    assert first.override_reason == "Nearer her new home"
    assert AuditEvent.objects.filter(
        action="apprenticeships.assignment_overridden", actor=coordinator
    ).exists()


def test_an_apprentice_ranks_placements_and_a_coordinator_is_told_why_no_plan_can_be_made(
    page, live_server
):
    # Given a cohort with too few places, and one of its apprentices with an account
    cohort = small_cohort(
        apprentices=6, sites=4, blocks=3, places=1, stored_plan=False, name="Short cohort"
    )
    person = UserFactory(full_name="Aisha Khan")
    aisha = cohort.apprentices.get(name="Aisha Khan")
    aisha.person = person
    aisha.save()
    sign_in_as(page, person, live_server.url)

    # When the apprentice opens their plan and ranks two placements the same
    page.goto("/deployments/apprenticeships/")
    page.get_by_role("link", name="Short cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your placements")
    assert_accessible(page)
    page.get_by_role("link", name="Rank the placements").click()
    assert_accessible(page)
    page.get_by_label("Riverside Ward").select_option("")
    page.get_by_label("Heatherlea").select_option("1")
    page.get_by_label("Carers centre").select_option("1")
    submit(page, "Save the choices")

    # Then they are told which placements share a rank, and can put it right
    expect(page.get_by_role("alert")).to_contain_text(
        "Carers centre has the same rank, 1st, as Heatherlea"
    )
    assert_accessible(page)
    page.get_by_label("Carers centre").select_option("2")
    submit(page, "Save the choices")
    expect(page.get_by_text("ranked choices are saved, in order")).to_be_visible()
    assert [p.placement.site.name for p in aisha.preferences.order_by("rank")][:2] == [
        "Heatherlea",
        "Carers centre",
    ]

    # When a coordinator tries to allocate the cohort
    coordinator = UserFactory()
    RoleGrantFactory(user=coordinator, role=Role.TALENT_COORDINATOR, organisation=None)
    page.context.clear_cookies()
    sign_in_as(page, coordinator, live_server.url)
    page.goto(f"/deployments/apprenticeships/{cohort.slug}/")
    submit(page, "Allocate placements")

    # Then the page says why no plan can be made, and nothing is stored
    expect(page.get_by_text("Block 1 has 4 places for 6 apprentices")).to_be_visible()
    assert_accessible(page)
    assert not Assignment.objects.filter(apprentice__cohort=cohort).exists()
