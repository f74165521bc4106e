"""Forms of the partnership's register. Messages follow the NHS.UK style: say what to do."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core import postcodes
from oneworkforce.core.forms import DateField, ModelChoiceField, required

from ..choices import FrameworkKind, Sector
from ..models import Faculty, Organisation, Place


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search partners", required=False, max_length=100)
    sector = forms.MultipleChoiceField(
        label="Type of organisation",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = ModelChoiceField(
        label="Place",
        queryset=Place.objects.all(),
        required=False,
        empty_label="All places",
        to_field_name="slug",
    )


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address, like https://www.example.org"},
    )

    class Meta:
        model = Organisation
        fields = ["name", "sector", "ods_code", "place", "summary", "website", "contact_email"]
        labels = {
            "name": "Name",
            "sector": "Type of organisation",
            "ods_code": "ODS code (optional)",
            "place": "Place (optional)",
            "summary": "About this partner",
            "website": "Website (optional)",
            "contact_email": "Contact e-mail address (optional)",
        }
        help_texts = {
            "ods_code": "NHS organisations, GP practices and many care providers have one. "
            "Leave it empty if yours does not.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": required("Enter the organisation's name"),
            "sector": required("Select the type of organisation"),
            "contact_email": {
                "invalid": "Enter an e-mail address in the correct format, like name@example.com"
            },
        }

    def clean_ods_code(self) -> str:
        code = (self.cleaned_data.get("ods_code") or "").strip().upper()
        if code and not code.isalnum():
            raise forms.ValidationError("An ODS code has only letters and numbers, like RR8")
        return code


class SiteForm(forms.Form):
    name = forms.CharField(
        label="Site name", max_length=200, error_messages=required("Enter the site name")
    )
    address = forms.CharField(
        label="Address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages=required("Enter the postcode"),
    )

    def clean_postcode(self) -> str:
        try:
            return postcodes.normalise(self.cleaned_data["postcode"])
        except postcodes.InvalidPostcode:
            raise forms.ValidationError("Enter a real postcode, like LS1 4AP") from None


class FrameworkSignForm(forms.Form):
    organisation = ModelChoiceField(
        label="Organisation signing",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Select the organisation signing",
            "invalid_choice": "Select an organisation you look after",
        },
    )
    signed_on = DateField(label="Date signed", help_text="For example, 15 3 2026")
    signed_by_name = forms.CharField(
        label="Name of the person who signed",
        max_length=200,
        error_messages=required("Enter the name of the person who signed"),
    )
    signed_by_job_title = forms.CharField(
        label="Their job title",
        max_length=200,
        error_messages=required("Enter the job title of the person who signed"),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class WithdrawForm(forms.Form):
    withdrawn_on = DateField(
        label="Date the withdrawal takes effect", help_text="For example, 1 4 2026"
    )
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Enter the reason for withdrawing"),
    )


class FacultyForm(forms.ModelForm):
    class Meta:
        model = Faculty
        fields = ["name", "description", "position", "is_active"]
        labels = {
            "name": "Name",
            "description": "Description (optional)",
            "position": "Position in lists",
            "is_active": "This faculty is active",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": required("Enter the faculty's name")}


class FrameworkForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages=required("Enter the name"))
    kind = forms.ChoiceField(
        label="Kind of agreement",
        choices=FrameworkKind.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the kind of agreement"),
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=required("Enter a summary"),
    )
    terms_url = forms.URLField(
        label="Link to the full terms (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org/terms"},
    )
