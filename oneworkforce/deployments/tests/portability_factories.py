"""A signed framework with two partners, and a need raised at one of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from oneworkforce.deployments.models import Deployment
from oneworkforce.deployments.portability import selectors as portability_selectors
from oneworkforce.deployments.portability import services
from oneworkforce.partners.models import Framework, Organisation, User
from oneworkforce.partners.tests.factories import FrameworkFactory, SignatoryFactory


def signed_framework(*organisations: Organisation) -> Framework:
    framework = portability_selectors.portability_framework() or FrameworkFactory()
    for organisation in organisations:
        if not framework.signatories.filter(organisation=organisation, withdrawn_on=None).exists():
            SignatoryFactory(framework=framework, organisation=organisation)
    return framework


def need(actor: User, host: Organisation, **overrides: Any) -> Deployment:
    start = timezone.localdate() + dt.timedelta(days=7)
    fields = {
        "job_title": "Registered nurse, district nursing",
        "work_type": "registered",
        "staff_group": "nursing",
        "skills": "Wound care",
        "site": None,
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=27),
        "hours_per_week": Decimal("22.5"),
        "supervisor": "Ward manager",
        "reason": "Two vacancies and winter pressure.",
        "terms": "none",
        "recharge_note": "",
        "not_industrial_action": True,
        **overrides,
    }
    return services.deployment_raise(actor=actor, host=host, **fields)
