"""Reads of the partnership's register for pages and the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import access
from ..models import Faculty, Framework, Organisation, Signatory, Site, User


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


def home_figures() -> dict[str, int]:
    """The partnership's counts the front door shows."""
    return {
        "partner_count": Organisation.objects.active().count(),
        "framework_count": Framework.objects.count(),
        "faculty_count": Faculty.objects.filter(is_active=True).count(),
    }


def active_faculties() -> QuerySet:
    return Faculty.objects.filter(is_active=True)


def framework_for(*, slug: str) -> Framework:
    """The framework with this slug, or 404."""
    return get_object_or_404(Framework, slug=slug)


def faculty_for(*, slug: str) -> Faculty:
    """The faculty with this slug, or 404."""
    return get_object_or_404(Faculty, slug=slug)


def site_for(*, organisation: Organisation, pk: int) -> Site:
    """One of this partner's sites, or 404 (another partner's site is not found here)."""
    return get_object_or_404(organisation.sites, pk=pk)


def organisations_that_may_sign(user: User) -> QuerySet:
    """The active partners this person may sign a framework for."""
    return Organisation.objects.administered_by(user).active()


def signatory_for(*, user: User, slug: str, pk: int) -> Signatory:
    """A signature of the framework ``slug``: 404 when there is none, 403 when this person
    does not look after the partner that signed."""
    signatory = get_object_or_404(
        Signatory.objects.select_related("organisation", "framework"), pk=pk, framework__slug=slug
    )
    if not access.can_administer(user, signatory.organisation):
        raise PermissionDenied
    return signatory
