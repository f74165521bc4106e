"""The evaluation API: a learner evaluates a session they attended or learning they completed;
a provider's admins read its figures, added up and hidden below five answers, as on the page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems
from oneworkforce.core.services import ServiceError

from ..models import Booking, Opportunity
from ..models import Status as ListingStatus
from ..workforce import selectors as workforce_selectors
from . import presenters, selectors, services

router = Router(tags=["Learning: evaluations"])


class EvaluationIn(Schema):
    usefulness: int = Field(..., ge=1, le=5, description="5 very useful, 1 not useful at all")
    would_recommend: bool
    what_changed: Text = Field("", max_length=2000)
    comment: Text = Field("", max_length=2000, description="Seen by the provider without names")


class EvaluationOut(Schema):
    id: int
    opportunity: str = Field(..., alias="opportunity.slug")
    usefulness: int
    would_recommend: bool
    created_at: dt.datetime


SUBMIT_RESPONSES = {
    201: EvaluationOut,
    401: Message,
    403: Message,  # a browser session's POST without its CSRF token
    404: Message,
    409: Message,
    422: ValidationProblems,
}


class FiguresOut(Schema):
    answers: int
    useful_share: float | None = Field(..., description="Rated 4 or 5; null below 5 answers")
    recommend_share: float | None = Field(..., description="Null below 5 answers")
    mean_usefulness: float | None = Field(..., description="1 to 5; null below 5 answers")


class ListingFiguresOut(FiguresOut):
    listing: str


class MonthFiguresOut(FiguresOut):
    month: dt.date


class ProviderEvaluationsOut(Schema):
    minimum_answers: int
    listings: list[ListingFiguresOut]
    months: list[MonthFiguresOut]


def _submit(request: HttpRequest, opportunity: Opportunity, booking: Booking | None, payload):  # type: ignore[no-untyped-def]
    try:
        evaluation = services.evaluation_submit(
            actor=request.user, opportunity=opportunity, booking=booking, **payload.dict()
        )
    except ServiceError as error:
        return Status(409, {"detail": error.message})
    return Status(201, evaluation)


@router.post(
    "/bookings/{booking_id}/evaluation",
    auth=django_auth,
    url_name="learning_evaluate_booking",
    response=SUBMIT_RESPONSES,
    summary="Evaluate a session you attended (once); refused for a session not attended",
)
def evaluate_booking(request: HttpRequest, booking_id: int, payload: EvaluationIn):  # type: ignore[no-untyped-def]
    booking = (
        Booking.objects.filter(pk=booking_id, learner=request.user)
        .select_related("session__opportunity")
        .first()
        if booking_id < 2**63
        else None
    )
    if booking is None:
        return Status(404, {"detail": "You have no booking with this id."})
    return _submit(request, booking.session.opportunity, booking, payload)


@router.post(
    "/opportunities/{slug}/evaluation",
    auth=django_auth,
    url_name="learning_evaluate_listing",
    response=SUBMIT_RESPONSES,
    summary="Evaluate learning taken any time that your record shows you completed (once)",
)
def evaluate_listing(request: HttpRequest, slug: Text, payload: EvaluationIn):  # type: ignore[no-untyped-def]
    found = Opportunity.objects.exclude(status=ListingStatus.DRAFT).filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": "No learning with this slug."})
    return _submit(request, found, None, payload)


@router.get(
    "/partners/{slug}/evaluations",
    auth=django_auth,
    url_name="learning_evaluations",
    response={200: ProviderEvaluationsOut, 401: Message, 404: Message},
    summary="What learners said of a partner's listings, per listing and by month (its admins "
    "only; figures only from 5 answers)",
)
def provider(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    organisation = workforce_selectors.administered(request.user, slug)
    if organisation is None:
        return Status(404, {"detail": "No partner you administer has this slug."})
    months = selectors.by_month(organisation, timezone.localdate())
    return Status(
        200,
        {
            "minimum_answers": presenters.MIN_ANSWERS,
            "listings": [
                {"listing": f.slug, **presenters.public(f)}
                for f in selectors.by_listing(organisation)
            ],
            "months": [{"month": month, **presenters.public(f)} for month, f in months],
        },
    )
