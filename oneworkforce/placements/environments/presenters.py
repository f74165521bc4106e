"""What environment pages show: settings and professions in words, audit and preparation
status, evaluation aggregates and supervision over time. Pure: no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from statistics import mean
from typing import Any

from oneworkforce.learning.models import CompletionState

from ..models.choices import AuditOutcome, Profession, Setting, SupervisorRole

AUDIT_WARNING_DAYS = 90
REFRESH_WARNING_DAYS = 60
MIN_ANSWERS = 5  # evaluations are shown only as aggregates of at least this many
LOW_SCORE = 3.0  # an average below this on any question opens an action on the audit
QUESTION_TEXT = {
    "welcome": "I was welcomed and had an induction",
    "supervision": "I had the supervision I needed",
    "learning": "I met my learning outcomes",
    "recommend": "I would recommend this placement",
}


def setting_label(code: str) -> str:
    return dict(Setting.choices).get(code, code)


def profession_label(code: str) -> str:
    return dict(Profession.choices).get(code, code)


def professions_text(codes: Iterable[str]) -> str:
    return ", ".join(profession_label(c) for c in codes)


def years_text(years: Iterable[int]) -> str:
    listed = sorted(years)
    return "Year " + ", ".join(str(y) for y in listed) if listed else "None"


def _tag(text: str, colour: str) -> dict[str, str]:
    return {"text": text, "classes": f"nhsuk-tag--{colour}"}


def audit_status(review_due: dt.date | None, outcome: str | None, today: dt.date) -> dict[str, str]:
    """A tag for an environment's latest audit: none, expired, due soon or in date."""
    if review_due is None:
        return _tag("No audit recorded", "grey")
    if outcome == AuditOutcome.NOT_APPROVED:
        return _tag("Not approved", "red")
    if review_due < today:
        return _tag(f"Audit expired {review_due:%-d %b %Y}", "red")
    if (review_due - today).days <= AUDIT_WARNING_DAYS:
        return _tag(f"Review due {review_due:%-d %b %Y}", "orange")
    return _tag(f"In date to {review_due:%-d %b %Y}", "green")


def preparation_status(refresh_due: dt.date, today: dt.date) -> dict[str, str]:
    if refresh_due < today:
        return _tag("Refresher overdue", "red")
    if (refresh_due - today).days <= REFRESH_WARNING_DAYS:
        return _tag(f"Refresher due {refresh_due:%-d %b %Y}", "orange")
    return _tag(f"In date to {refresh_due:%-d %b %Y}", "green")


def record_withdrawn(supervisor: Any) -> bool:
    """Was the supervisor's preparation taken from a learning record that is no longer
    verified (revoked by its provider)? Their preparation then no longer counts."""
    record = supervisor.learning_record
    return record is not None and record.state != CompletionState.VERIFIED


def supervisor_row(supervisor: Any, today: dt.date) -> dict[str, Any]:
    """A supervisor's line on their environment's page: their preparation with its date, the
    learning record it comes from (when it does) and when it needs refreshing."""
    record = supervisor.learning_record
    withdrawn = record_withdrawn(supervisor)
    return {
        "pk": supervisor.pk,
        "name": supervisor.name,
        "role": role_label(supervisor.role),
        "profession": profession_label(supervisor.profession),
        "max_students": supervisor.max_students,
        "preparation": supervisor.preparation or "Preparation recorded",
        "prepared_on": supervisor.prepared_on,
        "evidence": (
            f"From the learning record: {record.issuer.name}, certificate {record.certificate_code}"
            if record is not None
            else "Recorded by hand"
        ),
        "status": _tag("Learning record withdrawn", "red")
        if withdrawn
        else preparation_status(supervisor.refresh_due, today),
        "can_link": supervisor.user_id is not None,
    }


def preparation_choices(
    records: Iterable[Any], valid_until: dict[int, dt.date | None]
) -> list[tuple[int, str]]:
    """Radio choices for the learning records that can stand as a supervisor's preparation."""
    return [
        (
            r.pk,
            f"{r.opportunity.title} ({r.issuer.name}), completed {r.completed_on:%-d %b %Y}, "
            + (
                f"valid to {valid_until[r.pk]:%-d %b %Y}"
                if valid_until.get(r.pk)
                else "does not expire"
            ),
        )
        for r in records
    ]


