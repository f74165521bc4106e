"""How outcome figures are shown on the dashboard, the board report and in the CSV: small
counts in breakdowns hidden as "fewer than 5" when asked (``suppress``), charts, CSV rows."""

from __future__ import annotations

from oneworkforce.core.charts import BarChart, bar_chart

from .selectors import NONE, SMALL, Outcomes, Retention


def shown(value: int, *, suppress: bool) -> str:
    """A count as shown to the reader: 1 to 4 become "fewer than 5" when ``suppress``."""
    if suppress and 0 < value < SMALL:
        return "fewer than 5"
    return f"{value:,}"


def percent(share: float | None) -> str:
    return NONE if share is None else f"{share:.0%}"


def retention_text(row: Retention, *, suppress: bool) -> tuple[str, str, str]:
    """(retained of recorded, share, awaiting) for a table row; small groups hidden whole."""
    if suppress and 0 < row.recorded < SMALL:
        return ("fewer than 5 recorded", NONE, shown(row.awaiting, suppress=True))
    return (
        f"{row.retained:,} of {row.recorded:,}",
        percent(row.share),
        f"{row.awaiting:,}",
    )


def count_chart(pairs: list[tuple[str, int]]) -> BarChart | None:
    if not pairs:
        return None
    return bar_chart([(label, float(n), f"{n:,}") for label, n in pairs[:12]])


def retention_chart(rows: list[Retention], *, suppress: bool) -> BarChart | None:
    items = [
        (row.group, 100.0 * (row.share or 0.0), percent(row.share))
        for row in rows
        if row.recorded and not (suppress and row.recorded < SMALL)
    ]
    return bar_chart(items) if items else None


def csv_rows(figures: Outcomes, *, suppress: bool) -> list[list[str]]:
    rows: list[list[str]] = [
        ["Headline", "People engaged", "", f"{figures.engaged}"],
        ["Headline", "Responses to campaigns", "", f"{figures.responses}"],
        ["Headline", "Accredited qualifications achieved", "", f"{figures.qualifications_total}"],
        ["Headline", "People supported into work", "", f"{figures.starters}"],
        ["Headline", "Of whom previously out of work", "", f"{figures.previously_unemployed}"],
        ["Recruitment events", "Events held", "", f"{figures.events.held}"],
        ["Recruitment events", "Partners represented", "Sign-ups", f"{figures.events.sign_ups}"],
        ["Recruitment events", "People registered", "", f"{figures.events.registered}"],
        [
            "Recruitment events",
            "People who came",
            "Of attendance recorded",
            f"{figures.events.came}/{figures.events.attendance_recorded}",
        ],
    ]
    for months, row in figures.retention.items():
        rows.append(["Retention", f"{months} months", "Retained", f"{row.retained}"])
        rows.append(["Retention", f"{months} months", "Recorded", f"{row.recorded}"])
        rows.append(["Retention", f"{months} months", "Awaiting a record", f"{row.awaiting}"])
    for section, pairs in (
        ("Qualifications achieved", figures.qualifications),
        ("Into work by kind of work", figures.by_family),
        ("Into work by partner", figures.by_partner),
        ("Into work by sector", figures.by_sector),
        ("Applications reaching each step", figures.funnel),
    ):
        rows.extend([section, label, "", f"{n}"] for label, n in pairs)
    for breakdown, by_months in figures.retention_by.items():
        for months, groups in by_months.items():
            for row in groups:
                hidden = suppress and 0 < row.recorded < SMALL
                rows.append(
                    [
                        f"Retention at {months} months by {breakdown}",
                        row.group,
                        "Retained of recorded",
                        "fewer than 5 recorded" if hidden else f"{row.retained}/{row.recorded}",
                    ]
                )
    rows.extend(
        ["Support given", label, "Completed", f"{done}/{n}"] for label, n, done in figures.support
    )
    rows.extend(
        ["Barriers", label, "Resolved", f"{done}/{n}"] for label, n, done in figures.barriers
    )
    return rows
