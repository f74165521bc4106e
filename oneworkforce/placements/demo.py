"""Demo placements (safe to run twice): an invented university and the demo partnership's
college with nursing, midwifery, allied health and social work programmes; 60 learning
environments at partners of every sector; supervisors; a year of blocks with requests, offers,
an allocation by the rotation engine, hours and evaluations; and a coming block, requested and
offered but not yet allocated, for the coordinator to run.

Every name and number is invented. Postcodes are districts of the demo partnership's area
(the street part is made up), so locations come from the demo postcode districts.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.learning.catalogue import services as catalogue
from oneworkforce.learning.models import (
    CompletionSource,
    CompletionState,
    Framework,
    Kind,
    Requirement,
)
from oneworkforce.learning.records import services as records
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from .allocation import selectors as allocation_selectors
from .allocation import services as allocation
from .demand import services as demand
from .during import services as during
from .environments import services as environments
from .models import (
    Block,
    Evaluation,
    HoursEntry,
    LearningEnvironment,
    Placement,
    PlacementStatus,
    Programme,
    Student,
)

SEED = 2026
DEMO_DOMAIN = "demo.example.org"
DISTRICTS = [
    "LS1",
    "LS2",
    "LS3",
    "LS4",
    "LS5",
    "LS6",
    "LS7",
    "LS8",
    "LS9",
    "LS10",
    "LS11",
    "LS12",
    "LS13",
    "LS14",
    "LS15",
    "LS16",
    "LS17",
    "LS18",
    "LS19",
    "LS25",
    "LS26",
    "LS27",
    "LS28",
    "BD1",
    "BD2",
    "BD3",
    "BD4",
    "BD5",
    "BD6",
    "BD7",
    "BD8",
    "BD9",
    "BD10",
    "BD18",
    "HX1",
    "HX2",
    "HX3",
    "HD1",
    "HD2",
    "HD3",
    "HD5",
    "WF1",
    "WF2",
    "WF3",
    "WF5",
    "WF10",
    "WF13",
    "WF17",
]
# (setting, how many, professions, a name pattern, the partner key: a sector or an invented key)
ENVIRONMENTS = (
    (
        "acute",
        12,
        ("nursing", "midwifery", "physiotherapy", "occupational_therapy"),
        "Ward {n}",
        "nhs_acute",
    ),
    (
        "community",
        8,
        ("nursing", "physiotherapy", "occupational_therapy"),
        "{place} community nursing team",
        "nhs_community",
    ),
    (
        "mental_health",
        7,
        ("nursing", "occupational_therapy", "social_work"),
        "{place} mental health team",
        "nhs_mental_health",
    ),
    (
        "primary_care",
        8,
        ("nursing", "nursing_associate", "physiotherapy"),
        "{place} Surgery",
        "gp_practice",
    ),
    (
        "care_home",
        9,
        ("nursing", "nursing_associate", "social_work"),
        "Heatherlea {unit}",
        "care-home",
    ),
    (
        "home_care",
        6,
        ("nursing", "nursing_associate", "social_work", "occupational_therapy"),
        "Brightpath {place} team",
        "home-care",
    ),
    ("hospice", 4, ("nursing", "social_work", "physiotherapy"), "St Aidan's {unit}", "hospice"),
    (
        "voluntary",
        6,
        ("social_work", "nursing_associate", "occupational_therapy"),
        "{place} community project",
        "vcse",
    ),
)
PLACES = [
    "Armley",
    "Beeston",
    "Bramley",
    "Chapeltown",
    "Farsley",
    "Garforth",
    "Headingley",
    "Horsforth",
    "Kirkstall",
    "Morley",
    "Otley",
    "Pudsey",
    "Rothwell",
    "Seacroft",
    "Shipley",
    "Keighley",
    "Halifax",
    "Brighouse",
    "Dewsbury",
    "Batley",
    "Ossett",
]
UNITS = (
    "Rose unit",
    "Oak unit",
    "Willow unit",
    "Elm unit",
    "Ash unit",
    "Cedar unit",
    "Birch unit",
    "Maple unit",
    "Hazel unit",
)
FIRST = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farah",
    "Grace",
    "Harry",
    "Imran",
    "Jade",
    "Kai",
    "Leah",
    "Mohammed",
    "Nia",
    "Owen",
    "Priya",
    "Ruby",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wren",
    "Yusuf",
    "Zara",
    "Amara",
    "Callum",
    "Dev",
    "Eilidh",
    "Femi",
    "Hana",
]
LAST = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mistry",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Walker",
    "Wright",
    "Young",
]
# (provider key, name, profession, field, year, requirement, students)
PROGRAMMES = (
    ("university", "BSc Nursing (Adult)", "nursing", "Adult", 2, "out_of_hospital", 22),
    (
        "university",
        "BSc Nursing (Mental health)",
        "nursing",
        "Mental health",
        2,
        "out_of_hospital",
        10,
    ),
    ("university", "BSc Midwifery", "midwifery", "", 1, "", 8),
    ("university", "BSc Physiotherapy", "physiotherapy", "", 2, "", 8),
    ("university", "BSc Occupational therapy", "occupational_therapy", "", 2, "", 8),
    ("university", "BA Social work", "social_work", "Adults", 2, "social_care", 8),
    ("college", "FdSc Nursing associate", "nursing_associate", "", 1, "social_care", 12),
)
# (name, first day, last day); the last is still to come and is left for the coordinator.
BLOCKS = (
    ("Spring 2026", dt.date(2026, 1, 12), dt.date(2026, 3, 27)),
    ("Summer 2026", dt.date(2026, 4, 20), dt.date(2026, 7, 3)),
    ("Autumn 2026", dt.date(2026, 9, 14), dt.date(2026, 11, 27)),
    ("Spring 2027", dt.date(2027, 1, 11), dt.date(2027, 3, 26)),
)


def _postcode(district: str, rng: random.Random) -> str:
    """A made-up postcode in a real district of the demo area."""
    return f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGH')}{rng.choice('JLNPQRSTUWXYZ')}"


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _organisation(slug: str, name: str, sector: str, summary: str, email: str) -> Organisation:
    found, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "sector": sector,
            "is_demo": True,
            "summary": summary + " (An invented example partner.)",
            "contact_email": email,
        },
    )
    return found


def _partners() -> dict[str, list[Organisation]]:
    """Hosts for each kind of environment, from the demo partnership (and an invented
    hospice)."""
    active = Organisation.objects.active()
    hosts: dict[str, list[Organisation]] = {}
    for sector in ("nhs_acute", "nhs_community", "nhs_mental_health", "gp_practice", "vcse"):
        hosts[sector] = list(
            active.filter(sector=sector).exclude(slug="second-chances-employment-trust")
        )
    hosts["care-home"] = list(active.filter(slug="heatherlea-care-home"))
    hosts["home-care"] = list(active.filter(slug="brightpath-home-care"))
    hosts["hospice"] = [
        _organisation(
            "st-aidans-hospice",
            "St Aidan's Hospice",
            Sector.VCSE,
            "An independent hospice: inpatient, day and community palliative care.",
            "education@st-aidans.example.org",
        )
    ]
    fallback = list(active.exclude(sector=Sector.EDUCATION)[:1])
    return {key: found or fallback for key, found in hosts.items()}


def _environments(admin: User, rng: random.Random, today: dt.date) -> list[LearningEnvironment]:
    hosts = _partners()
    made = []
    for setting, count, professions, pattern, host_key in ENVIRONMENTS:
        for n in range(count):
            organisation = hosts[host_key][n % len(hosts[host_key])]
            name = pattern.format(
                n=n + 1, place=PLACES[(n * 7 + len(made)) % len(PLACES)], unit=UNITS[n % len(UNITS)]
            )
            district = DISTRICTS[(len(made) * 5) % len(DISTRICTS)]
            taken = rng.sample(professions, k=min(len(professions), rng.randint(1, 3)))
            environment = environments.environment_add(
                actor=admin,
                organisation=organisation,
                name=name,
                setting=setting,
                postcode=_postcode(district, rng),
                professions=taken,
                years=[1, 2, 3],
                places_per_block=rng.randint(2, 6),
                hours_and_shifts=rng.choice(
                    (
                        "Long days 7:30 to 20:00, with some weekends",
                        "Weekdays 8:30 to 17:00",
                        "Early and late shifts; one weekend in four",
                        "Visits across the day, 8:00 to 18:00, by car or on foot",
                    )
                ),
                learning=(
                    f"Person-centred care in a {setting.replace('_', ' ')} setting: assessment,"
                    " care planning, working with families and other professions."
                ),
            )
            for profession in taken:
                for _ in range(rng.randint(1, 2)):
                    prepared = today - dt.timedelta(days=rng.randint(60, 700))
                    environments.supervisor_add(
                        actor=admin,
                        environment=environment,
                        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        role=rng.choice(("supervisor", "assessor")),
                        profession=profession,
                        max_students=rng.randint(1, 3),
                        prepared_on=prepared,
                        preparation="Practice supervisor and assessor preparation",
                        refresh_due=today + dt.timedelta(days=rng.randint(-30, 900)),
                        today=prepared + dt.timedelta(days=rng.randint(0, 50)),
                    )
            audited = today - dt.timedelta(days=rng.randint(100, 800))
            environments.audit_record(
                actor=admin,
                environment=environment,
                audited_on=audited,
                outcome=rng.choice(("approved", "approved", "approved_with_actions")),
                review_due=audited + dt.timedelta(days=730),
                actions="Refresh the induction pack for students" if rng.random() < 0.3 else "",
            )
            made.append(environment)
    return made


def _prepared_in_learning_record(
    admin: User, made: list[LearningEnvironment], rng: random.Random, today: dt.date
) -> int:
    """At the first environment of each host partner, one supervisor whose preparation is a
    verified completion of the partner's own preparation course in the learning record (a
    partner's requirement valid for two years), so the record sets their refresher."""
    requirement, _ = Requirement.objects.get_or_create(
        code="practice-supervisor-preparation",
        defaults={
            "framework": Framework.LOCAL,
            "subject": "Practice supervisor and assessor preparation",
            "description": "Preparing to supervise and assess students in practice.",
            "validity_months": 24,
        },
    )
    people = iter(
        User.objects.filter(email__startswith="learner-", email__endswith=DEMO_DOMAIN).order_by(
            "email"
        )
    )
    linked, hosts = 0, set()
    for environment in made:
        if environment.organisation_id in hosts or not environment.professions:
            continue
        person = next(people, None)
        if person is None:
            break
        hosts.add(environment.organisation_id)
        course = catalogue.opportunity_save(
            actor=admin,
            organisation=environment.organisation,
            requirements=[requirement],
            title="Practice supervisor and assessor preparation",
            summary="E-learning and a workshop for staff who supervise or assess students.",
            kind=Kind.E_LEARNING,
            who_can_take=f"Staff of {environment.organisation.name} who support students.",
            review_by=today + dt.timedelta(days=365),
        )
        catalogue.opportunity_publish(actor=admin, opportunity=course)
        completed = today - dt.timedelta(days=rng.randint(30, 700))
        record = records.completion_create(
            learner=person,
            opportunity=course,
            completed_on=completed,
            source=CompletionSource.PARTNER_SYSTEM,
            state=CompletionState.VERIFIED,
        )
        supervisor = environments.supervisor_add(
            actor=admin,
            environment=environment,
            name=person.full_name,
            email=person.email,
            role="assessor",
            profession=environment.professions[0],
            max_students=2,
            prepared_on=completed,
            refresh_due=completed + dt.timedelta(days=365),
            today=today,
        )
        environments.supervisor_preparation_link(
            actor=admin, supervisor=supervisor, learning_record=record.pk
        )
        linked += 1
    return linked


