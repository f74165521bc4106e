"""Workflows of the partnership's register: organisations and their sites, faculties,
frameworks and their signatures.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.access import can_administer, is_partnership_admin

from ..models import Faculty, Framework, Organisation, Signatory, Site, User

ORGANISATION_FIELDS = ("name", "sector", "ods_code", "place", "summary", "website", "contact_email")


def _save_unique(instance: Any, *, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ServiceError(message, field=field) from None


@transaction.atomic
def organisation_create(*, actor: User, data: dict[str, Any]) -> Organisation:
    if not is_partnership_admin(actor):
        raise ServiceError("Only partnership admins can add partners.")
    organisation = Organisation(
        **{k: data.get(k) or "" for k in ORGANISATION_FIELDS if k != "place"}
    )
    organisation.place = data.get("place")
    organisation.ods_code = (organisation.ods_code or "").upper()
    organisation.slug = unique_slug(Organisation, organisation.name)
    _save_unique(
        organisation, field="ods_code", message="Another partner already has this ODS code."
    )
    audit.record(
        actor=actor,
        action="organisation.created",
        obj=organisation,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    if not can_administer(actor, organisation):
        raise ServiceError("Only this partner's admins can change its page.")
    before = audit.snapshot_stored(organisation, ORGANISATION_FIELDS)
    for name in ORGANISATION_FIELDS:
        if name in data:
            value = data[name]
            setattr(organisation, name, value if name == "place" else (value or ""))
    organisation.ods_code = (organisation.ods_code or "").upper()
    _save_unique(
        organisation, field="ods_code", message="Another partner already has this ODS code."
    )
    changes = audit.diff(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="organisation.updated",
            obj=organisation,
            organisation=organisation,
            changes=changes,
        )
    return organisation


@transaction.atomic
def site_add(
    *, actor: User, organisation: Organisation, name: str, postcode: str, address: str = ""
) -> Site:
    if not can_administer(actor, organisation):
        raise ServiceError("Only this partner's admins can add sites.")
    site = Site(organisation=organisation, name=name, postcode=postcode, address=address)
    _save_unique(
        site, field="name", message=f"{organisation.name} already has a site called {name}."
    )
    audit.record(
        actor=actor,
        action="site.added",
        obj=site,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(site, ("name", "postcode", "address"))),
    )
    return site


@transaction.atomic
def site_remove(*, actor: User, site: Site) -> None:
    if not can_administer(actor, site.organisation):
        raise ServiceError("Only this partner's admins can remove sites.")
    audit.record(
        actor=actor,
        action="site.removed",
        obj=site,
        organisation=site.organisation,
        changes=audit.diff(audit.snapshot(site, ("name", "postcode")), {}),
    )
    site.delete()


FACULTY_FIELDS = ("name", "description", "position", "is_active")


FRAMEWORK_FIELDS = ("name", "kind", "summary", "terms_url")


@transaction.atomic
def faculty_save(*, actor: User, data: dict[str, Any], faculty: Faculty | None = None) -> Faculty:
    if not is_partnership_admin(actor):
        raise ServiceError("Only partnership admins can change faculties.")
    created = faculty is None
    faculty = faculty or Faculty()
    before = audit.snapshot_stored(faculty, FACULTY_FIELDS)
    for name in FACULTY_FIELDS:
        if name in data:
            setattr(faculty, name, data[name])
    if created:
        faculty.slug = unique_slug(Faculty, faculty.name)
    _save_unique(faculty, field="name", message="There is already a faculty with this name.")
    changes = audit.diff(before, audit.snapshot(faculty, FACULTY_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="faculty.created" if created else "faculty.updated",
            obj=faculty,
            changes=changes,
        )
    return faculty


@transaction.atomic
def framework_save(
    *, actor: User, data: dict[str, Any], framework: Framework | None = None
) -> Framework:
    if not is_partnership_admin(actor):
        raise ServiceError("Only partnership admins can change frameworks.")
    created = framework is None
    framework = framework or Framework()
    before = audit.snapshot_stored(framework, FRAMEWORK_FIELDS)
    for name in FRAMEWORK_FIELDS:
        if name in data:
            setattr(framework, name, data[name] or "")
    if created:
        framework.slug = unique_slug(Framework, framework.name)
    framework.save()
    changes = audit.diff(before, audit.snapshot(framework, FRAMEWORK_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="framework.created" if created else "framework.updated",
            obj=framework,
            changes=changes,
        )
    return framework


@transaction.atomic
def framework_sign(
    *,
    actor: User,
    framework: Framework,
    organisation: Organisation,
    signed_on: dt.date,
    signed_by_name: str,
    signed_by_job_title: str,
) -> Signatory:
    if not can_administer(actor, organisation):
        raise ServiceError(
            f"You cannot sign on behalf of {organisation.name}.", field="organisation"
        )
    if signed_on > timezone.localdate():
        raise ServiceError("The date signed must be today or in the past.", field="signed_on")
    if framework.signatories.filter(organisation=organisation, withdrawn_on__isnull=True).exists():
        raise ServiceError(
            f"{organisation.name} has already signed this framework.", field="organisation"
        )
    signatory = Signatory.objects.create(
        framework=framework,
        organisation=organisation,
        signed_on=signed_on,
        signed_by_name=signed_by_name,
        signed_by_job_title=signed_by_job_title,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="framework.signed",
        obj=signatory,
        organisation=organisation,
        changes=audit.diff(
            {},
            audit.snapshot(
                signatory, ("framework", "signed_on", "signed_by_name", "signed_by_job_title")
            ),
        ),
    )
    return signatory


@transaction.atomic
def signatory_withdraw(
    *, actor: User, signatory: Signatory, withdrawn_on: dt.date, reason: str
) -> Signatory:
    if not can_administer(actor, signatory.organisation):
        raise ServiceError(f"You cannot withdraw {signatory.organisation.name}'s signature.")
    if signatory.withdrawn_on is not None:
        raise ServiceError("This signature has already been withdrawn.")
    if withdrawn_on < signatory.signed_on:
        raise ServiceError(
            "The withdrawal date must be on or after the date it was signed.",
            field="withdrawn_on",
        )
    signatory.withdrawn_on = withdrawn_on
    signatory.withdrawal_reason = reason
    signatory.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    audit.record(
        actor=actor,
        action="framework.withdrawn",
        obj=signatory,
        organisation=signatory.organisation,
        changes={
            "withdrawn_on": {"from": None, "to": withdrawn_on.isoformat()},
            "withdrawal_reason": {"from": "", "to": reason},
        },
    )
    return signatory
