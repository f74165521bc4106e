"""The national figures' presenters, without a database: scopes, order, CSV rows and charts."""

from __future__ import annotations

import datetime as dt

from oneworkforce.intelligence.statistics import presenters
from oneworkforce.intelligence.statistics.selectors import Comparison, spread


def comparison(code: str, ics: str, value: float | None, name: str | None = None) -> Comparison:
    return Comparison(
        org_code=code,
        org_name=name or f"Trust {code}",
        ics_code=ics,
        ics_name=f"System {ics}",
        peer_group="Acute - Large",
        value=value,
        numerator=(value or 0.0) * 100,
        denominator=100.0,
        peers=spread([0.01, 0.02, 0.03, 0.04]),
        ics=0.025,
        england=0.03,
    )


COMPARISONS = {
    "RA1": comparison("RA1", "QWO", 0.02),
    "rb2": comparison("rb2", "QWO", 0.05),
    "RC3": comparison("RC3", "QKK", 0.01),
    "RD4": comparison("RD4", "QKK", None, name="A trust without figures"),
}


def codes(rows: list[Comparison]) -> list[str]:
    return [c.org_code for c in rows]


def test_each_scope_holds_its_organisations_highest_value_first():
    assert codes(presenters.in_scope(COMPARISONS, "england", None, set())) == [
        "rb2",
        "RA1",
        "RC3",
        "RD4",
    ]
    assert codes(presenters.in_scope(COMPARISONS, "ics", "QKK", set())) == ["RC3", "RD4"]
    # The partnership's codes are in capitals; the file's may not be.
    assert codes(presenters.in_scope(COMPARISONS, "partnership", None, {"RB2", "RC3"})) == [
        "rb2",
        "RC3",
    ]
    assert presenters.in_scope(COMPARISONS, "partnership", None, set()) == []


def test_csv_rows_carry_the_period_the_figures_and_the_position_in_words():
    (row,) = presenters.comparison_csv_rows([COMPARISONS["rb2"]], "2025-10")
    assert row[:5] == ["2025-10", "rb2", "Trust rb2", "System QWO", "Acute - Large"]
    assert row[7] == 0.05
    assert row[-1] == presenters.POSITION_TEXT[COMPARISONS["rb2"].position]
    assert len(row) == len(presenters.COMPARISON_CSV_HEADER)


def test_a_month_reads_as_words():
    assert presenters.month(dt.date(2024, 12, 1)) == "December 2024"
