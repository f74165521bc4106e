"""Time-driven decisions work for ``manage.py run_due_jobs``: remind an initiative's owner when
its next review opens, and again if it falls overdue (each reminder sent once)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from oneworkforce.core import formatting
from oneworkforce.core.jobs import register
from oneworkforce.core.models import Notice

from .models import Checkpoint, Initiative, InitiativeStatus


@register(
    "decisions-initiative-reviews", "Remind owners when an initiative's review opens or is overdue"
)
def initiative_reviews(now: dt.datetime) -> int:
    today = timezone.localtime(now).date()
    sent = 0
    running = (
        Initiative.objects.filter(
            status=InitiativeStatus.ACTIVE, owner__isnull=False, owner__is_active=True
        )
        .select_related("owner", "proposal")
        .prefetch_related("reviews")
    )
    for initiative in running:
        done = {r.checkpoint for r in initiative.reviews.all()}
        checkpoint = next((c for c in Checkpoint if c not in done), None)
        if checkpoint is None or today < initiative.review_opens(checkpoint):
            continue
        due = initiative.review_due(checkpoint)
        kind = "overdue" if today > due else "open"
        subject = f"{initiative.proposal.title}: the review at {checkpoint.label} is " + (
            "overdue" if kind == "overdue" else "open"
        )
        key = f"initiative-review:{initiative.pk}:{checkpoint.value}:{kind}"
        if not Notice.first_time(key=key, recipient=initiative.owner, subject=subject):
            continue
        link = settings.SITE_URL + initiative.get_absolute_url()
        send_mail(
            subject=subject,
            message=(
                f"{initiative.proposal.title} started on {formatting.date(initiative.started_on)}."
                f" Its {checkpoint.label} review falls due on {formatting.date(due)}.\n\n"
                "Record the latest value of each measure, so the partnership can decide whether "
                f"to continue, scale up, change course or stop: {link}\n"
            ),
            from_email=None,
            recipient_list=[initiative.owner.email],
        )
        sent += 1
    return sent
