"""Where sessions happen: each in-person session is placed from its venue postcode, else its
site's, using the product's postcode data (:mod:`oneworkforce.core.geography`), so search can
measure distance in the database. Placing is derived data: it is not audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from oneworkforce.core import geography

from ..models import Session

BATCH = 2000


def session_place(session: Session) -> None:
    """Set ``session``'s latitude and longitude from its postcode (cleared when unknown);
    the caller saves it."""
    point = geography.locate(session.place_postcode) if session.place_postcode else None
    session.latitude, session.longitude = point if point is not None else (None, None)


@transaction.atomic
def sessions_place(*, sessions: Iterable[Session] | None = None) -> int:
    """Place upcoming in-person sessions that have no location yet (postcode data loaded after
    them, or made outside the forms). Returns how many were placed."""
    if sessions is None:
        sessions = (
            Session.objects.upcoming()
            .filter(online=False, latitude__isnull=True)
            .exclude(Q(venue_postcode="") & Q(site__isnull=True))
            .select_related("site")
        )
    pending = list(sessions)
    placed = 0
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        located = geography.locate_many({s.place_postcode for s in batch if s.place_postcode})
        changed = []
        for session in batch:
            point = located.get(session.place_postcode)
            if point is not None:
                session.latitude, session.longitude = point
                changed.append(session)
        Session.objects.bulk_update(changed, ["latitude", "longitude"])
        placed += len(changed)
    return placed
