"""The real published files the tests read: the repository's ``data/`` (see its README)."""

from __future__ import annotations

from oneworkforce import published_data

DATA = published_data.DATA_DIR / "nhs_workforce"
TURNOVER = next(iter(sorted((DATA / "turnover").glob("*.csv"))), DATA / "turnover" / "missing.csv")
SICKNESS = sorted((DATA / "sickness_absence").glob("*.csv"))
NATIONALITY = next(
    iter(sorted((DATA / "staff_in_post_nationality").glob("*.xlsx"))),
    DATA / "staff_in_post_nationality" / "missing.xlsx",
)


def require_shared_data() -> None:
    """The real files are part of the repository: fail loudly when they are missing."""
    missing = [p for p in (TURNOVER, NATIONALITY, *SICKNESS[:1]) if not p.is_file()]
    if missing or not SICKNESS:
        raise AssertionError(f"published NHS workforce data missing under {DATA}: {missing}")
