"""Demo staff portability: deployments in every state between partners that signed the
framework (the partnership demo signs most of them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from oneworkforce.partners.choices import AffiliationStatus, Relationship, Role
from oneworkforce.partners.models import Affiliation, Organisation, RoleGrant, User

from ..models import Deployment, EvidenceKind
from ..portability import selectors, services

DEMO_DOMAIN = "demo.example.org"
# (job title, kind of work, staff group, state, start offset in days, length in days)
PLANS = [
    ("Registered nurse, nights", "registered", "nursing", "requested", 10, 28),
    ("Care and support worker", "care", "care_support", "agreed", 5, 42),
    ("Occupational therapist", "registered", "ahp", "ready", 3, 28),
    ("Healthcare assistant", "care", "care_support", "active", -10, 30),
    ("Social worker, hospital discharge", "registered", "social_work", "active", -20, 60),
    ("Ward clerk", "non_clinical", "admin", "ended", -70, 28),
    ("Physiotherapist", "registered", "ahp", "declined", 20, 14),
    ("Pharmacy technician", "registered", "pharmacy", "cancelled", 15, 21),
]


def _person(n: int, employer: Organisation) -> User:
    person, _ = User.objects.get_or_create(
        email=f"lent-{n}@{DEMO_DOMAIN}", defaults={"full_name": f"Demo colleague {n}"}
    )
    Affiliation.objects.get_or_create(
        user=person,
        organisation=employer,
        defaults={"relationship": Relationship.EMPLOYEE, "status": AffiliationStatus.CONFIRMED},
    )
    return person


def load() -> str:
    if Deployment.objects.exists():
        return "portability: already loaded"
    framework = selectors.portability_framework()
    admin = RoleGrant.objects.filter(role=Role.PARTNERSHIP_ADMIN).select_related("user").first()
    if framework is None or admin is None:
        return "portability: no framework or partnership admin to use"
    signed = list(
        Organisation.objects.filter(
            pk__in=framework.signatories.current().values("organisation")
        ).order_by("slug")
    )
    if len(signed) < 2:
        return "portability: fewer than two signatories"
    actor, today = admin.user, timezone.localdate()
    for n, (job_title, work_type, group, state, offset, length) in enumerate(PLANS):
        host, employer = signed[n % len(signed)], signed[(n + 3) % len(signed)]
        if host == employer:
            employer = signed[(n + 1) % len(signed)]
        start = today + dt.timedelta(days=max(offset, 1))
        deployment = services.deployment_raise(
            actor=actor,
            host=host,
            job_title=job_title,
            work_type=work_type,
            staff_group=group,
            skills="",
            site=host.sites.first(),
            starts_on=start,
            ends_on=start + dt.timedelta(days=length - 1),
            hours_per_week=Decimal("30"),
            supervisor="Team leader on shift",
            reason="Vacancies and sickness in the team over the coming weeks.",
            terms="recharge" if n % 2 else "none",
            recharge_note="Hourly rate plus on-costs" if n % 2 else "",
            not_industrial_action=True,
        )
        if state in ("requested", "declined"):
            if state == "declined":
                services.deployment_close(actor=actor, deployment=deployment, outcome="declined")
            continue
        person = _person(n, employer)
        services.deployment_propose(
            actor=actor, deployment=deployment, employer=employer, person=person
        )
        services.deployment_consent(actor=person, deployment=deployment)
        services.deployment_accept(actor=actor, deployment=deployment)
        if state != "agreed":
            for kind in deployment.checklist:
                expiry = (
                    None if kind != EvidenceKind.DBS else start + dt.timedelta(days=length // 2)
                )
                services.evidence_attest(
                    actor=actor, deployment=deployment, kind=kind, valid_until=expiry
                )
        if state == "cancelled":
            services.deployment_close(actor=actor, deployment=deployment, outcome="cancelled")
        if state in ("active", "ended"):
            services.deployment_activate(actor=actor, deployment=deployment)
            # Back-date it to when it really started.
            Deployment.objects.filter(pk=deployment.pk).update(
                starts_on=today + dt.timedelta(days=offset),
                ends_on=today + dt.timedelta(days=offset + length - 1),
                raised_at=timezone.now() + dt.timedelta(days=offset - 12),
                activated_at=timezone.now() + dt.timedelta(days=offset),
            )
        if state == "ended":
            deployment.refresh_from_db()
            services.deployment_close(actor=actor, deployment=deployment, outcome="ended")
    return f"portability: {len(PLANS)} deployments between {len(signed)} signatories"
