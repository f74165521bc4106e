"""Programmes in the API under ``/api/v1/learning/``: the published programmes and one with its
steps (open), and the signed-in person's enrolments with their progress. Mounted on the
learning router."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems
from oneworkforce.core.services import ServiceError

from ..workforce import selectors as workforce_selectors
from . import presenters, selectors, services

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
    status: str = Field(..., description="active, completed or withdrawn")
    withdrawn_at: dt.datetime | None
    withdrawn_by_provider: bool
    withdrawal_reason: str
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
    return Status(200, [_enrolment_out(e) for e in selectors.my_enrolments(request.user)[:200]])


def _refused(error: ServiceError) -> Status:
    field = f"path.{error.field or 'slug'}"
    return Status(
        422, {"detail": error.message, "errors": [{"field": field, "message": error.message}]}
    )


def _enrolment_out(enrolment):  # type: ignore[no-untyped-def]
    """An enrolment with its status and each step's state for the learner."""
    standing = selectors.standing(
        learner=enrolment.learner, programme=enrolment.programme, enrolled=enrolment
    )
    complete = standing.progress.complete
    member = selectors.CohortMember(enrolment=enrolment, progress=standing.progress)
    return {
        "programme": enrolment.programme.slug,
        "title": enrolment.programme.title,
        "enrolled_at": enrolment.enrolled_at,
        "status": presenters.member_status(member),
        "withdrawn_at": enrolment.withdrawn_at,
        "withdrawn_by_provider": enrolment.withdrawn_by_provider,
        "withdrawal_reason": enrolment.withdrawal_reason,
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


@router.post(
    "/my/programmes/{slug}/leave",
    auth=django_auth,
    url_name="learning_programme_leave",
    response={200: EnrolmentOut, 401: Message, 403: Message, 404: Message, 422: ValidationProblems},
    summary="Leave a programme you are enrolled on (your completed steps stay in your record)",
)
def leave(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    enrolled = selectors.my_enrolments(request.user).filter(programme__slug=slug).first()
    if enrolled is None:
        return Status(404, {"detail": "You are not enrolled on a programme with this slug."})
    try:
        services.enrolment_leave(actor=request.user, enrolment=enrolled)
    except ServiceError as error:
        return _refused(error)
    return Status(200, _enrolment_out(enrolled))


@router.post(
    "/programmes/{slug}/enrol",
    auth=django_auth,
    url_name="learning_programme_enrol",
    response={200: EnrolmentOut, 401: Message, 403: Message, 404: Message, 422: ValidationProblems},
    summary="Enrol on a published programme, or enrol again after leaving it",
)
def enrol(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    found = selectors.published_programmes().filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": "No published programme with this slug."})
    try:
        enrolled = services.enrolment_create(actor=request.user, programme=found)
    except ServiceError as error:
        return _refused(error)
    return Status(200, _enrolment_out(enrolled))


# The provider's view of a programme's learners ----------------------------------------------


class LearnerOut(Schema):
    enrolment_id: int
    name: str
    enrolled_at: dt.datetime
    status: str = Field(..., description="active, completed or withdrawn")
    steps_done: int
    steps_needed: int
    percent: int
    withdrawn_at: dt.datetime | None
    withdrawn_by_provider: bool
    withdrawal_reason: str


class CohortOut(Schema):
    active: int
    completed: int
    withdrawn: int
    learners: list[LearnerOut]


def _provider_programme(request: HttpRequest, slug: str, programme: str):  # type: ignore[no-untyped-def]
    organisation = workforce_selectors.administered(request.user, slug)
    if organisation is None:
        return None
    return selectors.provider_programmes(organisation).filter(slug=programme).first()


def _learner_out(member: selectors.CohortMember) -> dict[str, object]:
    enrolment = member.enrolment
    return {
        "enrolment_id": enrolment.pk,
        "name": enrolment.learner.display_name,
        "enrolled_at": enrolment.enrolled_at,
        "status": presenters.member_status(member),
        "steps_done": member.progress.counted,
        "steps_needed": member.progress.needed,
        "percent": member.progress.percent,
        "withdrawn_at": enrolment.withdrawn_at,
        "withdrawn_by_provider": enrolment.withdrawn_by_provider,
        "withdrawal_reason": enrolment.withdrawal_reason,
    }


NOT_YOURS = {"detail": "No programme with this slug at a partner you administer."}


@router.get(
    "/partners/{slug}/programmes/{programme}/learners",
    auth=django_auth,
    url_name="learning_programme_learners",
    response={200: CohortOut, 401: Message, 404: Message, 422: ValidationProblems},
    summary="A programme's learners, active, completed or withdrawn, with their progress (the "
    "programme's partner admins only)",
)
def learners(request: HttpRequest, slug: Text, programme: Text):  # type: ignore[no-untyped-def]
    found = _provider_programme(request, slug, programme)
    if found is None:
        return Status(404, NOT_YOURS)
    members = selectors.cohort(found)
    return Status(
        200, {**presenters.cohort_counts(members), "learners": [_learner_out(m) for m in members]}
    )
