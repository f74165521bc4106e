"""Demo learning: a few hundred invented listings from the demo partners, sessions in the coming
months, bookings with waiting lists, past attendance with completions, job roles and
accepted-from rules. Deterministic and safe to run twice."""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import geography
from oneworkforce.partners.choices import AffiliationStatus, Relationship, Sector
from oneworkforce.partners.models import Affiliation, Organisation, User

from .bookings import places
from .cpd import demo as cpd_demo
from .evaluations import demo as evaluations_demo
from .models import (
    AcceptedIssuer,
    Attendance,
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    JobRole,
    Kind,
    Opportunity,
    Requirement,
    Session,
    Status,
    Topic,
)
from .programmes import demo as programmes_demo
from .workforce import demo as workforce_demo

SEED = 2026
# Invented venues in the demo partnership's districts (placed by the district centres).
VENUE_POSTCODES = ["LS6 3HN", "LS9 7TF", "BD7 1DP", "HX1 2QR", "HD1 2TA", "WF1 2EB", "LS28 7BE"]
DEMO_DOMAIN = "demo.example.org"
# (title, topic slug, kind, requirement codes met, summary), from data/demo_listings.toml
SUBJECTS: list[tuple[str, str, str, list[str], str]] = [
    (item["title"], item["topic"], item["kind"], item["requirements"], item["summary"])
    for item in tomllib.loads(
        (Path(__file__).parent / "data" / "demo_listings.toml").read_text(encoding="utf-8")
    )["listing"]
]
WHO_CAN_TAKE = "Anyone who works or volunteers in health and care in the partnership."
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
                who_can_take=WHO_CAN_TAKE,
                audience_sectors=[]
                if rng.random() < 0.7
                else [rng.choice([Sector.ADULT_SOCIAL_CARE, Sector.GP_PRACTICE, Sector.VCSE])],
                # Dated learning lasts as long as its sessions (three hours, see _sessions).
                duration_minutes=[180, rng.choice([45, 90, 180, 360])][kind not in Kind.dated()],
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
                venue_postcode=""
                if site or listing.kind == Kind.VIRTUAL
                else rng.choice(VENUE_POSTCODES),
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
        job_role, created = JobRole.objects.get_or_create(
            organisation=partner, name="Care and support worker"
        )
        job_role.requirements.set(needed)
        made += created
        for issuer in partners:
            if issuer != partner and issuer.sector != partner.sector:
                AcceptedIssuer.objects.get_or_create(organisation=partner, issuer=issuer)
    learner = User.objects.filter(email=f"learner@{DEMO_DOMAIN}").first()
    first = (
        JobRole.objects.filter(name="Care and support worker")
        .order_by("organisation__name")
        .first()
    )
    if learner is not None and first is not None:
        first.members.add(learner)
    return made


def _demo_learner_plans(now: dt.datetime) -> None:
    """The demo learner's next two sessions and a place offered from a waiting list, so their
    home has something waiting on them."""
    learner = User.objects.filter(email=f"learner@{DEMO_DOMAIN}").first()
    if learner is None:
        return
    coming = [
        s
        for s in Session.objects.filter(starts_at__gt=now + dt.timedelta(days=3))
        .exclude(bookings__learner=learner)
        .order_by("starts_at")[:20]
        if s.booked_count < s.capacity
    ][:3]
    organisation = learner.affiliations.filter(status="confirmed").first()
    for index, session in enumerate(coming):
        offered = index == 2
        Booking.objects.create(
            session=session,
            learner=learner,
            state=BookingState.OFFERED if offered else BookingState.BOOKED,
            learner_organisation=organisation.organisation if organisation else None,
            learner_sector=organisation.organisation.sector if organisation else "",
            offered_at=now if offered else None,
            offer_expires_at=now + dt.timedelta(days=2) if offered else None,
        )
        session.booked_count += 1
        session.save(update_fields=["booked_count"])


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
    workforce_demo.load(today=timezone.localdate(), domain=DEMO_DOMAIN)
    _demo_learner_plans(now)
    made = programmes_demo.load(now=now, domain=DEMO_DOMAIN)
    cpd = cpd_demo.load(email=f"learner@{DEMO_DOMAIN}", now=now)
    cpd += "; " + cpd_demo.load_social_worker(
        email=f"partner-representative@{DEMO_DOMAIN}", now=now
    )
    evaluations = evaluations_demo.load(now=now, leave_out=f"learner@{DEMO_DOMAIN}")
    places.sessions_place()
    return (
        f"learning: {len(listings)} listings, {len(sessions)} sessions, {bookings} bookings, "
        f"{Completion.objects.count()} completions, {evaluations} evaluations and {roles} job "
        f"roles added; {made}; {cpd}"
    )
