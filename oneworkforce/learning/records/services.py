"""Learning-record workflows: completions (declared, checked, revoked, sent by partners' systems),
job roles, accepted issuers, validity periods and partner systems' keys. Each runs in one
transaction and writes the audit log; each refusal is a :class:`ServiceError` with a message a
learner or provider can act on, and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit, keys
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import AffiliationStatus, Organisation, User

from ..models import (
    AcceptedIssuer,
    Booking,
    Completion,
    CompletionSource,
    CompletionState,
    JobRole,
    Opportunity,
    ProviderToken,
    Requirement,
    RequirementPolicy,
    Status,
)
from ..workforce import stored

COMPLETING_VERBS = {"completed", "passed"}

STATEMENTS_SINCE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def completion_create(
    *,
    learner: User,
    opportunity: Opportunity,
    completed_on: dt.date,
    source: str,
    state: str,
    booking: Booking | None = None,
    evidence: str = "",
    statement_id: str | None = None,
    decided_by: User | None = None,
) -> Completion:
    """Make a completion carrying the listing's requirements; the calling workflow audits it."""
    completion = Completion.objects.create(
        learner=learner,
        opportunity=opportunity,
        issuer=opportunity.organisation,
        booking=booking,
        completed_on=completed_on,
        source=source,
        state=state,
        evidence=evidence,
        statement_id=statement_id,
        decided_by=decided_by,
        decided_at=timezone.now() if decided_by else None,
    )
    completion.requirements.set(opportunity.requirements.all())
    return completion


def _check_completion_date(completed_on: dt.date) -> None:
    if completed_on > timezone.localdate():
        raise ServiceError(
            "The date you completed it cannot be in the future.", field="completed_on"
        )


@transaction.atomic
def completion_declare(
    *,
    actor: User,
    opportunity: Opportunity,
    completed_on: dt.date,
    evidence: str,
    certificate: tuple[str, str, bytes] | None = None,
) -> Completion:
    """A learner says they finished e-learning or a resource, with an uploaded certificate if
    they have one (``(name, content type, bytes)``, checked by the form); the provider checks
    it."""
    if opportunity.is_dated:
        raise ServiceError("This learning is completed by attending: the provider records it.")
    if opportunity.status != Status.PUBLISHED:
        raise ServiceError("This learning is not open at the moment.")
    _check_completion_date(completed_on)
    if not evidence.strip():
        raise ServiceError(
            "Say how the provider can check it, for example your certificate number.",
            field="evidence",
        )
    if Completion.objects.filter(
        learner=actor, opportunity=opportunity, state=CompletionState.PENDING
    ).exists():
        raise ServiceError("You have already sent this completion: the provider is checking it.")
    completion = completion_create(
        learner=actor,
        opportunity=opportunity,
        completed_on=completed_on,
        source=CompletionSource.SELF_DECLARED,
        state=CompletionState.PENDING,
        evidence=evidence.strip(),
    )
    if certificate is not None:
        name, kind, body = certificate
        completion.evidence_file_name, completion.evidence_file_type = name, kind
        completion.evidence_file = body
        completion.save(update_fields=["evidence_file", "evidence_file_name", "evidence_file_type"])
    audit.record(
        actor=actor,
        action="learning.completion_declared",
        obj=completion,
        changes={"certificate_file": completion.evidence_file_name} if certificate else None,
        organisation=opportunity.organisation,
    )
    return completion


def _completion_decided(
    actor: User, completion: Completion, state: str, note: str, changes: dict[str, Any]
) -> Completion:
    completion.state = state
    completion.decided_by = actor
    completion.decided_at = timezone.now()
    completion.decision_note = note.strip()
    completion.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action=f"learning.completion_{state}",
        obj=completion,
        changes=changes,
        organisation=completion.issuer,
    )
    return completion


@transaction.atomic
def completion_decide(
    *, actor: User, completion: Completion, verify: bool, note: str = ""
) -> Completion:
    if completion.state != CompletionState.PENDING:
        raise ServiceError("This completion has already been checked.")
    if not verify and not note.strip():
        raise ServiceError("Say why it cannot be accepted, so the learner knows.", field="note")
    state = CompletionState.VERIFIED if verify else CompletionState.REJECTED
    return _completion_decided(actor, completion, state, note, {"state": state})


