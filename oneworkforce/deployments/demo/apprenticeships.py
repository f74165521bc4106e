"""Demo collaborative apprenticeship (see demo.py): one cohort of 40 apprentices employed by
the demo partners, 12 placements at invented partners' sites over 3 blocks of 4 months, ranked
choices that favour placements near home, and a plan allocated by the rotation engine.

Idempotent (nothing happens once the cohort exists) and deterministic (a seeded
``random.Random``; the engine stops on a work limit, not the clock). Real NHS organisations
employ apprentices but offer no placement here: the demo gives them no sites, so no invented
address is shown for a real organisation.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from oneworkforce.core import geography
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.models import Organisation, Site, User

from ..apprenticeships import services
from ..models import Apprentice, Assignment, Cohort, Placement, Preference, Setting

SEED = 2026
SLUG = "health-and-care-apprentices-2026"
NAME = "Health and care apprentices 2026"
STANDARD = "Healthcare support worker (Level 2)"
STARTS_ON = dt.date(2026, 9, 1)
BLOCKS = 3
APPRENTICES = 40
DEMO_DOMAIN = "demo.example.org"

# (partner name, site name, setting, places in each block, supervisors in each block or None)
PLACEMENTS = (
    ("Millbrook and Hollins Primary Care Network", "Millbrook Hub", Setting.COMMUNITY,
     (4, 4, 4), None),
    ("Westdale GP Confederation", "Confederation office", Setting.PRIMARY_CARE, (3, 3, 3), None),
    ("Millbrook Surgery", "Millbrook Surgery", Setting.PRIMARY_CARE, (4, 4, 4), (3, 4, 4)),
    ("Hollins Lane Medical Practice", "Hollins Lane", Setting.PRIMARY_CARE, (4, 4, 4), None),
    ("Canal Side Health Centre", "Canal Side", Setting.PRIMARY_CARE, (4, 4, 4), None),
    ("Moorview Family Practice", "Moorview", Setting.PRIMARY_CARE, (4, 4, 4), None),
    ("Brightpath Home Care", "Brightpath office", Setting.ADULT_SOCIAL_CARE, (4, 4, 4), None),
    ("Heatherlea Care Home", "Heatherlea", Setting.ADULT_SOCIAL_CARE, (4, 4, 4), (3, 4, 4)),
    ("Open Doors Supported Living", "Open Doors", Setting.ADULT_SOCIAL_CARE, (4, 3, 4), None),
    ("Open Doors Supported Living", "Open Doors North", Setting.ADULT_SOCIAL_CARE,
     (3, 4, 3), None),
    ("Westdale Carers Together", "Carers centre", Setting.VCSE, (4, 4, 4), None),
    ("Community Kitchen Collective", "The Kitchen", Setting.VCSE, (3, 3, 3), None),
)  # fmt: skip
TRAINING_PROVIDER = "Westdale College"
# Invented employers besides those offering placements; real NHS trusts employ too.
EMPLOYERS = ("Westdale Council", "Brightpath Home Care", "Heatherlea Care Home")
EMPLOYER_SECTORS = (Sector.NHS_ACUTE, Sector.NHS_COMMUNITY, Sector.NHS_MENTAL_HEALTH)
FIRST_NAMES = (
    "Amira", "Bethany", "Callum", "Daniel", "Ebony", "Faisal", "Georgia", "Hamza", "Imogen",
    "Jamal", "Keira", "Liam", "Maryam", "Nathan", "Olivia", "Priya", "Reece", "Sadia", "Tyler",
    "Usman", "Vanessa", "Wiktoria", "Yasmin", "Zain", "Ruth", "Kwame", "Niamh", "Oskar",
)  # fmt: skip
LAST_NAMES = (
    "Ahmed", "Barker", "Clarke", "Dawson", "Evans", "Fletcher", "Greenwood", "Hussain",
    "Iqbal", "Jones", "Kowalski", "Lister", "Mahmood", "Nowak", "Okoro", "Patel", "Quinn",
    "Rashid", "Sutcliffe", "Taylor", "Walker", "Yousaf",
)  # fmt: skip
# Where apprentices live: postcode areas, weighted roughly by population.
AREAS = {"LS": 5, "BD": 4, "WF": 3, "HD": 2, "HX": 2}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
OVERRIDE_REASON = "Moved house: closer to their new home, agreed with the employer"


def _districts() -> dict[str, tuple[float, float]]:
    with geography.DEMO_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {r["postcode"]: (float(r["latitude"]), float(r["longitude"])) for r in rows}


def _postcode(rng: random.Random, districts: list[str]) -> str:
    area = rng.choices(list(AREAS), weights=list(AREAS.values()))[0]
    district = rng.choice([d for d in districts if d.startswith(area) and d[2:].isdigit()])
    return f"{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slugify(name)).first()


def _placements(cohort: Cohort) -> list[Placement]:
    made = []
    for partner_name, site_name, setting, places, supervisors in PLACEMENTS:
        site = Site.objects.filter(organisation__slug=slugify(partner_name), name=site_name).first()
        if site is None:
            continue
        cohort.partners.add(site.organisation)
        made.append(
            Placement.objects.create(
                cohort=cohort,
                site=site,
                setting=setting,
                places=list(places),
                supervisors=None if supervisors is None else list(supervisors),
            )
        )
    return made


def _employers(placements: list[Placement]) -> list[Organisation]:
    found: dict[int, Organisation] = {}
    for sector in EMPLOYER_SECTORS:
        for organisation in Organisation.objects.filter(
            sector=sector, is_active=True, is_demo=False
        ).order_by("name")[:2]:
            found[organisation.pk] = organisation
    for name in EMPLOYERS:
        organisation = _organisation(name)
        if organisation is not None:
            found[organisation.pk] = organisation
    for p in placements[:4]:
        found[p.site.organisation_id] = p.site.organisation
    return list(found.values())


def _rank(
    rng: random.Random,
    home: tuple[float, float] | None,
    placements: list[Placement],
    where: dict[int, tuple[float, float]],
) -> tuple[list[Placement], float | None]:
    """5 or 6 placements, nearer ones (and a personal leaning to health or social care)
    first; and, for some, the furthest they will travel."""
    leaning = rng.choice(("health", "social", "none"))
    scored = []
    for p in placements:
        km = 25.0
        if home is not None and p.site_id in where:
            km = geography.haversine_km(*home, *where[p.site_id])
        social = p.setting in (Setting.ADULT_SOCIAL_CARE, Setting.VCSE)
        bonus = -6 if (leaning == "social") == social and leaning != "none" else 0
        scored.append((km + bonus + rng.gauss(0, 5), km, p))
    scored.sort(key=lambda item: item[0])
    ranked = [p for _, _, p in scored[: rng.choice((5, 6))]]
    limit = None
    if rng.random() < 0.3:
        # Far enough for their six nearest sites: room to keep every rule.
        nearest = sorted(km for _, km, _ in scored)[:6]
        limit = float(int(nearest[-1]) + 5)
    return ranked, limit


def _apprentices(
    rng: random.Random, cohort: Cohort, placements: list[Placement], employers: list[Organisation]
) -> list[Apprentice]:
    districts = _districts()
    where = {
        p.site_id: point
        for p in placements
        if (point := geography.locate(p.site.postcode)) is not None
    }
    learner = User.objects.filter(email=f"learner@{DEMO_DOMAIN}").first()
    home_care = _organisation("Brightpath Home Care")
    names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    chosen = rng.sample(names, APPRENTICES)
    made = []
    for n, name in enumerate(chosen):
        postcode = _postcode(rng, sorted(districts))
        home = districts.get(postcode.split(" ")[0])
        ranked, limit = _rank(rng, home, placements, where)
        employer = rng.choice(employers)
        person = None
        if n == 0 and learner is not None and home_care is not None:
            # The demo learner is an apprentice too: they see their own plan.
            name, person, employer = learner.full_name or name, learner, home_care
        apprentice = Apprentice.objects.create(
            cohort=cohort,
            person=person,
            name=name,
            employer=employer,
            home_postcode=postcode,
            max_travel_km=None if limit is None else int(limit),
        )
        cohort.partners.add(employer)
        Preference.objects.bulk_create(
            Preference(apprentice=apprentice, placement=p, rank=r)
            for r, p in enumerate(ranked, start=1)
        )
        made.append(apprentice)
    return made


def _override(coordinator: User | None, cohort: Cohort) -> bool:
    """One coordinator's change, to show an audited override: the first that keeps the rules."""
    if coordinator is None:
        return False
    assignment = (
        Assignment.objects.filter(apprentice__cohort=cohort, block=BLOCKS)
        .select_related("apprentice")
        .order_by("apprentice__name")
        .first()
    )
    if assignment is None:
        return False
    ranked = [p.placement for p in assignment.apprentice.preferences.select_related("placement")]
    others = list(cohort.placements.order_by("site__name"))
    for placement in [*ranked, *others]:
        if placement.pk == assignment.placement_id:
            continue
        try:
            services.assignment_override(
                actor=coordinator,
                assignment=assignment,
                placement=placement,
                reason=OVERRIDE_REASON,
            )
        except ServiceError:
            continue
        return True
    return False


