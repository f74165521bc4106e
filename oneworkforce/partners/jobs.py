"""Scheduled work for the partnership."""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.jobs import register

from .accounts import services


@register(
    "purge_sign_in_records", "delete used or expired sign-in links and old rate-limit records"
)
def purge_sign_in_records(now: dt.datetime) -> int:
    return services.sign_in_records_purge(now=now)
