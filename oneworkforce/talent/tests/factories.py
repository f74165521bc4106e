"""Factories for talent hub tests, shared by every part."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent import models
from oneworkforce.talent.pipeline.states import PATH, State, due_on


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Campaign

    name = factory.Sequence(lambda n: f"Outreach campaign {n}")
    slug = factory.Sequence(lambda n: f"outreach-campaign-{n}")
    community = "Harehills"
    venue = "Community centre"
    channel = models.Channel.COMMUNITY_CENTRE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Candidate

    full_name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    phone = factory.Sequence(lambda n: f"07700{n:06d}")
    postcode = "LS9 7AB"
    outward_code = "LS9"
    community = "Harehills"
    lawful_basis = models.LawfulBasis.CONSENT
    consent_at = factory.LazyFunction(timezone.now)
    consent_wording = "2026-1"
    interest_families = factory.LazyFunction(lambda: ["care_support"])
    interest_areas = factory.LazyFunction(lambda: ["social_care"])


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Care worker {n}")
    job_family = "care_support"
    work_area = "social_care"
    postcode = "LS9 7AB"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application stored directly at ``state`` (no history): for tests of reads and access."""

    class Meta:
        model = models.Application

    candidate = factory.SubFactory(CandidateFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    state = State.INTERESTED.value
    due_on = factory.LazyAttribute(lambda o: due_on(State(o.state), timezone.localdate()))
    furthest_step = factory.LazyAttribute(
        lambda o: PATH.index(State(o.state)) if State(o.state) in PATH else 0
    )
    started_on = factory.LazyAttribute(
        lambda o: timezone.localdate() if o.state in ("started", "left") else None
    )


class RecruitmentEventFactory(factory.django.DjangoModelFactory):
    """An event ``in_days`` from now (negative: already held), three hours long."""

    class Meta:
        model = models.RecruitmentEvent
        exclude = ["in_days"]

    in_days = 3
    title = factory.Sequence(lambda n: f"Jobs fair {n}")
    slug = factory.Sequence(lambda n: f"jobs-fair-{n}")
    kind = models.EventKind.FAIR
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + dt.timedelta(days=o.in_days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    venue = "Town hall"
    organiser = factory.SubFactory(OrganisationFactory)
