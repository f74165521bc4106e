"""Reads for learning environments: the list, one environment's page, supervision over time,
and the completions in the learning record that can stand as a supervisor's preparation."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from oneworkforce.learning.models import Completion
from oneworkforce.learning.records.compliance import accepted_by, add_months, validity_at
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Affiliation, Organisation, Site

from ..models import EducationalAudit, Evaluation, LearningEnvironment, Supervisor


def environments(organisation: Organisation | None = None) -> QuerySet[LearningEnvironment]:
    found = (
        LearningEnvironment.objects.active()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("audits", queryset=EducationalAudit.objects.order_by("-audited_on", "-pk"))
        )
    )
    return found if organisation is None else found.for_organisation(organisation)


def environment_page(environment: LearningEnvironment) -> LearningEnvironment:
    return (
        LearningEnvironment.objects.select_related("organisation")
        .prefetch_related(
            "audits__action_items",
            Prefetch(
                "supervisors",
                queryset=Supervisor.objects.select_related(
                    "learning_record__opportunity", "learning_record__issuer"
                ),
            ),
            "offers__block",
        )
        .get(pk=environment.pk)
    )


def evaluation_scores(environment: LearningEnvironment) -> list[dict[str, int]]:
    return list(
        Evaluation.objects.filter(placement__environment=environment).values(*Evaluation.QUESTIONS)
    )


def supervisors(organisation: Organisation | None = None) -> QuerySet[Supervisor]:
    found = Supervisor.objects.select_related("environment")
    return found if organisation is None else found.filter(environment__organisation=organisation)


def environment_or_404(pk: int) -> LearningEnvironment:
    return get_object_or_404(LearningEnvironment, pk=pk)


def preparation_records(supervisor: Supervisor) -> list[Completion]:
    """Verified completions in the learning record that can stand as the supervisor's
    preparation, newest first: the named person's (their account matched by e-mail), counted at
    the environment's partner (issued by it or by a partner whose training it accepts). Learning
    from another partner is read only when the person works at the environment's partner."""
    if supervisor.user_id is None:
        return []
    organisation = supervisor.environment.organisation
    found = Completion.objects.verified().filter(
        learner_id=supervisor.user_id, issuer_id__in=accepted_by(organisation)
    )
    works_there = Affiliation.objects.filter(
        user_id=supervisor.user_id, organisation=organisation, status=AffiliationStatus.CONFIRMED
    ).exists()
    if not works_there:
        found = found.filter(issuer=organisation)
    return list(found.select_related("opportunity", "issuer").prefetch_related("requirements")[:50])


def record_valid_until(completion: Completion, organisation: Organisation) -> dt.date | None:
    """When the completion needs refreshing at ``organisation``: its shortest-lived requirement
    at that partner's validity periods; None when it meets no requirement that expires."""
    periods = [m for m in validity_at(organisation, completion.requirements.all()).values() if m]
    return add_months(completion.completed_on, min(periods)) if periods else None


def partner_named(text: str) -> int | None:
    """The active partner a CSV cell names, by its slug or its name (any case)."""
    found = Organisation.objects.active().filter(slug=text.strip().lower()).first()
    found = found or Organisation.objects.active().filter(name__iexact=text.strip()).first()
    return found.pk if found else None


def site_postcode(organisation_id: int, name: str) -> str | None:
    site = Site.objects.filter(organisation_id=organisation_id, name__iexact=name.strip()).first()
    return site.postcode if site else None


def has_environment(organisation_id: int, name: str) -> bool:
    return LearningEnvironment.objects.filter(
        organisation_id=organisation_id, name__iexact=name
    ).exists()
