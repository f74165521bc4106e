"""Download and deletion: the person's whole record, the audit of every download, and erasure
following the map."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction

from oneworkforce.core import audit

from .erasure import erase_account, erase_audit, identifying_values
from .holdings import Erasure
from .map import ACTOR_LINKS, HOLDINGS

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def _records_you_made(user: User) -> list[dict[str, Any]]:
    rows = []
    for link in ACTOR_LINKS:
        count = apps.get_model(link.model).objects.filter(**{link.field: user}).count()
        if count:
            rows.append({"what": link.what, "how_many": count})
    return rows


def export(user: User) -> dict[str, Any]:
    """Everything the service holds about the person, as JSON-plain values."""
    data: dict[str, Any] = {holding.section: holding.export(user) for holding in HOLDINGS}
    data["records_you_made"] = _records_you_made(user)
    return data


def sections() -> list[tuple[str, str]]:
    """(section key, heading) in page order."""
    return [(h.section, h.title) for h in HOLDINGS] + [
        ("records_you_made", "Records you made for a partner")
    ]


def download_record(*, actor: User, subject: User, what: str) -> None:
    """Audit a download of personal data: who downloaded whose, and which download. Holds
    no personal values (the account is named by number)."""
    audit.record(
        actor=actor,
        action="personal_data.downloaded",
        obj=subject,
        label=f"Account #{subject.pk}",
        changes={"download": what},
    )


@transaction.atomic
def erase(*, user: User) -> set[str]:
    """Follow the map for ``user``: each holding's erasure, links to their records removed,
    the audit log cleaned of their identifying text, and the account closed and anonymised.
    Returns the identifying values that were removed (for the caller's checks)."""
    erasure = Erasure(user_pk=user.pk, values=identifying_values(user))
    for holding in HOLDINGS:
        holding.erase(user, erasure)
    for link in ACTOR_LINKS:
        apps.get_model(link.model).objects.filter(**{link.field: user}).update(**{link.field: None})
    erase_audit(user, erasure)
    erase_account(user, erasure)
    return erasure.values
