"""Scheduled work for the partnership: purging sign-in records, and the weekly e-mail of what is
waiting on each person (the signed-in home, by post)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import home
from oneworkforce.core.jobs import register
from oneworkforce.core.models import Notice

from .accounts import services
from .models import User

# The weekly e-mail goes to people who have signed in within this many days: an account left
# unused does not get mail about work it is not doing.
DIGEST_ACTIVE_DAYS = 90


@register(
    "purge_sign_in_records", "delete used or expired sign-in links and old rate-limit records"
)
def purge_sign_in_records(now: dt.datetime) -> int:
    return services.sign_in_records_purge(now=now)


@register("weekly-digest", "E-mail each person once a week what is waiting on them")
def weekly_digest(now: dt.datetime) -> int:
    """Once per ISO week (the first run of the week), to each active person who has the e-mail
    on, has signed in within 90 days and has something waiting: each item with its count and
    where to act, and how to turn the e-mail off. Safe to run again: a week's e-mail is recorded
    before it is sent."""
    today = timezone.localdate(now)
    year, week, _ = today.isocalendar()
    people = User.objects.filter(
        is_active=True,
        weekly_digest=True,
        last_login__gte=now - dt.timedelta(days=DIGEST_ACTIVE_DAYS),
    ).order_by("pk")
    sent = 0
    for person in people.iterator():
        tasks = home.tasks_for(person, today)
        if not tasks:
            continue
        subject = "What is waiting on you this week"
        if not Notice.first_time(
            key=f"weekly-digest:{person.pk}:{year}-W{week:02d}", recipient=person, subject=subject
        ):
            continue
        lines = [
            f"- {task.title}: {task.count:,}{' (overdue)' if task.overdue else ''}\n"
            f"  {task.action}: {settings.SITE_URL}{task.href}"
            for task in tasks
        ]
        send_mail(
            subject=subject,
            message=(
                "This is what is waiting on you across the partnership:\n\n"
                + "\n".join(lines)
                + f"\n\nYour home page: {settings.SITE_URL}{reverse('core:home')}\n"
                + "To stop these e-mails: "
                + f"{settings.SITE_URL}{reverse('partners:digest')}\n"
            ),
            from_email=None,
            recipient_list=[person.email],
        )
        sent += 1
    return sent
