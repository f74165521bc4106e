"""The job board's search form and the short apply form."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core import geo
from oneworkforce.core.postcodes import InvalidPostcode
from oneworkforce.partners.choices import WorkArea
from oneworkforce.talent.models import Contract, Hours
from oneworkforce.talent.outreach.forms import JoinForm

from . import selectors

DISTANCES = [(2, "2 km"), (5, "5 km"), (10, "10 km"), (20, "20 km"), (40, "40 km")]


def _many(label: str, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Job title or employer",
        required=False,
        max_length=200,
        help_text="Or any words in the advert. For example: care worker, nights, Heatherlea",
    )
    near = forms.CharField(
        label="Near a postcode or district",
        required=False,
        max_length=10,
        help_text="For example LS1 4AP or LS1",
    )
    within = forms.TypedChoiceField(
        label="Distance",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "10 km (the usual)"), *DISTANCES],
    )
    sector = _many("Sector", [(k, v[0]) for k, v in selectors.SECTOR_GROUPS.items()])
    setting = _many("Where the work is", WorkArea.choices)
    hours = _many("Hours", [c for c in Hours.choices if c[0] != Hours.ANY])
    contract = _many("Contract", Contract.choices)
    pay_from = forms.IntegerField(
        label="Pay at least (£ a year)",
        required=False,
        min_value=0,
        max_value=500_000,
        help_text="Hourly pay counts as a full-time week of 37.5 hours",
        error_messages={
            "invalid": "Enter pay as a whole number of pounds a year, like 24000",
            "min_value": "Enter pay of £0 or more",
            "max_value": "Enter pay of £500,000 or less",
        },
    )
    no_experience = forms.BooleanField(label="No experience needed", required=False)
    apprenticeship = forms.BooleanField(label="Apprenticeships", required=False)
    training = forms.BooleanField(label="Training given", required=False)
    closing_soon = forms.BooleanField(label="Closing in the next 7 days", required=False)
    role = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Best for this search"), *selectors.SORTS.items()],
    )

    def clean_near(self) -> str:
        value = self.cleaned_data["near"].strip()
        if not value:
            return ""
        try:
            return geo.normalise_postcode_or_district(value)
        except InvalidPostcode:
            raise forms.ValidationError(
                "Enter a UK postcode like LS1 4AP, or a district like LS1"
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("sort") == "nearest" and not data.get("near"):
            self.add_error("near", "Enter a postcode or district to sort by the nearest")
        return data

    def criteria(self) -> selectors.Criteria:
        data = self.cleaned_data
        return selectors.Criteria(
            q=data.get("q", ""),
            sectors=data.get("sector", []),
            work_areas=data.get("setting", []),
            hours=data.get("hours", []),
            contracts=data.get("contract", []),
            pay_from=data.get("pay_from"),
            near=data.get("near", ""),
            within_km=data.get("within"),
            no_experience=bool(data.get("no_experience")),
            apprenticeship=bool(data.get("apprenticeship")),
            training=bool(data.get("training")),
            closing_soon=bool(data.get("closing_soon")),
            role=data.get("role", ""),
            sort=data.get("sort", ""),
        )


class ApplyForm(forms.Form):
    # The talent hub's own fields and messages for a person's name and contact details.
    full_name = JoinForm.base_fields["full_name"]
    email = JoinForm.base_fields["email"]
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="Give an email address or a phone number, or both",
    )
    postcode = forms.CharField(label="Home postcode (optional)", max_length=10, required=False)
    served_in_forces = forms.BooleanField(
        label="I have served in the armed forces (regular or reserve)", required=False
    )
    meets_essential_criteria = forms.BooleanField(
        label="I have what the advert says is essential", required=False
    )
    consent = forms.BooleanField(
        label="I agree to the partnership holding my details to pass my application to the "
        "employer and help me find work, as its privacy notice describes",
        required=False,
    )

    def __init__(self, *args: Any, has_criteria: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_criteria:
            del self.fields["meets_essential_criteria"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not (data.get("phone") or "").strip():
            self.add_error("email", "Enter an email address or a phone number")
        return data
