"""Shared recruitment events, the partners taking part and the people registered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.models import Organisation

from .casework import Candidate
from .choices import EventKind
from .outreach import Campaign

# Shared recruitment events -----------------------------------------------------------------


class RecruitmentEvent(models.Model):
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=110, unique=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200)
    postcode = models.CharField(max_length=8, blank=True)
    community = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="talent_events_organised"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="talent_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventPartner(models.Model):
    """A partner signed up to be represented at an event."""

    event = models.ForeignKey(RecruitmentEvent, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    work_on_offer = models.CharField(max_length=300, blank=True)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="talent_event_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.event}"


class EventRegistration(models.Model):
    event = models.ForeignKey(
        RecruitmentEvent, on_delete=models.CASCADE, related_name="registrations"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="event_registrations"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "candidate"], name="talent_event_registration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} at {self.event}"
