"""Turn partnership models into the dicts NHS.UK macros expect. No database access here:
callers pass objects with their relations already loaded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from oneworkforce.core import formatting

from .choices import AffiliationStatus


def _row(key: str, value: Any) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"text": value}}


def organisation_rows(organisation: Any) -> list[dict[str, Any]]:
    rows = [_row("Type of organisation", organisation.get_sector_display())]
    if organisation.ods_code:
        rows.append(_row("ODS code", organisation.ods_code))
    if organisation.place is not None:
        rows.append(_row("Place", str(organisation.place)))
    if organisation.website:
        rows.append(
            {
                "key": {"text": "Website"},
                "value": {"html": Markup('<a href="{0}">{0}</a>').format(organisation.website)},
            }
        )
    if organisation.contact_email:
        rows.append(
            {
                "key": {"text": "Contact"},
                "value": {
                    "html": Markup('<a href="mailto:{0}">{0}</a>').format(
                        organisation.contact_email
                    )
                },
            }
        )
    return rows


def site_table_rows(sites: Iterable[Any]) -> list[list[dict[str, str]]]:
    return [
        [{"text": site.name}, {"text": site.address.replace("\n", ", ")}, {"text": site.postcode}]
        for site in sites
    ]


def signatory_table_rows(
    signatories: Iterable[Any], *, withdrawn: bool = False
) -> list[list[dict[str, Any]]]:
    rows = []
    for s in signatories:
        name_cell = {
            "html": Markup('<a href="{}">{}</a>').format(
                s.organisation.get_absolute_url(), s.organisation.name
            )
        }
        row = [
            name_cell,
            {"text": formatting.date(s.signed_on)},
            {"text": f"{s.signed_by_name}, {s.signed_by_job_title}"},
        ]
        if withdrawn:
            row.append(
                {
                    "text": formatting.date(s.withdrawn_on)
                    + (f": {s.withdrawal_reason}" if s.withdrawal_reason else "")
                    if s.withdrawn_on
                    else f"Takes effect {formatting.date(s.signed_on)}"
                }
            )
        rows.append(row)
    return rows


AFFILIATION_TAG = {
    AffiliationStatus.PENDING: ("Waiting", "nhsuk-tag--yellow"),
    AffiliationStatus.CONFIRMED: ("Confirmed", "nhsuk-tag--green"),
    AffiliationStatus.DECLINED: ("Not confirmed", "nhsuk-tag--red"),
    AffiliationStatus.ENDED: ("Ended", "nhsuk-tag--grey"),
}


def affiliation_tag(status: str) -> dict[str, str]:
    text, classes = AFFILIATION_TAG[AffiliationStatus(status)]
    return {"text": text, "classes": classes}


def audit_changes(changes: dict[str, Any]) -> Markup:
    """Readable 'field: from → to' lines; redacted fields say only that they changed."""
    lines = []
    for name, change in sorted(changes.items()):
        label = name.replace("_", " ")
        if change.get("changed"):
            lines.append(Markup("{}: changed (value not recorded)").format(label))
        else:
            old = "—" if change.get("from") in (None, "") else change.get("from")
            new = "—" if change.get("to") in (None, "") else change.get("to")
            lines.append(Markup("{}: {} → {}").format(label, old, new))
    return Markup("<br>").join(lines) if lines else escape("")