@transaction.atomic
def completion_revoke(*, actor: User, completion: Completion, reason: str) -> Completion:
    if completion.state != CompletionState.VERIFIED:
        raise ServiceError("Only a verified completion can be revoked.")
    if not reason.strip():
        raise ServiceError("Say why the certificate is revoked.", field="reason")
    return _completion_decided(
        actor, completion, CompletionState.REVOKED, reason, {"reason": reason.strip()}
    )


def _activity(organisation: Organisation, activity_id: str) -> Opportunity | None:
    """An xAPI activity id names one of the partner's listings: its page address, its link
    out, or ``urn:oneworkforce:learning:<slug>``."""
    own = Opportunity.objects.filter(organisation=organisation)
    value = activity_id.strip()
    if value.startswith("urn:oneworkforce:learning:"):
        return own.filter(slug=value.rsplit(":", 1)[1]).first()
    by_link = own.filter(link=value).first()
    if by_link is not None:
        return by_link
    parts = [p for p in value.split("?")[0].split("/") if p]
    if len(parts) >= 2 and parts[-2] == "o":
        return own.filter(slug=parts[-1]).first()
    return None


@transaction.atomic
def statement_record(
    *,
    organisation: Organisation,
    statement_id: str,
    actor_email: str,
    verb: str,
    activity_id: str,
    timestamp: dt.datetime,
) -> tuple[Completion, bool]:
    """A completion sent by a partner's learning system. Idempotent on ``statement_id``:
    sending the same statement again returns the completion it made. Every value is checked
    here, whoever calls: text holding a control character or longer than it may be, and a
    timestamp before 2000, are refused naming the field; a timestamp without a time zone is
    read as UTC."""
    for field, value, limit in (
        ("id", statement_id, 100),
        ("actor", actor_email, 260),
        ("verb", verb, 300),
        ("object", activity_id, 500),
    ):
        if not value.strip() or len(value) > limit:
            raise ServiceError(f"Give the {field} in 1 to {limit} characters.", field=field)
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise ServiceError(f"The {field} holds a control character.", field=field)
    if timezone.is_naive(timestamp):
        timestamp = timestamp.replace(tzinfo=dt.UTC)
    if timestamp < STATEMENTS_SINCE:
        raise ServiceError("The timestamp is before 2000.", field="timestamp")
    existing = Completion.objects.filter(statement_id=statement_id).first()
    if existing is not None:
        if existing.issuer_id != organisation.pk:
            raise ServiceError("This statement id has been used by another partner.", field="id")
        return existing, False
    verb_name = verb.rstrip("/").rsplit("/", 1)[-1].lower()
    if verb_name not in COMPLETING_VERBS:
        raise ServiceError(
            "Only 'completed' or 'passed' statements are recorded as completions.", field="verb"
        )
    learner = User.objects.filter(email=actor_email.strip().lower(), is_active=True).first()
    if learner is None:
        raise ServiceError(
            "No one with this e-mail address has an account. Ask them to sign in once first.",
            field="actor",
        )
    opportunity = _activity(organisation, activity_id)
    if opportunity is None:
        raise ServiceError("This activity is not one of your listings.", field="object")
    if timestamp > timezone.now() + dt.timedelta(minutes=5):
        raise ServiceError("The timestamp is in the future.", field="timestamp")
    completion = completion_create(
        learner=learner,
        opportunity=opportunity,
        completed_on=timezone.localtime(timestamp).date(),
        source=CompletionSource.PARTNER_SYSTEM,
        state=CompletionState.VERIFIED,
        statement_id=statement_id,
    )
    audit.record(
        actor=None,
        action="learning.statement_recorded",
        obj=completion,
        changes={"statement_id": statement_id},
        organisation=organisation,
    )
    return completion, True


