"""Forms for the ambassadors' register and visits; the services check every rule again."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from oneworkforce.core.forms import (
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    required,
)
from oneworkforce.partners.models import Organisation

from . import selectors


def _days(label: str, most: int, initial: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(most),
        decimal_places=1,
        initial=Decimal(initial),
        error_messages={
            "required": f"Enter a number of days from 0 to {most}",
            "invalid": "Enter days as a number, like 2 or 0.5",
            "min_value": f"Enter a number of days from 0 to {most}",
            "max_value": f"Enter a number of days from 0 to {most}",
            "max_decimal_places": "Enter days to one decimal place, like 0.5",
        },
    )


class AmbassadorForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=150, error_messages=required("Enter the ambassador's name")
    )
    organisation = ModelChoiceField(
        label="Partner they work or volunteer for",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=required("Choose the partner they work or volunteer for"),
    )
    email = forms.EmailField(
        label="Work email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address, like name@example.com"},
    )
    trained_on = DateField(label="Date trained as an ambassador", required=False)
    release_days_agreed = _days("Release days a year agreed by their employer", 60, "0")
    schools = ModelMultipleChoiceField(
        label="Schools and colleges they are assigned to",
        queryset=selectors.in_scope_schools(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")
        self.fields["schools"].queryset = selectors.in_scope_schools()


class VisitForm(forms.Form):
    school = ModelChoiceField(
        label="School or college",
        queryset=selectors.in_scope_schools(),
        empty_label="Choose the school or college",
        error_messages=required("Choose the school or college"),
    )
    on = DateField(label="Date of the visit")
    ambassadors = ModelMultipleChoiceField(
        label="Ambassadors who went",
        queryset=selectors.active_ambassadors(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose the ambassadors who went"),
    )
    year_groups = forms.CharField(
        label="Year groups",
        help_text="For example: Years 10 and 11",
        max_length=60,
        error_messages=required("Enter the year groups, like Years 10 and 11"),
    )
    pupils = forms.IntegerField(
        label="How many pupils took part",
        min_value=1,
        max_value=5000,
        error_messages={
            "required": "Enter how many pupils took part",
            "invalid": "Enter how many pupils as a whole number, like 60",
            "min_value": "Enter how many pupils took part, 1 or more",
            "max_value": "Enter 5,000 pupils or fewer",
        },
    )
    release_days = _days("Release days each ambassador used", 5, "0.5")
    campaign = ModelChoiceField(
        label="School campaign for follow-up interest (optional)",
        help_text="Pupils who want to know more use this campaign's form and code",
        queryset=selectors.school_campaigns(),
        required=False,
        empty_label="None",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = selectors.in_scope_schools()
        self.fields["ambassadors"].queryset = selectors.active_ambassadors()
        self.fields["campaign"].queryset = selectors.school_campaigns()


MAX_SCHOOLS_BYTES = 10 * 1024 * 1024


class SchoolsFileForm(forms.Form):
    file = forms.FileField(
        label="The Get Information About Schools extract (CSV)",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SCHOOLS_BYTES:
            raise forms.ValidationError(
                "The file must be smaller than 10 MB: download the extract for your local "
                "authorities only"
            )
        return bytes(upload.read())
