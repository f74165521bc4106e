"""What the job board shows: a result, a job's page, its schema.org JobPosting and its feed
entry. Pay is written the same way for every sector (by the hour and by the year; an NHS band
only beside them). Pure: no database beyond the objects handed in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from oneworkforce.core.formatting import date
from oneworkforce.learning.catalogue import wording
from oneworkforce.talent.models import Contract, Hours, Vacancy

from ..pathways.catalogue import Catalogue
from ..pathways.presenters import hourly_and_yearly, role_card
from .selectors import SECTOR_GROUPS, distance_km

NHS_BAND_NOTE = (
    "Most NHS staff other than doctors are paid on the national Agenda for Change scale, from "
    "band 1 to band 9. The band is shown beside the pay, not instead of it."
)


def sector_name(sector: str) -> str:
    for name, members in SECTOR_GROUPS.values():
        if sector in members:
            return name
    return ""


def pay(vacancy: Vacancy) -> dict[str, str]:
    """The pay by the hour and by the year, its NHS band when it has one, or the advert's own
    words when no amounts are given."""
    if (vacancy.pay_low is None and vacancy.pay_high is None) or not vacancy.pay_unit:
        return {"hourly": "", "yearly": "", "band": vacancy.nhs_band, "text": vacancy.pay or ""}
    low = float(vacancy.pay_low if vacancy.pay_low is not None else vacancy.pay_high or 0)
    high = float(vacancy.pay_high if vacancy.pay_high is not None else low)
    hourly, yearly = hourly_and_yearly(low, high, vacancy.pay_unit)
    return {"hourly": hourly, "yearly": yearly, "band": vacancy.nhs_band, "text": vacancy.pay}


def pay_summary(vacancy: Vacancy) -> str:
    shown = pay(vacancy)
    if shown["hourly"]:
        return f"{shown['hourly']} an hour ({shown['yearly']} a year)"
    return shown["text"] or "Pay not given"


def support(vacancy: Vacancy) -> list[str]:
    offered = []
    if vacancy.training_given:
        offered.append("Training given")
    if vacancy.contract == Contract.APPRENTICESHIP:
        offered.append("Apprenticeship: paid work while you study")
    if vacancy.travel_help:
        offered.append("Help with travel costs")
    if vacancy.english_support:
        offered.append("English language support")
    return offered


def tags(vacancy: Vacancy, today: dt.date) -> list[str]:
    shown = []
    if vacancy.entry_level:
        shown.append("No experience needed")
    if vacancy.closes_on is not None and vacancy.closes_on <= today + dt.timedelta(days=7):
        shown.append("Closing soon")
    return shown


def hours(vacancy: Vacancy) -> str:
    return "Hours to suit you" if vacancy.hours == Hours.ANY else vacancy.get_hours_display()


def _distance(km: float | None) -> str:
    if km is None:
        return ""
    return "less than 1 km away" if km < 1 else f"{km:.1f} km away"


def card(vacancy: Vacancy, today: dt.date) -> dict[str, Any]:
    """A search result."""
    km = distance_km(vacancy)
    return {
        "title": vacancy.title,
        "href": reverse("careers:job", args=[vacancy.pk]),
        "employer": vacancy.organisation.name,
        "sector": sector_name(vacancy.organisation.sector),
        "where": vacancy.postcode or vacancy.get_work_area_display(),
        "distance": _distance(km),
        "pay": pay_summary(vacancy),
        "hours": hours(vacancy),
        "contract": vacancy.get_contract_display(),
        "closes": f"Closes {date(vacancy.closes_on)}" if vacancy.closes_on else "",
        "tags": tags(vacancy, today),
        "support": support(vacancy),
    }


def page(
    vacancy: Vacancy,
    catalogue: Catalogue,
    today: dt.date,
    *,
    came_from: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A job's page: the work, pay, hours, where, who employs, support, closing date, and
    where the role can lead in the careers catalogue. ``came_from`` (a campaign code, an event)
    goes on to the apply form so the application keeps its source."""
    role = catalogue.role(vacancy.career_role) if vacancy.career_role else None
    return {
        **card(vacancy, today),
        "pk": vacancy.pk,
        "description": vacancy.description,
        "pay_detail": pay(vacancy),
        "band_note": NHS_BAND_NOTE,
        "setting": vacancy.get_work_area_display(),
        "where_full": ", ".join(filter(None, [vacancy.get_work_area_display(), vacancy.postcode])),
        "employer_href": reverse("partners:detail", args=[vacancy.organisation.slug]),
        "essential": vacancy.essential_criteria,
        "places": vacancy.places,
        "apply_href": reverse("careers:apply", args=[vacancy.pk])
        + (f"?{urlencode(came_from)}" if came_from else ""),
        "role": role_card(role, catalogue) if role else None,
        "role_next": [
            role_card(r, catalogue)
            for r in (catalogue.role(code) for code in (role.next if role else ()))
            if r is not None
        ],
    }


def wording_warnings(vacancy: Vacancy) -> list[dict[str, str]]:
    """The learning catalogue's wording check (the same configurable rules) on the advert."""
    texts = {
        "Title": vacancy.title,
        "Description": vacancy.description,
        "What you need": vacancy.essential_criteria,
        "Pay": vacancy.pay,
    }
    return [
        {"field": field, "matched": w.matched, "message": w.message, "suggestion": w.suggestion}
        for field, found in wording.check_fields(texts).items()
        for w in found
    ]


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def job_posting(vacancy: Vacancy, *, url: str, today: dt.date) -> dict[str, Any]:
    """schema.org JobPosting structured data for the job's page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "datePosted": vacancy.created_at.date().isoformat(),
        "url": url,
        "employmentType": _employment_type(vacancy),
        "hiringOrganization": {"@type": "Organization", "name": vacancy.organisation.name},
        "directApply": True,
    }
    if vacancy.organisation.website:
        data["hiringOrganization"]["sameAs"] = vacancy.organisation.website
    if vacancy.closes_on:
        data["validThrough"] = f"{vacancy.closes_on.isoformat()}T23:59:59"
    if vacancy.postcode:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "postalCode": vacancy.postcode,
                "addressCountry": "GB",
            },
        }
    if vacancy.pay_unit and (vacancy.pay_low is not None or vacancy.pay_high is not None):
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": vacancy.pay_unit.upper()}
        low, high = _amount(vacancy.pay_low), _amount(vacancy.pay_high)
        if low is not None and high is not None and low != high:
            value["minValue"], value["maxValue"] = low, high
        else:
            value["value"] = low if low is not None else high
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "GBP", "value": value}
    if vacancy.entry_level:
        data["experienceRequirements"] = "No experience needed"
    if vacancy.essential_criteria:
        data["qualifications"] = vacancy.essential_criteria
    return data


def _employment_type(vacancy: Vacancy) -> list[str]:
    kinds = {
        Hours.FULL_TIME: ["FULL_TIME"],
        Hours.PART_TIME: ["PART_TIME"],
        Hours.FLEXIBLE: ["PER_DIEM"],
        Hours.ANY: ["FULL_TIME", "PART_TIME"],
    }[Hours(vacancy.hours)]
    if vacancy.contract == Contract.FIXED_TERM:
        kinds = [*kinds, "TEMPORARY"]
    if vacancy.contract == Contract.VOLUNTEER:
        kinds = ["VOLUNTEER"]
    if vacancy.contract == Contract.APPRENTICESHIP:
        kinds = [*kinds, "INTERN"]
    return kinds
