"""Small apprenticeship cohorts for tests: partners' sites, placements, apprentices and their
ranked choices, optionally with a plan stored as if allocated (no solver run)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from oneworkforce.core.services import unique_slug
from oneworkforce.deployments import rotations
from oneworkforce.deployments.apprenticeships import problem as cohort_problems
from oneworkforce.deployments.models import (
    Apprentice,
    Assignment,
    Cohort,
    Placement,
    Preference,
    Setting,
)
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.partners.tests.factories import OrganisationFactory

# Even positions are health settings, odd ones social care or VCSE: any two sites next to each
# other in this order make a valid setting mix.
SETTINGS = (
    Setting.ACUTE,
    Setting.ADULT_SOCIAL_CARE,
    Setting.PRIMARY_CARE,
    Setting.VCSE,
    Setting.COMMUNITY,
    Setting.ADULT_SOCIAL_CARE,
    Setting.MENTAL_HEALTH,
    Setting.VCSE,
)
SITES = (
    ("Riverside Ward", "LS1 3EX"),
    ("Heatherlea", "BD9 6QR"),
    ("Canal Side", "WF1 2SR"),
    ("Carers centre", "LS6 2AE"),
    ("Moorview", "HD1 2EX"),
    ("Open Doors", "WF2 8DT"),
    ("Calder Unit", "HX1 5QN"),
    ("The Kitchen", "HX3 6AT"),
)
NAMES = (
    "Aisha Khan", "Ben Walsh", "Chloe Reid", "Dev Patel", "Ella Moss", "Finn Doyle",
    "Grace Obi", "Harry Lund", "Isla Shaw", "Jack Nolan", "Kiran Bains", "Lily Hart",
)  # fmt: skip
HOMES = ("LS6 1AA", "BD3 7AA", "WF1 3AA", "HX1 2AA", "HD1 4AA", "LS11 6AA")


def small_cohort(
    *,
    partners: Sequence[Organisation] | None = None,
    apprentices: int = 6,
    sites: int = 4,
    blocks: int = 3,
    places: int | None = None,
    ranked: int = 4,
    stored_plan: bool = True,
    name: str = "Care apprentices",
) -> Cohort:
    """A cohort whose plan can be filled (``places`` per placement per block, by default
    enough for everyone with one to spare). With ``stored_plan`` each apprentice ``i`` is at
    site ``i + b`` in block ``b``, with the engine's explanations (keep ``sites`` even or
    ``apprentices`` below ``sites`` for a valid setting mix)."""
    if partners is None:
        partners = [
            OrganisationFactory(sector=Sector.NHS_ACUTE),
            OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE),
        ]
    cohort = Cohort.objects.create(
        name=name,
        slug=unique_slug(Cohort, name),
        standard="Healthcare support worker (Level 2)",
        starts_on=dt.date(2026, 9, 1),
        blocks=blocks,
        block_months=4,
    )
    cohort.partners.set(partners)
    each = places if places is not None else math.ceil(apprentices / sites) + 1
    placements = []
    for i in range(sites):
        site_name, postcode = SITES[i % len(SITES)]
        site, _ = Site.objects.get_or_create(
            organisation=partners[i % len(partners)],
            name=site_name if i < len(SITES) else f"{site_name} {i}",
            defaults={"postcode": postcode},
        )
        placements.append(
            Placement.objects.create(
                cohort=cohort,
                site=site,
                setting=SETTINGS[i % len(SETTINGS)],
                places=[each] * blocks,
            )
        )
    people = []
    for i in range(apprentices):
        person = Apprentice.objects.create(
            cohort=cohort,
            name=NAMES[i % len(NAMES)] if i < len(NAMES) else f"{NAMES[i % len(NAMES)]} {i}",
            employer=partners[i % len(partners)],
            home_postcode=HOMES[i % len(HOMES)],
        )
        order = [placements[(i + k) % sites] for k in range(min(ranked, sites))]
        Preference.objects.bulk_create(
            Preference(apprentice=person, placement=p, rank=n) for n, p in enumerate(order, 1)
        )
        people.append(person)
    if stored_plan:
        _store_plan(cohort, people, placements)
    return cohort


def _store_plan(cohort: Cohort, people: list[Apprentice], placements: list[Placement]) -> None:
    rows = [
        Assignment(apprentice=a, block=b, placement=placements[(i + b - 1) % len(placements)])
        for i, a in enumerate(people)
        for b in range(1, cohort.blocks + 1)
    ]
    built = cohort_problems.cohort_problem(cohort, overrides={})
    plan = {
        (built.apprentice_id[r.apprentice.pk], r.block): built.placement_id[r.placement.pk]
        for r in rows
    }
    texts = {(e.apprentice, e.block): e.text for e in rotations.explain(built.problem, plan)}
    for r in rows:
        r.explanation = texts[built.apprentice_id[r.apprentice.pk], r.block]
    Assignment.objects.bulk_create(rows)
