"""Forms for imports and scenarios."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import DatasetKind

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
