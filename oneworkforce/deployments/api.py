"""Deployments API: the public portability register, open needs and each party's own
deployments, and an apprenticeship cohort's plan for the people allowed to see it."""

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems
from oneworkforce.partners.access import is_partnership_admin

from . import access
from .models import Cohort, Deployment
from .portability import selectors as portability

router = Router(tags=["Deployments and apprenticeships"])


class RegisterOut(Schema):
    framework: str | None
    signatories: list[str] = Field(..., description="Partners whose signature is in force today")


class DeploymentOut(Schema):
    id: int
    job_title: str
    work_type: str
    staff_group: str
    host: str = Field(..., alias="host.name")
    employer: str | None
    state: str
    starts_on: dt.date
    ends_on: dt.date
    hours_per_week: float
    terms: str

    @staticmethod
    def resolve_employer(obj: Deployment) -> str | None:
        return obj.employer.name if obj.employer else None


class PlacedOut(Schema):
    block: int
    placement: str
    setting: str
    explanation: str
    changed_by_coordinator: bool


class ApprenticePlanOut(Schema):
    apprentice: str
    employer: str
    placements: list[PlacedOut]


class PlanOut(Schema):
    cohort: str
    blocks: int
    solver_status: str
    apprentices: list[ApprenticePlanOut]


@router.get(
    "/register",
    url_name="deployments_register",
    response=RegisterOut,
    summary="The staff portability framework and who has signed it",
)
def register(request: HttpRequest):  # type: ignore[no-untyped-def]
    framework = portability.portability_framework()
    if framework is None:
        return {"framework": None, "signatories": []}
    names = framework.signatories.current().order_by("organisation__name")
    return {
        "framework": framework.name,
        "signatories": list(names.values_list("organisation__name", flat=True)),
    }


@router.get(
    "/portability",
    auth=django_auth,
    url_name="deployments_list",
    response={200: list[DeploymentOut], 401: Message},
    summary="Deployments you or your partners are part of, and (admins) open needs to meet",
)
def deployments(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = request.user
    found = Deployment.objects.select_related("host", "employer")
    if not is_partnership_admin(user):
        ids = user.administered_organisation_ids
        visible = Q(host_id__in=ids) | Q(employer_id__in=ids) | Q(person=user)
        if ids:  # any partner's admins may offer someone for an open need
            visible |= Q(state="requested", person__isnull=True)
        found = found.filter(visible)
    return Status(200, list(found.order_by("-raised_at")[:500]))


@router.get(
    "/portability/{deployment_id}",
    auth=django_auth,
    url_name="deployments_detail",
    response={200: DeploymentOut, 401: Message, 404: Message},
    summary="One deployment (its host's and employer's admins, and the person)",
)
def deployment(request: HttpRequest, deployment_id: int):  # type: ignore[no-untyped-def]
    found = Deployment.objects.select_related("host", "employer").filter(pk=deployment_id).first()
    if found is None or not access.involved(request.user, found):
        return Status(404, {"detail": "No deployment of yours has this number."})
    return Status(200, found)


@router.get(
    "/cohorts/{slug}/plan",
    auth=django_auth,
    url_name="deployments_cohort_plan",
    response={200: PlanOut, 401: Message, 404: Message, 422: ValidationProblems},
    summary="An apprenticeship cohort's rotation plan with each apprentice's explanation",
)
def cohort_plan(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    cohort = Cohort.objects.filter(slug=slug).first()
    if cohort is None or not access.views_cohort(request.user, cohort):
        return Status(404, {"detail": "No cohort you can see has this name."})
    people = cohort.apprentices.select_related("employer").prefetch_related(
        "assignments__placement__site"
    )
    return Status(
        200,
        {
            "cohort": cohort.name,
            "blocks": cohort.blocks,
            "solver_status": cohort.solver_status,
            "apprentices": [
                {
                    "apprentice": a.name,
                    "employer": a.employer.name,
                    "placements": [
                        {
                            "block": x.block,
                            "placement": x.placement.site.name,
                            "setting": x.placement.setting,
                            "explanation": x.explanation,
                            "changed_by_coordinator": bool(x.override_reason),
                        }
                        for x in a.assignments.all()
                    ],
                }
                for a in people
            ],
        },
    )
