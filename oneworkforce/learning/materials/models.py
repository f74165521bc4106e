"""Recordings and materials a provider attaches to a past session: a link or an uploaded file,
with who may use it. Imported at the end of ``learning/models.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..models import Session


class Audience(models.TextChoices):
    BOOKED = "booked", "Only people who had a place on this session"
    EVERYONE = "everyone", "Everyone, whether or not they came"


class Material(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    link = models.URLField(max_length=500, blank=True)
    # An uploaded file (PDF, JPEG, PNG or MP4, checked by its first bytes), kept in the database
    # and served only through a view that checks who may use it.
    file = models.BinaryField(null=True, blank=True, editable=False)
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=40, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOOKED)
    who_can_use = models.TextField("who can use this")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
