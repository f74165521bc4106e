"""The demo learner's CPD: a session they attended on the portal (its completion enters the
log by itself), learning elsewhere (a team study day, reading, supervision) and a reflective
account. Deterministic; adds nothing when they already have entries written by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from oneworkforce.partners.models import User

from ..models import (
    Attendance,
    Booking,
    BookingState,
    CompletionSource,
    CompletionState,
    CpdEntry,
    Session,
)
from ..records.services import completion_create
from . import services
from .revalidation import window

ELSEWHERE = [
    (40, 1, "Team study day: supporting people living with dementia", "7", True),
    (95, 1, "Reading: NICE guideline on falls prevention in older people", "2", False),
    (150, 1, "Supervision with my manager about a difficult visit", "1.5", True),
    (300, 2, "Level 2 certificate unit: person-centred approaches", "12", True),
]


def load(*, email: str, now: dt.datetime) -> str:
    learner = User.objects.filter(email=email).first()
    # Entries from portal completions (the programmes demo's, for one) enter the log by
    # themselves; the demo's own are those written by hand.
    if learner is None or CpdEntry.objects.filter(person=learner, completion=None).exists():
        return "cpd: nothing added"
    today = timezone.localdate(now)
    past = (
        Session.objects.filter(ends_at__lt=now - dt.timedelta(days=7), cancelled_at__isnull=True)
        .exclude(bookings__learner=learner)
        .order_by("-ends_at")
        .first()
    )
    if past is not None:
        booking = Booking.objects.create(
            session=past,
            learner=learner,
            state=BookingState.BOOKED,
            attendance=Attendance.ATTENDED,
            created_at=past.starts_at - dt.timedelta(days=14),
        )
        completion_create(
            learner=learner,
            opportunity=past.opportunity,
            completed_on=timezone.localtime(past.ends_at).date(),
            source=CompletionSource.ATTENDANCE,
            state=CompletionState.VERIFIED,
            booking=booking,
        )  # its post_save signal adds it to the CPD log
    entries = {}
    for days_ago, days, title, hours, participatory in ELSEWHERE:
        entries[title] = services.cpd_entry_save(
            actor=learner,
            entry=None,
            done_on=today - dt.timedelta(days=days_ago),
            days=days,
            title=title,
            hours=Decimal(hours),
            participatory=participatory,
            learnt="How changes in routine and surroundings can cause distress, and simple ways "
            "to reduce it."
            if participatory and days_ago == 40
            else "",
            practice_change="",
        )
    services.reflection_save(
        actor=learner,
        reflection=None,
        written_on=today - dt.timedelta(days=35),
        entry=entries[ELSEWHERE[0][2]],
        nature="A team study day on supporting people living with dementia, with colleagues "
        "from home care, a GP practice and the memory service.",
        learnt="Distress is often a way of telling us something: a change of routine, pain or "
        "an unfamiliar face. Asking family what a good day looks like helps.",
        practice_change="I now read the 'about me' page before a first visit and keep visits to "
        "the same order each day where I can. I shared this at our team meeting.",
        themes=["prioritise_people", "practise_effectively"],
        code_relation="It is about putting the person's own preferences first and working "
        "with others to give consistent care.",
    )
    count = CpdEntry.objects.filter(person=learner).count()
    return f"cpd: {count} entries and a reflective account for the demo learner"


# A registered social worker's year (Social Work England): two pieces written up, one with a
# peer reflection, and a piece of reading not yet written up (so it does not count yet).
# Each is dated a share of the way back to the start of the current registration year.
SOCIAL_WORK = [
    (
        Decimal("0.8"),
        "Practice forum: strengths-based conversations with carers",
        "2",
        "Starting from what is going well for a carer finds support the family already has.",
        "I now open carers' assessments by asking what a good week looks like.",
        "",
    ),
    (
        Decimal("0.4"),
        "Group supervision: a safeguarding enquiry with a housing provider",
        "1.5",
        "How my own framing of risk shaped the plan more than the person's wishes did.",
        "I record the person's own words about risk before my assessment of it.",
        "A colleague from the mental health team asked what the person had said they wanted; "
        "I had not written it down. We agreed a way to capture it in every enquiry.",
    ),
    (Decimal("0.1"), "Reading: Making Safeguarding Personal toolkit", "1", "", "", ""),
]


def next_registration_end(today: dt.date) -> dt.date:
    """The next 30 November on or after ``today``: the end of Social Work England's year."""
    end = dt.date(today.year, 11, 30)
    return end if end >= today else dt.date(today.year + 1, 11, 30)


def load_social_worker(*, email: str, now: dt.datetime) -> str:
    """A social worker's CPD log measured against the Social Work England preset."""
    person = User.objects.filter(email=email).first()
    if person is None or CpdEntry.objects.filter(person=person).exists():
        return "social worker's CPD: nothing added"
    today = timezone.localdate(now)
    renewal = next_registration_end(today)
    elapsed = (today - window(renewal, 1, next_day=True)[0]).days
    for share, title, hours, learnt, change, peer in SOCIAL_WORK:
        services.cpd_entry_save(
            actor=person,
            entry=None,
            done_on=today - dt.timedelta(days=int(elapsed * share)),
            days=1,
            title=title,
            hours=Decimal(hours),
            participatory=bool(learnt),
            learnt=learnt,
            practice_change=change,
            peer_reflection=peer,
        )
    services.revalidation_plan_set(actor=person, preset="swe", renewal_on=renewal)
    return f"social worker's CPD: {len(SOCIAL_WORK)} entries against Social Work England"
