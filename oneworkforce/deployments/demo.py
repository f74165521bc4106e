"""Demo deployments, apprenticeship rotations and employ-and-deploy (safe to run twice)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from . import demo_apprenticeships, demo_employ, demo_portability


@transaction.atomic
def load(**_: Any) -> str:
    return "; ".join([demo_portability.load(), demo_apprenticeships.load(), demo_employ.load()])
