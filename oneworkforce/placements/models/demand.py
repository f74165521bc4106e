"""Education providers' demand: blocks of the year, programmes, their students and their
requests for places per block."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from oneworkforce.partners.models import Organisation

from .choices import Profession, SettingRequirement


class Block(models.Model):
    """A period of the partnership's placement year (for example "Autumn 2027")."""

    name = models.CharField(max_length=80, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return self.name


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def for_organisation(self, organisation: Organisation) -> ProgrammeQuerySet:
        return self.filter(provider=organisation)


class Programme(models.Model):
    """A university's or college's programme: a profession, a field and a year of study."""

    provider = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="placement_programmes"
    )
    name = models.CharField(max_length=200)
    profession = models.CharField(max_length=30, choices=Profession.choices)
    field = models.CharField(max_length=80, blank=True, help_text="For example adult nursing.")
    year = models.PositiveSmallIntegerField()
    requirement = models.CharField(
        max_length=30, choices=SettingRequirement.choices, blank=True, default=""
    )
    max_travel_minutes = models.PositiveSmallIntegerField(default=60)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["provider__name", "name", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "name", "year"], name="unique_placement_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, year {self.year}"


class Student(models.Model):
    """A student on a programme. Personal data: name, e-mail and home postcode."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="students")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placement_students",
    )
    reference = models.CharField(max_length=40, help_text="The provider's student number.")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "reference"], name="unique_student_reference"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlacementRequest(models.Model):
    """How many of a programme's students need a placement in a block, and for how long."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="requests")
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="requests")
    students = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    required_hours = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["block__starts_on", "programme__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "block"], name="unique_request_per_block")
        ]

    def __str__(self) -> str:
        return f"{self.students} student(s), block {self.block_id}"
