"""Applying from the public job board: one short form creates or merges the candidate by the
talent hub's own rule (``outreach.services.candidate_register``: merged by e-mail address or
phone, blanks never overwrite, consent and its lawful basis recorded) and adds their
application to the vacancy's pipeline with where it came from (``pipeline.services.
application_create``). Nothing is written when anything is refused."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core.formatting import date
from oneworkforce.core.services import ServiceError
from oneworkforce.talent import common
from oneworkforce.talent.casework.services import find_duplicate
from oneworkforce.talent.models import (
    Application,
    ApplicationSource,
    Campaign,
    Channel,
    RecruitmentEvent,
    Vacancy,
)
from oneworkforce.talent.outreach.services import candidate_register
from oneworkforce.talent.pipeline.services import application_create


def _source(campaign: Campaign | None, event: RecruitmentEvent | None) -> str:
    if event is not None:
        return ApplicationSource.EVENT
    if campaign is None:
        return ApplicationSource.JOB_BOARD
    if campaign.channel == Channel.SCHOOL:
        return ApplicationSource.SCHOOL_VISIT
    return ApplicationSource.CAMPAIGN


@transaction.atomic
def job_apply(
    *,
    vacancy_id: int,
    full_name: str,
    email: str | None,
    phone: str | None,
    postcode: str = "",
    served_in_forces: bool = False,
    meets_essential_criteria: bool = False,
    consent: bool = False,
    campaign_code: str = "",
    event_slug: str = "",
    link_builder: Any = None,
) -> Application:
    """Apply for an open vacancy. Refused, naming the field, for a closed vacancy, a malformed
    e-mail address or phone number, no consent, or a second application to the same vacancy.

    Where it came from: ``event_slug`` names the recruitment event whose page led here (its
    source is then "event", its campaign the event's), else ``campaign_code`` a campaign (a
    school or college's campaign makes it a school visit), else the job board. An unknown or
    cancelled event, or a campaign that has ended, counts as the job board."""
    vacancy = Vacancy.objects.select_for_update().filter(pk=vacancy_id).first()
    today = timezone.localdate()
    if vacancy is None or not vacancy.is_open:
        raise ServiceError("This job is no longer open to applications")
    if vacancy.closes_on is not None and vacancy.closes_on < today:
        raise ServiceError(f"This job closed to applications on {date(vacancy.closes_on)}")
    address = common.normalise_email(email)
    number = common.normalise_phone(phone)
    if not consent:
        raise ServiceError(
            "Tick the box to say you agree to us holding your details", field="consent"
        )
    known = find_duplicate(email=address, phone=number)
    if known is not None and known.applications.filter(vacancy=vacancy).exists():
        raise ServiceError(
            "You have already applied for this job with these details. The employer's talent "
            "coordinator will be in touch.",
            field="email" if address else "phone",
        )
    campaign = (
        Campaign.objects.filter(code=campaign_code.strip().upper()).first()
        if campaign_code
        else None
    )
    if campaign is not None and not campaign.is_open():
        campaign = None
    event = (
        RecruitmentEvent.objects.select_related("campaign")
        .filter(slug=event_slug.strip(), cancelled_at__isnull=True)
        .first()
        if event_slug.strip()
        else None
    )
    if event is not None:
        campaign = event.campaign if event.campaign and event.campaign.is_open() else None
    added = candidate_register(
        campaign=campaign,
        full_name=full_name,
        email=address,
        phone=number,
        postcode=postcode,
        interest_families=[vacancy.job_family],
        interest_areas=[vacancy.work_area],
        hours="",
        previously_unemployed=False,
        unemployed_months=None,
        barriers=[],
        consent=consent,
        special_consent=False,
        link_builder=link_builder,
    )
    return application_create(
        actor=None,
        candidate=added.candidate,
        vacancy=vacancy,
        note="Applied on the job board",
        source=_source(campaign, event),
        source_code=campaign.code if campaign else "",
        served_in_forces=served_in_forces,
        meets_essential_criteria=meets_essential_criteria and bool(vacancy.essential_criteria),
    )
