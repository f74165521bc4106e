"""The audit log (an append-only record of every change services make), postcode locations,
and the record of messages sent once."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit record."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    def for_organisation(self, organisation: Any) -> AuditEventQuerySet:
        return self.filter(organisation=organisation)


class AuditEvent(models.Model):
    """Who did what to which object, when, and which fields changed.

    ``changes`` maps a field name to ``{"from": ..., "to": ...}``; for personal or sensitive
    fields the values are withheld and only ``{"changed": true}`` is stored.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Kept when the account is deleted (the foreign key becomes null, ``actor_ref`` stays).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_ref = models.PositiveBigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    @property
    def actor_label(self) -> str:
        if self.actor is not None:
            return self.actor.email
        if self.actor_ref is not None:
            return f"Deleted account #{self.actor_ref}"
        return "System"


class PostcodeLocation(models.Model):
    """Where a postcode is: the ONS Postcode Directory's position for a full postcode
    (``LS1 4AP``), or an approximate centroid for a whole postcode district (``LS1``).

    Public reference data, not personal data; loaded by ``manage.py import_postcodes`` (see
    ``docs/postcodes.md``). ``outward_code`` repeats the district of every row so the mean of a
    district's postcodes is one indexed aggregate query on SQLite and PostgreSQL alike.
    """

    postcode = models.CharField(max_length=8, unique=True)
    outward_code = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    imd_decile = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Index of Multiple Deprivation decile of its neighbourhood (1 = most deprived)",
    )
    source = models.CharField(max_length=100, blank=True, help_text="the file it came from")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["postcode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(imd_decile__isnull=True)
                | models.Q(imd_decile__gte=1, imd_decile__lte=10),
                name="core_postcode_imd_decile_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return self.postcode

    @property
    def is_district(self) -> bool:
        return " " not in self.postcode


class Notice(models.Model):
    """A message sent once: its key makes the job or service that sends it idempotent
    (booking reminders, expiry warnings, daily digests)."""

    key = models.CharField(max_length=120, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    subject = models.CharField(max_length=200)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject

    @classmethod
    def first_time(cls, *, key: str, recipient: Any, subject: str) -> bool:
        """Record that ``subject`` goes to ``recipient`` under ``key``: true the first time,
        false when it has been sent before (so the caller does not send it again)."""
        _, created = cls.objects.get_or_create(
            key=key[:120], defaults={"recipient": recipient, "subject": subject[:200]}
        )
        return created
