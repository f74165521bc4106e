"""Time-driven talent hub work for ``manage.py run_due_jobs``: a daily digest of overdue steps
for each talent coordinator (nothing sits in limbo), and the retention job in ``privacy``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.jobs import register
from oneworkforce.core.models import Notice
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import User

from .casework import privacy  # noqa: F401  (privacy registers the retention job)
from .pipeline import selectors


@register("talent-overdue", "E-mail each talent coordinator a daily digest of overdue steps")
def overdue_digest(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    coordinators = User.objects.filter(
        is_active=True,
        role_grants__role=Role.TALENT_COORDINATOR,
        role_grants__revoked_at__isnull=True,
    ).distinct()
    sent = 0
    for coordinator in coordinators:
        overdue = selectors.worklist(coordinator, today=today).overdue
        if not overdue:
            continue
        if not Notice.first_time(
            key=f"talent-overdue:{coordinator.pk}:{today.isoformat()}",
            recipient=coordinator,
            subject="Overdue steps in the talent hub",
        ):
            continue
        lines = [
            f"- {item.what} ({item.who}), due {item.due_on:%-d %B %Y}, waiting on {item.waits_on}"
            for item in overdue[:50]
        ]
        more = len(overdue) - len(lines)
        send_mail(
            subject=f"{len(overdue)} overdue steps in the talent hub",
            message=(
                "These steps are past their due date:\n\n"
                + "\n".join(lines)
                + (f"\n...and {more} more." if more > 0 else "")
                + f"\n\nThe work list: {settings.SITE_URL}{reverse('talent:worklist')}\n"
            ),
            from_email=None,
            recipient_list=[coordinator.email],
        )
        sent += 1
    return sent
