"""Decisions API: rounds and their explained results, proposals, needs, and a calculator that
decides a pabulib election with the same rules as the pages. Signed-in users only."""

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems

from . import budgeting
from .budgeting.cli import as_json
from .models import RoundStatus
from .needs import selectors as need_selectors
from .proposals import selectors as proposal_selectors
from .rounds import selectors as round_selectors

router = Router(tags=["Decisions"], auth=django_auth)


class RoundOut(Schema):
    slug: str
    name: str
    status: str
    budget: int
    ballot_type: str
    rule: str
    electorate: str


class ProjectResultOut(Schema):
    funded: bool
    reason: str
    votes: int


class RoundResultOut(Schema):
    selected: list[str]
    total_cost: int
    ballots: int
    projects: dict[str, ProjectResultOut]
    other_rules: dict[str, list[str]]


class RoundDetail(RoundOut):
    proposals: dict[str, str] = Field(..., description="Proposal id to title")
    result: RoundResultOut | None


class ProposalOut(Schema):
    id: int
    title: str
    cost: int
    status: str


class NeedOut(Schema):
    id: int
    title: str
    faculty: str = Field(..., alias="faculty.name")
    severity: str


class BudgetIn(Schema):
    pabulib: str = Field(
        ..., max_length=5_000_000, description="The election in pabulib .pb format"
    )
    rule: str = Field("equal-shares", pattern="^(greedy|equal-shares|phragmen)$")
    completion: str | None = Field(None, pattern="^(add1|add1-greedy)$")
    satisfaction: str = Field("cost", pattern="^(cost|points)$")


class BudgetProjectOut(Schema):
    id: str
    cost: float
    supporters: float
    funded: bool
    round: int | None
    price_per_supporter: float | None
    explanation: str


class BudgetOut(Schema):
    rule: str
    completion: str | None
    budget: float
    selected: list[str]
    total_cost: float
    budget_per_voter: float | None
    projects: list[BudgetProjectOut]


@router.get("/rounds", response={200: list[RoundOut], 401: Message}, summary="Decision rounds")
def list_rounds(request: HttpRequest):  # type: ignore[no-untyped-def]
    return round_selectors.rounds()


@router.get(
    "/rounds/{slug}",
    response={200: RoundDetail, 401: Message, 404: Message, 422: ValidationProblems},
    summary="A round, with its explained result once closed",
)
def get_round(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    item = round_selectors.find_round(slug=slug)
    if item is None:
        return Status(404, {"detail": "No round with this slug."})
    return Status(
        200,
        {
            **RoundOut.from_orm(item).model_dump(),
            "proposals": {str(p.pk): p.title for p in item.proposals.order_by("id")},
            "result": item.result if item.status == RoundStatus.CLOSED else None,
        },
    )


@router.get("/proposals", response={200: list[ProposalOut], 401: Message}, summary="Proposals")
def list_proposals(request: HttpRequest):  # type: ignore[no-untyped-def]
    return proposal_selectors.proposals()


@router.get("/needs", response={200: list[NeedOut], 401: Message}, summary="Needs and gaps")
def list_needs(request: HttpRequest):  # type: ignore[no-untyped-def]
    return need_selectors.needs()


@router.post(
    "/budget",
    response={200: BudgetOut, 401: Message, 403: Message, 422: ValidationProblems},
    summary="Decide a pabulib election and explain every project",
)
def decide_budget(request: HttpRequest, payload: BudgetIn):  # type: ignore[no-untyped-def]
    try:
        election = budgeting.loads(payload.pabulib)
        outcome = budgeting.run(
            election, payload.rule, completion=payload.completion, satisfaction=payload.satisfaction
        )
    except budgeting.PabulibError as error:
        problem = {"field": "body.pabulib", "message": str(error)}
        return Status(422, {"detail": "The election file is not valid.", "errors": [problem]})
    except ValueError as error:
        return Status(
            422,
            {
                "detail": "These options do not fit the election.",
                "errors": [{"field": "body.rule", "message": str(error)}],
            },
        )
    return Status(200, as_json(outcome))
