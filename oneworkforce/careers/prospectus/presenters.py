"""The prospectus as sections, the same for the page and the PDF. Pure: no database."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from oneworkforce.core.formatting import count, date, datetime

from ..jobs.presenters import pay_summary
from ..models import ProspectusPhoto
from .selectors import ProspectusData

WHY_HERE = (
    "Health and care here is one workforce: care homes, care at home, hospitals, GP practices, "
    "the council and voluntary groups work together, share training and help people move "
    "between them as their careers grow."
)
SUPPORT = (
    "Talent coordinators help people into work: with travel costs, English lessons, interview "
    "practice, checks and a first placement. Many jobs need no experience, and training is "
    "given."
)


def sections(data: ProspectusData) -> dict[str, Any]:
    """Every section, in order, each with plain text the page and the PDF both show."""
    text = data.text
    place = text.place or settings.PARTNERSHIP_NAME or "our partnership"
    return {
        "title": text.title or "Work in health and care",
        "place": place,
        "why_here": _paragraphs(text.why_here) or [WHY_HERE],
        "photos": [photo_shown(p) for p in data.photos],
        "partners": [
            {"sector": sector, "count": count(len(names), "partner"), "names": names}
            for sector, names in data.partners_by_sector
        ],
        "pathways": [
            {
                "title": p.title,
                "steps": [r.title for r in (data.catalogue.role(c) for c in p.steps) if r],
            }
            for p in data.catalogue.pathways
        ],
        "role_count": count(len(data.catalogue.roles), "role"),
        "jobs_summary": count(data.job_count, "job") + " open now",
        "jobs_by_sector": [
            f"{sector}: {count(n, 'job')}" for sector, n in data.jobs_by_sector.most_common()
        ],
        "newest_jobs": [
            {
                "title": v.title,
                "employer": v.organisation.name,
                "pay": pay_summary(v),
                "closes": date(v.closes_on) if v.closes_on else "open until filled",
            }
            for v in data.newest_jobs
        ],
        "events": [
            {"title": e.title, "when": datetime(e.starts_at), "where": e.venue} for e in data.events
        ],
        "support": _paragraphs(text.support) or [SUPPORT],
        "contacts": _paragraphs(text.contacts),
        "as_of": date(data.today),
    }


def photo_shown(photo: ProspectusPhoto) -> dict[str, Any]:
    """A photo as the page and the PDF show it; ``image`` only when its bytes were read."""
    loaded = "image" not in photo.get_deferred_fields()
    return {
        "pk": photo.pk,
        "alt": photo.alt_text,
        "caption": photo.caption,
        "credit": f"Photo: {photo.credit}" if photo.credit else "",
        "width": photo.width,
        "height": photo.height,
        "image": bytes(photo.image) if loaded else None,
    }


def _paragraphs(value: str) -> list[str]:
    return [p.strip() for p in (value or "").split("\n\n") if p.strip()]
