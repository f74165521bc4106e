"""Factories for partners' local figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from oneworkforce.intelligence.models import (
    ExitInterviewCount,
    ExitReason,
    PopulationProjection,
    SocialCareWorkforce,
    WorkforceReturn,
)
from oneworkforce.partners.tests.factories import OrganisationFactory, PlaceFactory


class WorkforceReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkforceReturn

    organisation = factory.SubFactory(OrganisationFactory)
    period_start = dt.date(2025, 10, 1)
    staff_group = "Registered nurses"
    establishment_fte = Decimal("100.00")
    vacancies_fte = Decimal("10.00")
    applications = 20
    leavers = 2


class ExitInterviewCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExitInterviewCount

    organisation = factory.SubFactory(OrganisationFactory)
    period_start = dt.date(2025, 10, 1)
    staff_group = "Care workers"
    reason = ExitReason.PAY
    leavers = 3


class SocialCareWorkforceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialCareWorkforce

    organisation = factory.SubFactory(OrganisationFactory)
    period_start = dt.date(2025, 9, 1)
    job_role = "Care worker"
    headcount = 80
    fte = Decimal("60.50")
    leavers_last_12_months = 24
    starters_last_12_months = 30
    vacancies = 5


class PopulationProjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationProjection

    place = factory.SubFactory(PlaceFactory)
    year = 2030
    age_band = "65-74"
    people = 21_400
    source = "ONS 2022-based subnational population projections"
