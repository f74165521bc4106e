"""Learning API: search the catalogue (open), book and cancel for the signed-in person, and
completion statements from partners' learning systems (a key per partner)."""

import datetime as dt
import math
import re

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import HttpBearer, django_auth
from pydantic import field_validator

from oneworkforce.core.api import Message, Pages, Text, ValidationProblems
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import Sector

from .bookings import services as bookings
from .catalogue.search import Criteria, UnknownPostcode, search
from .cpd import api as cpd_api
from .evaluations import api as evaluations_api
from .models import Booking, Kind, Opportunity, Session
from .programmes.api import router as programmes_router
from .records import services as records
from .workforce import selectors as workforce_selectors
from .workforce.grid import Choice

router = Router(tags=["Learning"])
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
COMPLIANCE_PAGE = 100


class PartnerKey(HttpBearer):
    """``Authorization: Bearer <key>``: a key a partner's admin created for its system."""

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        organisation = records.token_organisation(token)
        if organisation is not None:
            request.key_organisation = organisation  # type: ignore[attr-defined]
        return organisation


class SessionOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    schedule: str
    online: bool
    where: str
    capacity: int
    places_left: int


class OpportunitySummary(Schema):
    slug: str
    title: str
    kind: str
    provider: str = Field(..., alias="organisation.name")
    summary: str
    cost_pence: int
    duration_minutes: int | None
    next_start: dt.datetime | None = None
    distance_km: float | None = Field(
        None, description="Near a postcode: how far its nearest matching session is, in km"
    )

    @staticmethod
    def resolve_distance_km(obj: Opportunity) -> float | None:
        squared = getattr(obj, "distance_sq", None)
        return None if squared is None else round(math.sqrt(max(0.0, squared)), 1)


class OpportunityDetail(OpportunitySummary):
    who_can_take: str
    audience_sectors: list[str]
    accreditation: str
    link: str
    needs_approval: bool
    review_by: dt.date
    topics: list[str]
    requirements: list[str]
    sessions: list[SessionOut]

    @staticmethod
    def resolve_topics(obj: Opportunity) -> list[str]:
        return [t.name for t in obj.topics.all()]

    @staticmethod
    def resolve_requirements(obj: Opportunity) -> list[str]:
        return [r.code for r in obj.requirements.all()]

    @staticmethod
    def resolve_sessions(obj: Opportunity) -> list[Session]:
        return list(obj.sessions.upcoming().select_related("site"))


class SearchFilters(Schema):
    q: Text = Field("", max_length=200)
    kind: list[Kind] = Field(default_factory=list)
    topic: list[Text] = Field(default_factory=list, max_length=20)
    provider: list[Text] = Field(default_factory=list, max_length=20)
    sector: Sector | None = None
    requirement: Text = Field("", max_length=60)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    free: bool = False
    places: bool = False
    postcode: Text = Field(
        "", max_length=10, description="A postcode or a postcode district such as LS6"
    )
    within_km: int | None = Field(
        10, ge=1, le=200, description="Only near a postcode; send none for any distance"
    )
    sort: str = Field(
        "",
        pattern="^(|relevance|nearest|soonest|newest|title)$",
        description="Empty: nearest first near a postcode, else best match for words, else soonest",
    )

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def written_as_a_date(cls, value: object) -> object:
        """Only YYYY-MM-DD: pydantic would otherwise read a number as seconds since 1970."""
        if value is not None and not (isinstance(value, str) and re.match(ISO_DATE, value)):
            raise ValueError("Write the date as YYYY-MM-DD")
        return value


class BookingOut(Schema):
    id: int
    session: int = Field(..., alias="session_id")
    opportunity: str = Field(..., alias="session.opportunity.slug")
    state: str
    offer_expires_at: dt.datetime | None


class StatementActor(Schema):
    mbox: Text = Field(..., max_length=260, description="mailto:person@example.org")


class StatementVerb(Schema):
    id: Text = Field(
        ..., max_length=300, description="For example http://adlnet.gov/expapi/verbs/completed"
    )


