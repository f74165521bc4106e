"""Reference data every partnership starts with: the statutory and mandatory requirement
catalogue (from ``data/requirements.toml``) and the topics listings are filed under."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from .models import Requirement, Topic
from .requirements_data import load_requirements

TOPICS = (
    "Autism and learning disability",
    "Clinical skills",
    "Communication",
    "Dementia",
    "Digital skills",
    "End of life care",
    "Equality, diversity and inclusion",
    "Health and safety",
    "Infection prevention",
    "Leadership and management",
    "Medicines",
    "Mental health",
    "Moving and handling",
    "Nutrition and hydration",
    "Personal development",
    "Resuscitation and first aid",
    "Safeguarding",
    "Supervision and coaching",
    "Wellbeing",
)


@transaction.atomic
def sync_requirements() -> int:
    """Create or update the seeded requirements; partners' own ones are left alone."""
    changed = 0
    for position, seed in enumerate(load_requirements()):
        values = {
            "framework": seed.framework,
            "subject": seed.subject,
            "level": seed.level,
            "description": seed.description,
            "validity_months": seed.validity_months,
            "position": position,
        }
        requirement, created = Requirement.objects.get_or_create(code=seed.code, defaults=values)
        if not created and any(getattr(requirement, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(requirement, key, value)
            requirement.save()
            changed += 1
        changed += created
    return changed


def sync_topics() -> None:
    for name in TOPICS:
        Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def sync_after_migrate(**kwargs: Any) -> None:
    """``post_migrate`` handler: the catalogue is there on every new or upgraded database."""
    sync_requirements()
    sync_topics()
