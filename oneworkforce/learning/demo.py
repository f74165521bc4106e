"""Demo learning: a few hundred invented listings from the demo partners, sessions in the coming
months, bookings with waiting lists, past attendance with completions, roles and
accepted-from rules. Deterministic and safe to run twice."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import geography
from oneworkforce.partners.choices import AffiliationStatus, Relationship, Sector
from oneworkforce.partners.models import Affiliation, Organisation, User

from .models import (
    AcceptedIssuer,
    Attendance,
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    Kind,
    Opportunity,
    Requirement,
    RoleProfile,
    Session,
    Status,
    Topic,
)

SEED = 2026
DEMO_DOMAIN = "demo.example.org"
# (title, topic slug, kind, requirement codes met, summary)
SUBJECTS: list[tuple[str, str, str, list[str], str]] = [
    (
        "Dementia awareness",
        "dementia",
        Kind.IN_PERSON,
        [],
        "What dementia is, how it affects people day to day, and small changes that help someone living with it.",
    ),
    (
        "Living well with dementia: care planning",
        "dementia",
        Kind.COURSE,
        [],
        "Planning care with people living with dementia and their families, over four short sessions.",
    ),
    (
        "Moving and handling people",
        "moving-and-handling",
        Kind.IN_PERSON,
        ["cstf-moving-handling-2"],
        "Safe techniques and equipment for helping people to move, practised in small groups.",
    ),
    (
        "Moving and handling: the basics",
        "moving-and-handling",
        Kind.E_LEARNING,
        ["cstf-moving-handling-1"],
        "The principles of safe moving and handling, for anyone whose work involves lifting or carrying.",
    ),
    (
        "Fire safety",
        "health-and-safety",
        Kind.E_LEARNING,
        ["cstf-fire-safety-1"],
        "Preventing fires, raising the alarm and helping people leave a building safely.",
    ),
    (
        "Fire safety for care settings",
        "health-and-safety",
        Kind.IN_PERSON,
        ["cstf-fire-safety-1"],
        "Fire safety where people need help to leave: evacuation aids, drills and night-time staffing.",
    ),
    (
        "Infection prevention and control",
        "infection-prevention",
        Kind.E_LEARNING,
        ["cstf-ipc-1"],
        "Hand hygiene, protective equipment and how infections spread.",
    ),
    (
        "Infection prevention for hands-on care",
        "infection-prevention",
        Kind.VIRTUAL,
        ["cstf-ipc-2"],
        "Infection prevention for people who give personal care: asepsis, outbreaks and waste.",
    ),
    (
        "Safeguarding adults",
        "safeguarding",
        Kind.VIRTUAL,
        ["cstf-safeguarding-adults-2"],
        "Recognising abuse and neglect, what to do and who to tell, with case studies from care at home.",
    ),
    (
        "Safeguarding children",
        "safeguarding",
        Kind.E_LEARNING,
        ["cstf-safeguarding-children-1"],
        "Recognising when a child may be at risk and how to raise a concern.",
    ),
    (
        "Basic life support",
        "resuscitation-and-first-aid",
        Kind.IN_PERSON,
        ["cstf-resuscitation-2-adult"],
        "Hands-on chest compressions, rescue breaths and using a defibrillator.",
    ),
    (
        "Information governance and data security",
        "digital-skills",
        Kind.E_LEARNING,
        ["cstf-information-governance-1"],
        "Keeping people's information safe and sharing it well.",
    ),
    (
        "Equality, diversity and human rights",
        "equality-diversity-and-inclusion",
        Kind.E_LEARNING,
        ["cstf-equality-1"],
        "Fair treatment, the law and what inclusion looks like at work.",
    ),
    (
        "Conflict resolution",
        "communication",
        Kind.VIRTUAL,
        ["cstf-conflict-resolution-1"],
        "Calming tense situations and keeping yourself and others safe.",
    ),
    (
        "Learning disability and autism: Tier 1",
        "autism-and-learning-disability",
        Kind.E_LEARNING,
        ["oliver-mcgowan-tier-1"],
        "Awareness of learning disability and autism, with people who live with them.",
    ),
    (
        "Learning disability and autism: Tier 2",
        "autism-and-learning-disability",
        Kind.IN_PERSON,
        ["oliver-mcgowan-tier-2"],
        "A full day, co-delivered by experts by experience, for people who may support autistic people or people with a learning disability.",
    ),
    (
        "Medicines in care at home",
        "medicines",
        Kind.COURSE,
        [],
        "Supporting people with their medicines safely, recording and when to ask for advice.",
    ),
    (
        "Mental health first aid",
        "mental-health",
        Kind.COURSE,
        [],
        "Spotting signs of mental ill health and guiding someone to support.",
    ),
    (
        "Nutrition and hydration",
        "nutrition-and-hydration",
        Kind.VIRTUAL,
        [],
        "Eating and drinking well in later life, spotting malnutrition and dehydration.",
    ),
    (
        "End of life care conversations",
        "end-of-life-care",
        Kind.IN_PERSON,
        [],
        "Talking with people and families about what matters at the end of life.",
    ),
    (
        "First-line leadership",
        "leadership-and-management",
        Kind.LEADERSHIP,
        [],
        "For new team leaders and supervisors in any setting: leading a team, giving feedback, looking after yourself.",
    ),
    (
        "Coaching conversations",
        "supervision-and-coaching",
        Kind.LEADERSHIP,
        [],
        "Coaching skills for supervision and everyday conversations at work.",
    ),
    (
        "Digital skills for care",
        "digital-skills",
        Kind.VIRTUAL,
        [],
        "Getting confident with care records, video calls and online learning.",
    ),
    (
        "Wellbeing and resilience",
        "wellbeing",
        Kind.VIRTUAL,
        [],
        "Looking after your own wellbeing in demanding work.",
    ),
    (
        "Wellbeing toolkit for teams",
        "wellbeing",
        Kind.RESOURCE,
        [],
        "Free activities and guides for team wellbeing sessions.",
    ),
    (
        "Personal development planning",
        "personal-development",
        Kind.RESOURCE,
        [],
        "A free workbook for planning your next steps in health and care.",
    ),
    (
        "Communication with people with sensory loss",
        "communication",
        Kind.IN_PERSON,
        [],
        "Practical ways to communicate well with people who have sight or hearing loss.",
    ),
]
LEARNERS = 160
LISTINGS_PER_PARTNER = 14
HOURS = (9, 10, 13, 14)


def _learners(rng: random.Random, partners: list[Organisation]) -> list[User]:
    existing = {u.email for u in User.objects.filter(email__startswith="learner-")}
    people: list[User] = []
    for n in range(LEARNERS):
        email = f"learner-{n:03}@{DEMO_DOMAIN}"
        if email not in existing:
            people.append(
                User(email=email, full_name=f"Demo learner {n:03}", work_status="partner")
            )
    User.objects.bulk_create(people)
    learners = list(User.objects.filter(email__startswith="learner-", email__endswith=DEMO_DOMAIN))
    affiliations = [
        Affiliation(
            user=person,
            organisation=rng.choice(partners),
            relationship=Relationship.EMPLOYEE,
            status=AffiliationStatus.CONFIRMED,
        )
        for person in learners
        if not person.affiliations.exists()
    ]
    Affiliation.objects.bulk_create(affiliations)
    return learners


def _listings(
    rng: random.Random, partners: list[Organisation], today: dt.date
) -> list[Opportunity]:
    topics = {t.slug: t for t in Topic.objects.all()}
    requirements = {r.code: r for r in Requirement.objects.all()}
    created = []
    for partner in partners:
        for title, topic, kind, codes, summary in rng.sample(SUBJECTS, LISTINGS_PER_PARTNER):
            slug = slugify(f"{title} {partner.slug}")[:110]
            listing = Opportunity.objects.create(
                organisation=partner,
                slug=slug,
                title=title,
                summary=summary,
                kind=kind,
                status=Status.PUBLISHED,
                who_can_take="Anyone who works or volunteers in health and care in the partnership.",
                audience_sectors=[]
                if rng.random() < 0.7
                else [rng.choice([Sector.ADULT_SOCIAL_CARE, Sector.GP_PRACTICE, Sector.VCSE])],
                duration_minutes=rng.choice([45, 90, 180, 360]),
                cost_pence=0 if rng.random() < 0.85 else rng.choice([2500, 5000, 12000]),
                accreditation="CPD certified" if rng.random() < 0.3 else "",
                link=f"https://learning.example.org/{slug}"
                if kind in (Kind.E_LEARNING, Kind.RESOURCE)
                else "",
                needs_approval=kind == Kind.LEADERSHIP,
                review_by=today + dt.timedelta(days=rng.randint(60, 400)),
                published_at=timezone.now() - dt.timedelta(days=rng.randint(1, 200)),
                search_title=title,
                search_body=f"{summary} {partner.name} {topics[topic].name}",
            )
            listing.topics.add(topics[topic])
            listing.requirements.add(*(requirements[c] for c in codes if c in requirements))
            created.append(listing)
    return created


def _sessions(rng: random.Random, listing: Opportunity, now: dt.datetime) -> list[Session]:
    if not listing.is_dated:
        return []
    site = listing.organisation.sites.first()
    sessions = []
    for offset in sorted(rng.sample(range(-60, 120), 3)):
        day = timezone.localtime(now).date() + dt.timedelta(days=offset)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.choice(HOURS))))
        sessions.append(
            Session.objects.create(
                opportunity=listing,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=3),
                online=listing.kind == Kind.VIRTUAL,
                site=site if listing.kind != Kind.VIRTUAL else None,
                venue="" if site or listing.kind == Kind.VIRTUAL else "Community venue",
                schedule="then three more weekly sessions" if listing.kind == Kind.COURSE else "",
                capacity=rng.choice([8, 12, 16, 20]),
            )
        )
    return sessions


def _bookings(rng: random.Random, session: Session, learners: list[User], now: dt.datetime) -> int:
    wanted = rng.randint(0, session.capacity + 5)
    people = rng.sample(learners, min(wanted, len(learners)))
    origin = {
        a.user_id: a.organisation
        for a in Affiliation.objects.filter(user__in=people).select_related("organisation")
    }
    past = session.starts_at < now
    bookings = []
    for index, person in enumerate(people):
        organisation = origin.get(person.pk)
        booked = index < session.capacity
        booking = Booking(
            session=session,
            learner=person,
            state=BookingState.BOOKED if booked else BookingState.WAITLISTED,
            learner_organisation=organisation,
            learner_sector=organisation.sector if organisation else "",
            created_at=session.starts_at - dt.timedelta(days=20 - index * 0.1),
            waitlisted_at=None
            if booked
            else session.starts_at - dt.timedelta(days=20 - index * 0.1),
        )
        if past and booked:
            booking.attendance = Attendance.ATTENDED if rng.random() < 0.88 else Attendance.ABSENT
        bookings.append(booking)
    if past:
        bookings = [b for b in bookings if b.state == BookingState.BOOKED]
    Booking.objects.bulk_create(bookings)
    session.booked_count = sum(b.state == BookingState.BOOKED for b in bookings)
    session.save(update_fields=["booked_count"])
    completions = [
        Completion(
            learner=b.learner,
            opportunity=session.opportunity,
            issuer=session.opportunity.organisation,
            booking=b,
            completed_on=timezone.localtime(session.ends_at).date(),
            source=CompletionSource.ATTENDANCE,
            state=CompletionState.VERIFIED,
        )
        for b in Booking.objects.filter(session=session, attendance=Attendance.ATTENDED)
    ]
    for completion in Completion.objects.bulk_create(completions):
        completion.requirements.set(session.opportunity.requirements.all())
    return len(bookings)


def _rules(partners: list[Organisation]) -> int:
    codes = [
        "cstf-fire-safety-1",
        "cstf-ipc-1",
        "cstf-moving-handling-1",
        "cstf-safeguarding-adults-2",
        "oliver-mcgowan-tier-1",
    ]
    needed = list(Requirement.objects.filter(code__in=codes))
    made = 0
    for partner in partners[:6]:
        role, created = RoleProfile.objects.get_or_create(
            organisation=partner, name="Care and support worker"
        )
        role.requirements.set(needed)
        made += created
        for issuer in partners:
            if issuer != partner and issuer.sector != partner.sector:
                AcceptedIssuer.objects.get_or_create(organisation=partner, issuer=issuer)
    learner = User.objects.filter(email=f"learner@{DEMO_DOMAIN}").first()
    first = (
        RoleProfile.objects.filter(name="Care and support worker")
        .order_by("organisation__name")
        .first()
    )
    if learner is not None and first is not None:
        first.members.add(learner)
    return made


@transaction.atomic
def load(**_: Any) -> str:
    geography.load_demo_postcodes()
    if Opportunity.objects.exists():
        return "learning: already loaded"
    rng = random.Random(SEED)
    now = timezone.now()
    partners = list(Organisation.objects.filter(is_active=True).order_by("slug"))
    if not partners:
        return "learning: no partners to provide learning"
    learners = _learners(rng, partners)
    listings = _listings(rng, partners, timezone.localdate())
    sessions = [s for listing in listings for s in _sessions(rng, listing, now)]
    bookings = sum(_bookings(rng, s, learners, now) for s in sessions)
    roles = _rules(partners)
    return (
        f"learning: {len(listings)} listings, {len(sessions)} sessions, {bookings} bookings, "
        f"{Completion.objects.count()} completions and {roles} roles added"
    )
