"""Vacancies, applications through the pipeline, offer conditions, screening, checkpoints and the
work list.

Services take keyword-only arguments, run in one transaction, write the audit log and answer a
broken rule with ``ServiceError(message, field=...)`` having written nothing. The rules of the
pipeline itself live in ``states.py``; this module applies them to stored applications under
a row lock, so two people moving the same application cannot both win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.careers.pathways.selectors import catalogue
from oneworkforce.core import audit, geography, keys
from oneworkforce.core.formatting import date as long_date
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import Organisation, User

from .. import access, common
from ..models import (
    Application,
    ApplicationSource,
    ApplicationStep,
    AtsKey,
    Candidate,
    Checkpoint,
    CheckpointOutcome,
    LeftReason,
    OfferCondition,
    ScreeningAnswer,
    ScreeningQuestion,
    Vacancy,
)
from . import states
from .states import MoveRefused, State

# What the public job board shows and searches; each is optional and keeps its value when a
# caller does not name it.
BOARD_FIELDS = (
    "pay_low",
    "pay_high",
    "pay_unit",
    "nhs_band",
    "contract",
    "training_given",
    "travel_help",
    "english_support",
    "essential_criteria",
    "career_role",
)
VACANCY_FIELDS = (
    "organisation",
    "title",
    "job_family",
    "work_area",
    "hours",
    "postcode",
    "places",
    "closes_on",
    "is_open",
    "entry_level",
    "description",
    "pay",
    "external_ref",
    *BOARD_FIELDS,
)
MIN_SCREENING_ANSWERS = 3
CHECKPOINT_EARLY_DAYS = 14


# Vacancies ---------------------------------------------------------------------------------------


@transaction.atomic
def vacancy_save(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    job_family: str,
    work_area: str,
    hours: str = "any",
    postcode: str = "",
    places: int = 1,
    closes_on: dt.date | None = None,
    is_open: bool = True,
    entry_level: bool = True,
    description: str = "",
    pay: str = "",
    external_ref: str = "",
    vacancy: Vacancy | None = None,
    source: str = Vacancy.Source.PAGE,
    board: dict[str, Any] | None = None,
) -> Vacancy:
    """Add a vacancy, or change ``vacancy``. A vacancy's partner never changes.

    ``board`` holds any of BOARD_FIELDS (what the public job board shows); pay from ``pay_low``
    to ``pay_high`` needs its unit. Where the vacancy is (its postcode, or its partner's first
    site) is located for searches by distance."""
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter the vacancy's title", field="title")
    if places is None or places < 1:
        raise ServiceError("A vacancy needs at least 1 place", field="places")
    where = common.place(postcode, field="postcode")
    external_ref = (external_ref or "").strip()
    if vacancy is not None and vacancy.organisation_id != organisation.pk:
        raise ServiceError("A vacancy stays with the partner that posted it", field="organisation")
    if external_ref:
        clash = Vacancy.objects.filter(organisation=organisation, external_ref=external_ref)
        if vacancy is not None:
            clash = clash.exclude(pk=vacancy.pk)
        if clash.exists():
            raise ServiceError(
                f"{organisation.name} already has a vacancy with the reference {external_ref}",
                field="external_ref",
            )
    before = audit.snapshot_stored(vacancy, VACANCY_FIELDS) if vacancy else {}
    target = vacancy or Vacancy(created_by=actor, source=source)
    values = {
        "organisation": organisation,
        "title": title,
        "job_family": job_family,
        "work_area": work_area,
        "hours": hours or "any",
        "postcode": where.postcode if where else "",
        "places": places,
        "closes_on": closes_on,
        "is_open": is_open,
        "entry_level": entry_level,
        "description": (description or "").strip(),
        "pay": (pay or "").strip(),
        "external_ref": external_ref,
    }
    values.update(_board_values(board or {}))
    for name, value in values.items():
        setattr(target, name, value)
    target.latitude, target.longitude = _located(target.postcode, organisation)
    target.save()
    audit.record(
        actor=actor,
        action="talent.vacancy_saved" if vacancy else "talent.vacancy_added",
        obj=target,
        organisation=organisation,
        changes=audit.diff(before, audit.snapshot(target, VACANCY_FIELDS)),
    )
    return target


def _board_values(board: dict[str, Any]) -> dict[str, Any]:
    unknown = set(board) - set(BOARD_FIELDS)
    if unknown:
        raise ValueError(f"unknown vacancy fields: {', '.join(sorted(unknown))}")
    values = dict(board)
    low, high = board.get("pay_low"), board.get("pay_high")
    if low is not None and high is not None and low > high:
        raise ServiceError("The lowest pay must not be above the highest", field="pay_low")
    if (low is not None or high is not None) and not board.get("pay_unit"):
        raise ServiceError("Say whether the pay is an hour or a year", field="pay_unit")
    for name in ("pay_low", "pay_high"):
        if name in board and board[name] is not None and board[name] <= 0:
            raise ServiceError("Enter pay above £0", field=name)
    for name in ("nhs_band", "essential_criteria", "career_role"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if values.get("career_role") and catalogue().role(values["career_role"]) is None:
        raise ServiceError("Choose a career role from the list", field="career_role")
    return values


def _located(postcode: str, organisation: Organisation) -> tuple[float | None, float | None]:
    """Where a vacancy is: its postcode, else its partner's first site with a postcode."""
    codes = [postcode] if postcode else []
    codes += list(organisation.sites.exclude(postcode="").values_list("postcode", flat=True))
    for code in codes:
        point = geography.locate(code)
        if point is not None:
            return point
    return None, None


