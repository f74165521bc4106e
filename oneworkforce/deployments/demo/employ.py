"""Demo employ-and-deploy: a community trust (the lead employer) employs staff in additional
roles for four primary care networks and deploys them to their GP practices.

The networks, practices, staff and the two demo people are invented (``is_demo=True``); the
lead employer is the partnership's NHS community trust when the demo has one. Deterministic
and safe to run twice: records are found by slug, e-mail or name and brought up to date.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.models import Organisation, Place, RoleGrant, User

from ..models import AgreedPost, Agreement, Employment, FundingSource

DEMO_DOMAIN = "demo.example.org"
SLUG = "primary-care-additional-roles"
INVENTED_NOTE = " (An invented example partner.)"
FALLBACK_LEAD = (
    "westdale-community-health-services",
    "Westdale Community Health Services",
    "Community nursing, therapies and the lead employer for the primary care networks' "
    "additional roles.",
)

# key: (slug, name, sector, place slug, summary)
ORGANISATIONS = {
    "millbrook": (
        "millbrook-and-hollins-primary-care-network",
        "Millbrook and Hollins Primary Care Network",
        Sector.PCN,
        "bradford-district-and-craven",
        "Four practices working together with pharmacists, paramedics and social prescribers.",
    ),
    "north": (
        "westdale-north-primary-care-network",
        "Westdale North Primary Care Network",
        Sector.PCN,
        "leeds",
        "Two practices in the north of Westdale sharing additional roles.",
    ),
    "calder": (
        "calder-bridges-primary-care-network",
        "Calder Bridges Primary Care Network",
        Sector.PCN,
        "calderdale",
        "Practices along the valley working together on medicines and social prescribing.",
    ),
    "rivers": (
        "three-rivers-primary-care-network",
        "Three Rivers Primary Care Network",
        Sector.PCN,
        "wakefield",
        "Town and village practices sharing care coordinators and physiotherapists.",
    ),
    "millbrook-surgery": (
        "millbrook-surgery",
        "Millbrook Surgery",
        Sector.GP_PRACTICE,
        "bradford-district-and-craven",
        "A GP practice serving 9,000 patients.",
    ),
    "hollins": (
        "hollins-lane-medical-practice",
        "Hollins Lane Medical Practice",
        Sector.GP_PRACTICE,
        "calderdale",
        "A GP practice serving 12,000 patients.",
    ),
    "canal": (
        "canal-side-health-centre",
        "Canal Side Health Centre",
        Sector.GP_PRACTICE,
        "wakefield",
        "A GP practice and training practice.",
    ),
    "moorview": (
        "moorview-family-practice",
        "Moorview Family Practice",
        Sector.GP_PRACTICE,
        "kirklees",
        "A GP practice serving villages and a market town.",
    ),
    "kirkgate": (
        "kirkgate-lane-surgery",
        "Kirkgate Lane Surgery",
        Sector.GP_PRACTICE,
        "leeds",
        "A GP practice serving 7,500 patients.",
    ),
    "northfield": (
        "northfield-medical-practice",
        "Northfield Medical Practice",
        Sector.GP_PRACTICE,
        "leeds",
        "A GP practice with a large student population.",
    ),
    "calder-hc": (
        "calder-bridges-health-centre",
        "Calder Bridges Health Centre",
        Sector.GP_PRACTICE,
        "calderdale",
        "Two GP practices sharing one health centre.",
    ),
    "ryburn": (
        "ryburn-road-surgery",
        "Ryburn Road Surgery",
        Sector.GP_PRACTICE,
        "calderdale",
        "A small GP practice serving hill villages.",
    ),
    "three-rivers": (
        "three-rivers-family-practice",
        "Three Rivers Family Practice",
        Sector.GP_PRACTICE,
        "wakefield",
        "A GP practice serving 14,000 patients.",
    ),
    "orchard": (
        "orchard-lane-surgery",
        "Orchard Lane Surgery",
        Sector.GP_PRACTICE,
        "wakefield",
        "A GP practice in a former mining town.",
    ),
}
PCNS = ("millbrook", "north", "calder", "rivers")

CARE_COORDINATOR = "Care coordinator"
LINK_WORKER = "Social prescribing link worker"
COACH = "Health and wellbeing coach"
PHYSIO = "First contact physiotherapist"
PHARMACIST = "Clinical pharmacist"

# (PCN, job title, number agreed)
POSTS = (
    ("millbrook", CARE_COORDINATOR, 2),
    ("millbrook", LINK_WORKER, 2),
    ("millbrook", PHARMACIST, 1),
    ("north", CARE_COORDINATOR, 1),
    ("north", COACH, 1),
    ("north", PHYSIO, 1),
    ("calder", LINK_WORKER, 1),
    ("calder", PHARMACIST, 2),
    ("rivers", CARE_COORDINATOR, 2),
    ("rivers", COACH, 1),
    ("rivers", PHYSIO, 1),
)

# (name, job title, PCN, base practice, other practices, starts on, ends on)
STAFF = (
    ("Aisha Rahman", CARE_COORDINATOR, "millbrook", "millbrook-surgery", ("hollins",),
     dt.date(2025, 4, 1), None),
    ("Ben Holroyd", CARE_COORDINATOR, "millbrook", "hollins", ("canal", "moorview"),
     dt.date(2025, 5, 12), None),
    ("Chloe Barker", LINK_WORKER, "millbrook", "canal", ("millbrook-surgery", "moorview"),
     dt.date(2025, 4, 1), None),
    ("Daniel Kowalski", PHARMACIST, "millbrook", "moorview", ("millbrook-surgery",),
     dt.date(2025, 6, 2), dt.date(2025, 12, 31)),
    ("Esther Mensah", PHARMACIST, "millbrook", "millbrook-surgery", ("hollins", "canal"),
     dt.date(2026, 1, 12), None),
    ("Faisal Iqbal", CARE_COORDINATOR, "north", "kirkgate", ("northfield",),
     dt.date(2025, 4, 1), None),
    ("Grace Whitaker", COACH, "north", "northfield", (),
     dt.date(2025, 7, 7), None),
    ("Harry Sutcliffe", PHYSIO, "north", "kirkgate", ("northfield",),
     dt.date(2025, 9, 1), None),
    ("Isla Crowther", LINK_WORKER, "calder", "calder-hc", ("ryburn",),
     dt.date(2025, 4, 1), None),
    ("Jamal Ahmed", PHARMACIST, "calder", "ryburn", ("calder-hc",),
     dt.date(2025, 10, 6), None),
    ("Katie Oldroyd", CARE_COORDINATOR, "rivers", "three-rivers", ("orchard",),
     dt.date(2025, 4, 1), None),
    ("Liam Pearson", COACH, "rivers", "orchard", ("three-rivers",),
     dt.date(2025, 8, 4), None),
    ("Megan Firth", PHYSIO, "rivers", "three-rivers", ("orchard",),
     dt.date(2027, 1, 4), None),
)  # fmt: skip

# (e-mail key, name, job title, organisation key or None for the lead employer)
PEOPLE = (
    ("lead-employer-admin", "Nadia Quinn", "Primary care workforce manager", None),
    ("pcn-admin", "Owen Marsh", "Primary care network manager", "millbrook"),
)


def _organisation(slug: str, name: str, sector: str, place: str, summary: str) -> Organisation:
    """Found by slug, or created as an invented partner. An existing one (for example from the
    partnership's own demo) is left as it is."""
    found, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "sector": sector,
            "place": Place.objects.filter(slug=place).first(),
            "summary": summary + INVENTED_NOTE,
            "is_demo": True,
        },
    )
    return found


