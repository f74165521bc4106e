"""Careers records: schools and colleges (from the Department for Education's register), the
partnership's ambassadors, and their visits and talks. The job board and the catalogue hold no
tables of their own: jobs are the talent hub's vacancies, roles are a data file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from oneworkforce.partners.models import Organisation


class SchoolQuerySet(models.QuerySet["School"]):
    def in_scope(self) -> SchoolQuerySet:
        """Open secondary schools and colleges: the ones coverage counts."""
        return self.filter(is_open=True, in_scope=True)


class School(models.Model):
    """A school or college as the Get Information About Schools register names it."""

    urn = models.PositiveIntegerField("URN", unique=True, help_text="unique reference number")
    name = models.CharField(max_length=200)
    kind = models.CharField("type", max_length=120)
    phase = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    local_authority = models.CharField(max_length=100)
    is_open = models.BooleanField(default=True)
    in_scope = models.BooleanField(default=False, help_text="a secondary school or a college")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "urn"]

    def __str__(self) -> str:
        return self.name


class Ambassador(models.Model):
    """Staff or a volunteer of any partner who talks to pupils about health and care work."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="careers_ambassadors"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True, help_text="a work contact")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trained_on = models.DateField(null=True, blank=True)
    release_days_agreed = models.DecimalField(
        max_digits=5, decimal_places=1, default=Decimal(0), help_text="a year, by their employer"
    )
    schools = models.ManyToManyField(School, blank=True, related_name="ambassadors")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SchoolVisit(models.Model):
    """A visit or talk: who went, to whom, and the campaign code that captures follow-up
    interest through the talent hub's outreach form."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="visits")
    on = models.DateField()
    ambassadors = models.ManyToManyField(Ambassador, related_name="visits")
    year_groups = models.CharField(max_length=60, help_text="for example 'Years 10 and 11'")
    pupils = models.PositiveIntegerField()
    release_days = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("0.5"), help_text="for each ambassador"
    )
    campaign = models.ForeignKey(
        "talent.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["school", "on"])]

    def __str__(self) -> str:
        return f"{self.school} on {self.on}"

    def is_recent(self, today: dt.date) -> bool:
        return self.on >= today - dt.timedelta(days=365)


class Prospectus(models.Model):
    """The partnership's own words for its prospectus; everything else in it is live data.
    One row: the first is the prospectus."""

    title = models.CharField(max_length=150, default="Work in health and care")
    place = models.CharField(
        max_length=150, blank=True, help_text="the place or partnership, as people know it"
    )
    why_here = models.TextField("why work here", blank=True)
    support = models.TextField("support to get into work", blank=True)
    contacts = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "prospectus"

    def __str__(self) -> str:
        return self.title


class ProspectusPhoto(models.Model):
    """A photo on the prospectus, re-encoded as a JPEG at most 1,600 px wide (which leaves out
    its metadata, such as where it was taken), kept in the database and served by a view."""

    image = models.BinaryField(editable=False)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField("alternative text", max_length=250)
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="photographer and licence")
    position = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text
