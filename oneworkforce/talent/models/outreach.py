"""Outreach campaigns, each with its own form and QR code."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.models import Organisation

from .choices import Channel

# Campaigns -------------------------------------------------------------------------------


def _campaign_code() -> str:
    # Short, unambiguous and easy to type from a poster: join/K7M3PQ.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def open_on(self, day: dt.date) -> CampaignQuerySet:
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Campaign(models.Model):
    """Outreach in one community through one channel, with its own form and QR code."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=110, unique=True)
    code = models.CharField(max_length=12, unique=True, default=_campaign_code)
    community = models.CharField(
        max_length=120, help_text="the neighbourhood or community the campaign reaches"
    )
    venue = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    partners = models.ManyToManyField(Organisation, related_name="talent_campaigns", blank=True)
    welcome = models.TextField(
        blank=True, help_text="a sentence or two shown at the top of the form"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="talent_campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