class StatementObject(Schema):
    id: Text = Field(
        ...,
        max_length=500,
        description="The listing's page address, link, or urn:oneworkforce:learning:<slug>",
    )


class StatementIn(Schema):
    id: Text = Field(
        ...,
        min_length=1,
        max_length=100,
        description="Statement id (a UUID); repeats are recorded once",
    )
    actor: StatementActor
    verb: StatementVerb
    object: StatementObject
    timestamp: dt.datetime


class StatementOut(Schema):
    completion: int
    learner: str
    opportunity: str
    completed_on: dt.date
    certificate_code: str
    created: bool


def _problem(field: str, message: str) -> Status:
    return Status(422, {"detail": message, "errors": [{"field": field, "message": message}]})


@router.get(
    "/opportunities",
    url_name="learning_opportunities",
    response={200: list[OpportunitySummary], 422: ValidationProblems},
    summary="Search the learning catalogue",
)
@paginate(Pages, page_size=20)
def list_opportunities(request: HttpRequest, filters: Query[SearchFilters]):  # type: ignore[no-untyped-def]
    criteria = Criteria(
        q=filters.q,
        kinds=[k.value for k in filters.kind],
        topics=filters.topic,
        providers=filters.provider,
        sector=filters.sector.value if filters.sector else "",
        requirement=filters.requirement,
        date_from=filters.date_from,
        date_to=filters.date_to,
        free=filters.free,
        places=filters.places,
        postcode=filters.postcode,
        within_km=filters.within_km,
        sort=filters.sort,
    )
    try:
        return search(criteria)
    except UnknownPostcode:
        return Opportunity.objects.none()


