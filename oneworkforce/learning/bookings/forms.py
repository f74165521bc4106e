"""Forms for a listing's sessions. Messages say what to do, in the NHS.UK style."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from oneworkforce.core import postcodes
from oneworkforce.core.forms import DateField, ModelChoiceField, required
from oneworkforce.partners.models import Organisation, Site

_TIME = re.compile(r"^([01]?\d|2[0-3])(?:[:.]([0-5]\d))?$")
# "2pm", "2.30pm", "12 noon"-less forms people write: hours 1 to 12 with am or pm.
_TIME_12 = re.compile(r"^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?m\.?$")


def read_time(value: str) -> dt.time | None:
    """A time of day as people write it: ``09:30``, ``9.30``, ``14``, ``2pm``, ``2:30 p.m.``;
    ``None`` when it is not one."""
    text = value.strip().lower()
    if match := _TIME.match(text):
        return dt.time(int(match.group(1)), int(match.group(2) or 0))
    if match := _TIME_12.match(text):
        hour = int(match.group(1)) % 12 + (12 if match.group(3) == "p" else 0)
        return dt.time(hour, int(match.group(2) or 0))
    return None


def _time(value: str, noun: str) -> dt.time:
    found = read_time(value)
    if found is None:
        raise forms.ValidationError(f"Enter the {noun} as hours and minutes, like 09:30 or 2pm")
    return found


class SessionForm(forms.Form):
    day = DateField(label="Date", help_text="For a course, the first date. For example 14 1 2027")
    start = forms.CharField(
        label="Start time",
        max_length=10,
        error_messages=required("Enter the start time, like 09:30"),
    )
    end_day = DateField(
        label="Last date (for a course, optional)",
        required=False,
        help_text="Leave empty for one day",
    )
    end = forms.CharField(
        label="End time", max_length=10, error_messages=required("Enter the end time, like 12:30")
    )
    schedule = forms.CharField(
        label="Later dates (for a course, optional)",
        required=False,
        max_length=200,
        help_text="For example: then every Tuesday morning for four weeks",
    )
    online = forms.BooleanField(label="Online", required=False)
    site = ModelChoiceField(
        label="Site (optional)",
        queryset=Site.objects.none(),
        required=False,
        empty_label="Not at one of our sites",
    )
    venue = forms.CharField(label="Venue, if not one of your sites", required=False, max_length=200)
    venue_postcode = forms.CharField(
        label="Venue postcode",
        required=False,
        max_length=10,
        help_text="So people searching near a postcode find it, for example LS6 2QT",
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=10_000,
        error_messages={
            "required": "Enter how many places there are",
            "min_value": "There must be at least 1 place",
        },
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)

    def clean_start(self) -> dt.time:
        return _time(self.cleaned_data["start"], "start time")

    def clean_venue_postcode(self) -> str:
        value = self.cleaned_data["venue_postcode"].strip()
        if not value:
            return ""
        try:
            return postcodes.normalise(value)
        except postcodes.InvalidPostcode:
            raise forms.ValidationError("Enter the venue's full postcode, like LS6 2QT") from None

    def clean_end(self) -> dt.time:
        return _time(self.cleaned_data["end"], "end time")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if not (day and start and end):
            return data
        tz = timezone.get_current_timezone()
        starts = dt.datetime.combine(day, start, tzinfo=tz)
        ends = dt.datetime.combine(data.get("end_day") or day, end, tzinfo=tz)
        if ends <= starts:
            self.add_error("end", "The end must be after the start")
        elif starts <= timezone.now():
            self.add_error("day", "The session must start in the future")
        if not data.get("online") and not data.get("site") and not data.get("venue", "").strip():
            self.add_error("venue", "Choose a site, enter a venue, or tick online")
        data["starts_at"], data["ends_at"] = starts, ends
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "schedule": data["schedule"],
            "online": data["online"],
            "site": data["site"],
            "venue": data["venue"],
            "venue_postcode": data["venue_postcode"],
            "capacity": data["capacity"],
        }
