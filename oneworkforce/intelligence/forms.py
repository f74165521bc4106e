"""Forms for imports and scenarios."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField
from oneworkforce.partners.models import Organisation, Place

from .models import DatasetKind, PopulationProjection, Scenario, TurnoverFigure

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


class NationalImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which publication is it?",
        choices=[
            (
                DatasetKind.TURNOVER.value,
                "Turnover benchmarking by staff group and organisation (CSV)",
            ),
            (DatasetKind.SICKNESS.value, "Sickness absence rates, one month (CSV)"),
            (
                DatasetKind.NATIONALITY.value,
                "Staff by staff group, nationality and organisation (Excel)",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages=_required("Select which publication the file is"),
    )
    file = forms.FileField(
        label="File from NHS England",
        help_text="As downloaded, unchanged. Up to 20 MB.",
        error_messages={"required": "Choose a file", "empty": "The file is empty"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        return upload


class ScenarioForm(forms.ModelForm):  # type: ignore[type-arg]
    """The set-up of a projection: whose workforce, from when, how demand grows."""

    base_period = forms.TypedChoiceField(
        label="Start from",
        coerce=lambda value: dt.date.fromisoformat(value),
        error_messages=_required("Select the month to start from"),
        help_text="The month of NHS England's turnover figures the projection starts from.",
    )
    organisations = ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label="Organisations",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one organisation"},
        help_text="Partners with national turnover figures (by ODS code).",
    )
    population_place = ModelChoiceField(
        queryset=Place.objects.none(),
        required=False,
        label="Grow demand with the population of",
        help_text="Leave empty to use the yearly growth below.",
    )

    class Meta:
        model = Scenario
        fields = [
            "name",
            "description",
            "base_period",
            "organisations",
            "include_social_care",
            "horizon_years",
            "runs",
            "seed",
            "demand_growth",
            "population_place",
            "population_ages",
            "destabilisation_threshold",
            "shared",
        ]
        labels = {
            "name": "Name",
            "description": "What it tests (optional)",
            "include_social_care": "Include partners' adult social care figures",
            "horizon_years": "Years to project",
            "runs": "Simulation runs",
            "seed": "Random seed",
            "demand_growth": "Demand growth, per cent a year",
            "population_ages": "Age group that drives demand",
            "destabilisation_threshold": "Warn when another sector's supply falls by more than (%)",
            "shared": "Share with everyone in the partnership",
        }
        help_texts = {
            "runs": "More runs give smoother bands; 1,000 is plenty. Up to 5,000.",
            "seed": "The same seed and set-up always give the same figures.",
            "horizon_years": "From 1 to 15.",
        }
        error_messages = {
            "name": {"required": "Enter a name"},
            "horizon_years": {
                "required": "Enter the years to project",
                "invalid": "Enter a whole number of years",
            },
            "runs": {
                "required": "Enter the number of runs",
                "invalid": "Enter a whole number of runs",
            },
            "seed": {"required": "Enter a seed", "invalid": "Enter a whole number"},
            "demand_growth": {
                "required": "Enter the demand growth",
                "invalid": "Enter a number, like 1.5",
            },
            "destabilisation_threshold": {
                "required": "Enter a threshold",
                "invalid": "Enter a number, like 2",
            },
        }
        widgets = {
            "population_ages": forms.Select(
                choices=[
                    ("", "Everyone"),
                    ("65+", "People aged 65 and over"),
                    ("75+", "People aged 75 and over"),
                    ("18-64", "People aged 18 to 64"),
                ]
            )
        }

    def __init__(self, *args: Any, periods: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_period"].choices = [(p.isoformat(), f"{p:%B %Y}") for p in periods]
        codes = set(TurnoverFigure.objects.values_list("org_code", flat=True).distinct())
        self.fields["organisations"].queryset = (
            Organisation.objects.active().exclude(ods_code="").filter(ods_code__in=codes)
        )
        self.fields["population_place"].queryset = Place.objects.filter(
            pk__in=PopulationProjection.objects.values("place")
        )
        self.fields["description"].required = False

    def clean_horizon_years(self) -> int:
        value = self.cleaned_data["horizon_years"]
        if not 1 <= value <= 15:
            raise forms.ValidationError("Enter between 1 and 15 years")
        return value

    def clean_runs(self) -> int:
        value = self.cleaned_data["runs"]
        if not 0 <= value <= 5000:
            raise forms.ValidationError(
                "Enter between 0 and 5,000 runs (0 gives expected values only)"
            )
        return value

    def clean_demand_growth(self) -> Decimal:
        value = self.cleaned_data["demand_growth"]
        if not Decimal(-10) <= value <= Decimal(20):
            raise forms.ValidationError("Enter a growth between -10 and 20 per cent a year")
        return value

    def clean_destabilisation_threshold(self) -> Decimal:
        value = self.cleaned_data["destabilisation_threshold"]
        if not Decimal("0.1") <= value <= Decimal(50):
            raise forms.ValidationError("Enter a threshold between 0.1 and 50 per cent")
        return value
