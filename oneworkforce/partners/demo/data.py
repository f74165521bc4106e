"""The demo partnership's invented data: local partners and their sites, the two frameworks,
one person for each role, and who signs. Every partner and person here is invented."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..choices import FrameworkKind, JobFamily, Level, Sector, WorkArea


@dataclass(frozen=True)
class Invented:
    key: str
    name: str
    sector: str
    summary: str
    sites: tuple[tuple[str, str], ...]  # (name, postcode)


INVENTED = (
    Invented(
        "council",
        "Westdale Council",
        Sector.LOCAL_AUTHORITY,
        "The local council: adult social care, public health and community services.",
        (("Westdale Town Hall", "LS1 3AD"),),
    ),
    Invented(
        "confederation",
        "Westdale GP Confederation",
        Sector.GP_CONFEDERATION,
        "Brings the area's GP practices together to share staff, training and services.",
        (("Confederation office", "LS7 3RB"),),
    ),
    Invented(
        "pcn",
        "Millbrook and Hollins Primary Care Network",
        Sector.PCN,
        "Four practices working together with pharmacists, paramedics and social prescribers.",
        (("Millbrook Hub", "BD3 9HH"),),
    ),
    Invented(
        "practice-1",
        "Millbrook Surgery",
        Sector.GP_PRACTICE,
        "A GP practice serving 9,000 patients.",
        (("Millbrook Surgery", "BD3 9HJ"),),
    ),
    Invented(
        "practice-2",
        "Hollins Lane Medical Practice",
        Sector.GP_PRACTICE,
        "A GP practice serving 12,000 patients.",
        (("Hollins Lane", "HX1 5QN"),),
    ),
    Invented(
        "practice-3",
        "Canal Side Health Centre",
        Sector.GP_PRACTICE,
        "A GP practice and training practice.",
        (("Canal Side", "WF1 2SR"),),
    ),
    Invented(
        "practice-4",
        "Moorview Family Practice",
        Sector.GP_PRACTICE,
        "A GP practice serving villages and a market town.",
        (("Moorview", "HD1 2EX"),),
    ),
    Invented(
        "home-care",
        "Brightpath Home Care",
        Sector.ADULT_SOCIAL_CARE,
        "Home care for older and disabled people across the district.",
        (("Brightpath office", "LS11 5AB"),),
    ),
    Invented(
        "care-home",
        "Heatherlea Care Home",
        Sector.ADULT_SOCIAL_CARE,
        "A 60-bed residential and nursing home.",
        (("Heatherlea", "BD9 6QR"),),
    ),
    Invented(
        "supported-living",
        "Open Doors Supported Living",
        Sector.ADULT_SOCIAL_CARE,
        "Supported living for adults with learning disabilities and autistic adults.",
        (("Open Doors", "WF2 8DT"), ("Open Doors North", "WF3 1AB")),
    ),
    Invented(
        "carers",
        "Westdale Carers Together",
        Sector.VCSE,
        "Support, breaks and training for unpaid carers.",
        (("Carers centre", "LS6 2AE"),),
    ),
    Invented(
        "kitchen",
        "Community Kitchen Collective",
        Sector.VCSE,
        "Community meals, food skills and volunteering.",
        (("The Kitchen", "HX3 6AT"),),
    ),
    Invented(
        "second-chances",
        "Second Chances Employment Trust",
        Sector.VCSE,
        "Helps people furthest from work into jobs, with mentors and practical support.",
        (("Second Chances", "BD1 1AR"),),
    ),
    Invented(
        "college",
        "Westdale College",
        Sector.EDUCATION,
        "Further education college: health and social care courses, ESOL and apprenticeships.",
        (("Westdale College campus", "LS3 1AA"),),
    ),
)

FRAMEWORKS = {
    "staff-portability-framework": (
        "Staff Portability Framework",
        FrameworkKind.STAFF_PORTABILITY,
        "Partners that sign can lend a colleague to another partner for a short time to meet a "
        "critical need. The employer keeps the person's contract and vouches for their checks and "
        "training, so the host does not repeat them and no honorary contract is needed.",
    ),
    "talent-management-mou": (
        "Talent Management Memorandum of Understanding",
        FrameworkKind.TALENT_MANAGEMENT,
        "Partners agree to recruit together from local communities, share candidates who suit "
        "another partner's roles, and follow people's progress for a year after they start.",
    ),
}

PEOPLE = (
    (
        "learner",
        "Jordan Ellis",
        "Care worker",
        JobFamily.CARE_SUPPORT,
        WorkArea.SOCIAL_CARE,
        Level.ENTRY,
    ),
    (
        "partner-admin",
        "Priya Shah",
        "Education and workforce lead",
        JobFamily.MANAGEMENT,
        WorkArea.HOSPITAL,
        Level.SENIOR,
    ),
    (
        "care-admin",
        "Tom Brennan",
        "Registered manager",
        JobFamily.MANAGEMENT,
        WorkArea.SOCIAL_CARE,
        Level.SENIOR,
    ),
    (
        "partnership-admin",
        "Alex Morgan",
        "Academy programme manager",
        JobFamily.MANAGEMENT,
        WorkArea.COMMISSIONING,
        Level.SENIOR,
    ),
    (
        "talent-coordinator",
        "Sam Okafor",
        "Talent hub coordinator",
        JobFamily.ADMIN,
        WorkArea.COMMISSIONING,
        Level.EXPERIENCED,
    ),
    (
        "faculty-lead",
        "Helen Ward",
        "Nursing faculty lead",
        JobFamily.NURSING,
        WorkArea.COMMUNITY,
        Level.SENIOR,
    ),
    (
        "partner-representative",
        "Chris Lee",
        "Director of adult social care",
        JobFamily.MANAGEMENT,
        WorkArea.COUNCIL,
        Level.SENIOR,
    ),
    (
        "analyst",
        "Maya Fernandes",
        "Workforce intelligence analyst",
        JobFamily.ADMIN,
        WorkArea.COMMISSIONING,
        Level.EXPERIENCED,
    ),
)


SIGNERS = (
    "Anita Rowe", "Ben Carter", "Claire Dunn", "David Osei", "Emma Hughes", "Farah Khan",
    "Gareth Lloyd", "Hannah Price", "Imran Malik", "Julia Byrne", "Kieran Walsh", "Laura Moss",
)  # fmt: skip
PORTABILITY_FROM = dt.date(2025, 4, 1)
WITHDRAWAL = (
    dt.date(2026, 1, 31),
    "New owners are reviewing all agreements; they expect to sign again.",
)