@transaction.atomic
def job_role_save(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    requirements: Iterable[Requirement],
    job_role: JobRole | None = None,
) -> JobRole:
    clash = JobRole.objects.filter(organisation=organisation, name__iexact=name.strip())
    if job_role is not None:
        clash = clash.exclude(pk=job_role.pk)
    if clash.exists():
        raise ServiceError("You already have a job role with this name.", field="name")
    created = job_role is None
    if job_role is None:
        job_role = JobRole(organisation=organisation)
    job_role.name = name.strip()
    job_role.save()
    chosen = list(requirements)
    job_role.requirements.set(chosen)
    audit.record(
        actor=actor,
        action="learning.role_created" if created else "learning.role_changed",
        obj=job_role,
        changes={"requirements": sorted(r.code for r in chosen)},
        organisation=organisation,
    )
    return job_role


@transaction.atomic
def job_role_member_set(*, actor: User, job_role: JobRole, learner: User, member: bool) -> JobRole:
    if (
        member
        and not learner.affiliations.filter(
            organisation=job_role.organisation, status=AffiliationStatus.CONFIRMED
        ).exists()
    ):
        raise ServiceError(
            "Only people whose work with you is confirmed can be given a job role.", field="learner"
        )
    (job_role.members.add if member else job_role.members.remove)(learner)
    audit.record(
        actor=actor,
        action="learning.role_member_added" if member else "learning.role_member_removed",
        obj=job_role,
        changes={"learner": learner.pk},
        organisation=job_role.organisation,
    )
    return job_role


@transaction.atomic
def accepted_issuers_set(
    *, actor: User, organisation: Organisation, issuers: Iterable[Organisation]
) -> None:
    chosen = {o.pk for o in issuers if o.pk != organisation.pk}
    before = set(organisation.accepted_issuers.values_list("issuer_id", flat=True))
    organisation.accepted_issuers.exclude(issuer_id__in=chosen).delete()
    AcceptedIssuer.objects.bulk_create(
        [AcceptedIssuer(organisation=organisation, issuer_id=pk) for pk in chosen - before]
    )
    stored.partners_changed([organisation.pk])  # bulk_create sends no signal to refresh the grid
    audit.record(
        actor=actor,
        action="learning.accepted_issuers_set",
        obj=organisation,
        changes=audit.diff({"issuers": sorted(before)}, {"issuers": sorted(chosen)}),
        organisation=organisation,
    )


@transaction.atomic
def requirement_policy_set(
    *,
    actor: User,
    organisation: Organisation,
    requirement: Requirement,
    validity_months: int | None,
) -> None:
    """A partner sets a stricter validity, or goes back to the framework's (``None``)."""
    existing = RequirementPolicy.objects.filter(
        organisation=organisation, requirement=requirement
    ).first()
    before = existing.validity_months if existing else None
    if validity_months is None:
        if existing:
            existing.delete()
    else:
        default = requirement.validity_months
        if validity_months < 1 or (default and validity_months > default):
            limit = f"1 to {default}" if default else "at least 1"
            raise ServiceError(
                f"A partner's period may only be stricter: choose {limit} months.",
                field="validity_months",
            )
        RequirementPolicy.objects.update_or_create(
            organisation=organisation,
            requirement=requirement,
            defaults={"validity_months": validity_months},
        )
    audit.record(
        actor=actor,
        action="learning.validity_set",
        obj=requirement,
        changes=audit.diff({"months": before}, {"months": validity_months}),
        organisation=organisation,
    )


def token_create(
    *, actor: User, organisation: Organisation, name: str
) -> tuple[ProviderToken, str]:
    """A new key; the raw value is returned once and never stored."""
    return keys.key_create(
        ProviderToken,
        actor=actor,
        organisation=organisation,
        name=name.strip() or "Learning system",
        marker="owl_",
        action="learning.token_created",
    )


def token_revoke(*, actor: User, token: ProviderToken) -> None:
    keys.key_revoke(token, actor=actor, action="learning.token_revoked")


def token_organisation(raw: str) -> Organisation | None:
    return keys.key_organisation(ProviderToken, raw)
