"""Stored workforce compliance (issue 19, ADR 018) and the managers partners name for teams.

One row per person on a partner's grid and one cell per requirement of their job roles, kept
equal to the computed rule by :mod:`.stored` (refreshed by every change to its inputs and daily
for time passing), so the grid reads a page of people with one indexed query."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone

from oneworkforce.partners.models import Organisation

from ..models import Requirement


class ComplianceRow(models.Model):
    """A person on a partner's compliance grid, with their cells counted by shown state."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="compliance_rows"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliance_rows"
    )
    # Their name (else e-mail address) and e-mail address as shown and sorted on, kept up to date
    # by a receiver on the person, so a page of the grid never reads the people table.
    name = models.CharField(max_length=254, blank=True)
    email = models.CharField(max_length=254, blank=True)
    job_roles = models.CharField(max_length=1000, blank=True)  # names, sorted, "; " between
    needed = models.PositiveSmallIntegerField(default=0)
    needing_action = models.PositiveSmallIntegerField(default=0)
    met = models.PositiveSmallIntegerField(default=0)
    expiring = models.PositiveSmallIntegerField(default=0)
    expired = models.PositiveSmallIntegerField(default=0)
    missing = models.PositiveSmallIntegerField(default=0)
    booked = models.PositiveSmallIntegerField(default=0)
    refreshed_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="one_compliance_row")
        ]
        indexes = [
            models.Index(fields=["organisation", "needing_action"]),
            models.Index(
                F("organisation"), Lower("name"), F("email"), name="compliance_row_by_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.organisation}'s grid"


class ComplianceCell(models.Model):
    """One requirement of a person's job roles at a partner, as the rule has it."""

    row = models.ForeignKey(ComplianceRow, on_delete=models.CASCADE, related_name="cells")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10)  # met, expiring, expired, missing
    booked = models.BooleanField(default=False)
    shown = models.CharField(max_length=10)  # the state, or "booked"
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["row", "requirement"], name="one_compliance_cell")
        ]
        indexes = [models.Index(fields=["requirement", "shown"])]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.shown}"


class TeamManager(models.Model):
    """A person a partner admin named to manage one of its teams (a team being the name on its
    staff records): they see the compliance grid, its CSV and reminders for that team only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="team_managers"
    )
    team = models.CharField(max_length=100)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teams_managed"
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["team"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team", "person"], name="one_team_manager"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} manages {self.team} at {self.organisation}"
