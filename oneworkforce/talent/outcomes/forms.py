"""The outcomes pages' filters."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField
from oneworkforce.partners.models import Organisation

from ..casework.forms import campaign_filter
from . import selectors


class FilterForm(forms.Form):
    start = DateField(label="From (optional)", required=False)
    end = DateField(label="To (optional)", required=False)
    campaign = campaign_filter("Campaign")
    organisation = ModelChoiceField(
        label="Partner (for starts and retention)",
        queryset=Organisation.objects.filter(talent_vacancies__isnull=False)
        .distinct()
        .order_by("name"),
        required=False,
        empty_label="Every partner",
        error_messages={"invalid_choice": "Choose a partner from the list"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be after its start")
        return data

    def filters(self) -> selectors.Filters:
        if not self.is_valid():
            return selectors.Filters()
        data = self.cleaned_data
        return selectors.Filters(
            start=data.get("start"),
            end=data.get("end"),
            campaign_id=data["campaign"].pk if data.get("campaign") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
        )
