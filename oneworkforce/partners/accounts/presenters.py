"""What a person's account pages show. No database access here."""

from __future__ import annotations

from ..choices import AffiliationStatus

AFFILIATION_TAG = {
    AffiliationStatus.PENDING: ("Waiting", "nhsuk-tag--yellow"),
    AffiliationStatus.CONFIRMED: ("Confirmed", "nhsuk-tag--green"),
    AffiliationStatus.DECLINED: ("Not confirmed", "nhsuk-tag--red"),
    AffiliationStatus.ENDED: ("Ended", "nhsuk-tag--grey"),
}


def affiliation_tag(status: str) -> dict[str, str]:
    text, classes = AFFILIATION_TAG[AffiliationStatus(status)]
    return {"text": text, "classes": classes}