@transaction.atomic
def load(**_: Any) -> str:
    if Cohort.objects.filter(slug=SLUG).exists():
        return "apprenticeships: already loaded"
    if geography.locate("LS1") is None:
        geography.load_demo_postcodes()
    rng = random.Random(SEED)
    cohort = Cohort.objects.create(
        name=NAME,
        slug=SLUG,
        standard=STANDARD,
        training_provider=_organisation(TRAINING_PROVIDER),
        starts_on=STARTS_ON,
        blocks=BLOCKS,
        block_months=4,
        seed=SEED,
    )
    placements = _placements(cohort)
    employers = _employers(placements)
    if not placements or not employers:
        return "apprenticeships: no partner sites for placements"
    _apprentices(rng, cohort, placements, employers)
    coordinator = (
        User.objects.filter(role_grants__role=Role.TALENT_COORDINATOR, email__endswith=DEMO_DOMAIN)
        .order_by("email")
        .first()
    )
    try:
        result = services.cohort_allocate(
            actor=coordinator, cohort=cohort, time_limit=10.0, work_limit=2.0
        )
    except services.AllocationRefused as error:
        return f"apprenticeships: cohort {NAME!r} set up, not allocated: {error.message}"
    overridden = _override(coordinator, cohort)
    return (
        f"apprenticeships: cohort {NAME!r} with {APPRENTICES} apprentices and"
        f" {len(placements)} placements over {BLOCKS} blocks, allocated ({result.status.lower()},"
        f" {len(result.assignment)} placements explained"
        + (", one changed by the coordinator)" if overridden else ")")
    )
