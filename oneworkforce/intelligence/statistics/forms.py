"""Forms for the national statistics: importing a file, and the indicator pages' filters."""

from __future__ import annotations

from typing import Any

from django import forms

from ..models import DatasetKind

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

SCOPES = [
    ("partnership", "Our partnership's organisations"),
    ("ics", "Every organisation in our ICS"),
    ("england", "Every organisation in England"),
]


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


def optional_choice(value: Any, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, initial=value, required=False)


class IndicatorFilter(forms.Form):
    """Period, staff group, measure and scope for the indicator pages; anything not offered
    falls back to the default with a message (never an error page)."""

    def __init__(self, data: Any, *, periods: list[tuple[str, str]], groups: list[str]) -> None:
        super().__init__(data)
        self.fields["period"] = optional_choice(None, periods)
        if groups:
            self.fields["staff_group"] = optional_choice(None, [(g, g) for g in groups])
        self.fields["scope"] = optional_choice("partnership", SCOPES)
