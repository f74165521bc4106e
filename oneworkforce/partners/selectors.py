"""Reads that assemble data for pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from oneworkforce import personal_data
from oneworkforce.core.models import AuditEvent

from .models import Affiliation, Faculty, Framework, Organisation, RoleGrant, Signatory, User


def directory(*, q: str = "", sectors: list[str] | None = None, place: Any = None) -> QuerySet:
    organisations = Organisation.objects.active().search(q).in_sectors(sectors or [])
    if place is not None:
        organisations = organisations.filter(Q(place=place) | Q(place__parent=place))
    return organisations.select_related("place").order_by("name")


def sector_counts() -> dict[str, int]:
    rows = Organisation.objects.active().values("sector").annotate(n=Count("id"))
    return {row["sector"]: row["n"] for row in rows}


def organisation_with_details(slug: str) -> Organisation:
    current = Signatory.objects.current().select_related("framework")
    return (
        Organisation.objects.select_related("place", "place__parent")
        .prefetch_related(
            "sites", Prefetch("signatures", queryset=current, to_attr="current_signatures")
        )
        .get(slug=slug)
    )


def frameworks_with_counts() -> QuerySet:
    today = timezone.localdate()
    in_force = Q(signatories__signed_on__lte=today) & (
        Q(signatories__withdrawn_on__isnull=True) | Q(signatories__withdrawn_on__gt=today)
    )
    return Framework.objects.annotate(signatory_count=Count("signatories", filter=in_force))


def framework_signatories(framework: Framework) -> tuple[list[Signatory], list[Signatory]]:
    """(current signatories, past or future-dated ones), each ordered by organisation name."""
    everyone = list(
        framework.signatories.select_related("organisation").order_by(
            "organisation__name", "-signed_on"
        )
    )
    current_ids = set(framework.signatories.current().values_list("id", flat=True))
    return (
        [s for s in everyone if s.pk in current_ids],
        [s for s in everyone if s.pk not in current_ids],
    )


def people_for_organisation(organisation: Organisation) -> dict[str, list[Affiliation]]:
    affiliations = (
        Affiliation.objects.for_organisation(organisation)
        .select_related("user")
        .order_by("requested_at")
    )
    grouped: dict[str, list[Affiliation]] = {"pending": [], "confirmed": [], "past": []}
    for affiliation in affiliations:
        key = affiliation.status if affiliation.status in ("pending", "confirmed") else "past"
        grouped[key].append(affiliation)
    return grouped


def active_role_grants() -> QuerySet:
    return (
        RoleGrant.objects.active()
        .select_related("user", "organisation", "faculty")
        .order_by("role", "user__email")
    )


def audit_events(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    organisation: Organisation | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet:
    events = AuditEvent.objects.select_related("actor", "organisation")
    if actor:
        events = events.filter(actor__email__icontains=actor.strip())
    if action:
        events = events.filter(action__icontains=action.strip())
    if object_type:
        events = events.filter(object_type__icontains=object_type.strip())
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything the service holds about a person, for the 'your data' page and its download:
    every holding in the personal-data map (``oneworkforce.personal_data``)."""
    return personal_data.export(user)


def home_figures() -> dict[str, int]:
    """The counts the front page shows."""
    return {
        "partner_count": Organisation.objects.active().count(),
        "framework_count": Framework.objects.count(),
        "faculty_count": Faculty.objects.filter(is_active=True).count(),
    }
