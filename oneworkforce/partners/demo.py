"""The demo partnership: the real NHS organisations of one integrated care system, from NHS
England's published turnover benchmarking file, plus invented local partners, frameworks and
one person for each role. Loading is idempotent: run it as often as you like.

Source of the real organisations: NHS England, NHS Workforce Statistics - turnover
benchmarking (official statistics, Open Government Licence v3.0).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .choices import (
    AffiliationStatus,
    FrameworkKind,
    Level,
    PlaceKind,
    Relationship,
    Role,
    RoleFamily,
    Sector,
    WorkArea,
    WorkStatus,
)
from .models import (
    Affiliation,
    Faculty,
    Framework,
    Organisation,
    Place,
    RoleGrant,
    Signatory,
    Site,
    User,
)

DEFAULT_ICS = "QWO"  # NHS West Yorkshire
REQUIRED_COLUMNS = {
    "ICS_CODE",
    "ICS_NAME",
    "REPORTING_ORG_NAME",
    "REPORTING_ORG_CODE",
    "CLUSTER_GROUP",
}
CLUSTER_SECTORS = {
    "Acute": Sector.NHS_ACUTE,
    "Ambulance": Sector.NHS_AMBULANCE,
    "Community Provider Trust": Sector.NHS_COMMUNITY,
    "Mental Health": Sector.NHS_MENTAL_HEALTH,
    "Integrated Care Board": Sector.ICB,
}
# The five places of West Yorkshire, and words in organisation names that place them.
WEST_YORKSHIRE_PLACES = {
    "Bradford District and Craven": ("Bradford", "Airedale", "Craven"),
    "Calderdale": ("Calderdale", "Halifax"),
    "Kirklees": ("Kirklees", "Huddersfield", "Dewsbury"),
    "Leeds": ("Leeds",),
    "Wakefield": ("Wakefield", "Mid Yorkshire"),
}
DEMO_DOMAIN = "demo.example.org"


class DemoDataError(Exception):
    pass


@dataclass(frozen=True)
class RealOrganisation:
    code: str
    name: str
    sector: str


@dataclass
class DemoSummary:
    ics_code: str
    ics_name: str
    real: int = 0
    invented: int = 0
    sites: int = 0
    signatories: int = 0
    people: list[tuple[str, str]] = field(default_factory=list)


def turnover_file(data_dir: Path) -> Path:
    folder = data_dir / "real" / "nhs_workforce" / "turnover"
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise DemoDataError(f"No turnover benchmarking CSV found in {folder}")
    return files[-1]


def read_ics(path: Path, ics_code: str) -> tuple[str, list[RealOrganisation]]:
    """The ICS's name and its reporting organisations, in the file's order of first mention."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise DemoDataError(f"{path.name} line 1: missing columns {', '.join(sorted(missing))}")
        names: dict[str, str] = {}
        found: dict[str, RealOrganisation] = {}
        for row in reader:
            names.setdefault(row["ICS_CODE"], row["ICS_NAME"])
            if row["ICS_CODE"] != ics_code or row["REPORTING_ORG_CODE"] in found:
                continue
            found[row["REPORTING_ORG_CODE"]] = RealOrganisation(
                code=row["REPORTING_ORG_CODE"].strip().upper(),
                name=row["REPORTING_ORG_NAME"].strip(),
                sector=CLUSTER_SECTORS.get(row["CLUSTER_GROUP"].strip(), Sector.INDEPENDENT),
            )
    if ics_code not in names:
        known = ", ".join(f"{code} ({name})" for code, name in sorted(names.items()))
        raise DemoDataError(f"No ICS with code {ics_code} in {path.name}. Known: {known}")
    return names[ics_code], list(found.values())


