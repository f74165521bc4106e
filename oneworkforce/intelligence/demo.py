"""Demo workforce intelligence: NHS England's published turnover and sickness files (real), and
invented local figures for the invented partners only (no invented figure is ever attached to a
real organisation). Idempotent: a file already imported with the same SHA-256 is not imported
again, and local figures are keyed by partner, month and group.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from oneworkforce import published_data
from oneworkforce.partners.choices import PlaceKind, Sector
from oneworkforce.partners.models import Organisation, Place, User

from .models import (
    ExitInterviewCount,
    ExitReason,
    ImportBatch,
    PopulationProjection,
    Scenario,
    SocialCareWorkforce,
    WorkforceReturn,
)
from .scenarios.forms import ScenarioForm
from .statistics import services as importing
from .statistics.selectors import turnover_periods

NATIONAL_FOLDERS = {
    "turnover": published_data.TURNOVER_FOLDER,
    "sickness": published_data.SICKNESS_FOLDER,
}
RETURN_GROUPS = {
    Sector.ADULT_SOCIAL_CARE: ["Care workers", "Registered nurses"],
    Sector.GP_PRACTICE: ["Nurses & health visitors", "Admin and clerical"],
    Sector.PCN: ["Clinical pharmacists", "Paramedics"],
    Sector.LOCAL_AUTHORITY: ["Social workers", "Occupational therapists"],
    Sector.VCSE: ["Support workers"],
}
# Figures by job role, the shape of an adult social care workforce return, for care providers,
# primary care and voluntary partners: (role, leavers a year per head, fewest and most people).
JOB_ROLES = {
    Sector.ADULT_SOCIAL_CARE: [
        ("Care worker", 0.31, 30, 220),
        ("Senior care worker", 0.22, 30, 220),
        ("Registered nurse", 0.2, 30, 220),
    ],
    Sector.GP_PRACTICE: [("Practice nurse", 0.12, 3, 12), ("Healthcare assistant", 0.18, 2, 9)],
    Sector.PCN: [("Clinical pharmacist", 0.14, 4, 16), ("Paramedic", 0.12, 2, 7)],
    Sector.VCSE: [("Support worker", 0.28, 8, 40)],
}
DEMO_MONTHS = 6
POPULATION_SOURCE = "Invented for the demonstration (use ONS subnational projections in practice)"
# Invented residents of the demo system by age band in its base year, and yearly growth.
POPULATION = {
    "0-17": (520_000, 0.001),
    "18-64": (1_440_000, 0.002),
    "65-74": (230_000, 0.012),
    "75-84": (150_000, 0.031),
    "85+": (62_000, 0.038),
}


def _already_imported(path: Path) -> bool:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ImportBatch.objects.filter(sha256=digest).exists()


def _national(data_dir: Path) -> int:
    imported = 0
    for kind, folder in NATIONAL_FOLDERS.items():
        for path in sorted((Path(data_dir) / folder).glob("*.csv")):
            if not _already_imported(path):
                importing.import_file(kind, path, via="demo")
                imported += 1
    return imported


def _month(today: dt.date, back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _local(today: dt.date) -> int:
    created = 0
    invented = Organisation.objects.active().filter(is_demo=True).order_by("slug")
    for organisation in invented:
        groups = RETURN_GROUPS.get(organisation.sector)
        if not groups:
            continue
        rng = random.Random(organisation.slug)
        for back in range(DEMO_MONTHS, 0, -1):
            month = _month(today, back)
            for group in groups:
                establishment = Decimal(rng.randrange(12, 160))
                vacancies = (establishment * Decimal(rng.uniform(0.03, 0.16))).quantize(
                    Decimal("0.01")
                )
                _, made = WorkforceReturn.objects.get_or_create(
                    organisation=organisation,
                    period_start=month,
                    staff_group=group,
                    defaults={
                        "establishment_fte": establishment,
                        "vacancies_fte": vacancies,
                        "applications": rng.randrange(0, 25),
                        "leavers": rng.randrange(0, 5),
                    },
                )
                created += made
                leavers = rng.randrange(0, 4)
                for reason in rng.sample(list(ExitReason.values), k=min(leavers, 3)):
                    _, made = ExitInterviewCount.objects.get_or_create(
                        organisation=organisation,
                        period_start=month,
                        staff_group=group,
                        reason=reason,
                        defaults={"leavers": rng.randrange(1, 4)},
                    )
                    created += made
        for role, turnover, fewest, most in JOB_ROLES.get(organisation.sector, []):
            # A count each month: the people left after the month's leavers, plus its starters.
            headcount = rng.randrange(fewest, most)
            for back in range(DEMO_MONTHS, 0, -1):
                if back < DEMO_MONTHS:
                    leavers = round(headcount * turnover / 12 * rng.uniform(0.5, 1.5))
                    starters = round(headcount * (turnover + 0.02) / 12 * rng.uniform(0.5, 1.5))
                    headcount = max(1, headcount - leavers + starters)
                _, made = SocialCareWorkforce.objects.get_or_create(
                    organisation=organisation,
                    period_start=_month(today, back),
                    job_role=role,
                    defaults={
                        "headcount": headcount,
                        "fte": Decimal(round(headcount * 0.78, 2)),
                        "leavers_last_12_months": round(headcount * turnover),
                        "starters_last_12_months": round(headcount * (turnover + 0.02)),
                        "vacancies": rng.randrange(0, max(2, headcount // 8)),
                    },
                )
                created += made
    return created


def _population(today: dt.date) -> int:
    system = Place.objects.filter(kind=PlaceKind.SYSTEM).order_by("pk").first()
    if system is None:
        return 0
    created = 0
    for offset in range(0, 11):
        year = today.year + offset
        for band, (people, growth) in POPULATION.items():
            _, made = PopulationProjection.objects.get_or_create(
                place=system,
                year=year,
                age_band=band,
                defaults={
                    "people": round(people * (1 + growth) ** offset),
                    "source": POPULATION_SOURCE,
                },
            )
            created += made
    return created


PCN_ROLE = "Care coordinator"
SUPPORT_ROLES = "Support to doctors, nurses & midwives"  # care roles count as it (crosswalk)
CARE = "Adult social care"
DEMO_SCENARIOS = [
    {
        "slug": "baseline",
        "name": "Baseline: the next ten years without changes",
        "description": "The partners' figures carried forward: organisations recruit toward "
        "their vacancies as far as each staff group's labour market allows, and leaver rates "
        "vary as they do across the partners.",
        "interventions": [],
    },
    {
        "slug": "retention-push",
        "name": "Retention push for nurses and care workers",
        "description": "A shared retention offer cuts the yearly leaver rate of nurses and care "
        "workers by two percentage points.",
        "interventions": [
            {
                "kind": "leaver_rate",
                "name": "Two points fewer leavers",
                "percentage_points": -2.0,
                "where": {"staff_groups": ["Nurses & health visitors", "Care worker"]},
                "start_month": 0,
            }
        ],
    },
    {
        "slug": "new-primary-care-roles",
        "name": "New care coordinators in primary care",
        "description": "The primary care network recruits care coordinators, 70% of them from "
        "support roles in adult social care: the care workers and senior care workers of home "
        "care and care homes, which the crosswalk counts as support to doctors, nurses & "
        "midwives.",
        "interventions": [],  # filled in by _scenarios: the network's code is known then
        "new_role": True,
    },
]


def _scenarios() -> int:
    periods = turnover_periods()
    owner = User.objects.filter(email="analyst@demo.example.org").first()
    pcn = Organisation.objects.filter(sector=Sector.PCN).order_by("slug").first()
    system = Place.objects.filter(kind=PlaceKind.SYSTEM).order_by("pk").first()
    if not periods or owner is None or pcn is None:
        return 0
    organisations = ScenarioForm(periods=periods).fields["organisations"].queryset
    created = 0
    for spec in DEMO_SCENARIOS:
        if Scenario.objects.filter(slug=spec["slug"]).exists():
            continue
        interventions = (
            spec["interventions"]
            if not spec.get("new_role")
            else [
                {
                    "kind": "new_role",
                    "name": f"{PCN_ROLE}s in {pcn.name}",
                    "cell": f"{pcn.ods_code or pcn.slug}/{PCN_ROLE}",
                    "per_month": 4.0,
                    "target_headcount": 150.0,
                    "sources": [
                        {
                            "where": {"staff_groups": [SUPPORT_ROLES], "sectors": [CARE]},
                            "share": 0.7,
                        }
                    ],
                    "start_month": 0,
                    "new_cell": {"organisation": pcn.pk, "staff_group": PCN_ROLE},
                }
            ]
        )
        scenario = Scenario.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            base_period=periods[0],
            population_place=system,
            interventions=interventions,
            created_by=owner,
        )
        scenario.organisations.set(organisations)
        created += 1
    return created


@transaction.atomic
def load(*, data_dir: Path, today: dt.date | None = None, **_: Any) -> str:
    today = today or dt.date.today()
    files = _national(data_dir)
    local = _local(today)
    population = _population(today)
    scenarios = _scenarios()
    return (
        f"intelligence: {files} national files imported, {local} local figures, "
        f"{population} population figures and {scenarios} scenarios added"
    )
