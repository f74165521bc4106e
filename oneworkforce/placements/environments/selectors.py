"""Reads for learning environments: the list, one environment's page, supervision over time."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from oneworkforce.partners.models import Organisation

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
        .prefetch_related("audits__action_items", "supervisors", "offers__block")
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