@dataclass(frozen=True)
class Invented:
    key: str
    name: str
    sector: str
    summary: str
    sites: tuple[tuple[str, str], ...]


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
        RoleFamily.CARE_SUPPORT,
        WorkArea.SOCIAL_CARE,
        Level.ENTRY,
    ),
    (
        "partner-admin",
        "Priya Shah",
        "Education and workforce lead",
        RoleFamily.MANAGEMENT,
        WorkArea.HOSPITAL,
        Level.SENIOR,
    ),
    (
        "care-admin",
        "Tom Brennan",
        "Registered manager",
        RoleFamily.MANAGEMENT,
        WorkArea.SOCIAL_CARE,
        Level.SENIOR,
    ),
    (
        "partnership-admin",
        "Alex Morgan",
        "Academy programme manager",
        RoleFamily.MANAGEMENT,
        WorkArea.COMMISSIONING,
        Level.SENIOR,
    ),
    (
        "talent-coordinator",
        "Sam Okafor",
        "Talent hub coordinator",
        RoleFamily.ADMIN,
        WorkArea.COMMISSIONING,
        Level.EXPERIENCED,
    ),
    (
        "faculty-lead",
        "Helen Ward",
        "Nursing faculty lead",
        RoleFamily.NURSING,
        WorkArea.COMMUNITY,
        Level.SENIOR,
    ),
    (
        "partner-representative",
        "Chris Lee",
        "Director of adult social care",
        RoleFamily.MANAGEMENT,
        WorkArea.COUNCIL,
        Level.SENIOR,
    ),
    (
        "analyst",
        "Maya Fernandes",
        "Workforce intelligence analyst",
        RoleFamily.ADMIN,
        WorkArea.COMMISSIONING,
        Level.EXPERIENCED,
    ),
)


def _place_for(name: str, places: dict[str, Place], system: Place) -> Place:
    for place_name, words in WEST_YORKSHIRE_PLACES.items():
        if place_name in places and any(word in name for word in words):
            return places[place_name]
    return system


def _organisation(slug: str, **values: object) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(slug=slug, defaults=values)
    return organisation


def _sites(organisation: Organisation, sites: tuple[tuple[str, str], ...]) -> int:
    for name, postcode in sites:
        Site.objects.update_or_create(
            organisation=organisation, name=name, defaults={"postcode": postcode}
        )
    return len(sites)


SIGNERS = (
    "Anita Rowe", "Ben Carter", "Claire Dunn", "David Osei", "Emma Hughes", "Farah Khan",
    "Gareth Lloyd", "Hannah Price", "Imran Malik", "Julia Byrne", "Kieran Walsh", "Laura Moss",
)  # fmt: skip


def _signer(organisation: Organisation) -> str:
    return SIGNERS[organisation.pk % len(SIGNERS)]


def _sign(
    framework: Framework,
    organisation: Organisation,
    signed_on: dt.date,
    name: str,
    title: str,
    withdrawn: tuple[dt.date, str] | None = None,
) -> None:
    Signatory.objects.update_or_create(
        framework=framework,
        organisation=organisation,
        signed_on=signed_on,
        defaults={
            "signed_by_name": name,
            "signed_by_job_title": title,
            "withdrawn_on": withdrawn[0] if withdrawn else None,
            "withdrawal_reason": withdrawn[1] if withdrawn else "",
        },
    )


