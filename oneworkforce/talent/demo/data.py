"""The demo talent hub's invented data: campaigns, names, how often barriers occur and who
supports them, vacancies, and the equality answers drawn from. Every person is invented."""

from __future__ import annotations

from dataclasses import dataclass

from oneworkforce.partners.choices import Sector

from ..models import BarrierKind, Channel, Hours, InterventionKind


@dataclass(frozen=True)
class DemoCampaign:
    slug: str
    name: str
    community: str
    venue: str
    channel: str
    districts: tuple[str, ...]
    months_ago: int
    partners: tuple[str, ...]  # organisation names
    english: float  # share of people for whom English is a barrier
    welcome: str


CAMPAIGNS = (
    DemoCampaign(
        "harehills-jobs-in-care",
        "Jobs in care: Harehills",
        "Harehills",
        "Harehills community centre",
        Channel.COMMUNITY_CENTRE,
        ("LS8", "LS9"),
        24,
        ("Brightpath Home Care", "Westdale College", "Westdale Council"),
        0.35,
        "Health and care employers near you are recruiting, and will help with training, "
        "English and travel.",
    ),
    DemoCampaign(
        "bradford-jobcentre-care-careers",
        "Care careers at the jobcentre",
        "Bradford Moor",
        "Bradford jobcentre",
        Channel.JOB_CENTRE,
        ("BD3", "BD1", "BD9"),
        20,
        ("Heatherlea Care Home", "Second Chances Employment Trust"),
        0.25,
        "Talk to us about paid work in care homes, home care and hospitals. No experience needed.",
    ),
    DemoCampaign(
        "veterans-into-health-and-care",
        "Veterans into health and care",
        "Wakefield",
        "Veterans' breakfast club",
        Channel.VETERANS,
        ("WF1", "WF2", "WF3"),
        16,
        ("Open Doors Supported Living", "Westdale Council"),
        0.02,
        "Your skills from service are needed in health and care.",
    ),
    DemoCampaign(
        "halifax-young-people-care-taster",
        "Care taster days for young people",
        "Halifax",
        "Westdale College open evening",
        Channel.SCHOOL,
        ("HX1", "HX3"),
        10,
        ("Westdale College", "Heatherlea Care Home", "Brightpath Home Care"),
        0.05,
        "Try a day in care and find out about apprenticeships.",
    ),
    DemoCampaign(
        "calderdale-home-care-online",
        "Home care in Calderdale (online)",
        "Calderdale",
        "",
        Channel.SOCIAL_MEDIA,
        ("HX1", "HX3", "HD1"),
        6,
        ("Brightpath Home Care",),
        0.08,
        "Flexible home care work near you, with paid training.",
    ),
)

FIRST = [
    "Aisha",
    "Amir",
    "Bilal",
    "Chloe",
    "Daniel",
    "Ewa",
    "Fatima",
    "Grace",
    "Hassan",
    "Imran",
    "Jade",
    "Jamal",
    "Kasia",
    "Leah",
    "Liam",
    "Maryam",
    "Mohammed",
    "Nadia",
    "Olivia",
    "Omar",
    "Priya",
    "Rania",
    "Ryan",
    "Sabina",
    "Samuel",
    "Sara",
    "Tariq",
    "Tomasz",
    "Uzma",
    "Wei",
    "Yusuf",
    "Zainab",
    "Connor",
    "Shannon",
    "Kieran",
    "Megan",
    "Adebayo",
    "Blessing",
    "Chinedu",
    "Dawit",
    "Helen",
    "Iqra",
    "Joanne",
    "Kwame",
    "Luca",
    "Mariam",
    "Nathan",
    "Precious",
    "Rachel",
    "Stacey",
]
LAST = [
    "Ahmed",
    "Akhtar",
    "Baker",
    "Begum",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hussain",
    "Iqbal",
    "Jackson",
    "Khan",
    "Kowalski",
    "Mahmood",
    "Mensah",
    "Nowak",
    "Okafor",
    "Patel",
    "Rahman",
    "Riaz",
    "Robinson",
    "Shah",
    "Smith",
    "Taylor",
    "Thompson",
    "Walker",
    "Wilson",
    "Wright",
    "Yilmaz",
    "Zhang",
    "Asante",
    "Haile",
    "Moreno",
    "Novak",
]

