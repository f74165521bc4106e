"""Time-driven deployment work for ``manage.py run_due_jobs``: warn both partners when a check
the employer vouched for will run out before a deployment ends."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from oneworkforce.core.jobs import register
from oneworkforce.core.models import Notice
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import RoleGrant

from .models import Deployment
from .portability.services import checklist


def _admins(organisation_ids: list[int]) -> list[str]:
    grants = RoleGrant.objects.active().filter(
        role=Role.PARTNER_ADMIN, organisation_id__in=organisation_ids
    )
    return sorted({g.user.email for g in grants.select_related("user")})


@register("deployments-expiring-checks", "Warn both partners of checks that run out mid-deployment")
def expiring_checks(now: dt.datetime) -> int:
    sent = 0
    open_ones = Deployment.objects.filter(state__in=["agreed", "ready", "active"]).select_related(
        "host", "employer", "person"
    )
    for deployment in open_ones:
        for check in checklist(deployment):
            if not check.expires_during or check.evidence is None or deployment.person is None:
                continue
            key = f"deployment-expiry:{check.evidence.pk}"
            if not Notice.first_time(
                key=key, recipient=deployment.person, subject=f"{check.label} runs out"
            ):
                continue
            link = settings.SITE_URL + reverse("deployments:deployment", args=[deployment.pk])
            send_mail(
                subject=f"{check.label} runs out during a deployment",
                message=(
                    f"{check.label} for {deployment.person.display_name} runs out on "
                    f"{check.evidence.valid_until:%-d %B %Y}, before their deployment to "
                    f"{deployment.host.name} ends on {deployment.ends_on:%-d %B %Y}.\n\n"
                    f"The employer of record should renew it and vouch for it again: {link}\n"
                ),
                from_email=None,
                recipient_list=_admins([deployment.host_id, deployment.employer_id]),
            )
            sent += 1
    return sent
