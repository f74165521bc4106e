"""The careers demo: the talent hub's demo vacancies given what the job board shows (pay the same
way for every sector, the support on offer, their career role, where they are), a few more
across sectors, applications from the job board, a campaign and a school visit, and two
veterans guaranteed an interview. Schools, ambassadors and visits come from ``schools.demo``.
Every person and school is invented; the prospectus photos are drawings made at load time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import resources
from typing import Any

from django.utils import timezone

from oneworkforce.core import geography
from oneworkforce.partners.models import Organisation
from oneworkforce.talent.models import (
    ApplicationSource,
    Campaign,
    Candidate,
    Vacancy,
)
from oneworkforce.talent.pipeline.services import application_create

from .models import Ambassador, School, SchoolVisit
from .prospectus.demo import load_photos
from .schools.services import schools_import

H, Y = "hour", "year"
DRIVING = "A full UK driving licence and the use of a car for work"
# title → career role, pay (low, high, unit, NHS band), offers, essential criteria
BOARD: dict[str, dict[str, Any]] = {
    "Home care worker": {
        "career_role": "care-worker",
        "pay": ("12.60", "13.40", H, ""),
        "offers": ("training_given", "travel_help"),
        "essential_criteria": DRIVING,
    },
    "Home care worker (nights)": {
        "career_role": "care-worker",
        "pay": ("13.10", "14.00", H, ""),
        "offers": ("training_given",),
    },
    "Care assistant": {
        "career_role": "care-worker",
        "pay": ("12.40", "12.90", H, ""),
        "offers": ("training_given", "english_support"),
    },
    "Kitchen assistant": {"career_role": "housekeeper", "pay": ("12.21", "12.40", H, "")},
    "Support worker": {
        "career_role": "care-worker",
        "pay": ("12.50", "13.20", H, ""),
        "offers": ("training_given",),
        "contract": "apprenticeship",
    },
    "Reablement support worker": {
        "career_role": "reablement-worker",
        "pay": ("25100", "27300", Y, ""),
        "offers": ("training_given",),
        "essential_criteria": DRIVING,
    },
    "Business support officer": {"career_role": "administrator", "pay": ("24800", "27300", Y, "")},
    "Receptionist": {"career_role": "receptionist", "pay": ("12.30", "12.90", H, "")},
    "Care navigator": {"career_role": "care-coordinator", "pay": ("24500", "26000", Y, "")},
    "Healthcare support worker": {
        "career_role": "healthcare-support-worker",
        "pay": ("24465", "26598", Y, "Bands 2 to 3"),
        "offers": ("training_given", "english_support"),
    },
    "Porter": {"career_role": "porter", "pay": ("24465", "24465", Y, "Band 2")},
    "Mental health support worker": {
        "career_role": "mental-health-support-worker",
        "pay": ("24937", "26598", Y, "Band 3"),
        "offers": ("training_given",),
    },
    "Community healthcare assistant": {
        "career_role": "healthcare-support-worker",
        "pay": ("24937", "26598", Y, "Band 3"),
        "offers": ("training_given", "travel_help"),
        "essential_criteria": DRIVING,
    },
}


def _enrich(vacancy: Vacancy, entry: dict[str, Any]) -> None:
    low, high, unit, band = entry["pay"]
    vacancy.career_role = entry["career_role"]
    vacancy.pay_low, vacancy.pay_high, vacancy.pay_unit = Decimal(low), Decimal(high), unit
    vacancy.nhs_band = band
    for offer in entry.get("offers", ()):
        setattr(vacancy, offer, True)
    vacancy.contract = entry.get("contract", vacancy.contract)
    vacancy.essential_criteria = entry.get("essential_criteria", "")
    point = geography.locate(vacancy.postcode) if vacancy.postcode else None
    if point is not None:
        vacancy.latitude, vacancy.longitude = point


def load(**_: Any) -> str:
    photos = load_photos()
    if Vacancy.objects.exclude(career_role="").exists():
        return f"careers demo already loaded; {photos}"
    vacancies = list(Vacancy.objects.filter(title__in=BOARD, is_open=True).order_by("pk"))
    for vacancy in vacancies:
        _enrich(vacancy, BOARD[vacancy.title])
        vacancy.save()
    applications = _applications([v for v in vacancies if v.essential_criteria])
    schools = load_schools()
    return (
        f"careers: {len(vacancies)} vacancies on the job board, {applications} applications "
        f"from it, {schools}, {photos}"
    )


def _applications(with_criteria: list[Vacancy]) -> int:
    """Invented people applying from the board, a campaign, a school visit and a recruitment
    event; the first two served in the armed forces and meet the essential criteria."""
    if not with_criteria:
        return 0
    now = timezone.now()
    school = Campaign.objects.filter(channel="school").first()
    other = Campaign.objects.exclude(channel="school").first()
    people = [
        ("Dan Whitaker", ApplicationSource.JOB_BOARD, None, True),
        ("Aisha Rahman", ApplicationSource.JOB_BOARD, None, True),
        ("Kofi Mensah", ApplicationSource.CAMPAIGN, other, False),
        ("Ellie Shaw", ApplicationSource.SCHOOL_VISIT, school, False),
        ("Marek Nowak", ApplicationSource.JOB_BOARD, None, False),
        ("Grace Adeyemi", ApplicationSource.EVENT, other, False),
    ]
    made = 0
    for n, (name, source, campaign, veteran) in enumerate(people):
        vacancy = with_criteria[n % len(with_criteria)]
        candidate = Candidate.objects.create(
            full_name=name,
            email=f"{name.split()[0].lower()}.applicant@demo.example.org",
            lawful_basis="consent",
            consent_at=now - dt.timedelta(days=n + 1),
            consent_wording="2026-1",
            campaign=campaign,
            community=campaign.community if campaign else "",
            interest_families=[vacancy.job_family],
            interest_areas=[vacancy.work_area],
            created_at=now - dt.timedelta(days=n + 1),
            last_activity_at=now - dt.timedelta(days=n + 1),
        )
        application_create(
            actor=None,
            candidate=candidate,
            vacancy=vacancy,
            note="Applied at a recruitment event"
            if source == ApplicationSource.EVENT
            else "Applied on the job board",
            source=source if campaign else ApplicationSource.JOB_BOARD,
            source_code=campaign.code if campaign else "",
            served_in_forces=veteran,
            meets_essential_criteria=veteran,
        )
        made += 1
    return made


# name, partner (by sector or name), trained months ago, release days agreed, schools (URNs)
AMBASSADORS = (
    ("Priya Sharma", "Brightpath Home Care", 14, "4", (990001, 990002)),
    ("Tom Hughes", "Westdale Council", 10, "3", (990003,)),
    ("Grace Adeyemi", "nhs_acute", 8, "5", (990004, 990005)),
    ("Liam O'Connor", "Heatherlea Care Home", 2, "2", ()),
)
# school, months ago, ambassadors (by index), year groups, pupils
VISITS = (
    (990001, 2, (0,), "Years 10 and 11", 85),
    (990002, 5, (0,), "Year 12", 40),
    (990004, 3, (2,), "Years 9 to 11", 120),
    (990005, 1, (2,), "Health and social care students", 35),
    (990003, 15, (1,), "Year 11", 60),
)


def _partner(key: str) -> Organisation | None:
    by_name = Organisation.objects.filter(name=key).first()
    return by_name or Organisation.objects.filter(sector=key).order_by("name").first()


def load_schools() -> str:
    """The invented schools file (in the register's own format), ambassadors and visits."""
    if School.objects.exists():
        return "schools already loaded"
    data = resources.files("oneworkforce.careers.data").joinpath("demo_schools.csv").read_bytes()
    result = schools_import(data=data, source="demo_schools.csv")
    today = timezone.localdate()
    school_campaign = Campaign.objects.filter(channel="school").first()
    ambassadors = []
    for name, partner, months, days, urns in AMBASSADORS:
        organisation = _partner(partner)
        if organisation is None:
            continue
        ambassador = Ambassador.objects.create(
            organisation=organisation,
            name=name,
            trained_on=today - dt.timedelta(days=30 * months),
            release_days_agreed=Decimal(days),
        )
        ambassador.schools.set(School.objects.filter(urn__in=urns))
        ambassadors.append(ambassador)
    for urn, months, who, years, pupils in VISITS:
        chosen = [ambassadors[i] for i in who if i < len(ambassadors)]
        if not chosen:
            continue
        visit = SchoolVisit.objects.create(
            school=School.objects.get(urn=urn),
            on=today - dt.timedelta(days=30 * months),
            year_groups=years,
            pupils=pupils,
            campaign=school_campaign,
        )
        visit.ambassadors.set(chosen)
    return f"{result.created} schools, {len(ambassadors)} ambassadors"
