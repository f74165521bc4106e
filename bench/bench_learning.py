"""Learning portal on PostgreSQL: 20,000 opportunities, 100,000 learners, 1,000,000 bookings.

Figures: catalogue search (in process and through the JSON API on gunicorn), the booking
endpoint under 100 concurrent clients, and 500 people trying for a 20-place session at once.
Targets from the issue: search p95 under 100 ms; the booking endpoint holds 100 clients; the
500 attempts end with exactly 20 booked and the rest waitlisted in arrival order, no error.

The load comes from a second process (bench/learning_load.py) on 127.0.0.1. On any database
other than PostgreSQL the benchmark runs itself again under scripts/with-postgres (a
throwaway cluster) and prints that run's figures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from bench.postgres import (
    copy_rows,
    default_new_columns,
    free_port,
    next_id,
    rerun_under_postgres,
    reset_sequence,
    settle,
)

NAME = "learning"
ROOT = Path(__file__).resolve().parent.parent
CHILD_FLAG = "ONEWORKFORCE_BENCH_LEARNING_CHILD"

OPPORTUNITIES = 20_000
LEARNERS = 100_000
BOOKINGS = 1_000_000
LOAD_CLIENTS = 100
LOAD_SECONDS = 15
BURST_CLIENTS = 500
BURST_CAPACITY = 20
DEFAULTS_SECONDS = 10
# Learners kept free of generated bookings: the clients of the load runs and of the burst.
RESERVED = 2 * LOAD_CLIENTS + BURST_CLIENTS
SEARCH_TARGET_MS = 100.0
# gunicorn tuned for 2 cores: two processes share the Python work, threads overlap the waits
# on PostgreSQL, and each thread keeps its database connection (DATABASE_CONN_MAX_AGE). Tried
# on a 2-core machine: 3 or 4 workers x 8 threads gave about the same requests/s with a tail
# up to twice as long; 5 sync workers were slowest. BENCH_GUNICORN_CLASS, _WORKERS, _THREADS
# and BENCH_CONN_MAX_AGE in the environment override these.
GUNICORN_CLASS = os.environ.get("BENCH_GUNICORN_CLASS", "gthread")
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "2"))
GUNICORN_THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "16"))
CONN_MAX_AGE = os.environ.get("BENCH_CONN_MAX_AGE", "60")
SEED = 20_250_601
LOADED_TABLES = [
    "partners_organisation",
    "partners_user",
    "learning_opportunity",
    "learning_opportunity_topics",
    "learning_session",
    "learning_booking",
]

PLACES = [
    "Leeds", "Bradford", "Calderdale", "Kirklees", "Wakefield", "Harrogate", "Craven",
    "Airedale", "Halifax", "Huddersfield", "Dewsbury", "Pontefract", "Keighley", "Batley",
]  # fmt: skip
PROVIDER_KINDS = [
    ("{} Teaching Hospitals NHS Trust", "nhs_acute"),
    ("{} Community Health Services", "nhs_community"),
    ("{} and District Mental Health Partnership", "nhs_mental_health"),
    ("{} Council Adult Social Care", "local_authority"),
    ("{} Care Homes Group", "adult_social_care"),
    ("{} Home Care Services", "adult_social_care"),
    ("{} Carers Support", "vcse"),
    ("{} College Health and Care Academy", "education"),
    ("{} Central Primary Care Network", "pcn"),
    ("{} Hospice", "vcse"),
]
# Subject of the learning, the topic it belongs to, and the skills it teaches.
SUBJECTS = [
    ("Dementia awareness", "dementia", "communicate with people living with dementia"),
    ("Delirium recognition", "dementia", "tell delirium from dementia and act quickly"),
    ("Safeguarding adults", "safeguarding", "recognise abuse and neglect and report concerns"),
    ("Safeguarding children", "safeguarding", "follow local child protection procedures"),
    ("Domestic abuse awareness", "safeguarding", "ask about domestic abuse safely"),
    ("Modern slavery awareness", "safeguarding", "spot the signs of modern slavery"),
    ("Prevent duty", "safeguarding", "refer people at risk of radicalisation"),
    ("Infection prevention and control", "infection-prevention", "prevent and control infection"),
    ("Hand hygiene and PPE", "infection-prevention", "choose and use protective equipment"),
    (
        "Moving and handling",
        "moving-and-handling",
        "move people safely with hoists and slide sheets",
    ),
    (
        "Basic life support",
        "resuscitation-and-first-aid",
        "give chest compressions and use a defibrillator",
    ),
    ("Fire safety", "health-and-safety", "evacuate people safely from a building"),
    ("Health and safety at work", "health-and-safety", "assess risks in everyday work"),
    ("Conflict resolution", "health-and-safety", "calm tense situations"),
    ("Information governance and data security", "digital-skills", "keep personal data secure"),
    ("Digital skills for care", "digital-skills", "use digital tools to share care records safely"),
    ("Using electronic care records", "digital-skills", "record care accurately on a tablet"),
    ("Mental Capacity Act in practice", "safeguarding", "support people to make decisions"),
    ("Deprivation of liberty safeguards", "safeguarding", "apply the liberty protection rules"),
    (
        "Equality, diversity and human rights",
        "equality-diversity-and-inclusion",
        "challenge discrimination",
    ),
    (
        "Oliver McGowan training on learning disability and autism",
        "autism-and-learning-disability",
        "make reasonable adjustments for autistic people",
    ),
    (
        "Autism awareness",
        "autism-and-learning-disability",
        "adapt communication for autistic people",
    ),
    ("Positive behaviour support", "autism-and-learning-disability", "reduce restrictive practice"),
    ("Medicines management", "medicines", "handle medicines safely"),
    ("Epilepsy awareness and rescue medication", "medicines", "give buccal midazolam"),
    ("Falls prevention", "clinical-skills", "reduce the risk of falls at home"),
    ("Pressure ulcer prevention", "clinical-skills", "check skin and prevent pressure damage"),
    ("Wound care", "clinical-skills", "dress wounds and spot infection"),
    ("End of life care", "end-of-life-care", "support people and families at the end of life"),
    ("Advance care planning", "end-of-life-care", "have conversations about future care"),
    ("Nutrition and hydration", "nutrition-and-hydration", "spot malnutrition and dehydration"),
    ("Food hygiene", "nutrition-and-hydration", "prepare food safely"),
    (
        "Dysphagia and modified diets",
        "nutrition-and-hydration",
        "support people with swallowing difficulties",
    ),
    ("Oral health in care homes", "nutrition-and-hydration", "support mouth care"),
    ("Diabetes awareness", "clinical-skills", "recognise high and low blood sugar"),
    ("Stroke care", "clinical-skills", "support recovery after a stroke"),
    ("Heart failure in the community", "clinical-skills", "monitor weight and breathing"),
    ("Asthma and COPD management", "clinical-skills", "check inhaler technique"),
    ("Parkinson's awareness", "clinical-skills", "time medicines for Parkinson's"),
    ("Frailty and falls in older people", "clinical-skills", "use the clinical frailty scale"),
    ("Continence care", "clinical-skills", "promote continence with dignity"),
    ("Catheter care", "clinical-skills", "care for urinary catheters"),
    ("Venepuncture and cannulation", "clinical-skills", "take blood safely"),
    ("Clinical observations and NEWS2", "clinical-skills", "recognise early deterioration"),
    ("Sepsis recognition", "clinical-skills", "spot sepsis and escalate with SBAR"),
    ("Cervical screening sample taking", "clinical-skills", "take cervical screening samples"),
    ("Mental health first aid", "mental-health", "support someone in a mental health crisis"),
    ("Suicide prevention", "mental-health", "ask directly about suicide"),
    ("Trauma-informed care", "mental-health", "work in a trauma-informed way"),
    ("Resilience and wellbeing", "wellbeing", "look after your own wellbeing"),
    ("Menopause in the workplace", "wellbeing", "support colleagues through menopause"),
    ("Compassionate leadership", "leadership-and-management", "lead a team with compassion"),
    ("Coaching conversations", "supervision-and-coaching", "coach colleagues to solve problems"),
    (
        "Managing people and teams",
        "leadership-and-management",
        "manage rotas, supervision and appraisal",
    ),
    (
        "Leading change across organisations",
        "leadership-and-management",
        "lead a team through change",
    ),
    ("Quality improvement", "personal-development", "test changes with PDSA cycles"),
    ("Personalised care and support planning", "communication", "plan care with people"),
    ("Social prescribing", "communication", "connect people to community groups"),
    ("Making every contact count", "communication", "have healthy conversations"),
    ("Smoking cessation brief advice", "communication", "give very brief advice on smoking"),
    ("Alcohol identification and brief advice", "communication", "screen for risky drinking"),
    ("Care Certificate induction", "personal-development", "meet the Care Certificate standards"),
    ("Preceptorship for new registrants", "personal-development", "settle into a registered role"),
    ("Apprenticeship preparation", "personal-development", "prepare for an apprenticeship in care"),
    ("Carers awareness", "communication", "identify and support unpaid carers"),
]
TOPICS = sorted({topic for _, topic, _ in SUBJECTS})
QUALIFIERS = [
    "", "", "", "level 1", "level 2", "level 3", "refresher", "essentials", "for new starters",
    "for care home staff", "for home care workers", "in primary care", "for registered managers",
    "masterclass", "workshop", "for volunteers", "for support workers", "update", "in practice",
    "for nurses and nursing associates", "for allied health professionals",
]  # fmt: skip
METHODS = [
    "case studies from local services", "short videos and quizzes", "practical skills stations",
    "group discussion", "simulation with actors", "reflective practice", "a workbook you keep",
    "stories from people who use services and their carers",
]  # fmt: skip
SETTINGS_WORDS = [
    "care homes", "home care", "hospital wards", "community nursing teams", "GP practices",
    "supported living", "mental health services", "hospices", "day services",
]  # fmt: skip
AUDIENCES = [
    "Anyone who works or volunteers in health and care in the partnership.",
    "Care workers, healthcare assistants and support workers.",
    "Registered nurses, nursing associates and allied health professionals.",
    "Team leaders, registered managers and supervisors.",
    "Volunteers and unpaid carers working alongside our teams.",
    "New starters in their first year in health or social care.",
]
ACCREDITATIONS = ["", "", "", "CPD certified", "Skills for Care endorsed", "Level 3 award"]
KINDS = [
    ("e_learning", 30), ("virtual", 20), ("in_person", 25), ("course", 8), ("resource", 10),
    ("leadership", 7),
]  # fmt: skip
KIND_LABELS = {
    "e_learning": "E-learning",
    "virtual": "Online live session",
    "in_person": "In-person session",
    "course": "Course of several sessions",
    "resource": "Free resource or toolkit",
    "leadership": "Leadership and talent development",
}
DATED = {"virtual", "in_person", "course", "leadership"}
FIRST_NAMES = [
    "Amina", "Ben", "Chloe", "Daniel", "Ewa", "Fatima", "George", "Hannah", "Imran", "Jade",
    "Kwame", "Laura", "Mohammed", "Niamh", "Olu", "Priya", "Rhys", "Sara", "Tom", "Zofia",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Hussain", "Jones", "Khan", "Lewis", "Mistry",
    "Nowak", "Okafor", "Patel", "Roberts", "Smith", "Taylor", "Walker", "Wilson", "Wright",
]  # fmt: skip
WORK_AREAS = ["hospital", "community", "social_care", "primary_care", "mental_health", "voluntary"]

# What people type into the search box.
SEARCH_WORDS = [
    "dementia", "safeguarding", "falls", "autism", "medicines", "leadership", "sepsis", "care",
    "wound", "nutrition", "diabetes", "resilience", "coaching", "infection", "capacity",
    "epilepsy", "delirium", "stroke", "frailty", "catheter", "venepuncture", "menopause",
    "asthma", "hydration", "fire", "conflict", "wellbeing", "catheters", "apprenticeship",
    "preceptorship", "dysphagia", "suicide", "trauma", "PPE", "NEWS2", "carers", "diversity",
]  # fmt: skip
SEARCH_PHRASES = [
    "dementia awareness", "safeguarding adults", "moving and handling", "mental health",
    "end of life", "learning disability", "infection control", "basic life support",
    "care home", "home care", "falls prevention", "medicines management", "oral health",
    "leadership skills", "mental capacity", "pressure ulcers", "first aid", "care certificate",
    "digital skills", "wound care", "heart failure", "data security", "oliver mcgowan",
    "positive behaviour", "quality improvement", "social prescribing", "brief advice",
]  # fmt: skip


# Entry points ------------------------------------------------------------------------------


def setup() -> None:
    if connection.vendor == "postgresql":
        default_new_columns("learning", "partners")
        _LOADED.update(_load())


def run() -> Iterator[str]:
    if connection.vendor != "postgresql":
        yield from _under_postgres()
        return
    yield from _figures()


_LOADED: dict[str, Any] = {}


# Re-running under a throwaway PostgreSQL cluster --------------------------------------------


def _under_postgres() -> Iterator[str]:
    yield from rerun_under_postgres(NAME, CHILD_FLAG)


# Data --------------------------------------------------------------------------------------


def _ts(value: dt.datetime) -> str:
    return value.isoformat()


def _load() -> dict[str, Any]:
    from tqdm import tqdm

    from oneworkforce.learning.models import Topic
    from oneworkforce.partners.models import Organisation

    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now().replace(microsecond=0)
    null = r"\N"

    # Ids and names continue after whatever the database already holds.
    first_opportunity = next_id("learning_opportunity")
    first_session = next_id("learning_session")
    first_learner = next_id("partners_user")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=pattern.format(place),
            slug=f"bench-{slugify(pattern.format(place))}-{first_opportunity}",
            sector=sector,
            summary=f"A partner in {place}.",
            is_demo=True,
        )
        for place in PLACES
        for pattern, sector in PROVIDER_KINDS
    )
    # The topics every database is seeded with after migrating (learning/catalogue.py).
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=TOPICS)}
    if len(topics) != len(TOPICS):
        raise RuntimeError(f"Seeded topics missing: {sorted(set(TOPICS) - set(topics))}")

    # Opportunities, their topics, and their sessions (booked counts come from the bookings).
    opportunity_rows: list[str] = []
    topic_rows: list[str] = []
    sessions: list[dict[str, Any]] = []
    kinds, weights = zip(*KINDS, strict=True)
    for n in range(OPPORTUNITIES):
        pk = first_opportunity + n
        subject, topic, skill = rng.choice(SUBJECTS)
        qualifier = rng.choice(QUALIFIERS)
        title = f"{subject} {qualifier}".strip()
        kind = rng.choices(kinds, weights)[0]
        organisation = rng.choice(organisations)
        status = rng.choices(["published", "draft", "withdrawn"], [90, 5, 5])[0]
        other_skill = rng.choice(SUBJECTS)[2]
        summary = (
            f"{KIND_LABELS[kind]} on {subject.lower()} for people working in "
            f"{rng.choice(SETTINGS_WORDS)} and {rng.choice(SETTINGS_WORDS)}. You will learn how to "
            f"{skill} and {other_skill}, through {rng.choice(METHODS)}. Delivered by "
            f"{organisation.name} for the whole partnership."
        )
        who = rng.choice(AUDIENCES)
        accreditation = rng.choice(ACCREDITATIONS)
        extra = rng.sample(TOPICS, rng.randint(0, 2))
        its_topics = [topic, *(t for t in extra if t != topic)]
        topic_names = " ".join(topics[t].name for t in its_topics)
        search_body = " ".join(
            [summary, who, accreditation, organisation.name, KIND_LABELS[kind], topic_names]
        )
        published = now - dt.timedelta(days=rng.randint(1, 700))
        cost = 0 if rng.random() < 0.8 else rng.choice([2500, 5000, 12000, 45000])
        dated = kind in DATED
        approval = dated and rng.random() < 0.1
        sectors = (
            "[]"
            if rng.random() < 0.7
            else json.dumps(rng.sample(["adult_social_care", "nhs_acute", "vcse", "pcn"], 2))
        )
        opportunity_rows.append(
            "\t".join(
                [
                    str(pk),
                    f"{slugify(title)[:100]}-{pk}",
                    title,
                    summary,
                    kind,
                    status,
                    who,
                    sectors,
                    "[]",
                    str(rng.choice([30, 60, 90, 180, 360, 420])),
                    str(cost),
                    accreditation,
                    "" if dated else f"https://learning.example.org/{pk}",
                    "t" if approval else "f",
                    "48",
                    f"learning{organisation.pk}@example.org",
                    (now + dt.timedelta(days=rng.randint(30, 700))).date().isoformat(),
                    title,
                    search_body,
                    _ts(published) if status != "draft" else null,
                    _ts(now - dt.timedelta(days=1)) if status == "withdrawn" else null,
                    "Replaced by a new course." if status == "withdrawn" else "",
                    _ts(published),
                    _ts(published),
                    str(organisation.pk),
                ]
            )
        )
        topic_rows.extend(f"{pk}\t{topics[t].pk}" for t in its_topics)
        if not dated:
            continue
        for _ in range(rng.choice([1, 2, 2, 3])):
            starts = now.replace(minute=0, second=0) + dt.timedelta(
                hours=rng.randint(-200 * 24, 200 * 24)
            )
            cancelled = status == "withdrawn" or rng.random() < 0.03
            sessions.append(
                {
                    "pk": first_session + len(sessions),
                    "opportunity": pk,
                    "starts": starts,
                    "kind": kind,
                    "capacity": rng.randint(10, 30),
                    "cancelled": cancelled,
                    "approval": approval,
                    "draft": status == "draft",
                    "booked": 0,
                }
            )

    # Learners: the last RESERVED have no bookings yet (they are the clients of the load tests).
    learner_rows = []
    for n in range(LEARNERS):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        learner_rows.append(
            "\t".join(
                [
                    str(first_learner + n),
                    "!",
                    f"{first.lower()}.{last.lower()}.{first_learner + n}@example.org",
                    f"{first} {last}",
                    rng.choice(["Care worker", "Healthcare assistant", "Nurse", "Volunteer"]),
                    "care_support",
                    rng.choice(WORK_AREAS),
                    "",
                    "",
                    "",
                    "t",
                    _ts(now - dt.timedelta(days=rng.randint(1, 900))),
                ]
            )
        )
    bookable_learners = range(first_learner, first_learner + LEARNERS - RESERVED)

    # Bookings: a skewed share per session, in arrival order; places fill first, then the
    # waiting list (upcoming sessions only); about a third are cancelled along the way.
    shares = [0.0 if s["draft"] else rng.lognormvariate(0, 0.8) for s in sessions]
    scale = BOOKINGS / sum(shares)
    counts = [min(len(bookable_learners), int(share * scale)) for share in shares]
    open_sessions = [k for k, share in enumerate(shares) if share]
    for k in rng.sample(open_sessions, BOOKINGS - sum(counts)):
        counts[k] += 1
    booking_rows: list[str] = []
    org_ids = [o.pk for o in organisations]
    org_sector = {o.pk: o.sector for o in organisations}
    for session, count in zip(sessions, counts, strict=True):
        starts = session["starts"]
        upcoming = starts > now
        opened = starts - dt.timedelta(days=90)
        cancelled_at = min(now, starts) - dt.timedelta(days=2)
        latest = (cancelled_at if session["cancelled"] else min(now, starts)) - dt.timedelta(
            hours=1
        )
        span = max(1, int((latest - opened).total_seconds()))
        times = sorted(rng.randrange(span) for _ in range(count))
        learners = rng.sample(bookable_learners, count)
        for learner, offset in zip(learners, times, strict=True):
            created = _ts(opened + dt.timedelta(seconds=offset))
            waitlisted = attendance = null
            ended = null
            state = "cancelled"
            if session["cancelled"]:
                state, ended = "session_cancelled", _ts(cancelled_at)
            elif rng.random() < 0.3:
                ended = created
            elif session["booked"] < session["capacity"]:
                session["booked"] += 1
                state = "pending_approval" if session["approval"] and upcoming else "booked"
                if not upcoming:
                    attendance = "attended" if rng.random() < 0.88 else "absent"
            elif upcoming:
                state, waitlisted = "waitlisted", created
            else:
                ended = created
            organisation = rng.choice(org_ids) if rng.random() < 0.7 else None
            booking_rows.append(
                "\t".join(
                    [
                        state,
                        "" if attendance == null else attendance,
                        org_sector[organisation] if organisation else "",
                        created,
                        waitlisted,
                        ended,
                        str(learner),
                        str(organisation) if organisation else null,
                        str(session["pk"]),
                    ]
                )
            )
    session_rows = [
        "\t".join(
            [
                str(s["pk"]),
                _ts(s["starts"]),
                _ts(s["starts"] + dt.timedelta(hours=3 if s["kind"] != "course" else 6)),
                "Then weekly for five weeks" if s["kind"] == "course" else "",
                "t" if s["kind"] == "virtual" else "f",
                "" if s["kind"] == "virtual" else f"Training room {s['pk'] % 9 + 1}",
                str(s["capacity"]),
                str(s["booked"]),
                _ts(min(now, s["starts"]) - dt.timedelta(days=2)) if s["cancelled"] else null,
                str(s["opportunity"]),
            ]
        )
        for s in sessions
    ]
    generated = time.perf_counter() - started

    total = sum(map(len, [opportunity_rows, topic_rows, session_rows, learner_rows, booking_rows]))
    with tqdm(total=total, unit="rows", unit_scale=True, file=sys.stderr, leave=False) as bar:
        copy_rows(
            "learning_opportunity",
            [
                "id", "slug", "title", "summary", "kind", "status", "who_can_take",
                "audience_sectors", "audience_roles", "duration_minutes", "cost_pence",
                "accreditation", "link", "needs_approval", "hold_hours", "contact_email",
                "review_by", "search_title", "search_body", "published_at", "withdrawn_at",
                "withdrawal_reason", "created_at", "updated_at", "organisation_id",
            ],
            opportunity_rows,
            bar,
        )  # fmt: skip
        copy_rows("learning_opportunity_topics", ["opportunity_id", "topic_id"], topic_rows, bar)
        copy_rows(
            "learning_session",
            [
                "id", "starts_at", "ends_at", "schedule", "online", "venue", "capacity",
                "booked_count", "cancelled_at", "opportunity_id",
            ],
            session_rows,
            bar,
        )  # fmt: skip
        copy_rows(
            "partners_user",
            [
                "id", "password", "email", "full_name", "job_title", "job_family", "work_area",
                "level", "work_status", "other_organisation", "is_active", "date_joined",
            ],
            learner_rows,
            bar,
        )  # fmt: skip
        copy_rows(
            "learning_booking",
            [
                "state", "attendance", "learner_sector", "created_at", "waitlisted_at",
                "ended_at", "learner_id", "learner_organisation_id", "session_id",
            ],
            booking_rows,
            bar,
        )  # fmt: skip
    for table in ["learning_opportunity", "learning_session", "partners_user"]:
        reset_sequence(table)
    copied = time.perf_counter() - started - generated
    settle(LOADED_TABLES)
    analysed = time.perf_counter() - started - generated - copied
    states = Counter(r.split("\t", 1)[0] for r in booking_rows)
    upcoming_open = [s for s in sessions if s["starts"] > now and not s["cancelled"]]
    return {
        "seconds": (generated, copied, analysed),
        "counts": {
            "opportunities": len(opportunity_rows),
            "sessions": len(session_rows),
            "learners": len(learner_rows),
            "bookings": len(booking_rows),
        },
        "states": states,
        "full": sum(s["booked"] == s["capacity"] for s in upcoming_open),
        "upcoming": len(upcoming_open),
        "reserved": list(range(first_learner + LEARNERS - RESERVED, first_learner + LEARNERS)),
    }


# Figures -----------------------------------------------------------------------------------


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _summary(label: str, samples: list[float], target: float | None = None) -> str:
    line = (
        f"  {label:<44} p50 {statistics.median(samples):7.1f} ms   "
        f"p95 {_percentile(samples, 0.95):7.1f} ms   max {max(samples):7.1f} ms   "
        f"(n={len(samples)})"
    )
    if target is not None:
        met = "yes" if _percentile(samples, 0.95) < target else "NO"
        line += f"   p95 < {target:.0f} ms: {met}"
    return line


def _figures() -> Iterator[str]:
    from django.db.models import F

    from oneworkforce.learning.models import Booking, Opportunity, Session

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    yield (
        f"  machine: {os.cpu_count()} cores ({affinity} usable), load average {load} "
        f"before the run; PostgreSQL {version}"
    )
    generated, copied, analysed = _LOADED["seconds"]
    counts = _LOADED["counts"]
    yield (
        f"  data: {counts['opportunities']:,} opportunities, {counts['sessions']:,} sessions, "
        f"{counts['learners']:,} learners, {counts['bookings']:,} bookings"
    )
    states = ", ".join(f"{state} {n:,}" for state, n in _LOADED["states"].most_common())
    yield f"    bookings by state: {states}"
    yield f"    upcoming sessions full: {_LOADED['full']:,} of {_LOADED['upcoming']:,}"
    yield (
        f"    loaded in {generated + copied + analysed:.1f} s (generate {generated:.1f} s, "
        f"COPY {copied:.1f} s, VACUUM ANALYZE {analysed:.1f} s)"
    )
    assert Booking.objects.count() >= BOOKINGS and Opportunity.objects.count() >= OPPORTUNITIES

    queries = _search_queries()
    yield from _search_in_process(queries)
    reserved = _LOADED["reserved"]
    yield (
        f"  gunicorn: {GUNICORN_CLASS}, {GUNICORN_WORKERS} workers x {GUNICORN_THREADS} threads, "
        f"production settings, DATABASE_CONN_MAX_AGE={CONN_MAX_AGE}; load from a second process"
    )
    with _gunicorn(CONN_MAX_AGE) as port:
        yield from _search_over_http(port, queries)
        yield from _booking_load(port, reserved[:LOAD_CLIENTS], LOAD_SECONDS)
        yield from _burst(port, reserved[LOAD_CLIENTS : LOAD_CLIENTS + BURST_CLIENTS])
    yield (
        f"  booking endpoint again, {LOAD_CLIENTS} clients for {DEFAULTS_SECONDS} s, with the "
        "settings' default DATABASE_CONN_MAX_AGE=0 (a new connection for every request):"
    )
    with _gunicorn("0") as port:
        yield from _booking_load(port, reserved[-LOAD_CLIENTS:], DEFAULTS_SECONDS, brief=True)
    overbooked = Session.objects.filter(booked_count__gt=F("capacity")).count()
    yield f"  sessions over capacity after the run: {overbooked}"
    yield f"  load average after the run: {', '.join(f'{n:.1f}' for n in os.getloadavg())}"


# Search ------------------------------------------------------------------------------------


def _search_queries() -> list[tuple[str, Any, dict[str, Any]]]:
    """(category, Criteria, API parameters) for a few hundred realistic searches."""
    from oneworkforce.learning.catalogue.search import Criteria

    rng = random.Random(SEED + 1)
    today = timezone.localdate()
    queries = []

    def filters() -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for name in rng.sample(["free", "places", "kind", "topic", "dates", "sort"], 2):
            if name in ("free", "places"):
                chosen[name] = True
            elif name == "kind":
                chosen["kind"] = rng.sample(["e_learning", "virtual", "in_person", "course"], 2)
            elif name == "topic":
                chosen["topic"] = [rng.choice(TOPICS)]
            elif name == "dates":
                chosen["date_from"] = today.isoformat()
                chosen["date_to"] = (today + dt.timedelta(days=rng.choice([30, 90]))).isoformat()
            else:
                chosen["sort"] = rng.choice(["soonest", "newest", "title"])
        return chosen

    plan = [("one word", 100, False), ("two words", 80, False), ("words and filters", 80, True)]
    for category, count, filtered in plan:
        for _ in range(count):
            if category == "one word":
                q = rng.choice(SEARCH_WORDS)
            else:
                q = rng.choice(SEARCH_PHRASES if rng.random() < 0.7 else SEARCH_WORDS)
            queries.append((category, {"q": q, **(filters() if filtered else {})}))
    queries += [("filters only (browse)", filters()) for _ in range(40)]

    def criteria(params: dict[str, Any]) -> Any:
        return Criteria(
            q=params.get("q", ""),
            kinds=params.get("kind", []),
            topics=params.get("topic", []),
            date_from=dt.date.fromisoformat(params["date_from"]) if "date_from" in params else None,
            date_to=dt.date.fromisoformat(params["date_to"]) if "date_to" in params else None,
            free=params.get("free", False),
            places=params.get("places", False),
            sort=params.get("sort", ""),
        )

    return [(category, criteria(params), params) for category, params in queries]


def _search_in_process(queries: list[tuple[str, Any, dict[str, Any]]]) -> Iterator[str]:
    from oneworkforce.learning.catalogue.search import search

    def one(criteria: Any) -> tuple[float, int]:
        started = time.perf_counter()
        found = search(criteria)
        total = found.count()
        page = list(found[:20])
        assert len(page) == min(20, total)
        return (time.perf_counter() - started) * 1000, total

    for _, criteria, _ in queries[::10]:
        one(criteria)  # warm-up
    by_category: dict[str, list[float]] = {}
    totals: list[int] = []
    slowest: list[tuple[float, dict[str, Any]]] = []
    for category, criteria, params in queries:
        ms, total = one(criteria)
        by_category.setdefault(category, []).append(ms)
        totals.append(total)
        slowest.append((ms, params))
    yield "  catalogue search, in process (search() + count + first page of 20):"
    for category, samples in by_category.items():
        yield _summary(f"  {category}", samples)
    everything = [ms for samples in by_category.values() for ms in samples]
    yield _summary("  all searches", everything, SEARCH_TARGET_MS)
    yield f"    results per search: median {statistics.median(totals):,.0f}, max {max(totals):,}"
    slowest.sort(key=lambda pair: -pair[0])
    for ms, params in slowest[:3]:
        yield f"    slow: {ms:6.1f} ms  {urllib.parse.urlencode(params, doseq=True)}"


def _search_over_http(port: int, queries: list[tuple[str, Any, dict[str, Any]]]) -> Iterator[str]:
    paths = [
        "/api/v1/learning/opportunities?" + urllib.parse.urlencode(params, doseq=True)
        for _, _, params in queries
    ]
    _load_process({"mode": "get", "port": port, "paths": paths[::10]})  # warm-up
    results = _load_process({"mode": "get", "port": port, "paths": paths})
    bad = [r for r in results if r["status"] != 200]
    yield (
        "  catalogue search, GET /api/v1/learning/opportunities?... on gunicorn "
        "(the same searches, one at a time):"
    )
    yield _summary("  all searches", [r["ms"] for r in results], SEARCH_TARGET_MS)
    yield f"    non-200 answers: {len(bad)}"


# gunicorn and the load process --------------------------------------------------------------


@contextmanager
def _gunicorn(conn_max_age: str) -> Iterator[int]:
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="oneworkforce.config.settings.production",
        # The benchmark process mints the sessions, so the server signs with the same key.
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE=conn_max_age,
        DATABASE_URL=os.environ["DATABASE_URL"],
    )
    command = [
        sys.executable, "-m", "gunicorn", "oneworkforce.config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--worker-class", GUNICORN_CLASS,
        "--workers", str(GUNICORN_WORKERS), "--threads", str(GUNICORN_THREADS),
        "--backlog", "2048", "--timeout", "120",
    ]  # fmt: skip
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(  # noqa: S603 (this interpreter running gunicorn)
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(server, port, log)
            _GUNICORN["log"] = log
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


_GUNICORN: dict[str, Any] = {}
HEALTH_CHECK = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def _wait_until_up(server: subprocess.Popen[bytes], port: int, log: Any) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(HEALTH_CHECK)
                if probe.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _server_errors() -> int:
    log = _GUNICORN["log"]
    log.seek(0)
    return sum(1 for line in log if "Traceback" in line or " ERROR " in line)


def _load_process(job: dict[str, Any]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.learning_load"],
        cwd=ROOT,
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"The load process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _signed_in(learner_ids: list[int]) -> list[dict[str, str]]:
    """A signed-in session and a CSRF secret for each learner, as a browser would hold them."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string

    from oneworkforce.partners.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    clients = []
    for user in User.objects.filter(pk__in=learner_ids).order_by("pk"):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        clients.append({"cookie": session.session_key, "csrf": _get_new_csrf_string()})
    return clients


