"""Reads for learning records: a person's completions and job roles, a job role's members, and
what a provider has to check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from oneworkforce.partners.models import Organisation, User

from ..models import (
    AcceptedIssuer,
    Completion,
    CompletionState,
    JobRole,
    ProviderToken,
    Requirement,
    RequirementPolicy,
    normalise_certificate_code,
)
from .compliance import (
    JobRoleCompliance,
    booked_requirements,
    job_role_compliance,
    learner_evidence,
)


def my_completions(learner: User) -> QuerySet[Completion]:
    return (
        Completion.objects.filter(learner=learner)
        .select_related("opportunity", "issuer")
        .prefetch_related("requirements")
    )


def my_job_roles(learner: User, today: dt.date) -> list[JobRoleCompliance]:
    evidence, booked = learner_evidence(learner), booked_requirements(learner)
    job_roles = learner.job_roles.select_related("organisation").prefetch_related("requirements")
    return [
        job_role_compliance(learner, p, today=today, evidence=evidence, booked=booked)
        for p in job_roles
    ]


def job_role_members(job_role: JobRole, today: dt.date) -> list[tuple[User, JobRoleCompliance]]:
    return [
        (member, job_role_compliance(member, job_role, today=today))
        for member in job_role.members.order_by("full_name", "email")
    ]


def pending_declarations(organisation: Organisation) -> QuerySet[Completion]:
    return (
        Completion.objects.for_organisation(organisation)
        .filter(state=CompletionState.PENDING)
        .select_related("learner", "opportunity")
        .order_by("created_at")
    )


def _found(obj: Any, what: str) -> Any:
    if obj is None:
        raise Http404(f"No such {what}.")
    return obj


def job_role(*, pk: int) -> JobRole:
    """Any partner's job role (their requirements are public)."""
    return _found(JobRole.objects.select_related("organisation").filter(pk=pk).first(), "role")


def other_job_roles(learner: User) -> QuerySet[JobRole]:
    """Job roles the learner does not have, to check themselves against (at most 200)."""
    return JobRole.objects.select_related("organisation").exclude(members=learner)[:200]


def own_certificate(*, learner: User, code: str) -> Completion:
    """One of the learner's verified completions, by its certificate code."""
    found = (
        Completion.objects.select_related("opportunity", "issuer")
        .filter(certificate_code=code, learner=learner, state=CompletionState.VERIFIED)
        .first()
    )
    return _found(found, "certificate")


def certificate(*, code: str) -> Completion | None:
    """The completion a certificate code names, whoever asks (the public check)."""
    return (
        Completion.objects.select_related("opportunity", "issuer", "learner")
        .filter(certificate_code=normalise_certificate_code(code))
        .first()
    )


def requirements() -> QuerySet[Requirement]:
    return Requirement.objects.all()


def all_job_roles() -> QuerySet[JobRole]:
    return JobRole.objects.select_related("organisation").prefetch_related("requirements")


def recent_decisions(organisation: Organisation) -> QuerySet[Completion]:
    """The partner's last 50 completions that are not waiting to be checked."""
    return (
        Completion.objects.for_organisation(organisation)
        .exclude(state=CompletionState.PENDING)
        .select_related("learner", "opportunity")[:50]
    )


def provider_completion(*, organisation: Organisation, pk: int) -> Completion:
    """A completion the partner issued (404 otherwise)."""
    found = (
        Completion.objects.for_organisation(organisation)
        .select_related("learner", "opportunity")
        .filter(pk=pk)
        .first()
    )
    return _found(found, "completion")


def organisation_job_roles(organisation: Organisation) -> QuerySet[JobRole]:
    return JobRole.objects.for_organisation(organisation).prefetch_related("requirements")


def organisation_job_role(*, organisation: Organisation, pk: int) -> JobRole:
    """One of the partner's own job roles (404 for another partner's)."""
    return _found(JobRole.objects.filter(organisation=organisation, pk=pk).first(), "role")


def job_role_member(*, job_role: JobRole, pk: int) -> User:
    """A person who has the job role (404 otherwise)."""
    return _found(job_role.members.filter(pk=pk).first(), "person")


def person_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.lower()).first()


def accepted_issuers(organisation: Organisation) -> QuerySet[AcceptedIssuer]:
    return organisation.accepted_issuers.select_related("issuer")


def validity_policies(organisation: Organisation) -> QuerySet[RequirementPolicy]:
    return RequirementPolicy.objects.filter(organisation=organisation).select_related("requirement")


def keys(organisation: Organisation) -> QuerySet[ProviderToken]:
    return ProviderToken.objects.filter(organisation=organisation)


def key_for(*, organisation: Organisation, pk: int) -> ProviderToken:
    """One of the partner's own keys (404 otherwise)."""
    found = ProviderToken.objects.filter(organisation=organisation, pk=pk).first()
    return _found(found, "key")
