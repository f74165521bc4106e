"""Reads for booking pages: a person's bookings, a session's people, and the providers' and the
partnership's figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from ..models import (
    Attendance,
    Booking,
    BookingState,
    Interest,
    Opportunity,
    Session,
)

TOGETHER_SECTORS = {Sector.ADULT_SOCIAL_CARE, Sector.VCSE}


def my_bookings(learner: User) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(learner=learner)
        .select_related("session__opportunity__organisation", "session__site")
        .order_by("-session__starts_at")
    )


def waiting_position(booking: Booking) -> int:
    """1 for the next person to be offered a place."""
    return (
        Booking.objects.filter(
            session_id=booking.session_id,
            state=BookingState.WAITLISTED,
            waitlisted_at__lte=booking.waitlisted_at,
        )
        .exclude(waitlisted_at=booking.waitlisted_at, pk__gt=booking.pk)
        .count()
    )


@dataclass(frozen=True)
class Figures:
    """What a provider (or the partnership) sees about its learning."""

    label: str
    listings: int
    sessions: int
    places: int
    booked: int
    waiting: int
    interest: int
    attended: int
    absent: int
    learners: int
    from_other_partners: int
    from_social_care_vcse: int

    @property
    def fill_rate(self) -> float | None:
        return self.booked / self.places if self.places else None

    @property
    def no_show_rate(self) -> float | None:
        marked = self.attended + self.absent
        return self.absent / marked if marked else None

    @property
    def other_share(self) -> float | None:
        return self.from_other_partners / self.learners if self.learners else None

    @property
    def together_share(self) -> float | None:
        return self.from_social_care_vcse / self.learners if self.learners else None


def figures(
    label: str, organisation: Organisation | None, *, since: dt.datetime | None = None
) -> Figures:
    """Fill, demand, attendance and where learners come from, for one provider or (``None``)
    the whole partnership. Sessions count from ``since`` (a year ago by default)."""
    since = since or timezone.now() - dt.timedelta(days=365)
    listings = Opportunity.objects.published()
    sessions = Session.objects.filter(cancelled_at__isnull=True, starts_at__gte=since)
    interests = Interest.objects.all()
    if organisation is not None:
        listings = listings.filter(organisation=organisation)
        sessions = sessions.filter(opportunity__organisation=organisation)
        interests = interests.filter(opportunity__organisation=organisation)
    session_totals = sessions.aggregate(
        n=Count("id"), places=Sum("capacity"), booked=Sum("booked_count")
    )
    bookings = Booking.objects.filter(session__in=sessions)
    counts = bookings.aggregate(
        waiting=Count("id", filter=Q(state=BookingState.WAITLISTED)),
        attended=Count("id", filter=Q(attendance=Attendance.ATTENDED)),
        absent=Count("id", filter=Q(attendance=Attendance.ABSENT)),
    )
    taken = bookings.filter(state=BookingState.BOOKED)
    learners = taken.values("learner").distinct().count()
    if organisation is not None:
        other = taken.exclude(learner_organisation=organisation).exclude(
            learner_organisation__isnull=True
        )
    else:
        other = taken.exclude(learner_organisation__isnull=True).exclude(
            learner_organisation=F("session__opportunity__organisation")
        )
    together = taken.filter(learner_sector__in=TOGETHER_SECTORS)
    return Figures(
        label=label,
        listings=listings.count(),
        sessions=session_totals["n"] or 0,
        places=session_totals["places"] or 0,
        booked=session_totals["booked"] or 0,
        waiting=counts["waiting"],
        interest=interests.count(),
        attended=counts["attended"],
        absent=counts["absent"],
        learners=learners,
        from_other_partners=other.values("learner").distinct().count(),
        from_social_care_vcse=together.values("learner").distinct().count(),
    )


def by_provider(since: dt.datetime | None = None) -> list[Figures]:
    providers = Organisation.objects.filter(opportunities__status="published").distinct()
    return [figures(p.name, p, since=since) for p in providers.order_by("name")]


def active_bookings_by_session(*, learner: User, sessions: Iterable[Session]) -> dict[int, Booking]:
    """The learner's active booking on each of ``sessions``, by session id."""
    return {
        b.session_id: b
        for b in Booking.objects.active().filter(learner=learner, session__in=list(sessions))
    }


def session_for(*, pk: int) -> Session:
    """A session to book (404 when there is none)."""
    found = Session.objects.select_related("opportunity").filter(pk=pk).first()
    if found is None:
        raise Http404("No such session.")
    return found


def own_booking(*, learner: User, pk: int) -> Booking:
    """One of the learner's bookings (404 for anyone else's)."""
    found = Booking.objects.filter(pk=pk, learner=learner).first()
    if found is None:
        raise Http404("No such booking.")
    return found


def own_booked_booking(*, learner: User, pk: int) -> Booking:
    """One of the learner's confirmed bookings, with what its calendar file shows."""
    found = (
        Booking.objects.select_related("session__opportunity__organisation", "session__site")
        .filter(pk=pk, learner=learner, state=BookingState.BOOKED)
        .first()
    )
    if found is None:
        raise Http404("No such booking.")
    return found


def provider_session(*, organisation: Organisation, pk: int) -> Session:
    """One of the partner's own sessions (404 for another partner's)."""
    found = (
        Session.objects.select_related("opportunity")
        .filter(pk=pk, opportunity__organisation=organisation)
        .first()
    )
    if found is None:
        raise Http404("No such session.")
    return found


def session_people(session: Session) -> list[Booking]:
    """Everyone who has booked the session, in the order the provider reads them."""
    return list(
        session.bookings.select_related("learner", "learner_organisation").order_by(
            "state", "waitlisted_at", "created_at"
        )
    )


def provider_booking(*, organisation: Organisation, pk: int) -> Booking:
    """A booking on one of the partner's own sessions (404 otherwise)."""
    found = Booking.objects.for_organisation(organisation).select_related("session").filter(pk=pk)
    booking = found.first()
    if booking is None:
        raise Http404("No such booking.")
    return booking
