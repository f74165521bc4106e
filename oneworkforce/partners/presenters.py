"""Turn partnership models into the dicts NHS.UK macros expect. No database access here:
callers pass objects with their relations already loaded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from oneworkforce.core import audit, formatting

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


def _audit_value(value: Any, *, nested: bool = False) -> str:
    """A recorded value in words: lists as their items, dicts as 'name: value' pairs, and
    anything inside another list or dict in brackets so its items stay apart."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        text = ", ".join(_audit_value(item, nested=True) for item in value) or "none"
    elif isinstance(value, dict):
        text = "; ".join(
            f"{_audit_label(name)}: {_audit_value(item, nested=True)}"
            for name, item in value.items()
        )
        text = text or "none"
    else:
        return str(value)
    return f"({text})" if nested else text


def _audit_label(name: Any) -> str:
    return str(name).replace("_", " ")


def _is_pair(change: Any) -> bool:
    return isinstance(change, dict) and set(change) == {"from", "to"}


def audit_changes(changes: Any) -> Markup:
    """One readable line per field of an audit event's ``changes``.

    Services record three shapes (see ``core.audit``): a ``{"from", "to"}`` pair, shown as
    'field: from → to'; a redacted ``{"changed": true}``, shown as changed without a value; and
    a plain value (a figure, a list, a nested dict), shown as 'field: value'. Anything else the
    log holds is shown as a value rather than refused.
    """
    if not isinstance(changes, dict):
        return escape("" if changes in (None, "") else _audit_value(changes))
    lines = []
    for name, change in sorted(changes.items(), key=lambda item: str(item[0])):
        label = _audit_label(name)
        if change == audit.REDACTED:
            lines.append(Markup("{}: changed (value not recorded)").format(label))
        elif _is_pair(change):
            old, new = _audit_value(change["from"]), _audit_value(change["to"])
            lines.append(Markup("{}: {} → {}").format(label, old, new))
        else:
            lines.append(Markup("{}: {}").format(label, _audit_value(change)))
    return Markup("<br>").join(lines) if lines else escape("")
