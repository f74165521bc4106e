"""Placements API: learning environments, capacity against demand, your own placements, and
one block's allocation computed from JSON (the command line's format; nothing is stored).
Signed-in users only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, ValidationProblems

from .allocation import engine, jsonio
from .allocation import selectors as allocation_selectors
from .capacity import presenters as capacity_presenters
from .capacity import selectors as capacity_selectors
from .environments import selectors as environment_selectors

router = Router(tags=["Placements"], auth=django_auth)
API_MAX_STUDENTS = 2000
API_SECONDS = 10.0


class EnvironmentOut(Schema):
    id: int
    name: str
    partner: str = Field(..., alias="organisation.name")
    setting: str
    places_per_block: int
    professions: list[str]
    years: list[int]


class CapacityRow(Schema):
    dimension: str
    value: str
    students_asked_for: int | None
    places_offered: int | None
    students_placed: int
    unmet_demand: int | None


class PlacementOut(Schema):
    id: int
    block: str = Field(..., alias="block.name")
    environment: str = Field(..., alias="environment.name")
    status: str
    why_here: str


class AllocateIn(Schema):
    block: dict[str, Any] = Field(..., description="One block as in docs/placements.md")


@router.get(
    "/environments",
    response={200: list[EnvironmentOut], 401: Message},
    summary="Learning environments",
)
def placement_environments(request: HttpRequest):  # type: ignore[no-untyped-def]
    return environment_selectors.environments()


@router.get(
    "/capacity",
    response={200: list[CapacityRow], 401: Message},
    summary="Capacity against demand for the partnership, by every dimension",
)
def placement_capacity(request: HttpRequest):  # type: ignore[no-untyped-def]
    tables = capacity_presenters.by_dimension(capacity_selectors.capacity())
    return [
        dict(zip(capacity_presenters.CSV_HEADER, row, strict=True)) | {"value": str(row[1])}
        for row in capacity_presenters.csv_rows(tables)
    ]


@router.get("/mine", response={200: list[PlacementOut], 401: Message}, summary="Your placements")
def my_placements(request: HttpRequest):  # type: ignore[no-untyped-def]
    return allocation_selectors.my_placements(request.user)


@router.post(
    "/allocate",
    response={200: dict[str, Any], 401: Message, 403: Message, 422: ValidationProblems},
    summary="Allocate one block's students (nothing is stored)",
)
def placements_allocate(request: HttpRequest, payload: AllocateIn):  # type: ignore[no-untyped-def]
    try:
        data = jsonio.block_from_json(payload.block)
    except jsonio.PlacementInputError as error:
        problems = [{"field": "body.block", "message": m} for m in error.messages[:50]]
        return Status(422, {"detail": "The block is not valid.", "errors": problems})
    if len(data.students) > API_MAX_STUDENTS:
        problem = {"field": "body.block", "message": f"at most {API_MAX_STUDENTS} students"}
        return Status(422, {"detail": "The block is too big.", "errors": [problem]})
    return Status(200, jsonio.result_as_json(engine.allocate(data, time_limit=API_SECONDS)))