def _programmes(admin: User, rng: random.Random) -> list[Programme]:
    providers = {
        "university": _organisation(
            "westdale-university",
            "Westdale University",
            Sector.EDUCATION,
            "A university with nursing, midwifery, allied health and social work programmes.",
            "placements@westdale-university.example.ac.uk",
        ),
        "college": Organisation.objects.filter(sector=Sector.EDUCATION)
        .exclude(slug="westdale-university")
        .first()
        or _organisation(
            "westdale-college",
            "Westdale College",
            Sector.EDUCATION,
            "A further education college.",
            "placements@westdale-college.example.ac.uk",
        ),
    }
    made = []
    number = 1000
    for key, name, profession, field, year, requirement, students in PROGRAMMES:
        programme = demand.programme_add(
            actor=admin,
            provider=providers[key],
            name=name,
            profession=profession,
            field=field,
            year=year,
            requirement=requirement,
            max_travel_minutes=rng.choice((45, 60, 75)),
        )
        lines = ["reference,name,email,home_postcode"]
        for _ in range(students):
            number += 1
            first, last = rng.choice(FIRST), rng.choice(LAST)
            lines.append(f"W{number},{first} {last},,{rng.choice(DISTRICTS)} {rng.randint(1, 9)}AB")
        demand.students_import(actor=admin, programme=programme, data="\n".join(lines).encode())
        made.append(programme)
    return made


