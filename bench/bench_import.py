"""Importing NHS England's turnover benchmarking file (9,351 rows): target under 2 s.

Peer: reading the same file with the standard library's csv module alone, in the same run, so
the ratio shows what checking every value, pivoting and writing to the database cost.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bench.harness import measure, ratio
from oneworkforce import published_data
from oneworkforce.intelligence.statistics import services as importing

NAME = "import"
TURNOVER: Path | None = published_data.turnover()


def setup() -> None:
    if TURNOVER is None:
        raise SystemExit("The turnover file is missing from data/nhs_workforce/turnover/")


def _plain_read() -> int:
    assert TURNOVER is not None
    with TURNOVER.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def run() -> list[str]:
    assert TURNOVER is not None
    full = measure(
        "import turnover file (check, pivot, replace, write)",
        lambda: importing.import_file("turnover", TURNOVER),
        runs=7,
        warmup=1,
    )
    plain = measure("peer: csv.DictReader over the same file", _plain_read, runs=7, warmup=1)
    verdict = "meets" if full.median_ms < 2000 else "MISSES"
    return [
        full.row(),
        plain.row(),
        ratio("import / plain read", full, plain),
        f"  target under 2,000 ms: {verdict}",
    ]