# Applications --------------------------------------------------------------------------------


def _step(application: Application, *, actor: User | None, from_state: str, note: str = "") -> None:
    ApplicationStep.objects.create(
        application=application,
        from_state=from_state,
        to_state=application.state,
        at=application.state_changed_at,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )


@transaction.atomic
def application_create(
    *,
    actor: User | None,
    candidate: Candidate,
    vacancy: Vacancy,
    note: str = "",
    source: str = ApplicationSource.COORDINATOR,
    source_code: str = "",
    served_in_forces: bool = False,
    meets_essential_criteria: bool = False,
) -> Application:
    """Put ``candidate`` forward for ``vacancy``: a new application at "Interested", with where
    it came from. A person who served in the armed forces and meets the vacancy's essential
    criteria is guaranteed an interview (when the vacancy records essential criteria)."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.is_anonymised:
        raise ServiceError("This candidate's details have been removed", field="vacancies")
    today = timezone.localdate()
    if not vacancy.is_open or (vacancy.closes_on is not None and vacancy.closes_on < today):
        raise ServiceError(f"{vacancy} is closed to new applications", field="vacancies")
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise ServiceError(
            f"{candidate.full_name} already has an application for {vacancy}", field="vacancies"
        )
    now = timezone.now()
    application = Application.objects.create(
        candidate=candidate,
        vacancy=vacancy,
        state=State.INTERESTED.value,
        state_changed_at=now,
        due_on=states.due_on(State.INTERESTED, today),
        source=source,
        source_code=source_code,
        served_in_forces=served_in_forces,
        meets_essential_criteria=meets_essential_criteria,
        guaranteed_interview=bool(
            served_in_forces and meets_essential_criteria and vacancy.essential_criteria
        ),
        created_by=actor,
        created_at=now,
    )
    _step(application, actor=actor, from_state="", note=note)
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.application_added",
        obj=application,
        organisation=vacancy.organisation,
        label=f"{candidate.reference} for {vacancy}",
        changes={
            "vacancy": vacancy.pk,
            "state": application.state,
            "source": source,
            "guaranteed_interview": application.guaranteed_interview,
        },
    )
    return application


@dataclass(frozen=True)
class ConditionInput:
    kind: str
    detail: str = ""


@transaction.atomic
def application_move(
    *,
    actor: User,
    application: Application,
    to: str,
    reason: str = "",
    on: dt.date | None = None,
    conditions: Sequence[ConditionInput] = (),
    left_reason: str = "",
) -> Application:
    """Move ``application`` to the state ``to``.

    ``on``: the start date (for "Started") or the day they left (for "Left"); today otherwise.
    ``conditions``: the pre-employment checks a conditional offer depends on (at least one).
    A refused move raises ``ServiceError`` with the pipeline's plain reason.
    """
    locked = Application.objects.select_for_update().select_related("vacancy__organisation")
    application = locked.get(pk=application.pk)
    try:
        target = State(to)
    except ValueError:
        raise ServiceError("Choose the next step from the list", field="to") from None
    current = State(application.state)
    by_employer = not access.is_coordinator(actor)
    outstanding = application.conditions.filter(met_on__isnull=True).count()
    try:
        states.check_move(
            current,
            target,
            by_employer=by_employer,
            conditions_outstanding=outstanding,
            reason=reason if target != State.LEFT else (reason or left_reason),
        )
    except MoveRefused as refused:
        raise ServiceError(str(refused), field="to") from None
    today = timezone.localdate()
    if target == State.SCREENED and application.screening.count() < MIN_SCREENING_ANSWERS:
        raise ServiceError(
            f"Record the values-based screening (at least {MIN_SCREENING_ANSWERS} questions) "
            "before marking them screened",
            field="to",
        )
    if target == State.OFFER and not conditions:
        raise ServiceError(
            "Choose at least one pre-employment check the offer depends on", field="conditions"
        )
    if target == State.STARTED:
        if on is None:
            raise ServiceError("Enter the start date", field="on")
        if on > today + dt.timedelta(days=1):
            raise ServiceError("Record the start on or after the day it happens", field="on")
        offered = application.steps.filter(to_state=State.OFFER.value).order_by("-at").first()
        if offered is not None and on < timezone.localtime(offered.at).date():
            raise ServiceError("The start date cannot be before the offer", field="on")
    if target == State.LEFT:
        if left_reason not in LeftReason.values:
            raise ServiceError("Choose why they left", field="left_reason")
        if on is None:
            raise ServiceError("Enter the day they left", field="on")
        if application.started_on and on < application.started_on:
            raise ServiceError("The day they left cannot be before they started", field="on")
    before = application.state
    application.state = target.value
    application.state_changed_at = timezone.now()
    application.due_on = states.due_on(target, today)
    if target in states.ENDED:
        application.reason = reason.strip()
    if target == State.OFFER:
        OfferCondition.objects.bulk_create(
            [
                OfferCondition(application=application, kind=c.kind, detail=c.detail.strip())
                for c in conditions
            ]
        )
    if target == State.STARTED:
        assert on is not None
        application.started_on = on
        for months in (6, 12):
            Checkpoint.objects.get_or_create(
                application=application,
                months=months,
                defaults={"due_on": states.checkpoint_due(on, months)},
            )
        Candidate.objects.filter(pk=application.candidate_id).update(in_pool=False)
    if target == State.LEFT:
        application.left_on = on
        application.left_reason = left_reason
    if target in states.PATH:
        application.furthest_step = max(application.furthest_step, states.PATH.index(target))
    application.save()
    if target in states.ENDED:
        _back_to_pool(application.candidate_id)
    _step(application, actor=actor, from_state=before, note=reason.strip())
    common.touch(application.candidate)
    audit.record(
        actor=actor,
        action="talent.application_moved",
        obj=application,
        organisation=application.vacancy.organisation,
        label=f"{application.candidate.reference} for {application.vacancy}",
        changes={"state": {"from": before, "to": target.value}},
    )
    return application


def _back_to_pool(candidate_id: int) -> None:
    """A person with no live application or job goes back into the talent pool."""
    live = Application.objects.filter(candidate_id=candidate_id).exclude(
        state__in=[s.value for s in states.ENDED]
    )
    if not live.exists():
        Candidate.objects.filter(pk=candidate_id).update(in_pool=True)


@transaction.atomic
def condition_met(
    *, actor: User, condition: OfferCondition, met_on: dt.date | None
) -> OfferCondition:
    if met_on is None:
        raise ServiceError("Enter the date the check was completed", field="met_on")
    if met_on > timezone.localdate():
        raise ServiceError("The date cannot be in the future", field="met_on")
    condition = OfferCondition.objects.select_for_update().get(pk=condition.pk)
    if condition.application.state != State.OFFER.value:
        raise ServiceError("Only a conditional offer's checks can be recorded", field="met_on")
    condition.met_on = met_on
    condition.save(update_fields=["met_on"])
    audit.record(
        actor=actor,
        action="talent.condition_met",
        obj=condition.application,
        organisation=condition.application.vacancy.organisation,
        changes={"condition": condition.kind, "met_on": met_on.isoformat()},
    )
    return condition


@transaction.atomic
def screening_save(
    *, actor: User, application: Application, answers: dict[int, tuple[int, str]]
) -> int:
    """Record values-based screening: ``{question id: (rating 1-4, note)}``. At least
    ``MIN_SCREENING_ANSWERS`` questions must be rated."""
    if application.state != State.INTERESTED.value:
        raise ServiceError("Screening is recorded before the candidate is screened")
    rated = {qid: value for qid, value in answers.items() if value[0]}
    if len(rated) < MIN_SCREENING_ANSWERS:
        raise ServiceError(
            f"Rate the answers to at least {MIN_SCREENING_ANSWERS} questions", field=None
        )
    questions = {q.pk: q for q in ScreeningQuestion.objects.filter(pk__in=rated)}
    for qid, (rating, note) in rated.items():
        if qid not in questions or rating not in (1, 2, 3, 4):
            raise ServiceError("Choose a rating from the list for each question")
        ScreeningAnswer.objects.update_or_create(
            application=application,
            question=questions[qid],
            defaults={"rating": rating, "note": note.strip()},
        )
    audit.record(
        actor=actor,
        action="talent.screening_saved",
        obj=application,
        organisation=application.vacancy.organisation,
        changes={"questions": sorted(rated)},
    )
    return len(rated)


# Checkpoints ---------------------------------------------------------------------------------


@transaction.atomic
def checkpoint_record(
    *,
    actor: User,
    checkpoint: Checkpoint,
    outcome: str,
    moved_to: Organisation | None = None,
    left_reason: str = "",
    note: str = "",
) -> Checkpoint:
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint.pk)
    application = Application.objects.select_for_update().get(pk=checkpoint.application_id)
    today = timezone.localdate()
    if checkpoint.outcome:
        raise ServiceError("This checkpoint has already been recorded", field="outcome")
    if checkpoint.due_on - dt.timedelta(days=CHECKPOINT_EARLY_DAYS) > today:
        raise ServiceError(
            f"This checkpoint can be recorded from "
            f"{long_date(checkpoint.due_on - dt.timedelta(days=CHECKPOINT_EARLY_DAYS))}",
            field="outcome",
        )
    if outcome not in CheckpointOutcome.values:
        raise ServiceError("Choose whether they are still in post, moved or left", field="outcome")
    if outcome == CheckpointOutcome.MOVED:
        if moved_to is None:
            raise ServiceError("Choose the partner they moved to", field="moved_to")
        if moved_to.pk == application.vacancy.organisation_id:
            raise ServiceError(
                "Choose a different partner, or record them as still in post", field="moved_to"
            )
    if outcome == CheckpointOutcome.LEFT and left_reason not in LeftReason.values:
        raise ServiceError("Choose why they left", field="left_reason")
    now = timezone.now()
    checkpoint.outcome = outcome
    checkpoint.moved_to = moved_to if outcome == CheckpointOutcome.MOVED else None
    checkpoint.left_reason = left_reason if outcome == CheckpointOutcome.LEFT else ""
    checkpoint.note = note.strip()
    checkpoint.recorded_at = now
    checkpoint.recorded_by = actor
    checkpoint.save()
    if outcome == CheckpointOutcome.LEFT:
        # Left is final: later checkpoints are recorded as left with the same reason.
        application.checkpoints.filter(months__gt=checkpoint.months, outcome="").update(
            outcome=CheckpointOutcome.LEFT,
            left_reason=left_reason,
            recorded_at=now,
            recorded_by=actor,
        )
        if application.state == State.STARTED.value:
            before = application.state
            application.state = State.LEFT.value
            application.state_changed_at = now
            application.due_on = None
            application.left_on = today
            application.left_reason = left_reason
            application.save()
            _step(
                application,
                actor=actor,
                from_state=before,
                note=f"Recorded at the {checkpoint.months}-month checkpoint",
            )
            _back_to_pool(application.candidate_id)
    common.touch(application.candidate)
    audit.record(
        actor=actor,
        action="talent.checkpoint_recorded",
        obj=application,
        organisation=application.vacancy.organisation,
        changes={
            "months": checkpoint.months,
            "outcome": outcome,
            "moved_to": checkpoint.moved_to_id,
            "left_reason": checkpoint.left_reason,
        },
    )
    return checkpoint


# Keys for partners' recruitment systems ------------------------------------------------------


def ats_key_create(*, actor: User, organisation: Organisation, name: str) -> tuple[AtsKey, str]:
    """A new key for the talent API; the raw value is returned once and never stored."""
    return keys.key_create(
        AtsKey,
        actor=actor,
        organisation=organisation,
        name=" ".join(name.split()) or "Recruitment system",
        marker="owt_",
        action="talent.api_key_created",
    )


def ats_key_revoke(*, actor: User, key: AtsKey) -> None:
    keys.key_revoke(key, actor=actor, action="talent.api_key_revoked")
