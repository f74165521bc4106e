from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.intelligence.statistics.selectors import staff_groups
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Faculty, Organisation

from ..models import Need, Severity


class NeedForm(forms.Form):
    faculty = ModelChoiceField(
        label="Faculty",
        queryset=Faculty.objects.filter(is_active=True),
        empty_label="Choose a faculty",
        error_messages=required("Select the faculty"),
    )
    title = forms.CharField(
        label="Need or gap", max_length=200, error_messages=required("Enter the need")
    )
    description = forms.CharField(
        label="Describe it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required("Describe the need"),
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example vacancy or turnover figures, and where they come from",
    )
    severity = forms.ChoiceField(
        label="How serious is it?",
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how serious it is"),
    )
    themes = forms.CharField(
        label="Themes (optional)",
        required=False,
        max_length=300,
        help_text="Separate themes with commas, for example: retention, rural recruitment",
    )
    sectors = forms.MultipleChoiceField(
        label="Sectors affected (optional)",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = ModelMultipleChoiceField(
        label="Partners affected (optional)",
        queryset=Organisation.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    staff_group = forms.ChoiceField(
        label="Staff group (optional)",
        required=False,
        help_text="The affected partners' published turnover figures for this staff group are "
        "shown with the need as evidence",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_group"].choices = [("", "All staff groups")] + [
            (g, g) for g in staff_groups() if g != "All staff groups"
        ]

    def clean_themes(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["themes"].split(",") if t.strip()]


class NeedLinkForm(forms.Form):
    first = ModelChoiceField(queryset=Need.objects.all(), widget=forms.HiddenInput)
    second = ModelChoiceField(queryset=Need.objects.all(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Do these needs share a theme?",
        choices=[("related", "Yes, they share a theme"), ("unrelated", "No, they are not related")],
        widget=forms.RadioSelect,
        error_messages=required("Select yes or no"),
    )
    theme = forms.CharField(
        label="Name of the shared theme",
        required=False,
        max_length=80,
        help_text="Only if they share a theme, for example: retention",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "related" and not (data.get("theme") or "").strip():
            self.add_error("theme", "Enter the name of the theme they share")
        return data
