"""Reads for the CPD pages and API: only ever the signed-in person's own log, reflections and
renewal date (nobody else sees a CPD log), and the revalidation summary built from them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from oneworkforce.partners.models import User

from ..models import CpdEntry, Reflection, RevalidationPlan
from .revalidation import Activity, Summary, presets, summarise

DEFAULT_PRESET = "nmc"


def my_entries(person: User) -> QuerySet[CpdEntry]:
    return CpdEntry.objects.filter(person=person).select_related("completion__issuer")


def my_reflections(person: User) -> QuerySet[Reflection]:
    return Reflection.objects.filter(person=person).select_related("entry")


def own_entry(*, person: User, pk: int) -> CpdEntry:
    """One of the person's own entries; anyone else's is not found."""
    found = my_entries(person).filter(pk=pk).first()
    if found is None:
        raise Http404("No such CPD entry.")
    return found


def own_reflection(*, person: User, pk: int) -> Reflection:
    found = my_reflections(person).filter(pk=pk).first()
    if found is None:
        raise Http404("No such reflective account.")
    return found


def plan(person: User) -> RevalidationPlan | None:
    return RevalidationPlan.objects.filter(person=person).first()


def summary(person: User, today: dt.date) -> tuple[RevalidationPlan | None, Summary]:
    """The person's summary against their renewal date and preset; without a plan, against
    the default preset for a renewal today (what the last years hold)."""
    found = plan(person)
    preset = presets().get(found.preset if found else DEFAULT_PRESET) or presets()[DEFAULT_PRESET]
    result = summarise(
        preset=preset,
        renewal_on=found.renewal_on if found else today,
        activities=[
            Activity(
                done_on,
                hours,
                participatory,
                recorded=bool(learnt and change),
                peer=bool(peer),
            )
            for done_on, hours, participatory, learnt, change, peer in CpdEntry.objects.filter(
                person=person
            ).values_list(
                "done_on", "hours", "participatory", "learnt", "practice_change", "peer_reflection"
            )
        ],
        reflections=Reflection.objects.filter(person=person).values_list("written_on", flat=True),
    )
    return found, result


def export_entries(person: User) -> list[dict[str, Any]]:
    """The person's CPD log for their data download (``oneworkforce.personal_data``)."""
    return [
        {
            "date": e.done_on.isoformat(),
            "days": e.days,
            "title": e.title,
            "hours": str(e.hours),
            "participatory": e.participatory,
            "what_you_learnt": e.learnt,
            "how_it_changed_your_practice": e.practice_change,
            "what_you_learnt_with_a_peer": e.peer_reflection,
            "from_the_portal": e.from_portal,
        }
        for e in my_entries(person)
    ]


def export_reflections(person: User) -> list[dict[str, Any]]:
    return [
        {
            "date": r.written_on.isoformat(),
            "cpd_entry": r.entry.title if r.entry else "",
            "what_it_was": r.nature,
            "what_you_learnt": r.learnt,
            "how_you_changed_your_practice": r.practice_change,
            "themes": r.themes,
            "how_it_relates_to_the_code": r.code_relation,
        }
        for r in my_reflections(person)
    ]


def export_plan(person: User) -> dict[str, str] | None:
    found = plan(person)
    return {"preset": found.preset, "renewal_on": found.renewal_on.isoformat()} if found else None
