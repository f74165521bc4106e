"""The careers API: the job board (open: search and one job) under ``/api/v1/jobs/`` and the
role catalogue under ``/api/v1/careers/``. The same selectors and presenters as the pages."""

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from oneworkforce.core import geo
from oneworkforce.core.api import Message, Pages, Text, ValidationProblems
from oneworkforce.core.postcodes import InvalidPostcode
from oneworkforce.partners.choices import WorkArea
from oneworkforce.talent.models import Contract, Hours, Vacancy

from .jobs import presenters as job_presenters
from .jobs import selectors as jobs
from .pathways import presenters as role_presenters
from .pathways.selectors import catalogue

jobs_router = Router(tags=["Jobs"])
careers_router = Router(tags=["Careers"])

SectorGroup = Enum("SectorGroup", {key: key for key in jobs.SECTOR_GROUPS}, type=str)  # type: ignore[misc]


class JobSummary(Schema):
    id: int
    title: str
    employer: str = Field(..., alias="organisation.name")
    sector: str
    work_area: str
    hours: str
    contract: str
    pay_low: Decimal | None
    pay_high: Decimal | None
    pay_unit: str = Field(..., description="hour or year; empty when the advert gives no amounts")
    pay_hourly: str = Field(
        ..., description="By the hour, worked out for 37.5 hours a week if need be"
    )
    pay_yearly: str
    nhs_band: str
    postcode: str
    closes_on: dt.date | None
    entry_level: bool = Field(..., description="No experience needed")
    apprenticeship: bool = Field(..., description="Its contract is an apprenticeship")
    training_given: bool
    career_role: str
    distance_km: float | None = None
    url: str

    @staticmethod
    def resolve_sector(obj: Vacancy) -> str:
        return job_presenters.sector_name(obj.organisation.sector)

    @staticmethod
    def resolve_apprenticeship(obj: Vacancy) -> bool:
        return obj.contract == Contract.APPRENTICESHIP

    @staticmethod
    def resolve_pay_hourly(obj: Vacancy) -> str:
        return job_presenters.pay(obj)["hourly"]

    @staticmethod
    def resolve_pay_yearly(obj: Vacancy) -> str:
        return job_presenters.pay(obj)["yearly"]

    @staticmethod
    def resolve_distance_km(obj: Vacancy) -> float | None:
        km = jobs.distance_km(obj)
        return None if km is None else round(km, 1)

    @staticmethod
    def resolve_url(obj: Vacancy) -> str:
        return reverse("careers:job", args=[obj.pk])


class JobDetail(JobSummary):
    description: str
    essential_criteria: str
    support: list[str]

    @staticmethod
    def resolve_support(obj: Vacancy) -> list[str]:
        return job_presenters.support(obj)


class JobFilters(Schema):
    q: Text = Field(
        "", max_length=200, description="Words in the title, the employer's name or the description"
    )
    sector: list[SectorGroup] = Field([], description="Sectors as a visitor names them")  # type: ignore[valid-type]
    setting: list[WorkArea] = []
    hours: list[Hours] = []
    contract: list[Contract] = []
    pay_from: int | None = Field(None, ge=0, le=500_000, description="Pounds a year at least")
    near: Text = Field("", max_length=10, description="A postcode or a district such as LS6")
    within_km: int | None = Field(None, ge=1, le=200, description="Near a place; 10 if not given")
    no_experience: bool = False
    apprenticeship: bool = False
    training: bool = False
    closing_soon: bool = False
    role: Text = Field("", max_length=60, description="A careers role code, like care-worker")
    sort: str = Field("", pattern="^(|newest|nearest|closing)$")

    @field_validator("near")
    @classmethod
    def a_postcode_or_district(cls, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return geo.normalise_postcode_or_district(value)
        except InvalidPostcode:
            raise ValueError("Enter a UK postcode like LS1 4AP, or a district like LS1") from None


@jobs_router.get(
    "/",
    url_name="jobs_search",
    response={200: list[JobSummary], 422: ValidationProblems},
    summary="Search every open job of every partner",
)
@paginate(Pages, page_size=20)
def search_jobs(request: HttpRequest, filters: Query[JobFilters]) -> Any:
    near = filters.near
    criteria = jobs.Criteria(
        q=filters.q,
        sectors=[s.value for s in filters.sector],
        work_areas=[s.value for s in filters.setting],
        hours=[h.value for h in filters.hours],
        contracts=[c.value for c in filters.contract],
        pay_from=filters.pay_from,
        near=near,
        within_km=filters.within_km,
        no_experience=filters.no_experience,
        apprenticeship=filters.apprenticeship,
        training=filters.training,
        closing_soon=filters.closing_soon,
        role=filters.role,
        sort=filters.sort if near or filters.sort != "nearest" else "",
    )
    try:
        return jobs.search(criteria)
    except jobs.UnknownPlace:
        return Vacancy.objects.none()


@jobs_router.get(
    "/{job_id}",
    url_name="jobs_job",
    response={200: JobDetail, 404: Message, 422: ValidationProblems},
    summary="One open job",
)
def get_job(request: HttpRequest, job_id: int) -> Any:
    found = jobs.open_vacancies(timezone.localdate()).filter(pk=job_id).first()
    if found is None:
        return Status(404, {"detail": "No open job with this id."})
    return Status(200, found)


class CareerRolePay(Schema):
    setting: str
    low: float
    high: float
    unit: str
    nhs_band: str
    source: str


class CareerRole(Schema):
    code: str
    title: str
    stage: str
    job_family: str
    work: str
    settings: list[str]
    entry_routes: list[str]
    pay: list[CareerRolePay]
    next: list[str]
    local: bool


@careers_router.get(
    "/roles",
    url_name="careers_roles",
    response=list[CareerRole],
    summary="Every role in the careers catalogue",
)
def list_roles(request: HttpRequest) -> Any:
    found = catalogue()
    return [role_presenters.role_api(role, found) for role in found.roles]


@careers_router.get(
    "/roles/{code}",
    url_name="careers_role",
    response={200: CareerRole, 404: Message, 422: ValidationProblems},
    summary="One role: the work, ways in, pay by sector with its source, and next steps",
)
def get_role(request: HttpRequest, code: Text) -> Any:
    found = catalogue()
    role = found.role(code[:60])
    if role is None:
        return Status(404, {"detail": "No role with this code."})
    return Status(200, role_presenters.role_api(role, found))
