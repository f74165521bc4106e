"""Staff portability workflows: raise a need, name a person, agree, vouch for the checks,
activate, end. Each is one transaction, audited, and refuses with a message naming the item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.records.compliance import job_role_compliance
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Framework, Organisation, User

from ..models import (
    HOST_EVIDENCE,
    Apprentice,
    Deployment,
    DeploymentState,
    Evidence,
    EvidenceKind,
)
from .selectors import portability_framework

RAISED_FIELDS = (
    "job_title",
    "work_type",
    "staff_group",
    "skills",
    "training_job_role",
    "site",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "supervisor",
    "reason",
    "terms",
    "recharge_note",
    "not_industrial_action",
)

FORMER_APPRENTICE = "Former apprentice"


def _signed(framework: Framework, organisation: Organisation, day: dt.date, field: str) -> None:
    if not framework.has_current_signatory(organisation, on=day):
        raise ServiceError(
            f"{organisation.name} is not a current signatory of the {framework.name}, so it "
            "cannot take part in deployments under it.",
            field=field,
        )


def _record(actor: User, action: str, deployment: Deployment, **changes: Any) -> None:
    audit.record(
        actor=actor,
        action=f"deployments.{action}",
        obj=deployment,
        changes=changes,
        organisation=deployment.host,
    )


@transaction.atomic
def deployment_raise(*, actor: User, host: Organisation, **fields: Any) -> Deployment:
    """A host partner raises a need for someone from another partner."""
    framework = portability_framework()
    if framework is None:
        raise ServiceError("The partnership has no staff portability framework yet.")
    today = timezone.localdate()
    if fields["ends_on"] < fields["starts_on"]:
        raise ServiceError("The end date must be on or after the start date.", field="ends_on")
    if fields["starts_on"] < today:
        raise ServiceError("The start date cannot be in the past.", field="starts_on")
    if not fields.get("not_industrial_action"):
        raise ServiceError(
            "Confirm that this deployment does not cover staff taking industrial action.",
            field="not_industrial_action",
        )
    site = fields.get("site")
    if site is not None and site.organisation_id != host.pk:
        raise ServiceError("Choose one of the host's own sites.", field="site")
    training_job_role = fields.get("training_job_role")
    if training_job_role is not None and training_job_role.organisation_id != host.pk:
        raise ServiceError("Choose one of the host's own job roles.", field="training_job_role")
    _signed(framework, host, fields["starts_on"], "host")
    deployment = Deployment.objects.create(
        framework=framework, host=host, raised_by=actor, **fields
    )
    _record(actor, "need_raised", deployment, **audit.snapshot(deployment, RAISED_FIELDS))
    return deployment


@transaction.atomic
def deployment_offer(
    *, actor: User, employer: Organisation, host: Organisation, person: User, **fields: Any
) -> Deployment:
    """An employer offers one of its people to another partner; the host then accepts (or
    declines) and the person consents, as for a need the host raised."""
    deployment = deployment_raise(actor=actor, host=host, **fields)
    _record(actor, "offered_by_employer", deployment, employer=employer.pk)
    return deployment_propose(actor=actor, deployment=deployment, employer=employer, person=person)


def _overlapping(person: User, deployment: Deployment) -> Deployment | None:
    return (
        Deployment.objects.open()
        .filter(person=person, starts_on__lte=deployment.ends_on, ends_on__gte=deployment.starts_on)
        .exclude(pk=deployment.pk)
        .first()
    )


@transaction.atomic
def deployment_propose(
    *, actor: User, deployment: Deployment, employer: Organisation, person: User
) -> Deployment:
    """The employer of record names one of its people for the need and agrees to lend them."""
    if deployment.state != DeploymentState.REQUESTED:
        raise ServiceError("Someone can only be named while the need is open.")
    if employer.pk == deployment.host_id:
        raise ServiceError("The employer must be another partner than the host.", field="employer")
    _signed(deployment.framework, employer, deployment.starts_on, "employer")
    works_there = person.affiliations.filter(
        organisation=employer, status=AffiliationStatus.CONFIRMED
    ).exists()
    if not works_there:
        raise ServiceError(
            f"{person.display_name} is not confirmed as working for {employer.name}.",
            field="email",
        )
    clash = _overlapping(person, deployment)
    if clash is not None:
        raise ServiceError(
            f"{person.display_name} is already deployed to {clash.host.name} from "
            f"{clash.starts_on:%-d %B %Y} to {clash.ends_on:%-d %B %Y}, which overlaps.",
            field="email",
        )
    deployment.employer = employer
    deployment.person = person
    deployment.employer_agreed_at = timezone.now()
    deployment.save(update_fields=["employer", "person", "employer_agreed_at"])
    _record(actor, "person_named", deployment, employer=employer.pk, person=person.pk)
    return deployment


def _maybe_agreed(deployment: Deployment) -> None:
    ready = (
        deployment.employer_agreed_at and deployment.person_consented_at
    ) and deployment.host_accepted_at
    if deployment.state == DeploymentState.REQUESTED and ready:
        deployment.state = DeploymentState.AGREED
        deployment.save(update_fields=["state"])
    _maybe_ready(deployment)


@transaction.atomic
def deployment_consent(*, actor: User, deployment: Deployment) -> Deployment:
    if deployment.person_id != actor.pk:
        raise ServiceError("Only the person being deployed can give their consent.")
    if deployment.state not in (DeploymentState.REQUESTED, DeploymentState.AGREED):
        raise ServiceError("This deployment is no longer waiting for consent.")
    deployment.person_consented_at = timezone.now()
    deployment.save(update_fields=["person_consented_at"])
    _record(actor, "person_consented", deployment)
    _maybe_agreed(deployment)
    return deployment


@transaction.atomic
def deployment_accept(*, actor: User, deployment: Deployment) -> Deployment:
    if deployment.person_id is None:
        raise ServiceError("The employer has not named anyone yet.")
    if deployment.state != DeploymentState.REQUESTED:
        raise ServiceError("This deployment is no longer waiting for the host.")
    deployment.host_accepted_at = timezone.now()
    deployment.save(update_fields=["host_accepted_at"])
    _record(actor, "host_accepted", deployment)
    _maybe_agreed(deployment)
    return deployment


@dataclass(frozen=True)
class Check:
    kind: str
    label: str
    evidence: Evidence | None
    problem: str  # "" when the item is in order for the whole deployment
    expires_during: bool


def checklist(deployment: Deployment, today: dt.date | None = None) -> list[Check]:
    """Each required item with its latest attestation and what, if anything, is wrong."""
    today = today or timezone.localdate()
    latest: dict[str, Evidence] = {}
    for item in deployment.evidence.order_by("attested_at", "pk"):
        latest[item.kind] = item
    checks = []
    for kind in deployment.checklist:
        item = latest.get(kind)
        label = EvidenceKind(kind).label
        if kind == EvidenceKind.TRAINING and deployment.training_job_role_id and deployment.person:
            checks.append(_training_check(deployment, label, today))
            continue
        if item is None:
            problem = "not vouched for yet"
        elif not item.valid_on(today):
            problem = f"expired on {item.valid_until:%-d %B %Y}"
        elif not item.valid_on(deployment.starts_on):
            problem = f"runs out on {item.valid_until:%-d %B %Y}, before the start"
        else:
            problem = ""
        expires_during = bool(
            item and item.valid_until and not problem and item.valid_until < deployment.ends_on
        )
        checks.append(Check(kind, label, item, problem, expires_during))
    return checks


def _training_check(deployment: Deployment, label: str, today: dt.date) -> Check:
    """Training read from the person's learning record against the host's job role, counting
    completions from partners the host accepts; nobody needs to vouch for it."""
    assert deployment.person is not None and deployment.training_job_role is not None
    result = job_role_compliance(deployment.person, deployment.training_job_role, today=today)
    start = max(today, deployment.starts_on)
    gaps = []
    for standing in result.standings:
        name = str(result.requirements[standing.requirement_id])
        if standing.evidence is None:
            gaps.append(f"{name} not done")
        elif standing.expires_on is not None and standing.expires_on <= start:
            gaps.append(f"{name} expired {standing.expires_on:%-d %B %Y}")
    expiries = [s.expires_on for s in result.standings if s.expires_on is not None]
    ends = min(expiries) if expiries else None
    return Check(
        EvidenceKind.TRAINING,
        f"{label} for {deployment.training_job_role.name} (from the learning record)",
        None,
        "; ".join(gaps),
        bool(not gaps and ends is not None and ends < deployment.ends_on),
    )


def _maybe_ready(deployment: Deployment) -> None:
    if deployment.state == DeploymentState.AGREED and not any(
        c.problem for c in checklist(deployment)
    ):
        deployment.state = DeploymentState.READY
        deployment.save(update_fields=["state"])


@transaction.atomic
def evidence_attest(
    *,
    actor: User,
    deployment: Deployment,
    kind: str,
    detail: str = "",
    valid_until: dt.date | None = None,
) -> Evidence:
    """The employer of record (or the host, for its induction) vouches for one check."""
    if deployment.state not in (
        DeploymentState.REQUESTED,
        DeploymentState.AGREED,
        DeploymentState.READY,
        DeploymentState.ACTIVE,
    ):
        raise ServiceError("This deployment is closed.")
    if kind not in deployment.checklist:
        raise ServiceError("This check is not needed for this kind of work.", field="kind")
    vouching = deployment.host if kind in HOST_EVIDENCE else deployment.employer
    if vouching is None:
        raise ServiceError("The employer has not named anyone yet.", field="kind")
    if not can_administer(actor, vouching):
        raise ServiceError(f"Only {vouching.name} can vouch for this check.", field="kind")
    if valid_until is not None and valid_until < timezone.localdate():
        raise ServiceError(
            "This date has passed: the check has expired. Renew it before vouching for it.",
            field="valid_until",
        )
    item = Evidence.objects.create(
        deployment=deployment, kind=kind, detail=detail, valid_until=valid_until, attested_by=actor
    )
    audit.record(
        actor=actor,
        action="deployments.evidence_attested",
        obj=item,
        changes={"kind": kind, "valid_until": valid_until.isoformat() if valid_until else None},
        organisation=vouching,
    )
    _maybe_ready(deployment)
    return item


@transaction.atomic
def deployment_activate(
    *, actor: User, deployment: Deployment, bypass_reason: str = ""
) -> Deployment:
    """The host puts the person in place. Missing or expired checks block it unless a host
    admin bypasses them with a written reason, which the audit log keeps."""
    if deployment.state not in (DeploymentState.AGREED, DeploymentState.READY):
        raise ServiceError("Only an agreed deployment can start.")
    problems = [f"{c.label}: {c.problem}" for c in checklist(deployment) if c.problem]
    if problems and not bypass_reason.strip():
        raise ServiceError(
            "It cannot start until these are in order: " + "; ".join(problems) + ".",
            field="bypass_reason",
        )
    deployment.state = DeploymentState.ACTIVE
    deployment.activated_at = timezone.now()
    update = ["state", "activated_at"]
    if problems:
        deployment.bypass_reason = bypass_reason.strip()
        deployment.bypassed_by = actor
        update += ["bypass_reason", "bypassed_by"]
    deployment.save(update_fields=update)
    _record(actor, "activated", deployment, bypassed=problems, bypass_reason=bypass_reason.strip())
    return deployment


@transaction.atomic
def deployment_close(
    *, actor: User, deployment: Deployment, outcome: str, note: str = ""
) -> Deployment:
    """End an active deployment, or decline or cancel one that has not started."""
    allowed = {
        DeploymentState.ENDED: (DeploymentState.ACTIVE,),
        DeploymentState.DECLINED: (DeploymentState.REQUESTED,),
        DeploymentState.CANCELLED: (
            DeploymentState.REQUESTED,
            DeploymentState.AGREED,
            DeploymentState.READY,
        ),
    }
    if outcome not in allowed:
        raise ServiceError("Choose end, decline or cancel.", field="outcome")
    if deployment.state not in allowed[outcome]:
        raise ServiceError(
            f"A deployment that is {deployment.get_state_display().lower()} cannot be "
            f"{DeploymentState(outcome).label.lower()}."
        )
    deployment.state = outcome
    deployment.ended_at = timezone.now()
    deployment.closing_note = note.strip()
    deployment.save(update_fields=["state", "ended_at", "closing_note"])
    _record(actor, outcome, deployment, note=note.strip())
    return deployment


DEPLOYMENT_NOTES = ("skills", "reason", "recharge_note", "bypass_reason", "closing_note")


@transaction.atomic
def person_erase(*, user: User, redact: Callable[[str], str]) -> int:
    """The person deleted their account (see ``oneworkforce.personal_data``). Their
    deployments stay with the partners for their reports, without the link to them and with
    ``redact`` applied to the notes; each apprenticeship of theirs stays for the cohort's
    figures as "Former apprentice", without name, postcode or travel limit. Returns the rows
    changed."""
    changed = 0
    for deployment in Deployment.objects.filter(person=user):
        for name in DEPLOYMENT_NOTES:
            setattr(deployment, name, redact(getattr(deployment, name)))
        deployment.person = None
        deployment.save(update_fields=[*DEPLOYMENT_NOTES, "person"])
        changed += 1
    changed += Apprentice.objects.filter(person=user).update(
        person=None, name=FORMER_APPRENTICE, home_postcode="", max_travel_km=None
    )
    return changed
