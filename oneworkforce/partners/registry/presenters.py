"""Turn the register's models into the dicts NHS.UK macros expect. No database access here:
callers pass objects with their relations already loaded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from oneworkforce.core import formatting


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
