"""Partnership API: the directory, frameworks and faculties are open data; /me is yours."""

import datetime as dt
from enum import Enum

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from oneworkforce.core.api import Message, Pages, Text, ValidationProblems

from .choices import Sector
from .models import Faculty, Organisation
from .registry import selectors

router = Router(tags=["Partnership"])

SectorCode = Enum("SectorCode", {code.upper(): code for code in Sector.values}, type=str)  # type: ignore[misc]


class SiteOut(Schema):
    name: str
    postcode: str


class PlaceOut(Schema):
    name: str
    slug: str
    kind: str


class OrganisationOut(Schema):
    slug: str
    name: str
    sector: str
    sector_label: str = Field(..., alias="get_sector_display")
    ods_code: str
    place: PlaceOut | None
    summary: str
    website: str


class OrganisationDetail(OrganisationOut):
    sites: list[SiteOut]


class DirectoryFilters(Schema):
    q: Text = Field("", max_length=100, description="Words in the name, an ODS code or a postcode")
    sector: list[SectorCode] = Field(default_factory=list)  # type: ignore[valid-type]


class FrameworkOut(Schema):
    slug: str
    name: str
    kind: str
    summary: str
    signatory_count: int


class SignatoryOut(Schema):
    organisation: str = Field(..., alias="organisation.name")
    organisation_slug: str = Field(..., alias="organisation.slug")
    signed_on: dt.date
    signed_by_name: str
    signed_by_job_title: str
    withdrawn_on: dt.date | None


class FrameworkDetail(FrameworkOut):
    signatories: list[SignatoryOut] = Field(..., alias="current_signatories")
    past_signatories: list[SignatoryOut]


class FacultyOut(Schema):
    slug: str
    name: str
    description: str


class AffiliationOut(Schema):
    organisation: str = Field(..., alias="organisation.slug")
    relationship: str
    status: str


class RoleOut(Schema):
    role: str
    scope: str = Field(..., alias="scope_label")


class MeOut(Schema):
    email: str
    full_name: str
    job_title: str
    job_family: str
    work_area: str
    level: str
    work_status: str
    affiliations: list[AffiliationOut]
    roles: list[RoleOut]


@router.get(
    "/partners",
    response={200: list[OrganisationOut], 422: ValidationProblems},
    summary="Search the partner directory",
)
@paginate(Pages, page_size=50)
def list_partners(request: HttpRequest, filters: Query[DirectoryFilters]):  # type: ignore[no-untyped-def]
    return selectors.directory(q=filters.q, sectors=[s.value for s in filters.sector])


@router.get(
    "/partners/{slug}",
    response={200: OrganisationDetail, 404: Message, 422: ValidationProblems},
    summary="One partner and its sites",
)
def get_partner(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    organisation = (
        Organisation.objects.select_related("place").prefetch_related("sites").filter(slug=slug)
    ).first()
    if organisation is None:
        return Status(404, {"detail": "No partner with this slug."})
    return Status(200, organisation)


@router.get("/frameworks", response=list[FrameworkOut], summary="Frameworks and signatory counts")
def list_frameworks(request: HttpRequest):  # type: ignore[no-untyped-def]
    return selectors.frameworks_with_counts()


@router.get(
    "/frameworks/{slug}",
    response={200: FrameworkDetail, 404: Message, 422: ValidationProblems},
    summary="A framework and who has signed it",
)
def get_framework(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    framework = selectors.frameworks_with_counts().filter(slug=slug).first()
    if framework is None:
        return Status(404, {"detail": "No framework with this slug."})
    current, past = selectors.framework_signatories(framework)
    framework.current_signatories = current
    framework.past_signatories = past
    return Status(200, framework)


@router.get("/faculties", response=list[FacultyOut], summary="Active faculties")
def list_faculties(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Faculty.objects.filter(is_active=True)


@router.get(
    "/me", response={200: MeOut, 401: Message}, auth=django_auth, summary="Your own account"
)
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = request.auth
    return {
        **{
            name: getattr(user, name)
            for name in ("email", *user.PROFILE_FIELDS)
            if name != "other_organisation"
        },
        "affiliations": list(user.affiliations.select_related("organisation")),
        "roles": list(user.role_grants.active().select_related("organisation", "faculty")),
    }
