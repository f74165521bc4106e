"""Interviews booked for an application: when, where (a place or a link), who sits on the
panel, and how it went."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from .pipeline import Application


class InterviewOutcome(models.TextChoices):
    PENDING = "", "Not recorded yet"
    PASSED = "passed", "Went well: move on to an offer"
    NOT_PASSED = "not_passed", "Not successful"
    NO_SHOW = "no_show", "Did not come"
    CANCELLED = "cancelled", "Cancelled"


class Interview(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=45)
    place = models.CharField(max_length=300, blank=True)
    link = models.URLField(max_length=500, blank=True)
    outcome = models.CharField(
        max_length=12,
        choices=InterviewOutcome.choices,
        default=InterviewOutcome.PENDING,
        blank=True,
    )
    outcome_note = models.TextField(blank=True)
    # When the candidate was e-mailed the invitation (null: they have no e-mail address).
    candidate_told_at = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"Interview for {self.application}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)


class PanelMember(models.Model):
    """One person on an interview's panel (kept, unnamed, if their account is deleted)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="interview_panels",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "member"], name="talent_one_seat_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.interview}"


class ContactWay(models.TextChoices):
    NOTE = "note", "Case note (no contact)"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "E-mail"
    TEXT = "text", "Text message"
    IN_PERSON = "in_person", "In person"


class CaseNote(models.Model):
    """A case note or a contact with the candidate about an application: who, when, how and
    what was said. Seen by those who can see the application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="case_notes"
    )
    way = models.CharField(max_length=12, choices=ContactWay.choices, default=ContactWay.NOTE)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_way_display()} on {self.application}"