# Chance that a candidate faces each barrier (English varies by campaign).
BARRIER_CHANCE = {
    BarrierKind.TRANSPORT: 0.34,
    BarrierKind.CONFIDENCE: 0.30,
    BarrierKind.QUALIFICATIONS: 0.28,
    BarrierKind.DIGITAL: 0.18,
    BarrierKind.CHILDCARE: 0.17,
    BarrierKind.CARING: 0.12,
    BarrierKind.HEALTH: 0.09,
    BarrierKind.HOUSING: 0.06,
    BarrierKind.CRIMINAL_RECORD: 0.05,
}
SUPPORT_FOR = {
    BarrierKind.ENGLISH: (InterventionKind.ESOL, "Westdale College", "ESOL course, 10 weeks"),
    BarrierKind.TRANSPORT: (InterventionKind.TRAVEL, "Westdale Council", "Bus pass for 3 months"),
    BarrierKind.CONFIDENCE: (
        InterventionKind.COACHING,
        "Second Chances Employment Trust",
        "Two interview coaching sessions",
    ),
    BarrierKind.QUALIFICATIONS: (
        InterventionKind.PRE_EMPLOYMENT,
        "Westdale College",
        "Three-week pre-employment programme in care",
    ),
    BarrierKind.DIGITAL: (
        InterventionKind.DIGITAL,
        "Community Kitchen Collective",
        "Digital skills drop-in and a loan laptop",
    ),
    BarrierKind.CHILDCARE: (
        InterventionKind.CHILDCARE,
        "Westdale Council",
        "Help to find funded childcare",
    ),
    BarrierKind.CARING: (
        InterventionKind.MENTORING,
        "Westdale Carers Together",
        "Carers' support and a plan for shifts",
    ),
    BarrierKind.CRIMINAL_RECORD: (
        InterventionKind.CHECKS,
        "Second Chances Employment Trust",
        "Advice on disclosure and the DBS check",
    ),
}

# (title, organisation name or sector to pick from, job family, work area, hours, postcode)
ROLES = (
    ("Home care worker", "Brightpath Home Care", "care_support", "social_care", Hours.FLEXIBLE),
    ("Home care worker (nights)", "Brightpath Home Care", "care_support", "social_care", "any"),
    ("Care assistant", "Heatherlea Care Home", "care_support", "social_care", Hours.FULL_TIME),
    ("Kitchen assistant", "Heatherlea Care Home", "estates", "social_care", Hours.PART_TIME),
    ("Support worker", "Open Doors Supported Living", "care_support", "social_care", "any"),
    ("Reablement support worker", "Westdale Council", "care_support", "council", "full_time"),
    ("Business support officer", "Westdale Council", "admin", "council", Hours.FULL_TIME),
    ("Receptionist", "Millbrook Surgery", "admin", "primary_care", Hours.PART_TIME),
    ("Care navigator", "Canal Side Health Centre", "admin", "primary_care", Hours.FULL_TIME),
    (
        "Community meals volunteer coordinator",
        "Community Kitchen Collective",
        "volunteer",
        "voluntary",
        Hours.PART_TIME,
    ),
    ("Healthcare support worker", Sector.NHS_ACUTE, "care_support", "hospital", "full_time"),
    ("Porter", Sector.NHS_ACUTE, "estates", "hospital", Hours.FULL_TIME),
    (
        "Mental health support worker",
        Sector.NHS_MENTAL_HEALTH,
        "care_support",
        "mental_health",
        "any",
    ),
    (
        "Community healthcare assistant",
        Sector.NHS_COMMUNITY,
        "care_support",
        "community",
        "full_time",
    ),
)

AGE_BANDS = ("16-24", "25-34", "35-44", "45-54", "55-64")
ETHNICITY = ("asian", "black", "mixed", "white", "other", "prefer_not")
SEX = ("female", "male", "prefer_not")
