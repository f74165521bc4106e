"""A learner's programme enrolments in their data download; the personal-data map deletes them
when the account is deleted (their completions, which the progress is worked out from, are
kept with the closed account as the map says)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from oneworkforce.partners.models import User

from . import selectors


def enrolments_export(user: User) -> list[dict[str, Any]]:
    rows = []
    for enrolment in selectors.my_enrolments(user):
        standing = selectors.standing(learner=user, programme=enrolment.programme)
        rows.append(
            {
                "programme": enrolment.programme.title,
                "provider": enrolment.programme.organisation.name,
                "enrolled_at": enrolment.enrolled_at.isoformat(),
                "steps_done": [s.step.opportunity.title for s in standing.steps if s.completed_on],
                "complete": standing.progress.complete,
                "withdrawn_at": enrolment.withdrawn_at.isoformat()
                if enrolment.withdrawn_at
                else None,
                "withdrawn_by": (
                    ("the provider" if enrolment.withdrawn_by_provider else "you")
                    if enrolment.withdrawn
                    else None
                ),
                "withdrawal_reason": enrolment.withdrawal_reason,
                "certificate": enrolment.certificate_code,
                "certificate_check_page": reverse(
                    "learning:certificate", kwargs={"code": enrolment.certificate_code}
                ),
            }
        )
    return rows
