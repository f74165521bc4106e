"""Reads for programmes: the published ones, a provider's own, the listings a provider may add,
a learner's enrolments and the state of each step for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from oneworkforce.partners.models import Organisation, User

from ..models import (
    PLACE_HOLDING_STATES,
    AcceptedIssuer,
    Booking,
    Completion,
    CompletionState,
    Opportunity,
    Programme,
    ProgrammeEnrolment,
    ProgrammeStep,
    Status,
    normalise_certificate_code,
)
from .progress import BOOKED, DONE, TO_DO, Progress, progress


@dataclass(frozen=True)
class StepStanding:
    step: ProgrammeStep
    state: str
    completed_on: dt.date | None


@dataclass(frozen=True)
class Standing:
    """Where a learner is on a programme: each step's state and the progress they add up to."""

    enrolment: ProgrammeEnrolment | None
    steps: list[StepStanding]
    progress: Progress

    @property
    def completed_on(self) -> dt.date | None:
        """When the last step done was completed, once the programme is complete."""
        if not self.progress.complete:
            return None
        return max(s.completed_on for s in self.steps if s.completed_on is not None)


def _found(obj: object, what: str) -> object:
    if obj is None:
        raise Http404(f"No such {what}.")
    return obj


def published_programmes() -> QuerySet[Programme]:
    return (
        Programme.objects.published()
        .select_related("organisation")
        .annotate(step_count=Count("steps"))
    )


def programme_for(*, slug: str) -> Programme:
    """Any programme by its slug (the view decides who may see a draft)."""
    found = Programme.objects.select_related("organisation").filter(slug=slug).first()
    return _found(found, "programme")  # type: ignore[return-value]


def steps(programme: Programme) -> list[ProgrammeStep]:
    return list(programme.steps.select_related("opportunity__organisation"))


def provider_programmes(organisation: Organisation) -> QuerySet[Programme]:
    return Programme.objects.for_organisation(organisation).annotate(
        step_count=Count("steps", distinct=True)
    )


def provider_programme(*, organisation: Organisation, slug: str) -> Programme:
    found = Programme.objects.for_organisation(organisation).filter(slug=slug).first()
    return _found(found, "programme")  # type: ignore[return-value]


def provider_step(*, programme: Programme, pk: object) -> ProgrammeStep | None:
    try:
        return programme.steps.select_related("programme", "opportunity").filter(pk=int(pk)).first()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def published_listings() -> QuerySet[Opportunity]:
    return Opportunity.objects.published().select_related("organisation")


def addable_listings(programme: Programme) -> QuerySet[Opportunity]:
    """Published listings of the programme's partner and of the providers it accepts, not
    already steps."""
    accepted = AcceptedIssuer.objects.filter(organisation_id=programme.organisation_id)
    return (
        Opportunity.objects.published()
        .filter(
            Q(organisation_id=programme.organisation_id)
            | Q(organisation_id__in=accepted.values("issuer_id"))
        )
        .exclude(programme_steps__programme=programme)
        .select_related("organisation")
        .order_by("organisation__name", "title")
    )


def containing(opportunity: Opportunity) -> QuerySet[Programme]:
    """The published programmes a listing is a step of."""
    return Programme.objects.published().filter(steps__opportunity=opportunity).distinct()


def enrolment(*, learner: User, programme: Programme) -> ProgrammeEnrolment | None:
    if not learner.is_authenticated:
        return None
    return ProgrammeEnrolment.objects.filter(programme=programme, learner=learner).first()


def my_enrolments(learner: User) -> QuerySet[ProgrammeEnrolment]:
    return ProgrammeEnrolment.objects.filter(learner=learner).select_related(
        "programme__organisation"
    )


def standing(
    *, learner: User, programme: Programme, enrolled: ProgrammeEnrolment | None = None
) -> Standing:
    """Each step's state for the learner: done when they hold a verified completion of its
    listing, booked when they hold a place on one of its sessions, else to do."""
    all_steps = steps(programme)
    listing_ids = [s.opportunity_id for s in all_steps]
    done: dict[int, dt.date] = {}
    booked: set[int] = set()
    if learner.is_authenticated:
        for listing_id, day in Completion.objects.filter(
            learner=learner, state=CompletionState.VERIFIED, opportunity_id__in=listing_ids
        ).values_list("opportunity_id", "completed_on"):
            done[listing_id] = max(day, done.get(listing_id, day))
        booked = set(
            Booking.objects.filter(
                learner=learner,
                state__in=PLACE_HOLDING_STATES,
                session__opportunity_id__in=listing_ids,
                session__cancelled_at__isnull=True,
            ).values_list("session__opportunity_id", flat=True)
        )
    standings = [
        StepStanding(
            step=s,
            state=DONE
            if s.opportunity_id in done
            else BOOKED
            if s.opportunity_id in booked
            else TO_DO,
            completed_on=done.get(s.opportunity_id),
        )
        for s in all_steps
    ]
    return Standing(
        enrolment=enrolled,
        steps=standings,
        progress=progress(
            ((s.step.required, s.state) for s in standings), programme.optional_needed
        ),
    )


@dataclass(frozen=True)
class CohortMember:
    """One learner enrolled on a programme (now or before they left) and their progress."""

    enrolment: ProgrammeEnrolment
    progress: Progress


def cohort(programme: Programme) -> list[CohortMember]:
    """Everyone enrolled on the programme, active, completed or withdrawn, with their progress
    worked out from their verified completions of its steps (three queries in all)."""
    all_steps = list(programme.steps.values_list("opportunity_id", "required"))
    enrolments = list(
        ProgrammeEnrolment.objects.filter(programme=programme)
        .select_related("learner", "withdrawn_by")
        .order_by("learner__full_name", "learner__email")
    )
    done: dict[int, set[int]] = {}
    for learner_id, listing_id in (
        Completion.objects.filter(
            state=CompletionState.VERIFIED,
            learner_id__in=ProgrammeEnrolment.objects.filter(programme=programme).values(
                "learner_id"
            ),
            opportunity_id__in=[listing for listing, _ in all_steps],
        )
        .values_list("learner_id", "opportunity_id")
        .distinct()
    ):
        done.setdefault(learner_id, set()).add(listing_id)
    return [
        CohortMember(
            enrolment=e,
            progress=progress(
                (
                    (required, DONE if listing in done.get(e.learner_id, ()) else TO_DO)
                    for listing, required in all_steps
                ),
                programme.optional_needed,
            ),
        )
        for e in enrolments
    ]


def provider_enrolment(*, programme: Programme, pk: int) -> ProgrammeEnrolment:
    """One enrolment on the provider's programme; any other is not found."""
    found = (
        ProgrammeEnrolment.objects.select_related("programme__organisation", "learner")
        .filter(programme=programme, pk=pk)
        .first()
    )
    return _found(found, "enrolment")  # type: ignore[return-value]


def enrolment_by_code(code: str) -> ProgrammeEnrolment | None:
    """The enrolment a programme certificate's code names, whoever asks (the public check)."""
    return (
        ProgrammeEnrolment.objects.select_related("programme__organisation", "learner")
        .filter(certificate_code=normalise_certificate_code(code))
        .first()
    )


def published(programme: Programme) -> bool:
    return programme.status == Status.PUBLISHED
