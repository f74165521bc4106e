"""Small helpers every part of the talent hub shares: contact details in one normal form, where a
postcode is and how deprived its neighbourhood is, the candidate's activity clock, and the audit
of who looked at whose personal data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from oneworkforce.core import audit, geography
from oneworkforce.core.postcodes import InvalidPostcode, normalise
from oneworkforce.core.services import ServiceError

from .models import Candidate

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

_PHONE_OK = re.compile(r"^\+?[0-9]{10,15}$")


def normalise_email(value: str | None) -> str | None:
    cleaned = (value or "").strip().lower()
    return cleaned or None


def normalise_phone(value: str | None, *, field: str = "phone") -> str | None:
    """UK numbers in one form so duplicates are found: ``07700 900123`` and ``+44 7700 900123``
    both become ``07700900123``. Raises ``ServiceError`` naming ``field`` when it is not a phone
    number."""
    raw = re.sub(r"[\s().-]", "", value or "")
    if not raw:
        return None
    if not _PHONE_OK.match(raw):
        raise ServiceError(
            "Enter a phone number, like 07700 900 982 or +44 7700 900 982", field=field
        )
    if raw.startswith("+44"):
        raw = "0" + raw[3:]
    elif raw.startswith("0044"):
        raw = "0" + raw[4:]
    return raw


@dataclass(frozen=True)
class Place:
    postcode: str
    outward_code: str
    deprivation_decile: int | None


def place(postcode: str | None, *, field: str = "postcode") -> Place | None:
    """A postcode's normal form, district and deprivation decile (``None`` when not known);
    ``None`` for an empty value; ``ServiceError`` naming ``field`` when it is not a postcode."""
    if not (postcode or "").strip():
        return None
    try:
        code = normalise(postcode or "")
    except InvalidPostcode:
        raise ServiceError("Enter a full UK postcode, like LS1 4AP", field=field) from None
    return Place(
        postcode=code,
        outward_code=code.split(" ")[0],
        deprivation_decile=geography.deprivation_decile(code),
    )


def set_home(candidate: Candidate, where: Place | None) -> None:
    """Give ``candidate`` the home ``where`` (postcode, district, deprivation decile), or clear
    it when ``None``. Not saved."""
    candidate.postcode = where.postcode if where else ""
    candidate.outward_code = where.outward_code if where else ""
    candidate.deprivation_decile = where.deprivation_decile if where else None


def touch(candidate: Candidate) -> None:
    """Something happened for this candidate: the retention clock starts again."""
    candidate.last_activity_at = timezone.now()
    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=candidate.last_activity_at)


def audit_viewed(*, actor: User | None, candidate: Candidate, what: str) -> None:
    """Personal data was shown: who saw which candidate's what (``"record"``, ``"sensitive"``,
    ``"export"``...)."""
    audit.record(
        actor=actor,
        action="talent.candidate_viewed",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"shown": what},
    )
