"""The talent hub API for partners' own applicant tracking systems: vacancies in, application
status out. A partner's system authenticates with a key its partner admin created on the
"Keys for your recruitment system" page (``Authorization: Bearer <key>``) and sees only its own
vacancies and the applications put forward to them; candidates appear by reference, name and
contact details, never with barriers, cohorts, equality monitoring or support."""

import datetime as dt
import re

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import HttpBearer
from pydantic import field_validator

from oneworkforce.core.api import Message, Pages, Presented, Text, ValidationProblems
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import JobFamily, WorkArea

from .models import Application, Hours, Vacancy
from .pipeline import selectors, services
from .pipeline.states import NEXT_STEP, State

router = Router(tags=["Talent hub"])
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class RecruitmentSystemKey(HttpBearer):
    """``Authorization: Bearer <key>``: a key a partner's admin created for its system."""

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        organisation = selectors.ats_key_organisation(token)
        if organisation is not None:
            request.key_organisation = organisation  # type: ignore[attr-defined]
        return organisation


class VacancyIn(Schema):
    title: Text = Field(..., min_length=1, max_length=150)
    job_family: JobFamily
    work_area: WorkArea
    hours: Hours = Hours.ANY
    postcode: Text = Field("", max_length=10)
    places: int = Field(1, ge=1, le=500)
    closes_on: dt.date | None = None
    is_open: bool = True
    entry_level: bool = True
    description: Text = Field("", max_length=5000)
    pay: Text = Field("", max_length=100)

    @field_validator("closes_on", mode="before")
    @classmethod
    def written_as_a_date(cls, value: object) -> object:
        if value is not None and not (isinstance(value, str) and re.match(ISO_DATE, value)):
            raise ValueError("Write the date as YYYY-MM-DD")
        return value


class TalentVacancyOut(Schema):
    id: int
    external_ref: str
    title: str
    job_family: str
    work_area: str
    hours: str
    postcode: str
    places: int
    closes_on: dt.date | None
    is_open: bool
    entry_level: bool


class CheckpointOut(Schema):
    months: int
    due_on: dt.date
    outcome: str
    moved_to: str | None
    left_reason: str


class CandidateOut(Schema):
    reference: str
    name: str
    email: str | None
    phone: str | None


class ApplicationOut(Schema):
    id: int
    vacancy_id: int
    vacancy_external_ref: str
    candidate: CandidateOut
    state: str
    state_label: str
    state_changed_at: dt.datetime
    due_on: dt.date | None
    next_step: str
    started_on: dt.date | None
    left_on: dt.date | None
    left_reason: str
    checkpoints: list[CheckpointOut]


class Since(Schema):
    since: dt.date | None = None

    @field_validator("since", mode="before")
    @classmethod
    def written_as_a_date(cls, value: object) -> object:
        if value is not None and not (isinstance(value, str) and re.match(ISO_DATE, value)):
            raise ValueError("Write the date as YYYY-MM-DD")
        return value


def _vacancy(vacancy: Vacancy) -> dict[str, object]:
    return {
        "id": vacancy.pk,
        "external_ref": vacancy.external_ref,
        "title": vacancy.title,
        "job_family": vacancy.job_family,
        "work_area": vacancy.work_area,
        "hours": vacancy.hours,
        "postcode": vacancy.postcode,
        "places": vacancy.places,
        "closes_on": vacancy.closes_on,
        "is_open": vacancy.is_open,
        "entry_level": vacancy.entry_level,
    }


def _application(application: Application) -> dict[str, object]:
    candidate = application.candidate
    anonymised = candidate.is_anonymised
    return {
        "id": application.pk,
        "vacancy_id": application.vacancy_id,
        "vacancy_external_ref": application.vacancy.external_ref,
        "candidate": {
            "reference": candidate.reference,
            "name": "" if anonymised else candidate.full_name,
            "email": None if anonymised else candidate.email,
            "phone": None if anonymised else candidate.phone,
        },
        "state": application.state,
        "state_label": application.get_state_display(),
        "state_changed_at": application.state_changed_at,
        "due_on": application.due_on,
        "next_step": NEXT_STEP[State(application.state)],
        "started_on": application.started_on,
        "left_on": application.left_on,
        "left_reason": application.left_reason,
        "checkpoints": [
            {
                "months": c.months,
                "due_on": c.due_on,
                "outcome": c.outcome,
                "moved_to": c.moved_to.name if c.moved_to else None,
                "left_reason": c.left_reason,
            }
            for c in application.checkpoints.all()
        ],
    }


@router.put(
    "/vacancies/{external_ref}",
    auth=RecruitmentSystemKey(),
    url_name="talent_vacancy_put",
    response={200: TalentVacancyOut, 201: TalentVacancyOut, 401: Message, 422: ValidationProblems},
    summary="Create or update one of your vacancies, by its reference in your own system",
)
def vacancy_put(request: HttpRequest, external_ref: Text, payload: VacancyIn):  # type: ignore[no-untyped-def]
    organisation = request.key_organisation  # type: ignore[attr-defined]
    reference = external_ref.strip()
    if not reference or len(reference) > 64:
        return _problem("path.external_ref", "Give a reference of 1 to 64 characters")
    existing = selectors.system_vacancy(organisation, reference=reference)
    try:
        saved = services.vacancy_save(
            actor=None,
            organisation=organisation,
            vacancy=existing,
            external_ref=reference,
            source=Vacancy.Source.API,
            **payload.dict(),
        )
    except ServiceError as error:
        return _problem(f"body.{error.field or 'vacancy'}", error.message)
    return Status(200 if existing else 201, _vacancy(saved))


@router.get(
    "/vacancies",
    auth=RecruitmentSystemKey(),
    url_name="talent_vacancies",
    response={200: list[TalentVacancyOut], 401: Message, 422: ValidationProblems},
    summary="Your vacancies in the talent hub",
)
@paginate(Pages, page_size=50)
def vacancies(request: HttpRequest):  # type: ignore[no-untyped-def]
    found = selectors.system_vacancies(request.key_organisation)  # type: ignore[attr-defined]
    return Presented(found, _vacancy)


@router.get(
    "/applications",
    auth=RecruitmentSystemKey(),
    url_name="talent_applications",
    response={200: list[ApplicationOut], 401: Message, 422: ValidationProblems},
    summary="Where the applications put forward to your vacancies stand",
)
@paginate(Pages, page_size=50)
def application_list(request: HttpRequest, filters: Query[Since]):  # type: ignore[no-untyped-def]
    found = selectors.system_applications(request.key_organisation)  # type: ignore[attr-defined]
    if filters.since is not None:
        found = found.filter(state_changed_at__date__gte=filters.since)
    return Presented(found, _application)


@router.get(
    "/applications/{application_id}",
    auth=RecruitmentSystemKey(),
    url_name="talent_application",
    response={200: ApplicationOut, 401: Message, 404: Message, 422: ValidationProblems},
    summary="One application put forward to one of your vacancies",
)
def application_detail(request: HttpRequest, application_id: int):  # type: ignore[no-untyped-def]
    if not -(2**62) < application_id < 2**62:
        return Status(404, {"detail": "No such application for your vacancies"})
    organisation = request.key_organisation  # type: ignore[attr-defined]
    found = selectors.system_applications(organisation).filter(pk=application_id).first()
    if found is None:
        return Status(404, {"detail": "No such application for your vacancies"})
    return _application(found)


def _problem(field: str, message: str) -> Status:
    return Status(422, {"detail": message, "errors": [{"field": field, "message": message}]})
