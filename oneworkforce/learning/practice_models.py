"""Learning's models for what people make of their learning: evaluations they give providers,
and their own continuing professional development (CPD) log, reflective accounts and the date
their registration is renewed. Kept apart from ``models.py`` (which imports them at its end, so
Django registers them with the learning app) to keep each module a readable size (ADR 023)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone

from .models import Booking, Completion, CompletionState, Opportunity

USEFULNESS_CHOICES = [
    (5, "Very useful"),
    (4, "Useful"),
    (3, "Somewhat useful"),
    (2, "Not very useful"),
    (1, "Not useful at all"),
]


class Evaluation(models.Model):
    """A learner's short evaluation of learning they attended or completed: one per booking
    (a dated session) or, for learning taken any time, one per listing. Providers see only
    aggregates of at least five (``evaluations.presenters``). Erasing the learner keeps the
    scores without the link to them and removes their words."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="learning_evaluations",
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="evaluations"
    )
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations"
    )
    usefulness = models.PositiveSmallIntegerField(choices=USEFULNESS_CHOICES)
    what_changed = models.TextField(blank=True)
    would_recommend = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["opportunity", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "booking"],
                condition=Q(booking__isnull=False),
                name="one_evaluation_per_booking",
            ),
            models.UniqueConstraint(
                fields=["learner", "opportunity"],
                condition=Q(booking__isnull=True),
                name="one_evaluation_per_listing",
            ),
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5), name="usefulness_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.opportunity}"


class CpdEntry(models.Model):
    """One piece of a person's CPD, on the portal or anywhere else. Entries from the portal
    carry the completion they came from (once each) and cannot be deleted, only added to."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_entries"
    )
    done_on = models.DateField()
    days = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    participatory = models.BooleanField(default=False)
    learnt = models.TextField(blank=True)
    practice_change = models.TextField(blank=True)
    # What the person learnt from discussing it with a peer (Social Work England asks for at
    # least one such piece of CPD a registration year).
    peer_reflection = models.TextField(blank=True)
    completion = models.OneToOneField(
        Completion, null=True, blank=True, on_delete=models.SET_NULL, related_name="cpd_entry"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name_plural = "CPD entries"
        indexes = [models.Index(fields=["person", "done_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=1000), name="cpd_hours_in_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} hours)"

    @property
    def from_portal(self) -> bool:
        return self.completion_id is not None


class Reflection(models.Model):
    """A reflective account in the fields a regulator's template asks for (the NMC's: what the
    CPD, feedback or experience was, what was learnt, how practice changed, and how it relates
    to the themes of the professional code)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_reflections"
    )
    written_on = models.DateField()
    entry = models.ForeignKey(
        CpdEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="reflections"
    )
    nature = models.TextField()
    learnt = models.TextField()
    practice_change = models.TextField()
    themes = models.JSONField(default=list)
    code_relation = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"Reflective account of {self.written_on:%d %b %Y}"


class RevalidationPlan(models.Model):
    """The date a person's registration is next renewed and the preset whose figures the
    summary measures their CPD against (``data/revalidation.toml``)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="revalidation_plan"
    )
    preset = models.CharField(max_length=40)
    renewal_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Renewal on {self.renewal_on:%d %b %Y}"


def _completion_to_log(sender: Any, instance: Completion, **_: Any) -> None:
    """A verified completion enters its learner's CPD log (once); one revoked or not accepted
    leaves it, unless the learner wrote what they learnt from it (then it stays as their own).
    Connected here, beside the models it keeps in step, so every way a completion is verified
    (attendance, a provider's check, a partner's system) is covered; completions made in bulk
    are added by the ``learning-cpd-log`` job."""
    if instance.state == CompletionState.VERIFIED:
        # Late: the CPD services import these models.
        from .cpd.services import completions_log

        completions_log(completions=[instance])
    elif instance.state in (CompletionState.REVOKED, CompletionState.REJECTED):
        entries = CpdEntry.objects.filter(completion=instance)
        entries.filter(learnt="", practice_change="", peer_reflection="").delete()
        entries.update(completion=None)


post_save.connect(_completion_to_log, sender=Completion)