def _lead_employer() -> Organisation:
    """The partnership's NHS community trust (a real one before an invented one)."""
    trusts = Organisation.objects.active().filter(sector=Sector.NHS_COMMUNITY)
    found = trusts.order_by("is_demo", "name").first()
    if found is not None:
        return found
    slug, name, summary = FALLBACK_LEAD
    return _organisation(slug, name, Sector.NHS_COMMUNITY, "", summary)


def _people(lead: Organisation, organisations: dict[str, Organisation]) -> list[str]:
    listed = []
    for key, name, title, org_key in PEOPLE:
        organisation = organisations[org_key] if org_key else lead
        email = f"{key}@{DEMO_DOMAIN}"
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={"full_name": name, "job_title": title},
            create_defaults={
                "full_name": name,
                "job_title": title,
                "password": make_password(None),
            },
        )
        RoleGrant.objects.get_or_create(
            user=user,
            role=Role.PARTNER_ADMIN,
            organisation=organisation,
            faculty=None,
            revoked_at=None,
            defaults={"granted_by": None},
        )
        listed.append(f"{email} (partner admin of {organisation.name})")
    return listed


def load() -> str:
    organisations = {key: _organisation(*values) for key, values in ORGANISATIONS.items()}
    lead = _lead_employer()
    agreement, _ = Agreement.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Primary care additional roles",
            "lead_employer": lead,
            "funding": FundingSource.ARRS,
            "hr_services": "Recruitment, contracts, payroll and pensions, appraisal, "
            "occupational health, clinical supervision and statutory and mandatory training.",
            "service_level": "Vacancies advertised within 10 working days of notice; cover "
            "arranged for absences of more than 2 weeks; a report to each network every "
            "quarter.",
            "starts_on": dt.date(2025, 4, 1),
            "ends_on": dt.date(2028, 3, 31),
        },
    )
    agreement.pcns.set([organisations[key] for key in PCNS])
    for pcn, job_title, number in POSTS:
        AgreedPost.objects.update_or_create(
            agreement=agreement,
            pcn=organisations[pcn],
            job_title=job_title,
            defaults={"number": number},
        )
    for name, job_title, pcn, base, others, starts_on, ends_on in STAFF:
        person, _ = Employment.objects.update_or_create(
            agreement=agreement,
            name=name,
            defaults={
                "job_title": job_title,
                "pcn": organisations[pcn],
                "base_practice": organisations[base],
                "starts_on": starts_on,
                "ends_on": ends_on,
            },
        )
        person.practices.set([organisations[base], *(organisations[key] for key in others)])
    people = _people(lead, organisations)
    posts = sum(number for _, _, number in POSTS)
    return (
        f"employ and deploy: '{agreement.name}' led by {lead.name} with {len(PCNS)} primary "
        f"care networks, {posts} posts agreed, {len(STAFF)} staff; demo people: "
        + "; ".join(people)
    )
