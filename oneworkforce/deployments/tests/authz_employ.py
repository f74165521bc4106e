"""Authorization-matrix rules for employ-and-deploy (see authz_rules.py).

The world: org_a is the lead employer of an agreement with one primary care network, whose
partner admin is partner_admin_b (who may see the agreement and that network's report but
change nothing). Learners and anonymous visitors see nothing.
"""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.tests.authz import (
    ADMIN_B,
    ADMINS_OF_A,
    ANY_ADMIN,
    Rule,
    World,
)
from oneworkforce.deployments.employ import services as employ
from oneworkforce.deployments.models import FundingSource
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.tests.factories import OrganisationFactory, RoleGrantFactory

FORM = ("GET", "POST")
MANAGERS_AND_PCN = ADMINS_OF_A | {ADMIN_B}


def build_world(world: World) -> None:
    lead_admin = world.users["partner_admin_a"]
    pcn = OrganisationFactory(name="Matrix Primary Care Network", sector=Sector.PCN)
    practice = OrganisationFactory(name="Matrix Surgery", sector=Sector.GP_PRACTICE)
    RoleGrantFactory(user=world.users[ADMIN_B], role=Role.PARTNER_ADMIN, organisation=pcn)
    world.users[ADMIN_B].forget_cached_roles()
    world.employ_pcn = pcn
    world.employ_agreement = employ.agreement_save(
        actor=lead_admin,
        name="Matrix additional roles",
        lead_employer=world.org_a,
        pcns=[pcn],
        funding=FundingSource.ARRS,
        hr_services="Payroll",
        service_level="Monthly report",
        starts_on=dt.date(2025, 4, 1),
    )
    employ.agreed_post_save(
        actor=lead_admin,
        agreement=world.employ_agreement,
        pcn=pcn,
        job_title="Care coordinator",
        number=2,
    )
    world.employ_person = employ.employment_save(
        actor=lead_admin,
        agreement=world.employ_agreement,
        name="Casey Matrix",
        job_title="Care coordinator",
        pcn=pcn,
        base_practice=practice,
        practices=[practice],
        starts_on=dt.date(2025, 5, 1),
    )


def _agreement(world: World) -> dict[str, str]:
    return {"slug": world.employ_agreement.slug}


RULES: dict[str, Rule] = {
    "deployments:employ_agreements": Rule(ANY_ADMIN),
    "deployments:employ_agreement_add": Rule(ANY_ADMIN, methods=FORM),
    "deployments:employ_agreement": Rule(MANAGERS_AND_PCN, _agreement),
    "deployments:employ_report": Rule(
        MANAGERS_AND_PCN,
        lambda w: {"slug": w.employ_agreement.slug, "pcn": w.employ_pcn.slug},
    ),
    "deployments:employ_post_add": Rule(ADMINS_OF_A, _agreement, methods=FORM),
    "deployments:employ_staff_add": Rule(ADMINS_OF_A, _agreement, methods=FORM),
    "deployments:employ_staff_end": Rule(
        ADMINS_OF_A,
        lambda w: {"slug": w.employ_agreement.slug, "pk": w.employ_person.pk},
        methods=FORM,
    ),
}