def _learner_as_student(programmes: list[Programme]) -> None:
    """The demo learner, a care worker, is on the college's nursing associate programme."""
    learner = User.objects.filter(email=f"learner@{DEMO_DOMAIN}").first()
    associate = next(p for p in programmes if p.profession == "nursing_associate")
    student = associate.students.order_by("reference").first()
    if learner is not None and student is not None:
        student.user, student.name, student.email = learner, learner.full_name, learner.email
        student.save()


def _blocks(
    admin: User, programmes: list[Programme], found: list[LearningEnvironment], rng: random.Random
) -> list[Block]:
    made = []
    for name, first, last in BLOCKS:
        block = demand.block_add(actor=admin, name=name, starts_on=first, ends_on=last)
        made.append(block)
        for programme in programmes:
            demand.request_submit(
                actor=admin,
                programme=programme,
                block=block,
                students=programme.students.count() + rng.randint(0, 3),
                starts_on=first + dt.timedelta(days=7),
                ends_on=last - dt.timedelta(days=7),
                required_hours=300,
            )
        for environment in found:
            left = environment.places_per_block
            for profession in environment.professions:
                supervised = allocation_selectors.supervision(environment, block, profession)
                places = min(left, supervised, rng.randint(1, 3))
                if places > 0:
                    allocation.offer_make(
                        actor=admin,
                        environment=environment,
                        block=block,
                        profession=profession,
                        places=places,
                    )
                    left -= places
    return made