@transaction.atomic
def load(*, data_dir: Path, ics_code: str = DEFAULT_ICS) -> DemoSummary:
    ics_code = ics_code.strip().upper()
    ics_name, real = read_ics(turnover_file(data_dir), ics_code)
    summary = DemoSummary(ics_code=ics_code, ics_name=ics_name)

    system, _ = Place.objects.update_or_create(
        slug=slugify(ics_name),
        defaults={"name": ics_name, "kind": PlaceKind.SYSTEM, "code": ics_code},
    )
    places: dict[str, Place] = {}
    if ics_code == DEFAULT_ICS:
        for place_name in WEST_YORKSHIRE_PLACES:
            places[place_name], _ = Place.objects.update_or_create(
                slug=slugify(place_name),
                defaults={"name": place_name, "kind": PlaceKind.PLACE, "parent": system},
            )
    place_list = list(places.values()) or [system]

    organisations: dict[str, Organisation] = {}
    for item in real:
        existing = Organisation.objects.filter(ods_code=item.code).first()
        slug = existing.slug if existing else slugify(item.name)[:100]
        organisations[item.code] = _organisation(
            slug,
            name=item.name,
            sector=item.sector,
            ods_code=item.code,
            place=_place_for(item.name, places, system),
            is_demo=False,
            summary=f"An NHS organisation in {ics_name}. Part of the demonstration partnership.",
        )
        summary.real += 1
    for index, item in enumerate(INVENTED):
        organisations[item.key] = _organisation(
            slugify(item.name),
            name=item.name,
            sector=item.sector,
            place=place_list[index % len(place_list)],
            is_demo=True,
            summary=item.summary + " (An invented example partner.)",
        )
        summary.invented += 1
        summary.sites += _sites(organisations[item.key], item.sites)

    frameworks = {
        slug: Framework.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "summary": text}
        )[0]
        for slug, (name, kind, text) in FRAMEWORKS.items()
    }
    portability, talent = (
        frameworks["staff-portability-framework"],
        frameworks["talent-management-mou"],
    )
    trusts = [organisations[r.code] for r in real if r.sector != Sector.ICB]
    icbs = [organisations[r.code] for r in real if r.sector == Sector.ICB]
    for n, organisation in enumerate(trusts + icbs):
        _sign(
            portability,
            organisation,
            dt.date(2025, 4, 1) + dt.timedelta(days=7 * n),
            _signer(organisation),
            "Chief people officer",
        )
    for key in ("council", "home-care", "supported-living", "carers", "confederation"):
        organisation = organisations[key]
        _sign(portability, organisation, dt.date(2025, 6, 2), _signer(organisation), "Director")
    _sign(
        portability,
        organisations["care-home"],
        dt.date(2025, 6, 2),
        _signer(organisations["care-home"]),
        "Registered manager",
        withdrawn=(
            dt.date(2026, 1, 31),
            "New owners are reviewing all agreements; they expect to sign again.",
        ),
    )
    for key in ("council", "college", "second-chances", "carers", "kitchen", "home-care"):
        organisation = organisations[key]
        _sign(talent, organisation, dt.date(2025, 9, 15), _signer(organisation), "Chief executive")
    for organisation in (icbs + trusts)[:3]:
        _sign(
            talent,
            organisation,
            dt.date(2025, 9, 15),
            _signer(organisation),
            "Chief people officer",
        )
    summary.signatories = Signatory.objects.filter(framework__in=frameworks.values()).count()

    acute = [organisations[r.code] for r in real if r.sector == Sector.NHS_ACUTE]
    host = (acute or trusts or icbs or [organisations["council"]])[0]
    people: dict[str, User] = {}
    for key, name, title, family, area, level in PEOPLE:
        email = f"{key}@{DEMO_DOMAIN}"
        people[key], _ = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "job_title": title,
                "role_family": family,
                "work_area": area,
                "level": level,
                "work_status": WorkStatus.PARTNER,
            },
        )
        summary.people.append((email, name))

    def grant(
        person: str,
        role: str,
        organisation: Organisation | None = None,
        faculty: Faculty | None = None,
    ) -> None:
        RoleGrant.objects.get_or_create(
            user=people[person],
            role=role,
            organisation=organisation,
            faculty=faculty,
            revoked_at=None,
        )

    grant("partner-admin", Role.PARTNER_ADMIN, host)
    grant("care-admin", Role.PARTNER_ADMIN, organisations["home-care"])
    grant("partnership-admin", Role.PARTNERSHIP_ADMIN)
    grant("talent-coordinator", Role.TALENT_COORDINATOR)
    nursing, _ = Faculty.objects.get_or_create(
        slug="nursing-and-midwifery", defaults={"name": "Nursing and midwifery", "position": 4}
    )
    grant("faculty-lead", Role.FACULTY_LEAD, faculty=nursing)
    grant("partner-representative", Role.PARTNER_REPRESENTATIVE, organisations["council"])
    grant("analyst", Role.ANALYST)

    def affiliate(person: str, organisation: Organisation, status: str, relationship: str) -> None:
        current = (
            Affiliation.objects.open()
            .filter(user=people[person], organisation=organisation)
            .first()
        )
        if current is None:
            Affiliation.objects.create(
                user=people[person],
                organisation=organisation,
                relationship=relationship,
                status=status,
            )

    affiliate(
        "learner", organisations["home-care"], AffiliationStatus.CONFIRMED, Relationship.EMPLOYEE
    )
    affiliate("learner", host, AffiliationStatus.PENDING, Relationship.BANK)
    affiliate("partner-admin", host, AffiliationStatus.CONFIRMED, Relationship.EMPLOYEE)
    affiliate(
        "care-admin", organisations["home-care"], AffiliationStatus.CONFIRMED, Relationship.EMPLOYEE
    )
    return summary
