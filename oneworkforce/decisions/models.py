"""Faculties' needs, partnership values, proposals and decision rounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Theme(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Need(models.Model):
    """A need or gap a faculty has found in its workforce."""

    faculty = models.ForeignKey("partners.Faculty", on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(max_length=200)
    description = models.TextField()
    evidence = models.TextField(blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    themes = models.ManyToManyField(Theme, blank=True, related_name="needs")
    organisations = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="needs"
    )
    # Sector codes (partners.choices.Sector) affected, beyond the partners named.
    sectors = models.JSONField(default=list, blank=True)
    # The staff group the need is about, as NHS England's workforce statistics name it: the
    # needs page shows the affected partners' published figures for it as evidence.
    staff_group = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PartnershipValue(models.Model):
    """A value every proposal is reviewed against, e.g. "better done together"."""

    name = models.CharField(max_length=120, unique=True)
    question = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ProposalStatus(models.TextChoices):
    IN_REVIEW = "in_review", "In review against the values"
    PASSED = "passed", "Passed the values gate"
    NOT_PASSED = "not_passed", "Did not pass the values gate"


class Proposal(models.Model):
    title = models.CharField(max_length=200)
    problem = models.TextField()
    needs = models.ManyToManyField(Need, blank=True, related_name="proposals")
    organisations = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="proposals"
    )
    cost = models.PositiveIntegerField(help_text="In pounds.")
    measures = models.TextField(
        help_text="What will change, with targets at 30, 60 and 90 days and 12 months."
    )
    risks = models.TextField(blank=True)
    # The partner the author proposes for: its people cannot review the proposal.
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_made",
    )
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.IN_REVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:proposal", kwargs={"pk": self.pk})

    @property
    def faculties(self) -> list[Any]:
        seen: dict[int, Any] = {}
        for need in self.needs.all():
            seen.setdefault(need.faculty_id, need.faculty)
        return sorted(seen.values(), key=lambda f: (f.position, f.name))


class ProposalReview(models.Model):
    """One reviewer's judgement of a proposal against every value, made in one go."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="panel")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The partner the reviewer works for and its sector, as they were when they reviewed.
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(max_length=30, blank=True)
    interests = models.TextField(
        blank=True, help_text="Conflicts of interest the reviewer declared; blank for none."
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"Review of {self.proposal}"

    @property
    def passes(self) -> bool:
        return all(verdict.passes for verdict in self.verdicts.all())


class ValueReview(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    review = models.ForeignKey(
        ProposalReview, null=True, on_delete=models.CASCADE, related_name="verdicts"
    )
    value = models.ForeignKey(PartnershipValue, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    passes = models.BooleanField()
    reason = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["value__position", "-at"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.value} {'yes' if self.passes else 'no'}"


class BallotType(models.TextChoices):
    APPROVAL = "approval", "Approval: choose the proposals you support"
    CUMULATIVE = "cumulative", "Points: share a number of points between proposals"
    RANKING = "ordinal", "Ranking: put proposals in order of preference"


class Rule(models.TextChoices):
    EQUAL_SHARES = "equal-shares", "Equal shares of the budget (Method of Equal Shares)"
    GREEDY = "greedy", "Most votes first (greedy)"
    PHRAGMEN = "phragmen", "Spread the cost evenly (Sequential Phragmén)"


class Electorate(models.TextChoices):
    REPRESENTATIVES = "representatives", "Partner representatives"
    FACULTY_PANELS = "faculty_panels", "Faculty panels (faculty leads)"
    AFFILIATED = "affiliated", "Everyone confirmed as working with a partner"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    OPEN = "open", "Open for votes"
    CLOSED = "closed", "Closed"


class DecisionRound(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    budget = models.PositiveIntegerField(help_text="In pounds.")
    ballot_type = models.CharField(max_length=12, choices=BallotType.choices)
    max_points = models.PositiveSmallIntegerField(default=10)
    rule = models.CharField(max_length=14, choices=Rule.choices, default=Rule.EQUAL_SHARES)
    electorate = models.CharField(
        max_length=16, choices=Electorate.choices, default=Electorate.REPRESENTATIVES
    )
    proposals = models.ManyToManyField(Proposal, blank=True, related_name="rounds")
    # Optional voting weights by partner: {"<organisation id>": "<weight>"}; others weigh 1.
    weights = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("decisions:round", kwargs={"slug": self.slug})


class Ballot(models.Model):
    """One person's vote. Shown to nobody but its voter; results are counted at close."""

    round = models.ForeignKey(DecisionRound, on_delete=models.PROTECT, related_name="ballots")
    # A deleted account leaves its ballot counted but anonymous.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ballots",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    choices = models.JSONField(
        help_text="Proposal id (as text) to points: 1 for approval, the rank (1 = first) for "
        "ranking."
    )
    # Conflicts of interest the voter declared (shown with their partner, never with the vote).
    interests = models.TextField(blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_ballot_per_voter")
        ]

    def __str__(self) -> str:
        return f"Ballot in {self.round}"


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", "Running"
    STOPPED = "stopped", "Stopped"


class Checkpoint(models.IntegerChoices):
    DAY_30 = 30, "30 days"
    DAY_60 = 60, "60 days"
    DAY_90 = 90, "90 days"
    MONTH_12 = 365, "12 months"


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue"
    SCALE_UP = "scale_up", "Scale up"
    CHANGE = "change", "Change course"
    STOP = "stop", "Stop"


class Initiative(models.Model):
    """A funded proposal, followed through until it proves itself or is stopped."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="initiative")
    decision_round = models.ForeignKey(
        DecisionRound, on_delete=models.PROTECT, related_name="initiatives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated = models.PositiveIntegerField(help_text="In pounds.")
    spent = models.PositiveIntegerField(default=0, help_text="In pounds.")
    returned = models.PositiveIntegerField(
        default=0, help_text="Unspent money given back to the pool."
    )
    started_on = models.DateField(default=timezone.localdate)
    status = models.CharField(
        max_length=8, choices=InitiativeStatus.choices, default=InitiativeStatus.ACTIVE
    )

    class Meta:
        ordering = ["proposal__title"]

    def __str__(self) -> str:
        return self.proposal.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:initiative", kwargs={"pk": self.pk})

    def review_due(self, checkpoint: int) -> dt.date:
        """The day a checkpoint's review falls due: 30, 60 or 90 days, or 12 months, after the
        start."""
        if checkpoint == Checkpoint.MONTH_12:
            try:
                return self.started_on.replace(year=self.started_on.year + 1)
            except ValueError:  # started on 29 February
                return self.started_on.replace(year=self.started_on.year + 1, day=28)
        return self.started_on + dt.timedelta(days=checkpoint)

    def review_opens(self, checkpoint: int) -> dt.date:
        """The first day a checkpoint's review (and its measures) can be recorded."""
        return self.review_due(checkpoint) - dt.timedelta(
            days=settings.DECISIONS_REVIEW_OPENS_DAYS_BEFORE
        )


class Measure(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    value_30 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    value_60 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    value_90 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    value_365 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def value_at(self, checkpoint: int) -> Any:
        return getattr(self, f"value_{checkpoint}")

    def progress_at(self, checkpoint: int) -> float | None:
        """Share of the way from baseline to target (1.0 = target met), or None if not known."""
        value = self.value_at(checkpoint)
        if value is None or self.target == self.baseline:
            return None
        return float((value - self.baseline) / (self.target - self.baseline))


class InitiativeReview(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reviews")
    checkpoint = models.PositiveSmallIntegerField(choices=Checkpoint.choices)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["checkpoint", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "checkpoint"], name="one_review_per_checkpoint"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.initiative} at {self.get_checkpoint_display()}: {self.get_decision_display()}"
        )


class NeedLink(models.Model):
    """A person's decision on a suggested pair of needs: the same theme, or not related."""

    first = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    related = models.BooleanField()
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_decision_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first} / {self.second}: {'related' if self.related else 'not related'}"
