from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, required

from ..models import AuditOutcome, Block, Profession, Setting, SupervisorRole

YEAR_CHOICES = [(1, "Year 1"), (2, "Year 2"), (3, "Year 3"), (4, "Year 4")]


class EnvironmentForm(forms.Form):
    name = forms.CharField(
        label="Name of the team, ward, home or service",
        max_length=200,
        error_messages=required("Enter the environment's name"),
    )
    setting = forms.ChoiceField(
        label="Setting",
        choices=Setting.choices,
        widget=forms.RadioSelect,
        error_messages=required("Choose the setting"),
    )
    postcode = forms.CharField(
        label="Postcode", max_length=10, error_messages=required("Enter the postcode")
    )
    professions = forms.MultipleChoiceField(
        label="Students it can take",
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one profession"),
    )
    years = forms.TypedMultipleChoiceField(
        label="Years of study",
        choices=YEAR_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one year of study"),
    )
    places_per_block = forms.IntegerField(
        label="Places per block",
        min_value=1,
        max_value=200,
        error_messages=required("Enter the places per block"),
    )
    hours_and_shifts = forms.CharField(
        label="Hours and shift patterns (optional)",
        required=False,
        max_length=300,
        help_text="For example: long days 7:30 to 20:00, some weekends",
    )
    learning = forms.CharField(
        label="What a student will learn there (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AuditForm(forms.Form):
    audited_on = DateField(label="Date of the audit")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=AuditOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=required("Choose the outcome"),
    )
    review_due = DateField(label="Review due")
    actions = forms.CharField(
        label="Actions (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One action a line; each is followed up on the environment's page",
    )


class SupervisorForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages=required("Enter their name")
    )
    email = forms.EmailField(
        label="Work e-mail address (optional)",
        required=False,
        help_text="If they have an account with this address, they can confirm students' hours",
    )
    role = forms.ChoiceField(
        label="Role",
        choices=SupervisorRole.choices,
        widget=forms.RadioSelect,
        error_messages=required("Choose their role"),
    )
    profession = forms.ChoiceField(label="Profession they supervise", choices=Profession.choices)
    max_students = forms.IntegerField(
        label="Students they can take at once",
        min_value=1,
        max_value=6,
        error_messages={
            **required("Enter how many students they can take at once"),
            "max_value": "A supervisor can take at most 6 students at once",
            "min_value": "A supervisor takes at least 1 student",
        },
    )
    preparation = forms.CharField(
        label="Preparation or training completed (optional)",
        required=False,
        max_length=200,
        help_text="For example: practice supervisor preparation (e-learning)",
    )
    prepared_on = DateField(label="Date it was completed")
    refresh_due = DateField(label="Refresher due")


class OfferForm(forms.Form):
    block = ModelChoiceField(
        label="Block",
        queryset=Block.objects.all(),
        empty_label="Choose a block",
        error_messages=required("Choose the block"),
    )
    profession = forms.ChoiceField(label="Profession", choices=Profession.choices)
    places = forms.IntegerField(
        label="Places offered",
        min_value=0,
        max_value=200,
        help_text="0 withdraws the places offered for this profession in this block",
        error_messages=required("Enter the places offered"),
    )


class PreparationRecordForm(forms.Form):
    """Which completed learning in the supervisor's learning record is their preparation."""

    learning_record = forms.TypedChoiceField(
        label="Completed learning",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=required("Choose the learning that prepared them"),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_record"].choices = choices


class EnvironmentsFileForm(forms.Form):
    file = forms.FileField(
        label="Learning environments (CSV)",
        help_text="One environment a line, under a header naming the columns",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )
