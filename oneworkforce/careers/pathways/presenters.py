"""What the careers pages and API show of the role catalogue: pay written the same way for every
sector, routes in, next steps, and pathways laid out as pictures. Pure: no database."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from .catalogue import STAGES, Catalogue, Pathway, Pay, Role

HOURS_A_WEEK = 37.5
WEEKS_A_YEAR = 52.143
HOURS_A_YEAR = HOURS_A_WEEK * WEEKS_A_YEAR

# The picture of a pathway: boxes stacked top to bottom, joined by arrows.
BOX_WIDTH = 260
BOX_HEIGHT = 56
GAP = 28
LINE_CHARS = 28


def money(amount: float, unit: str) -> str:
    """``£12.21`` an hour (pence shown), ``£31,049`` a year (whole pounds)."""
    return f"£{amount:,.2f}" if unit == "hour" else f"£{amount:,.0f}"


def _range(low: float, high: float, unit: str) -> str:
    if round(low, 2) == round(high, 2):
        return money(low, unit)
    return f"{money(low, unit)} to {money(high, unit)}"


def hourly_and_yearly(low: float, high: float, unit: str) -> tuple[str, str]:
    """Pay by the hour and by the year, whichever is given: the other is worked out for a
    full-time week of 37.5 hours and said to be "about"."""
    if unit == "hour":
        yearly = "about " + _range(low * HOURS_A_YEAR, high * HOURS_A_YEAR, "year")
        return _range(low, high, "hour"), yearly
    return "about " + _range(low / HOURS_A_YEAR, high / HOURS_A_YEAR, "hour"), _range(
        low, high, "year"
    )


def pay_row(pay: Pay, catalogue: Catalogue) -> dict[str, str]:
    """One sector's pay, hourly and yearly side by side; an NHS band only beside them."""
    hourly, yearly = hourly_and_yearly(pay.low, pay.high, pay.unit)
    return {
        "setting": catalogue.settings[pay.setting],
        "hourly": hourly,
        "yearly": yearly,
        "band": f"NHS {pay.band}" if pay.band else "",
        "source": catalogue.sources[pay.source],
    }


def stage_name(role: Role) -> str:
    return STAGES.get(role.stage, "")


def role_href(role: Role) -> str:
    return reverse("careers:role", args=[role.code])


def role_card(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    """A role in a list: its name, stage and where it is done."""
    return {
        "code": role.code,
        "title": role.title,
        "href": role_href(role),
        "stage": stage_name(role),
        "where": ", ".join(catalogue.settings[key] for key in role.where),
        "local": role.local,
    }


def roles_by_stage(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The catalogue's roles grouped by stage, in file order within each."""
    return [
        {
            "stage": name,
            "roles": [role_card(r, catalogue) for r in catalogue.roles if r.stage == stage],
        }
        for stage, name in STAGES.items()
    ]


def learning_href(role: Role) -> str:
    return reverse("learning:search") + "?" + urlencode({"q": role.learning})


def jobs_href(role: Role) -> str:
    return reverse("careers:jobs") + "?" + urlencode({"role": role.code})


def role_page(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    """Everything a role's page shows."""
    leads = [role_card(r, catalogue) for r in catalogue.leads_from(role.code)]
    following = [catalogue.role(code) for code in role.next]
    next_cards = [role_card(r, catalogue) for r in following if r is not None]
    return {
        **role_card(role, catalogue),
        "work": role.work,
        "settings": [catalogue.settings[key] for key in role.where],
        "routes": [catalogue.routes[key] for key in role.routes],
        "pay": [pay_row(p, catalogue) for p in role.pay],
        "has_band": any(p.band for p in role.pay),
        "leads_from": leads,
        "next": next_cards,
        "moves": moves_picture(role, next_cards, leads),
        "learning_href": learning_href(role),
        "learning_words": role.learning,
        "jobs_href": jobs_href(role),
    }


def _lines(text: str) -> list[str]:
    """The words of a box, in lines of at most LINE_CHARS characters (two lines at most)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: LINE_CHARS - 1] + "…"]
    return lines


def _box(index: int, title: str, href: str, *, current: bool = False) -> dict[str, Any]:
    y = index * (BOX_HEIGHT + GAP)
    words = _lines(title)
    middle = y + BOX_HEIGHT / 2 + 5
    return {
        "x": 0,
        "y": y,
        "width": BOX_WIDTH,
        "height": BOX_HEIGHT,
        "lines": [
            {"text": text, "y": middle + (i - (len(words) - 1) / 2) * 18}
            for i, text in enumerate(words)
        ],
        "href": href,
        "current": current,
    }


def _picture(boxes: list[dict[str, Any]], label: str) -> dict[str, Any]:
    arrows = [
        {"x": BOX_WIDTH // 2, "y1": b["y"] + BOX_HEIGHT, "y2": b["y"] + BOX_HEIGHT + GAP - 4}
        for b in boxes[:-1]
    ]
    height = len(boxes) * (BOX_HEIGHT + GAP) - GAP
    return {"boxes": boxes, "arrows": arrows, "width": BOX_WIDTH, "height": height, "label": label}


def pathway_picture(pathway: Pathway, catalogue: Catalogue, number: int) -> dict[str, Any]:
    """A pathway drawn as boxes joined by arrows, and the same steps as a list."""
    roles = [catalogue.role(code) for code in pathway.steps]
    steps = [r for r in roles if r is not None]
    boxes = [_box(i, r.title, role_href(r)) for i, r in enumerate(steps)]
    return {
        "id": f"pathway-{number}",
        "title": pathway.title,
        "picture": _picture(boxes, pathway.title + ": " + ", then ".join(r.title for r in steps)),
        "steps": [role_card(r, catalogue) for r in steps],
    }


def moves_picture(
    role: Role, next_cards: list[dict[str, Any]], leads: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """This role and where it can lead: the role on top, each next step below it."""
    if not next_cards:
        return None
    boxes = [_box(0, role.title, role_href(role), current=True)]
    boxes += [_box(i, card["title"], card["href"]) for i, card in enumerate(next_cards, start=1)]
    picture = _picture(boxes, f"Where {role.title.lower()} can lead")
    # Every next step branches from the role itself: one arrow from the top box to each.
    picture["arrows"] = []
    picture["branches"] = [
        {"x1": 12, "y1": BOX_HEIGHT, "y2": b["y"] + BOX_HEIGHT // 2} for b in boxes[1:]
    ]
    for box in boxes[1:]:
        box["x"] = 24
        box["width"] = BOX_WIDTH - 24
    return picture


def role_api(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    """A role for the API: codes and words, pay in pounds with its unit and source."""
    return {
        "code": role.code,
        "title": role.title,
        "stage": stage_name(role),
        "job_family": role.job_family,
        "work": role.work,
        "settings": [catalogue.settings[key] for key in role.where],
        "entry_routes": [catalogue.routes[key] for key in role.routes],
        "pay": [
            {
                "setting": catalogue.settings[p.setting],
                "low": p.low,
                "high": p.high,
                "unit": p.unit,
                "nhs_band": p.band,
                "source": catalogue.sources[p.source],
            }
            for p in role.pay
        ],
        "next": list(role.next),
        "local": role.local,
    }