# Booking under load ------------------------------------------------------------------------


def _booking_load(
    port: int, learners: list[int], seconds: int, *, brief: bool = False
) -> Iterator[str]:
    from django.db.models import Count, F, Q

    from oneworkforce.learning.models import (
        ACTIVE_BOOKING_STATES,
        PLACE_HOLDING_STATES,
        Booking,
        Session,
    )

    clients = _signed_in(learners)
    soon = timezone.now() + dt.timedelta(days=1)
    pool = list(
        Session.objects.filter(
            starts_at__gt=soon, cancelled_at__isnull=True, opportunity__status="published"
        ).values_list("pk", flat=True)
    )
    rng = random.Random(SEED + learners[0])
    for client in clients:
        client["sessions"] = rng.sample(pool, min(len(pool), 400))
    results = _load_process({"mode": "book", "port": port, "seconds": seconds, "clients": clients})
    timing, requests = results[0], results[1:]
    began = timing["deadline"] - seconds
    ended = max(r["sent"] + r["ms"] / 1000 for r in requests)
    statuses = Counter(r["status"] for r in requests)
    states = Counter(r["state"] for r in requests if r["state"])
    unexpected = [r for r in requests if r["status"] not in (201, 409)]
    if not brief:
        yield (
            f"  booking endpoint, {len(clients)} concurrent clients for {seconds} s, each "
            "booking session after session with no pause:"
        )
    yield (
        f"    {len(requests):,} requests in {ended - began:.1f} s = "
        f"{len(requests) / (ended - began):,.0f} requests/s"
    )
    yield _summary("  POST /api/v1/learning/sessions/{id}/bookings", [r["ms"] for r in requests])
    yield (
        f"    answers: {', '.join(f'{s}: {n:,}' for s, n in sorted(statuses.items()))}; "
        f"states: {', '.join(f'{s} {n:,}' for s, n in states.most_common())}"
    )
    yield f"    errors (anything but 201 or 409): {len(unexpected)}"
    for r in unexpected[:3]:
        yield f"      {r['status']} {r['error'][:150]}"
    if brief:
        return
    made = Booking.objects.filter(learner_id__in=learners).count()
    mismatched = (
        Session.objects.filter(pk__in={s for c in clients for s in c["sessions"]})
        .annotate(holding=Count("bookings", filter=Q(bookings__state__in=PLACE_HOLDING_STATES)))
        .exclude(holding=F("booked_count"))
        .count()
    )
    duplicates = (
        Booking.objects.filter(learner_id__in=learners, state__in=ACTIVE_BOOKING_STATES)
        .values("session_id", "learner_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    yield f"    in the database: {made:,} bookings made (201 answers: {statuses.get(201, 0):,})"
    yield (
        f"    sessions whose booked_count differs from the places held: {mismatched}; "
        f"duplicate active bookings: {duplicates}"
    )
    yield f"    server errors logged by gunicorn: {_server_errors()}"


# 500 at once for 20 places ------------------------------------------------------------------


def _burst(port: int, learners: list[int]) -> Iterator[str]:
    from oneworkforce.learning.models import Booking, Opportunity, Session

    opportunity = (
        Opportunity.objects.filter(status="published", kind="in_person", needs_approval=False)
        .order_by("pk")
        .first()
    )
    assert opportunity is not None
    starts = timezone.now() + dt.timedelta(days=30)
    session = Session.objects.create(
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        venue="Main hall",
        capacity=BURST_CAPACITY,
    )
    clients = [dict(c, session=session.pk) for c in _signed_in(learners)]
    results = _load_process({"mode": "burst", "port": port, "clients": clients})
    elapsed = max(r["sent"] + r["ms"] / 1000 for r in results) - min(r["sent"] for r in results)
    statuses = Counter(r["status"] for r in results)
    answered = Counter(r["state"] for r in results if r["state"])
    session.refresh_from_db()
    rows = list(
        Booking.objects.filter(session=session)
        .order_by("id")
        .values("id", "state", "created_at", "waitlisted_at")
    )
    stored = Counter(row["state"] for row in rows)
    told = {r["id"]: r["state"] for r in results if r["id"]}
    disagree = sum(told.get(row["id"]) != row["state"] for row in rows) + len(
        told.keys() - {row["id"] for row in rows}
    )
    booked = [row for row in rows if row["state"] == "booked"]
    waiting = [row for row in rows if row["state"] == "waitlisted"]
    # The server's arrival order is the order it took the session's lock: booking ids.
    booked_first = bool(booked) and (not waiting or max(b["id"] for b in booked) < waiting[0]["id"])
    by_time = sorted(waiting, key=lambda row: (row["waitlisted_at"], row["id"]))
    out_of_order = sum(a["id"] != b["id"] for a, b in zip(waiting, by_time, strict=True))
    adjacent = sum(
        later["waitlisted_at"] < earlier["waitlisted_at"]
        for earlier, later in itertools.pairwise(waiting)
    )
    last_booked = max((b["created_at"] for b in booked), default=None)
    earlier_but_waiting = sum(
        1 for w in waiting if last_booked is not None and w["created_at"] < last_booked
    )
    exact = (
        stored.get("booked", 0) == BURST_CAPACITY
        and stored.get("waitlisted", 0) == BURST_CLIENTS - BURST_CAPACITY
        and len(rows) == BURST_CLIENTS
        and session.booked_count == BURST_CAPACITY
        and statuses == Counter({201: BURST_CLIENTS})
    )
    yield f"  {BURST_CLIENTS} concurrent attempts at one {BURST_CAPACITY}-place session:"
    yield _summary("  POST .../bookings, all released at once", [r["ms"] for r in results])
    yield f"    first request sent to last answer: {elapsed:.1f} s"
    yield (
        f"    answers: {', '.join(f'{s}: {n}' for s, n in sorted(statuses.items()))}; "
        f"states answered: {', '.join(f'{s} {n}' for s, n in answered.most_common())}"
    )
    yield (
        f"    in the database: {', '.join(f'{s} {n}' for s, n in stored.most_common())}; "
        f"booked_count {session.booked_count}; "
        f"exactly {BURST_CAPACITY} booked, the rest waitlisted, no error: "
        f"{'yes' if exact else 'NO'}"
    )
    yield f"    answers that disagree with the database: {disagree}"
    yield (
        "    every place given before anyone was waitlisted (id order): "
        f"{'yes' if booked_first else 'NO'}"
    )
    yield (
        f"    waiting list by waitlisted_at against arrival (id) order: {out_of_order} of "
        f"{len(waiting)} positions differ, {adjacent} adjacent pairs out of order; "
        f"{'yes' if out_of_order == 0 else 'NO'}"
    )
    yield (
        f"    waitlisted people stamped (created_at) before the last person given a place: "
        f"{earlier_but_waiting}"
    )
    for r in [r for r in results if r["status"] != 201][:3]:
        yield f"      {r['status']} {r['error'][:150]}"
    yield f"    server errors logged by gunicorn: {_server_errors()}"
