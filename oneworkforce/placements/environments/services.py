"""Learning environments, their educational audits and their supervisors.

Each function takes keyword-only arguments, runs in one transaction, checks who may act and
writes the audit log. Refusals raise ``ServiceError`` naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from oneworkforce.core import audit, geography
from oneworkforce.core.postcodes import InvalidPostcode, normalise
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.records.compliance import add_months
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.models import Organisation, User

from .. import access
from ..models import (
    AuditAction,
    AuditOutcome,
    EducationalAudit,
    LearningEnvironment,
    Profession,
    Setting,
    Supervisor,
)
from . import csvfile, selectors

YEARS = (1, 2, 3, 4)
MAX_IMPORT_BYTES = 1_000_000
# A preparation in the learning record that meets no expiring requirement is refreshed this
# many months after it was completed.
DEFAULT_REFRESH_MONTHS = 36


def clean_postcode(value: str, *, field: str = "postcode") -> str:
    try:
        return normalise(value)
    except InvalidPostcode as error:
        raise ServiceError(
            f"Enter a real postcode, like LS1 4AP, not {value!r}", field=field
        ) from error


def _check_lists(professions: Sequence[str], years: Sequence[int]) -> None:
    if not professions or any(p not in Profession.values for p in professions):
        raise ServiceError("Choose the professions this environment can take.", field="professions")
    if not years or any(y not in YEARS for y in years):
        raise ServiceError("Choose the years of study it can take (1 to 4).", field="years")


@transaction.atomic
def environment_add(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    setting: str,
    postcode: str,
    professions: Sequence[str],
    years: Sequence[int],
    places_per_block: int,
    hours_and_shifts: str = "",
    learning: str = "",
) -> LearningEnvironment:
    if not can_administer(actor, organisation):
        raise ServiceError(f"Only {organisation.name}'s admins can add its learning environments.")
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter the environment's name.", field="name")
    if setting not in Setting.values:
        raise ServiceError("Choose the setting.", field="setting")
    if not 1 <= places_per_block <= 200:
        raise ServiceError(
            "Places per block must be a whole number from 1 to 200.", field="places_per_block"
        )
    _check_lists(professions, years)
    if LearningEnvironment.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ServiceError(
            f"{organisation.name} already has an environment called {name}.", field="name"
        )
    code = clean_postcode(postcode)
    point = geography.locate(code)
    environment = LearningEnvironment.objects.create(
        organisation=organisation,
        name=name,
        setting=setting,
        postcode=code,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        professions=sorted(set(professions)),
        years=sorted(set(years)),
        places_per_block=places_per_block,
        hours_and_shifts=hours_and_shifts.strip(),
        learning=learning.strip(),
    )
    audit.record(
        actor=actor,
        action="placements.environment_added",
        obj=environment,
        organisation=organisation,
        changes={"name": {"from": None, "to": name}, "setting": {"from": None, "to": setting}},
    )
    return environment


@transaction.atomic
def audit_record(
    *,
    actor: User,
    environment: LearningEnvironment,
    audited_on: dt.date,
    outcome: str,
    review_due: dt.date,
    actions: str = "",
) -> EducationalAudit:
    """An educational audit; each line of ``actions`` opens an action on it."""
    if not access.can_manage_environment(actor, environment):
        raise ServiceError("Only the environment's partner records its audits.")
    if outcome not in AuditOutcome.values:
        raise ServiceError("Choose the audit's outcome.", field="outcome")
    if review_due <= audited_on:
        raise ServiceError("The review must be due after the audit date.", field="review_due")
    if review_due > audited_on + dt.timedelta(days=3 * 366):
        raise ServiceError("Set the review within three years of the audit.", field="review_due")
    record = EducationalAudit.objects.create(
        environment=environment,
        audited_on=audited_on,
        outcome=outcome,
        actions=actions.strip(),
        review_due=review_due,
        recorded_by=actor,
    )
    for line in actions.splitlines():
        if line.strip():
            AuditAction.objects.create(audit=record, text=line.strip()[:500], opened_on=audited_on)
    audit.record(
        actor=actor,
        action="placements.audit_recorded",
        obj=record,
        organisation=environment.organisation,
        changes={
            "outcome": {"from": None, "to": outcome},
            "review_due": {"from": None, "to": review_due.isoformat()},
        },
    )
    return record


@transaction.atomic
def supervisor_add(
    *,
    actor: User,
    environment: LearningEnvironment,
    name: str,
    role: str,
    profession: str,
    max_students: int,
    prepared_on: dt.date,
    refresh_due: dt.date,
    today: dt.date,
    email: str = "",
    preparation: str = "",
) -> Supervisor:
    if not access.can_manage_environment(actor, environment):
        raise ServiceError("Only the environment's partner names its supervisors.")
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter the supervisor's name.", field="name")
    if profession not in environment.professions:
        raise ServiceError(
            f"{environment.name} does not take {profession.replace('_', ' ')} students.",
            field="profession",
        )
    if not 1 <= max_students <= 6:
        raise ServiceError(
            "A supervisor can take from 1 to 6 students at once.", field="max_students"
        )
    if prepared_on > today:
        raise ServiceError("The preparation date cannot be in the future.", field="prepared_on")
    if refresh_due <= prepared_on:
        raise ServiceError("The refresher must be due after the preparation.", field="refresh_due")
    user = User.objects.filter(email__iexact=email.strip()).first() if email.strip() else None
    supervisor = Supervisor.objects.create(
        environment=environment,
        user=user,
        name=name,
        email=email.strip().lower(),
        role=role,
        profession=profession,
        max_students=max_students,
        prepared_on=prepared_on,
        preparation=preparation.strip(),
        refresh_due=refresh_due,
        added_on=today,
    )
    audit.record(
        actor=actor,
        action="placements.supervisor_added",
        obj=supervisor,
        organisation=environment.organisation,
        changes={
            "environment": {"from": None, "to": environment.pk},
            "max_students": {"from": None, "to": max_students},
        },
    )
    return supervisor


@transaction.atomic
def supervisor_preparation_link(
    *, actor: User, supervisor: Supervisor, learning_record: int
) -> Supervisor:
    """Take a supervisor's preparation from a verified completion in their learning record:
    its title and date become the preparation, and the refresher falls due when the record's
    validity at the environment's partner ends (``DEFAULT_REFRESH_MONTHS`` after it when it
    does not expire)."""
    environment = supervisor.environment
    if not access.can_manage_environment(actor, environment):
        raise ServiceError("Only the environment's partner records its supervisors' preparation.")
    found = {c.pk: c for c in selectors.preparation_records(supervisor)}
    completion = found.get(learning_record)
    if completion is None:
        raise ServiceError(
            "Choose one of the completed learning shown: that record cannot be used.",
            field="learning_record",
        )
    before = {
        "learning_record": supervisor.learning_record_id,
        "prepared_on": supervisor.prepared_on.isoformat(),
        "refresh_due": supervisor.refresh_due.isoformat(),
    }
    valid_until = selectors.record_valid_until(completion, environment.organisation)
    supervisor.learning_record = completion
    supervisor.preparation = completion.opportunity.title[:200]
    supervisor.prepared_on = completion.completed_on
    supervisor.refresh_due = valid_until or add_months(
        completion.completed_on, DEFAULT_REFRESH_MONTHS
    )
    supervisor.save(update_fields=["learning_record", "preparation", "prepared_on", "refresh_due"])
    after = {
        "learning_record": completion.pk,
        "prepared_on": supervisor.prepared_on.isoformat(),
        "refresh_due": supervisor.refresh_due.isoformat(),
    }
    audit.record(
        actor=actor,
        action="placements.supervisor_preparation_linked",
        obj=supervisor,
        organisation=environment.organisation,
        changes={k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]},
    )
    return supervisor


@transaction.atomic
def environments_import(
    *, actor: User, data: bytes, organisation: Organisation | None = None
) -> list[LearningEnvironment]:
    """Learning environments from a CSV file (``csvfile.COLUMNS``), for the partners the actor
    administers: on one partner's page (``organisation``) or, for coordinators, any partner
    named in the ``partner`` column. Every bad line is reported at once
    (``csvfile.EnvironmentsFileError``) and nothing is written."""
    if organisation is not None and not can_administer(actor, organisation):
        raise ServiceError(f"Only {organisation.name}'s admins add its learning environments.")
    if organisation is None and not access.is_coordinator(actor):
        raise ServiceError("Only placements coordinators import environments for every partner.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError("The file is over 1 MB; split it.", field="file")
    lines = csvfile.read(
        data,
        partner=selectors.partner_named,
        site_postcode=selectors.site_postcode,
        existing=selectors.has_environment,
        fixed_partner=(organisation.pk, organisation.name) if organisation else None,
    )
    partners = Organisation.objects.in_bulk({x.organisation_id for x in lines})
    made = []
    for line in lines:
        try:
            made.append(
                environment_add(
                    actor=actor,
                    organisation=partners[line.organisation_id],
                    name=line.name,
                    setting=line.setting,
                    postcode=line.postcode,
                    professions=line.professions,
                    years=line.years,
                    places_per_block=line.places_per_block,
                    hours_and_shifts=line.hours_and_shifts,
                    learning=line.learning,
                )
            )
        except ServiceError as error:
            # The file was checked first; a rule only the service knows still names the line.
            raise csvfile.EnvironmentsFileError(
                [f"Line {line.line}: {error.field or 'file'}: {error.message}"]
            ) from error
    for partner in partners.values():
        audit.record(
            actor=actor,
            action="placements.environments_imported",
            obj=partner,
            organisation=partner,
            changes={
                "environments": {
                    "from": None,
                    "to": sum(e.organisation_id == partner.pk for e in made),
                }
            },
        )
    return made