@router.get(
    "/opportunities/{slug}",
    url_name="learning_opportunity",
    response={200: OpportunityDetail, 404: Message, 422: ValidationProblems},
    summary="One published opportunity with its upcoming dates",
)
def get_opportunity(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    found = Opportunity.objects.published().select_related("organisation").filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": "No published learning with this slug."})
    return Status(200, found)


@router.get(
    "/bookings",
    auth=django_auth,
    url_name="learning_bookings",
    response={200: list[BookingOut], 401: Message},
    summary="Your bookings",
)
def my_bookings(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Status(
        200,
        Booking.objects.filter(learner=request.user).select_related("session__opportunity")[:500],
    )


@router.post(
    "/sessions/{session_id}/bookings",
    auth=django_auth,
    url_name="learning_book",
    response={201: BookingOut, 401: Message, 403: Message, 404: Message, 409: Message},
    summary="Book a place (or join the waiting list when full)",
)
def book(request: HttpRequest, session_id: int):  # type: ignore[no-untyped-def]
    if not Session.objects.filter(pk=session_id).exists():
        return Status(404, {"detail": "There is no such session."})
    try:
        booking = bookings.booking_create(actor=request.user, session_id=session_id)
    except ServiceError as error:
        return Status(409, {"detail": error.message})
    return Status(201, booking)


@router.post(
    "/bookings/{booking_id}/cancel",
    auth=django_auth,
    url_name="learning_cancel",
    response={200: BookingOut, 401: Message, 403: Message, 404: Message, 409: Message},
    summary="Cancel your booking or leave the waiting list",
)
def cancel(request: HttpRequest, booking_id: int):  # type: ignore[no-untyped-def]
    if not Booking.objects.filter(pk=booking_id, learner=request.user).exists():
        return Status(404, {"detail": "There is no such booking of yours."})
    try:
        booking = bookings.booking_cancel(actor=request.user, booking_id=booking_id)
    except ServiceError as error:
        return Status(409, {"detail": error.message})
    return Status(200, booking)


@router.post(
    "/statements",
    auth=PartnerKey(),
    url_name="learning_statements",
    response={200: StatementOut, 201: StatementOut, 401: Message, 422: ValidationProblems},
    summary="Record a completion sent by a partner's learning system (xAPI-shaped statement)",
)
def statement(request: HttpRequest, payload: StatementIn):  # type: ignore[no-untyped-def]
    email = payload.actor.mbox.removeprefix("mailto:")
    try:
        completion, created = records.statement_record(
            organisation=request.key_organisation,  # type: ignore[attr-defined]
            statement_id=payload.id,
            actor_email=email,
            verb=payload.verb.id,
            activity_id=payload.object.id,
            timestamp=payload.timestamp,
        )
    except ServiceError as error:
        return _problem(f"body.{error.field or 'statement'}", error.message)
    body = {
        "completion": completion.pk,
        "learner": completion.learner.email,
        "opportunity": completion.opportunity.slug,
        "completed_on": completion.completed_on,
        "certificate_code": completion.certificate_code,
        "created": created,
    }
    return Status(201 if created else 200, body)


class ComplianceCell(Schema):
    requirement: str = Field(..., description="The requirement's code")
    state: str = Field(..., description="met, expiring, expired, missing or booked")
    expires_on: dt.date | None


class CompliancePerson(Schema):
    name: str
    email: str
    team: str
    site: str
    job_roles: list[str]
    training: list[ComplianceCell]


class CompliancePage(Schema):
    count: int = Field(..., description="People matching the filters")
    items: list[CompliancePerson] = Field(..., description="Up to 100 of them, by name")


class ComplianceFigureOut(Schema):
    day: dt.date
    people: int
    met: int
    expiring: int
    expired: int
    missing: int
    booked: int


class ComplianceFilters(Schema):
    team: Text = Field("", max_length=100)
    job_role: Text = Field("", max_length=200)
    state: str = Field("", pattern="^(|met|expiring|expired|missing|booked|none)$")
    page: int = Field(1, ge=1, le=10_000)


@router.get(
    "/partners/{slug}/compliance",
    auth=django_auth,
    url_name="learning_compliance",
    response={200: CompliancePage, 401: Message, 404: Message, 422: ValidationProblems},
    summary="A partner's people and the training their job roles need (its admins only)",
)
def compliance(request: HttpRequest, slug: Text, filters: Query[ComplianceFilters]):  # type: ignore[no-untyped-def]
    organisation = workforce_selectors.administered(request.user, slug)
    if organisation is None:
        return Status(404, {"detail": "No partner you administer has this slug."})
    frame = workforce_selectors.frame(organisation)
    codes = {r.pk: r.code for r in frame.requirements}
    found = workforce_selectors.stored_rows(
        frame, Choice(team=filters.team, job_role=filters.job_role, state=filters.state)
    )
    start = (filters.page - 1) * COMPLIANCE_PAGE
    rows = workforce_selectors.with_cells(found[start : start + COMPLIANCE_PAGE])
    items = [
        {
            "name": r.name,
            "email": r.email,
            "team": r.team,
            "site": r.site,
            "job_roles": r.job_roles,
            "training": [
                {"requirement": codes[k], "state": s.shown, "expires_on": s.expires_on}
                for k, s in r.cells.items()
            ],
        }
        for r in rows
    ]
    return Status(200, {"count": found.count(), "items": items})


@router.get(
    "/partners/{slug}/compliance/figures",
    auth=django_auth,
    url_name="learning_compliance_figures",
    response={200: list[ComplianceFigureOut], 401: Message, 404: Message},
    summary="A partner's daily compliance figures over the last 400 days (its admins only)",
)
def compliance_figures(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    organisation = workforce_selectors.administered(request.user, slug)
    if organisation is None:
        return Status(404, {"detail": "No partner you administer has this slug."})
    return Status(200, list(workforce_selectors.figure_history(organisation, timezone.localdate())))


# Programmes (ADR 024): their own router, under the same prefix and tag.
router.add_router("", programmes_router)
# Evaluations and the CPD log keep their endpoints beside their pages (ADR 023).
router.add_router("", evaluations_api.router)
router.add_router("", cpd_api.router)
