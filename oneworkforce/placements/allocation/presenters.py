"""What allocation pages show: a run's figures, fair shares, unmet demand and a placement.
Pure: no database."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..environments.presenters import profession_label, setting_label
from ..models.choices import PlacementStatus
from .engine import FULL, NO_OPTIONS, NOT_DRAWN
from .yearplan import REASONS as MIX_REASONS

UNMET_TEXT = {
    NOT_DRAWN: "Not drawn for a place: the profession's places were shared between providers",
    NO_OPTIONS: "No place for the programme within the student's journey time",
    FULL: "Every place within reach was taken",
}


def run_summary(
    run: Any, providers: dict[str, str], students: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """A run's figures: how many placed, the costs and bounds, shares, unmet demand and the
    students whose programme's setting mix cannot be met this year (``students`` maps their
    ids to ``(name, programme)``)."""
    if run is None:
        return None
    figures = run.figures
    reasons = Counter(figures.get("unmet", {}).values())
    return {
        "status": run.status,
        "run_at": run.run_at,
        "placed": figures.get("placed", 0),
        "unmet": sum(reasons.values()),
        "costs": [
            (
                "Worst-off student (places down their nearest-first list)",
                figures.get("worst"),
                figures.get("worst_bound"),
            ),
            ("All students together", figures.get("total"), figures.get("total_bound")),
        ],
        "reasons": [(UNMET_TEXT.get(k, k), n) for k, n in sorted(reasons.items())],
        "shares": [
            [
                providers.get(s["provider"], s["provider"]),
                profession_label(s["profession"]),
                {"text": s["asked"], "format": "numeric"},
                {"text": s["share"], "format": "numeric"},
            ]
            for s in figures.get("shares", [])
        ],
        "problems": figures.get("problems", []),
        "mix_unmet": [
            [*(students or {}).get(sid, (f"Student {sid}", "")), MIX_REASONS.get(why, why)]
            for sid, why in sorted(
                figures.get("requirements_unmet", {}).items(),
                key=lambda item: (students or {}).get(item[0], (item[0],)),
            )
        ],
    }


def status_tag(placement: Any) -> dict[str, str]:
    if placement.status == PlacementStatus.CONFIRMED:
        return {"text": "Confirmed", "classes": "nhsuk-tag--green"}
    if placement.status == PlacementStatus.CANCELLED:
        return {"text": "Cancelled", "classes": "nhsuk-tag--red"}
    waiting = []
    if placement.provider_confirmed_at is None:
        waiting.append("education provider")
    if placement.partner_confirmed_at is None:
        waiting.append("partner")
    return {"text": "Waiting for " + " and ".join(waiting), "classes": "nhsuk-tag--yellow"}


def placement_rows(placements: Any) -> list[dict[str, Any]]:
    return [
        {
            "pk": p.pk,
            "block": p.block.name,
            "student": p.student.name,
            "provider": p.student.programme.provider.name,
            "environment": p.environment.name,
            "partner": p.environment.organisation.name,
            "setting": setting_label(p.environment.setting),
            "distance": "Not known" if p.distance_km is None else f"{p.distance_km:.1f} km",
            "tag": status_tag(p),
        }
        for p in placements
    ]


def placement_view(placement: Any, hours: list[Any], *, flags: dict[str, bool]) -> dict[str, Any]:
    request = placement.request
    recorded = sum(float(h.hours) for h in hours)
    confirmed = sum(float(h.hours) for h in hours if h.confirmed_at is not None)
    return {
        "placement": placement,
        "status_tag": status_tag(placement),
        "summary": [
            ("Student", placement.student.name),
            ("Programme", str(placement.student.programme)),
            ("Education provider", placement.student.programme.provider.name),
            ("Where", f"{placement.environment.name}, {placement.environment.organisation.name}"),
            ("Setting", setting_label(placement.environment.setting)),
            ("Block", placement.block.name),
            ("Dates", f"{request.starts_on:%-d %B %Y} to {request.ends_on:%-d %B %Y}"),
            ("Hours needed", f"{request.required_hours} hours"),
        ],
        "hours": [
            {
                "pk": h.pk,
                "date": h.worked_on,
                "hours": f"{float(h.hours):g}",
                "note": h.note,
                "confirmed": h.confirmed_at is not None,
            }
            for h in hours
        ],
        "recorded": f"{recorded:g}",
        "confirmed": f"{confirmed:g}",
        "required": request.required_hours,
        **flags,
    }
