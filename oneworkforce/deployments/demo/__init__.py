"""Demo deployments, apprenticeship rotations and employ-and-deploy (safe to run twice)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from . import apprenticeships, employ, portability


@transaction.atomic
def load(**_: Any) -> str:
    return "; ".join([portability.load(), apprenticeships.load(), employ.load()])
