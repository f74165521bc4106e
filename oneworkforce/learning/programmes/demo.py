"""Demo programmes and session materials: a Care Certificate cohort from the demo learner's care
provider, which the learner is part-way through (the first step done, the second booked), and a
leadership programme from the demo partner admin's trust; a recording and a handout on the
first step's past session. Called by the learning demo once, before sessions are placed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify
from fpdf import FPDF

from oneworkforce.partners.choices import AffiliationStatus, Role, Sector
from oneworkforce.partners.models import Organisation, RoleGrant, User

from ..models import (
    Attendance,
    Audience,
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    Kind,
    Material,
    Opportunity,
    Programme,
    ProgrammeEnrolment,
    ProgrammeStep,
    Session,
    Status,
)
from . import services

WHO = "Anyone who works or volunteers in health and care in the partnership."
CARE_CERTIFICATE = [
    # (title, summary, required)
    (
        "Care Certificate: your role, duty of care and person-centred work (standards 1 to 5)",
        "The first five Care Certificate standards in a day with your cohort: understanding your "
        "role, your personal development, duty of care, equality and person-centred care.",
        True,
    ),
    (
        "Care Certificate: communication, privacy, fluids and nutrition (standards 6 to 10)",
        "Standards 6 to 10 with your cohort: communication, privacy and dignity, fluids and "
        "nutrition, awareness of mental health, dementia and learning disability, and "
        "safeguarding adults.",
        True,
    ),
    (
        "Care Certificate: safeguarding children, life support and infection prevention "
        "(standards 11 to 15)",
        "The last five standards: safeguarding children, basic life support, health and "
        "safety, handling information, and infection prevention and control.",
        True,
    ),
    (
        "Care Certificate: a reflective practice circle",
        "An optional circle where new care workers bring a situation from their work and talk "
        "it through with a senior colleague.",
        False,
    ),
]
LEADERSHIP = [
    (
        "Leading care teams: knowing yourself as a leader",
        "The first module: your leadership style, feedback from colleagues, and leading with "
        "compassion in health and care.",
        True,
    ),
    (
        "Leading care teams: leading across organisations",
        "Working with partners in social care, primary care and the voluntary sector as one "
        "workforce: shared goals, shared decisions and difficult conversations.",
        True,
    ),
    (
        "Leading care teams: improving a service with your team",
        "Quality improvement in practice: choose a change in your own service and plan it with "
        "your team, with coaching between sessions.",
        True,
    ),
]


def _handout() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Care Certificate standards 1 to 5: handout")
    pdf.ln(12)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        "Duty of care, your role, your development, equality and person-"
        "centred care: the notes from the day, with the questions to reflect on.",
    )
    return bytes(pdf.output())


def _listing(organisation: Organisation, title: str, summary: str, kind: str) -> Opportunity:
    return Opportunity.objects.create(
        organisation=organisation,
        slug=slugify(f"{title} {organisation.slug}")[:110],
        title=title,
        summary=summary,
        kind=kind,
        status=Status.PUBLISHED,
        who_can_take=WHO,
        duration_minutes=360 if kind != Kind.E_LEARNING else 60,
        review_by=timezone.localdate() + dt.timedelta(days=300),
        published_at=timezone.now() - dt.timedelta(days=90),
        search_title=title,
        search_body=f"{summary} {organisation.name}",
    )


def _session(listing: Opportunity, start: dt.datetime) -> Session:
    site = listing.organisation.sites.first()
    return Session.objects.create(
        opportunity=listing,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=6),
        site=site,
        venue="" if site else "Community venue",
        venue_postcode="" if site else "LS6 3HN",
        capacity=16,
    )


def _programme(organisation: Organisation, title: str, summary: str, steps, now):  # type: ignore[no-untyped-def]
    programme = Programme.objects.create(
        organisation=organisation,
        slug=slugify(f"{title} {organisation.slug}")[:110],
        title=title,
        summary=summary,
        status=Status.PUBLISHED,
        published_at=now - dt.timedelta(days=60),
    )
    day = timezone.localtime(now).replace(hour=9, minute=30, second=0, microsecond=0)
    sessions = []
    for position, (step_title, step_summary, required) in enumerate(steps, start=1):
        listing = _listing(organisation, step_title, step_summary, Kind.IN_PERSON)
        ProgrammeStep.objects.create(
            programme=programme, opportunity=listing, position=position, required=required
        )
        past = _session(listing, day - dt.timedelta(days=21 - position)) if position == 1 else None
        coming = _session(listing, day + dt.timedelta(days=7 * position + 3))
        sessions.append((listing, past, coming))
    return programme, sessions


def _booking(session: Session, learner: User, organisation: Organisation, **values) -> Booking:  # type: ignore[no-untyped-def]
    booking = Booking.objects.create(
        session=session,
        learner=learner,
        state=BookingState.BOOKED,
        learner_organisation=organisation,
        learner_sector=organisation.sector,
        created_at=session.starts_at - dt.timedelta(days=14),
        **values,
    )
    session.booked_count += 1
    session.save(update_fields=["booked_count"])
    return booking


def _cohort(programme: Programme, grant: RoleGrant, domain: str, now: dt.datetime) -> None:
    """Two demo learners enrolled on the leadership programme: one still taking it, and one
    whose enrolment the trust withdrew, with its reason (the provider's learners page)."""
    people = list(
        User.objects.filter(email__startswith="learner-", email__endswith=domain).order_by("email")[
            :2
        ]
    )
    for days, person in zip((40, 35), people, strict=False):
        ProgrammeEnrolment.objects.create(
            programme=programme, learner=person, enrolled_at=now - dt.timedelta(days=days)
        )
    if len(people) == 2:
        services.enrolment_withdraw(
            actor=grant.user,
            enrolment=ProgrammeEnrolment.objects.get(programme=programme, learner=people[1]),
            reason="You have moved to a role outside team leadership; the spring programme for "
            "new managers will suit you better. Enrol again any time.",
        )


def load(*, now: dt.datetime, domain: str) -> str:
    learner = User.objects.filter(email=f"learner@{domain}").first()
    affiliation = (
        learner.affiliations.filter(status=AffiliationStatus.CONFIRMED).first() if learner else None
    )
    care = (
        affiliation.organisation
        if affiliation
        else Organisation.objects.filter(sector=Sector.ADULT_SOCIAL_CARE).order_by("slug").first()
    )
    grant = (
        RoleGrant.objects.filter(role=Role.PARTNER_ADMIN, user__email=f"partner-admin@{domain}")
        .select_related("organisation")
        .first()
    )
    trust = grant.organisation if grant and grant.organisation else None
    if care is None or trust is None:
        return "programmes: no partners to run them"
    cohort, steps = _programme(
        care,
        "Care Certificate: winter cohort",
        "The 15 Care Certificate standards over three days with a cohort of new care workers, "
        "and an optional reflective practice circle. For anyone new to care in the partnership, "
        "whoever employs them.",
        CARE_CERTIFICATE,
        now,
    )
    leading, _ = _programme(
        trust,
        "Leading care teams",
        "A leadership programme in three modules for team leaders and managers in any partner: "
        "health, social care, primary care or voluntary.",
        LEADERSHIP,
        now,
    )
    if grant is not None:
        _cohort(leading, grant, domain, now)
    if learner is None:
        return "programmes: 2 programmes added"
    (first, past, _), (_, _, second_next) = steps[0], steps[1]
    came = _booking(past, learner, care, attendance=Attendance.ATTENDED)
    Completion.objects.create(
        learner=learner,
        opportunity=first,
        issuer=care,
        booking=came,
        completed_on=timezone.localtime(past.ends_at).date(),
        source=CompletionSource.ATTENDANCE,
        state=CompletionState.VERIFIED,
    )
    _booking(second_next, learner, care)
    ProgrammeEnrolment.objects.create(
        programme=cohort, learner=learner, enrolled_at=now - dt.timedelta(days=30)
    )
    handout = _handout()
    Material.objects.create(
        session=past,
        title="Recording of the day",
        link="https://video.example.org/care-certificate-standards-1-to-5",
        audience=Audience.BOOKED,
        who_can_use=WHO,
    )
    Material.objects.create(
        session=past,
        title="Handout: standards 1 to 5",
        file=handout,
        file_name="care-certificate-handout.pdf",
        file_type="application/pdf",
        file_size=len(handout),
        audience=Audience.EVERYONE,
        who_can_use=WHO,
    )
    return "programmes: 2 programmes added, the demo learner part-way through one"
