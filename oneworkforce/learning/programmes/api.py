"""Programmes in the API under ``/api/v1/learning/``: the published programmes and one with its
steps (open), and the signed-in person's enrolments with their progress. Mounted on the
learning router."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems

from . import selectors

router = Router(tags=["Learning"])


class ProgrammeSummary(Schema):
    slug: str
    title: str
    provider: str
    summary: str
    steps: int


class StepOut(Schema):
    position: int
    listing: str
    title: str
    provider: str
    required: bool


class ProgrammeDetail(ProgrammeSummary):
    optional_needed: int
    step_list: list[StepOut]


class StepProgress(Schema):
    listing: str
    required: bool
    state: str
    completed_on: dt.date | None


class EnrolmentOut(Schema):
    programme: str
    title: str
    enrolled_at: dt.datetime
    percent: int
    complete: bool
    completed_on: dt.date | None
    certificate_code: str | None
    steps: list[StepProgress]


def _summary(programme, steps: int) -> dict:  # type: ignore[no-untyped-def]
    return {
        "slug": programme.slug,
        "title": programme.title,
        "provider": programme.organisation.name,
        "summary": programme.summary,
        "steps": steps,
    }


@router.get(
    "/programmes",
    url_name="learning_programmes",
    response={200: list[ProgrammeSummary]},
    summary="Published learning programmes",
)
def list_programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Status(200, [_summary(p, p.step_count) for p in selectors.published_programmes()[:500]])


@router.get(
    "/programmes/{slug}",
    url_name="learning_programme",
    response={200: ProgrammeDetail, 404: Message, 422: ValidationProblems},
    summary="One published programme with its steps in order",
)
def get_programme(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    found = selectors.published_programmes().filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": "No published programme with this slug."})
    steps = selectors.steps(found)
    return Status(
        200,
        {
            **_summary(found, len(steps)),
            "optional_needed": found.optional_needed,
            "step_list": [
                {
                    "position": number,
                    "listing": s.opportunity.slug,
                    "title": s.opportunity.title,
                    "provider": s.opportunity.organisation.name,
                    "required": s.required,
                }
                for number, s in enumerate(steps, start=1)
            ],
        },
    )


@router.get(
    "/my/programmes",
    auth=django_auth,
    url_name="learning_my_programmes",
    response={200: list[EnrolmentOut], 401: Message},
    summary="Your programme enrolments and your progress on each",
)
def my_programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    found = []
    for enrolment in selectors.my_enrolments(request.user)[:200]:
        standing = selectors.standing(
            learner=request.user, programme=enrolment.programme, enrolled=enrolment
        )
        complete = standing.progress.complete
        found.append(
            {
                "programme": enrolment.programme.slug,
                "title": enrolment.programme.title,
                "enrolled_at": enrolment.enrolled_at,
                "percent": standing.progress.percent,
                "complete": complete,
                "completed_on": standing.completed_on,
                "certificate_code": enrolment.certificate_code if complete else None,
                "steps": [
                    {
                        "listing": s.step.opportunity.slug,
                        "required": s.step.required,
                        "state": s.state,
                        "completed_on": s.completed_on,
                    }
                    for s in standing.steps
                ],
            }
        )
    return Status(200, found)
