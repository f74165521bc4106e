"""The personal-data map: every model that holds data about a person, how the person's copy
of it is made (their right of access) and what happens to it when they delete their account
(their right to erasure).

One declared place, so that "where does this person's data live?" has one answer. A test
(``partners/tests/test_personal_data.py``) walks every model of every ``oneworkforce`` app
and fails when a model with a link to the user model, or a field named like a person's name,
e-mail address, phone, postcode, address or date of birth, is neither here nor in
:data:`NOT_PERSONAL` with the reason why.

Deleting keeps what reports count: the account row stays as an anonymised, closed account
(no name, no e-mail address, no password), so attendance, completions, demand and ballots
still count; an apprentice's rotation stays under "Former apprentice"; a talent candidate is
anonymised by :mod:`oneworkforce.talent.casework.privacy`, which keeps outcome counts. Records
a person made in a professional role (a need they raised, a check they attested) stay with the
partner, without the link to the person.

This package sits above the apps (``core`` imports no feature app); it imports the apps'
models and services, and no app's models import it.
"""

from __future__ import annotations

from .holdings import DELETED_NAME, REMOVED, ActorLink, Erasure, Holding
from .map import ACTOR_LINKS, HOLDINGS, NOT_PERSONAL, PERSONAL_FIELD_NAME
from .rights import download_record, erase, export, sections
from .summary import summary

__all__ = [
    "ACTOR_LINKS",
    "DELETED_NAME",
    "HOLDINGS",
    "NOT_PERSONAL",
    "PERSONAL_FIELD_NAME",
    "REMOVED",
    "ActorLink",
    "Erasure",
    "Holding",
    "download_record",
    "erase",
    "export",
    "sections",
    "summary",
]