def _during(block: Block, rng: random.Random, today: dt.date) -> tuple[int, int]:
    """Past blocks: confirmed placements, three days of confirmed hours each, and an
    evaluation from most students (a few environments score low on supervision)."""
    placements = list(
        Placement.objects.filter(block=block).select_related("request", "environment")
    )
    now = timezone.now()
    hours = evaluations = 0
    low = {p.environment_id for p in placements if p.environment_id % 9 == 0}
    for placement in placements:
        placement.status = PlacementStatus.CONFIRMED
        placement.provider_confirmed_at = placement.partner_confirmed_at = now
        placement.save()
        start = placement.request.starts_on
        for day in (start, start + dt.timedelta(days=1), start + dt.timedelta(days=8)):
            if day <= today:
                HoursEntry.objects.create(
                    placement=placement, worked_on=day, hours=Decimal("7.5"), confirmed_at=now
                )
                hours += 1
        if placement.request.ends_on < today and rng.random() < 0.9:
            weak = placement.environment_id in low
            Evaluation.objects.create(
                placement=placement,
                welcome=rng.randint(3, 5),
                supervision=rng.randint(1, 3) if weak else rng.randint(3, 5),
                learning=rng.randint(3, 5),
                recommend=rng.randint(2, 4) if weak else rng.randint(3, 5),
            )
            evaluations += 1
    for environment_id in {p.environment_id for p in placements}:
        during.actions_from_evaluations(LearningEnvironment.objects.get(pk=environment_id))
    return hours, evaluations


@transaction.atomic
def load(**_: Any) -> str:
    if Programme.objects.filter(provider__slug="westdale-university").exists():
        return "placements: already loaded"
    admin = _person("partnership-admin")
    rng = random.Random(SEED)
    today = timezone.localdate()
    found = _environments(admin, rng, today)
    prepared = _prepared_in_learning_record(admin, found, random.Random(SEED + 1), today)
    programmes = _programmes(admin, rng)
    _learner_as_student(programmes)
    blocks = _blocks(admin, programmes, found, rng)
    placed = hours = evaluations = 0
    for block in blocks:
        if block.starts_on > today:
            continue
        run = allocation.block_allocate(actor=admin, block=block, seed=SEED, time_limit=10)
        placed += run.figures["placed"]
        h, e = _during(block, rng, today)
        hours, evaluations = hours + h, evaluations + e
    students = Student.objects.filter(programme__in=programmes).count()
    return (
        f"placements: {len(found)} learning environments ({prepared} supervisors prepared in the"
        f" learning record), {len(programmes)} programmes,"
        f" {students} students, {len(blocks)} blocks, {placed} placements, {hours} days of"
        f" hours, {evaluations} evaluations"
    )
