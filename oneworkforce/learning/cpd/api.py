"""The CPD API under ``/api/v1/learning/cpd/``: the signed-in person's own log, reflective
accounts and revalidation summary (nobody else's), through the same services as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems
from oneworkforce.core.services import ServiceError

from . import selectors, services

router = Router(tags=["Learning: CPD"])
LIMIT = 1000


def _problem(field: str, message: str) -> Status:
    return Status(422, {"detail": message, "errors": [{"field": field, "message": message}]})


class CpdEntryIn(Schema):
    done_on: dt.date = Field(..., description="The (last) day of the learning; not in the future")
    days: int = Field(1, ge=1, le=366)
    title: Text = Field(..., min_length=1, max_length=200)
    hours: Decimal = Field(..., max_digits=7, decimal_places=2, description="More than 0")
    participatory: bool = Field(..., description="Learnt with other people")
    learnt: Text = Field("", max_length=5000)
    practice_change: Text = Field("", max_length=5000)
    peer_reflection: Text = Field(
        "", max_length=5000, description="What you learnt from discussing it with a peer"
    )


class CpdEntryOut(Schema):
    id: int
    done_on: dt.date
    days: int
    title: str
    hours: Decimal
    participatory: bool
    learnt: str
    practice_change: str
    peer_reflection: str
    from_portal: bool


class ReflectionIn(Schema):
    written_on: dt.date
    entry_id: int | None = Field(None, ge=1, le=2**31 - 1, description="One of your CPD entries")
    nature: Text = Field(..., max_length=5000, description="The CPD, feedback or event")
    learnt: Text = Field(..., max_length=5000)
    practice_change: Text = Field(..., max_length=5000)
    themes: list[Text] = Field(..., max_length=10, description="Keys of the Code's themes")
    code_relation: Text = Field(..., max_length=5000)


class ReflectionOut(Schema):
    id: int
    written_on: dt.date
    entry_id: int | None
    nature: str
    learnt: str
    practice_change: str
    themes: list[str]
    code_relation: str


class MeasureOut(Schema):
    key: str
    label: str
    have: Decimal
    need: Decimal
    unit: str
    met: bool


class SummaryOut(Schema):
    preset: str
    renewal_on: dt.date
    counted_from: dt.date
    entries: int
    measures: list[MeasureOut]


def _entry_out(entry: object) -> dict[str, object]:
    return {k: getattr(entry, k) for k in CpdEntryOut.model_fields}


@router.get(
    "/cpd/entries",
    auth=django_auth,
    url_name="learning_cpd_entries",
    response={200: list[CpdEntryOut], 401: Message},
    summary="Your CPD log (up to 1,000 entries, newest first)",
)
def entries(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Status(200, [_entry_out(e) for e in selectors.my_entries(request.user)[:LIMIT]])


@router.post(
    "/cpd/entries",
    auth=django_auth,
    url_name="learning_cpd_entry_add",
    response={201: CpdEntryOut, 401: Message, 403: Message, 422: ValidationProblems},
    summary="Add an entry to your CPD log",
)
def entry_add(request: HttpRequest, payload: CpdEntryIn):  # type: ignore[no-untyped-def]
    try:
        entry = services.cpd_entry_save(actor=request.user, entry=None, **payload.dict())
    except ServiceError as error:
        return _problem(f"body.{error.field or 'entry'}", error.message)
    return Status(201, _entry_out(entry))


@router.get(
    "/cpd/reflections",
    auth=django_auth,
    url_name="learning_cpd_reflections",
    response={200: list[ReflectionOut], 401: Message},
    summary="Your reflective accounts",
)
def reflections(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Status(200, list(selectors.my_reflections(request.user)[:LIMIT]))


@router.post(
    "/cpd/reflections",
    auth=django_auth,
    url_name="learning_cpd_reflection_add",
    response={201: ReflectionOut, 401: Message, 403: Message, 422: ValidationProblems},
    summary="Write a reflective account",
)
def reflection_add(request: HttpRequest, payload: ReflectionIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    entry_id = data.pop("entry_id")
    entry = selectors.my_entries(request.user).filter(pk=entry_id).first() if entry_id else None
    if entry_id and entry is None:
        return _problem("body.entry_id", "Choose one of your own CPD entries")
    try:
        reflection = services.reflection_save(
            actor=request.user, reflection=None, entry=entry, **data
        )
    except ServiceError as error:
        return _problem(f"body.{error.field or 'reflection'}", error.message)
    return Status(201, reflection)


@router.get(
    "/cpd/summary",
    auth=django_auth,
    url_name="learning_cpd_summary",
    response={200: SummaryOut, 401: Message},
    summary="Your revalidation summary: CPD hours, participatory hours and reflective accounts "
    "in the years before your renewal date, against your preset's targets",
)
def summary(request: HttpRequest):  # type: ignore[no-untyped-def]
    _plan, found = selectors.summary(request.user, timezone.localdate())
    return Status(
        200,
        {
            "preset": found.preset.key,
            "renewal_on": found.end,
            "counted_from": found.start,
            "entries": found.entries,
            "measures": [
                {
                    "key": m.key,
                    "label": m.label,
                    "have": m.have,
                    "need": m.need,
                    "unit": m.unit,
                    "met": m.met,
                }
                for m in found.measures
            ],
        },
    )
