"""Reads for session materials, and the one rule for who may open one: anyone when the provider
chose everyone; otherwise people who had a place on the session (booked, whether or not their
attendance is recorded yet) and the provider's admins."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.models import Organisation, User

from ..models import Audience, Booking, BookingState, Material, Opportunity, Session

# Never the file's bytes, except when it is served.
LISTED = (
    "id",
    "session_id",
    "title",
    "link",
    "file_name",
    "file_type",
    "file_size",
    "audience",
    "who_can_use",
    "created_at",
)


def usable(user: User) -> Q:
    """Materials ``user`` may open, as a filter on Material."""
    rule = Q(audience=Audience.EVERYONE)
    if user.is_authenticated:
        had_place = Booking.objects.filter(
            session=OuterRef("session"), learner=user, state=BookingState.BOOKED
        )
        rule |= Q(Exists(had_place))
        if user.is_active and is_partnership_admin(user):
            return Q()
        admin_of = user.administered_organisation_ids if user.is_active else set()
        rule |= Q(session__opportunity__organisation_id__in=admin_of)
    return rule


def material_for(*, user: User, pk: int) -> Material | None:
    """The material with its file, if ``user`` may open it (None whether it is missing or
    not theirs to open, so a stranger learns nothing)."""
    return (
        Material.objects.filter(pk=pk)
        .filter(usable(user))
        .select_related("session__opportunity__organisation")
        .first()
    )


def listing_materials(*, user: User, opportunity: Opportunity) -> QuerySet[Material]:
    """The materials on the listing's sessions that have started, that ``user`` may open."""
    return (
        Material.objects.filter(
            session__opportunity=opportunity, session__starts_at__lte=timezone.now()
        )
        .filter(usable(user))
        .select_related("session")
        .only(*LISTED, "session__starts_at")
        .order_by("-session__starts_at", "created_at")
    )


def session_materials(session: Session) -> QuerySet[Material]:
    return (
        Material.objects.filter(session=session)
        .select_related("session")
        .only(*LISTED, "session__starts_at")
    )


def provider_material(*, organisation: Organisation, pk: object) -> Material | None:
    try:
        number = int(pk)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (
        Material.objects.filter(pk=number, session__opportunity__organisation=organisation)
        .select_related("session__opportunity__organisation")
        .only(*LISTED, "session__opportunity__organisation")
        .first()
    )
