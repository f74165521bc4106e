from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from oneworkforce.core.forms import DateField, ModelMultipleChoiceField, required
from oneworkforce.learning.bookings.forms import read_time

from ..models import ContactWay, InterviewOutcome


class InterviewForm(forms.Form):
    day = DateField(label="Date", help_text="For example 14 1 2027")
    start = forms.CharField(
        label="Start time",
        max_length=10,
        error_messages=required("Enter the start time, like 10:30"),
    )
    minutes = forms.IntegerField(
        label="How long, in minutes",
        initial=45,
        min_value=15,
        max_value=480,
        error_messages={
            "required": "Enter how long the interview lasts, in minutes",
            "invalid": "Enter how long it lasts as a whole number of minutes",
            "min_value": "An interview lasts at least 15 minutes",
            "max_value": "An interview lasts at most 480 minutes (8 hours)",
        },
    )
    place = forms.CharField(
        label="Where (address and room)",
        required=False,
        max_length=300,
        help_text="Leave empty for an interview online only",
    )
    link = forms.URLField(
        label="Link to join online (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the full link, starting https://"},
    )
    panel = ModelMultipleChoiceField(
        label="Panel",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one person for the panel"),
    )

    def __init__(self, *args: Any, panel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panel
        self.fields["panel"].label_from_instance = lambda u: u.display_name

    def clean_start(self) -> dt.time:
        found = read_time(self.cleaned_data["start"])
        if found is None:
            raise forms.ValidationError("Enter the start time as hours and minutes, like 10:30")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("day") and data.get("start"):
            data["starts_at"] = dt.datetime.combine(
                data["day"], data["start"], tzinfo=timezone.get_current_timezone()
            )
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=[c for c in InterviewOutcome.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages=required("Choose how the interview went"),
    )
    note = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseNoteForm(forms.Form):
    way = forms.ChoiceField(
        label="How",
        choices=ContactWay.choices,
        initial=ContactWay.NOTE,
        widget=forms.RadioSelect,
        error_messages=required("Choose how you were in touch, or a case note"),
    )
    text = forms.CharField(
        label="What was said or done",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Write what was said or done"),
    )
