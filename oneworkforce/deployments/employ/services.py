"""Employ and deploy: a lead employer employs staff on behalf of primary care networks (PCNs)
and deploys them to GP practices.

Services (``agreement_save``, ``agreed_post_save``, ``employment_save``, ``employment_end``)
take keyword-only arguments, run in one transaction, write the audit log and answer a broken
rule with ``ServiceError(message, field=...)`` having written nothing. Selectors (in
``selectors.py``) decide who sees what and assemble the per-PCN report; presenters (in
``presenters.py``) turn it into rows for the templates; ``..access`` holds who may change what.

Who sees what: partnership admins and partner admins of the lead employer manage an agreement
and see everyone employed under it. Partner admins of a PCN in the agreement see the agreement's
terms and their own PCN's report, with the names of the staff employed for their PCN only.
There is no PCN-membership model for practices, so any active GP practice can be a deployed
practice; pages always name the practices so a wrong one is easy to see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from ..models import AgreedPost, Agreement, Employment, FundingSource

AGREEMENT_FIELDS = (
    "name",
    "lead_employer",
    "funding",
    "hr_services",
    "service_level",
    "starts_on",
    "ends_on",
)
POST_FIELDS = ("pcn", "job_title", "number")
EMPLOYMENT_FIELDS = ("name", "job_title", "pcn", "base_practice", "starts_on", "ends_on")
RESERVED_SLUGS = {"new"}
MAX_PER_POST = 500


# Services ------------------------------------------------------------------------------------


def _text(value: str | None, *, field: str, message: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise ServiceError(message, field=field)
    return cleaned


def _end_after_start(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on is None:
        raise ServiceError("Enter the start date", field="starts_on")
    if ends_on is not None and ends_on <= starts_on:
        raise ServiceError("The end date must be after the start date", field="ends_on")


def _ids(organisations: Iterable[Organisation]) -> list[int]:
    return sorted(o.pk for o in organisations)


@transaction.atomic
def agreement_save(
    *,
    actor: User,
    name: str,
    lead_employer: Organisation,
    pcns: Sequence[Organisation],
    funding: str,
    hr_services: str,
    service_level: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    agreement: Agreement | None = None,
) -> Agreement:
    """Create an agreement (or change one): the lead employer employs staff for the PCNs."""
    name = _text(name, field="name", message="Enter a name for the agreement")
    if lead_employer is None or not lead_employer.is_active:
        raise ServiceError(
            "Choose a lead employer that is an active partner", field="lead_employer"
        )
    if not can_administer(actor, lead_employer):
        raise ServiceError(
            "You can only set up agreements for a partner you manage", field="lead_employer"
        )
    pcns = list(pcns)
    if not pcns:
        raise ServiceError("Choose at least one primary care network", field="pcns")
    not_pcns = [o.name for o in pcns if o.sector != Sector.PCN or not o.is_active]
    if not_pcns:
        raise ServiceError(
            f"{', '.join(not_pcns)} is not an active primary care network", field="pcns"
        )
    if funding not in FundingSource.values:
        raise ServiceError("Choose where the funding comes from", field="funding")
    hr_services = _text(
        hr_services, field="hr_services", message="Say which HR services the employer provides"
    )
    service_level = _text(
        service_level, field="service_level", message="Describe the service level agreed"
    )
    _end_after_start(starts_on, ends_on)

    if agreement is None:
        agreement = Agreement()
        action, before = "deployments.employ_agreement_created", {}
    else:
        action = "deployments.employ_agreement_changed"
        before = audit.snapshot_stored(agreement, AGREEMENT_FIELDS)
        before["pcns"] = _ids(agreement.pcns.all())
        kept = {o.pk for o in pcns}
        in_use = (
            Organisation.objects.filter(
                Q(pk__in=agreement.posts.values("pcn")) | Q(pk__in=agreement.staff.values("pcn"))
            )
            .exclude(pk__in=kept)
            .order_by("name")
        )
        if in_use:
            raise ServiceError(
                f"{in_use[0].name} has agreed posts or staff: it cannot leave the agreement",
                field="pcns",
            )
    agreement.name = name
    agreement.lead_employer = lead_employer
    agreement.funding = funding
    agreement.hr_services = hr_services
    agreement.service_level = service_level
    agreement.starts_on = starts_on
    agreement.ends_on = ends_on
    if not agreement.slug:
        text = name if slugify(name) not in RESERVED_SLUGS else f"{name} agreement"
        agreement.slug = unique_slug(Agreement, text, fallback="agreement")
    agreement.save()
    agreement.pcns.set(pcns)
    after = {**audit.snapshot(agreement, AGREEMENT_FIELDS), "pcns": _ids(pcns)}
    audit.record(
        actor=actor,
        action=action,
        obj=agreement,
        changes=audit.diff(before, after),
        organisation=lead_employer,
    )
    return agreement


def _in_agreement(agreement: Agreement, pcn: Organisation | None) -> Organisation:
    if pcn is None or not agreement.pcns.filter(pk=pcn.pk).exists():
        raise ServiceError(
            "Choose a primary care network that is part of this agreement", field="pcn"
        )
    return pcn


@transaction.atomic
def agreed_post_save(
    *, actor: User, agreement: Agreement, pcn: Organisation, job_title: str, number: int
) -> AgreedPost:
    """Set how many people with ``job_title`` the lead employer employs for ``pcn``. The same
    job title at the same PCN again changes the number rather than adding a second line."""
    pcn = _in_agreement(agreement, pcn)
    job_title = _text(
        job_title, field="job_title", message="Enter the job title, for example care coordinator"
    )
    if len(job_title) > 200:
        raise ServiceError("The job title must be 200 characters or fewer", field="job_title")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ServiceError("Enter a number of people of 1 or more", field="number")
    if number > MAX_PER_POST:
        raise ServiceError(f"Enter a number of people of {MAX_PER_POST} or fewer", field="number")
    line = agreement.posts.filter(pcn=pcn, job_title__iexact=job_title).first()
    if line is None:
        line = AgreedPost.objects.create(
            agreement=agreement, pcn=pcn, job_title=job_title, number=number
        )
        action, before = "deployments.employ_post_agreed", {}
    else:
        action = "deployments.employ_post_changed"
        before = audit.snapshot(line, POST_FIELDS)
        line.number = number
        line.save(update_fields=["number"])
    audit.record(
        actor=actor,
        action=action,
        obj=line,
        changes=audit.diff(before, audit.snapshot(line, POST_FIELDS)),
        organisation=agreement.lead_employer,
        label=f"{line.job_title} for {pcn.name}",
    )
    return line


@transaction.atomic
def employment_save(
    *,
    actor: User,
    agreement: Agreement,
    name: str,
    job_title: str,
    pcn: Organisation,
    base_practice: Organisation,
    practices: Sequence[Organisation],
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    employment: Employment | None = None,
) -> Employment:
    """Record someone the lead employer employs under the agreement for ``pcn``: based at
    ``base_practice`` and working at ``practices`` (which include the base)."""
    name = _text(name, field="name", message="Enter the person's full name")
    if len(name) > 200:
        raise ServiceError("The name must be 200 characters or fewer", field="name")
    pcn = _in_agreement(agreement, pcn)
    job_title = _text(job_title, field="job_title", message="Choose the job title")
    agreed = agreement.posts.filter(pcn=pcn, job_title__iexact=job_title).first()
    if agreed is None:
        raise ServiceError(
            f"No {job_title} posts are agreed for {pcn.name}: add the agreed post first",
            field="job_title",
        )
    practices = list(practices)
    if not practices:
        raise ServiceError("Choose the practices the person works at", field="practices")
    not_practices = [o.name for o in practices if o.sector != Sector.GP_PRACTICE or not o.is_active]
    if not_practices:
        raise ServiceError(
            f"{', '.join(not_practices)} is not an active GP practice", field="practices"
        )
    if base_practice is None or base_practice.pk not in {o.pk for o in practices}:
        raise ServiceError(
            "The base practice must be one of the practices the person works at",
            field="base_practice",
        )
    _end_after_start(starts_on, ends_on)
    if starts_on < agreement.starts_on:
        raise ServiceError(
            "The start date must be on or after the agreement starts", field="starts_on"
        )
    if agreement.ends_on is not None and starts_on > agreement.ends_on:
        raise ServiceError("The start date must be before the agreement ends", field="starts_on")

    if employment is None:
        employment = Employment(agreement=agreement)
        action, before = "deployments.employ_staff_added", {}
    else:
        if employment.agreement_id != agreement.pk:
            raise ServiceError("This person is employed under another agreement.")
        action = "deployments.employ_staff_changed"
        before = audit.snapshot_stored(employment, EMPLOYMENT_FIELDS)
        before["practices"] = _ids(employment.practices.all())
    employment.name = name
    employment.job_title = agreed.job_title
    employment.pcn = pcn
    employment.base_practice = base_practice
    employment.starts_on = starts_on
    employment.ends_on = ends_on
    employment.save()
    employment.practices.set(practices)
    after = {**audit.snapshot(employment, EMPLOYMENT_FIELDS), "practices": _ids(practices)}
    audit.record(
        actor=actor,
        action=action,
        obj=employment,
        # Names are personal data: recorded as changed, without the values.
        changes=audit.diff(before, after, sensitive=("name",)),
        organisation=agreement.lead_employer,
        label=f"{employment.job_title} for {pcn.name}",
    )
    return employment


@transaction.atomic
def employment_end(*, actor: User, employment: Employment, ends_on: dt.date) -> Employment:
    """Record the last day someone works under the agreement."""
    if employment.ends_on is not None and employment.ends_on < timezone.localdate():
        raise ServiceError("This person's employment has already ended.", field="ends_on")
    if ends_on is None:
        raise ServiceError("Enter the last working day", field="ends_on")
    _end_after_start(employment.starts_on, ends_on)
    before = {"ends_on": employment.ends_on}
    employment.ends_on = ends_on
    employment.save(update_fields=["ends_on"])
    audit.record(
        actor=actor,
        action="deployments.employ_staff_ended",
        obj=employment,
        changes=audit.diff(before, {"ends_on": ends_on}),
        organisation=employment.agreement.lead_employer,
        label=f"{employment.job_title} for {employment.pcn.name}",
    )
    return employment
