"""Where the real published files live: ``../shared/data/`` beside the project's root."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "real" / "nhs_workforce"
TURNOVER = next(iter(sorted((DATA / "turnover").glob("*.csv"))), DATA / "turnover" / "missing.csv")
SICKNESS = sorted((DATA / "sickness_absence").glob("*.csv"))
NATIONALITY = next(
    iter(sorted((DATA / "staff_in_post_nationality").glob("*.xlsx"))),
    DATA / "staff_in_post_nationality" / "missing.xlsx",
)


def require_shared_data() -> None:
    """The real files are part of the test environment: fail loudly when they are missing."""
    missing = [p for p in (TURNOVER, NATIONALITY, *SICKNESS[:1]) if not p.is_file()]
    if missing or not SICKNESS:
        raise AssertionError(f"shared NHS workforce data missing under {DATA}: {missing}")