def role_label(code: str) -> str:
    return dict(SupervisorRole.choices).get(code, code)


def evaluation_summary(scores: Sequence[dict[str, int]]) -> dict[str, Any]:
    """Averages per question, only when at least ``MIN_ANSWERS`` students answered."""
    if len(scores) < MIN_ANSWERS:
        return {"shown": False, "answers": len(scores), "needed": MIN_ANSWERS, "rows": []}
    rows = [
        {
            "question": QUESTION_TEXT[q],
            "average": round(mean(s[q] for s in scores), 1),
            "low": mean(s[q] for s in scores) < LOW_SCORE,
        }
        for q in QUESTION_TEXT
    ]
    return {"shown": True, "answers": len(scores), "needed": MIN_ANSWERS, "rows": rows}


def supervision_growth(
    rows: Iterable[tuple[dt.date, dt.date | None, int]], quarters: Sequence[dt.date]
) -> list[dict[str, Any]]:
    """Supervisors and the students they can take at once at the start of each quarter, from
    ``(added_on, left_on, max_students)``."""
    rows = list(rows)
    found = []
    for day in quarters:
        here = [r for r in rows if r[0] <= day and (r[1] is None or r[1] > day)]
        found.append({"date": day, "supervisors": len(here), "students": sum(r[2] for r in here)})
    return found


def quarters_to(today: dt.date, count: int = 6) -> list[dt.date]:
    """The first days of the last ``count`` quarters, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3
    found = []
    for _ in range(count):
        found.append(dt.date(year, quarter * 3 + 1, 1))
        quarter -= 1
        if quarter < 0:
            year, quarter = year - 1, 3
    return found[::-1]


def _latest_audit(environment: Any) -> Any:
    audits = list(environment.audits.all())
    return audits[0] if audits else None


def environment_row(environment: Any, today: dt.date) -> dict[str, Any]:
    latest = _latest_audit(environment)
    return {
        "pk": environment.pk,
        "name": environment.name,
        "partner": environment.organisation.name,
        "setting": setting_label(environment.setting),
        "places": environment.places_per_block,
        "professions": professions_text(environment.professions),
        "audit": audit_status(
            latest.review_due if latest else None, latest.outcome if latest else None, today
        ),
    }


def environment_view(
    environment: Any, today: dt.date, *, scores: Sequence[dict[str, int]], can_manage: bool
) -> dict[str, Any]:
    """Everything an environment's page shows. Supervisors' names only to its partner."""
    latest = _latest_audit(environment)
    supervisors = [s for s in environment.supervisors.all() if s.left_on is None]
    return {
        "environment": environment,
        "can_manage": can_manage,
        "summary": [
            ("Partner", environment.organisation.name),
            ("Setting", setting_label(environment.setting)),
            ("Students it can take", professions_text(environment.professions)),
            ("Years of study", years_text(environment.years)),
            ("Places per block", str(environment.places_per_block)),
            ("Hours and shifts", environment.hours_and_shifts or "Not given"),
            ("Postcode", environment.postcode),
        ],
        "audit_tag": audit_status(
            latest.review_due if latest else None, latest.outcome if latest else None, today
        ),
        "audits": [
            {
                "date": a.audited_on,
                "outcome": dict(AuditOutcome.choices).get(a.outcome, a.outcome),
                "review_due": a.review_due,
                "actions": [
                    {
                        "text": x.text,
                        "from_evaluations": x.from_evaluations,
                        "open": x.closed_on is None,
                    }
                    for x in a.action_items.all()
                ],
            }
            for a in environment.audits.all()
        ],
        "supervision": sum(
            s.max_students
            for s in supervisors
            if s.refresh_due >= today and not record_withdrawn(s)
        ),
        "supervisor_count": len(supervisors),
        "supervisors": [supervisor_row(s, today) for s in supervisors] if can_manage else [],
        "offers": [
            {
                "block": o.block.name,
                "profession": profession_label(o.profession),
                "places": o.places,
            }
            for o in sorted(
                environment.offers.all(), key=lambda o: (o.block.starts_on, o.profession)
            )
        ],
        "evaluations": evaluation_summary(scores),
    }
