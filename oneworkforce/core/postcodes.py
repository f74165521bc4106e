"""UK postcodes: validation and the canonical upper-case form with one space."""

from __future__ import annotations

import re

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


class InvalidPostcode(ValueError):
    pass


def normalise(value: str) -> str:
    """``ls1 4ap`` → ``LS1 4AP``. Raises :class:`InvalidPostcode` for anything else."""
    cleaned = re.sub(r"\s+", "", value or "").upper()
    match = _POSTCODE.match(cleaned)
    if not match:
        raise InvalidPostcode(f"{value!r} is not a UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def outward(value: str) -> str:
    """The outward code (``LS1`` of ``LS1 4AP``)."""
    return normalise(value).split(" ")[0]
