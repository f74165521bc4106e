"""Forms for programmes: the programme's details and a step to add."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, required


class ProgrammeForm(forms.Form):
    title = forms.CharField(
        label="Programme name",
        max_length=200,
        help_text="For example 'Care Certificate: spring cohort' or 'Leading care teams'",
        error_messages=required("Enter the programme's name"),
    )
    summary = forms.CharField(
        label="What the programme is and who it is for",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required("Say what the programme is and who it is for"),
    )
    optional_needed = forms.IntegerField(
        label="Optional steps a learner must complete",
        help_text="Besides every required step. 0 if the optional steps are extra",
        min_value=0,
        max_value=50,
        initial=0,
        error_messages={
            **required("Enter how many optional steps a learner must complete, or 0"),
            "invalid": "Enter a whole number, for example 2",
            "min_value": "Enter 0 or more",
            "max_value": "Enter 50 or fewer",
        },
    )


class StepForm(forms.Form):
    listing = ModelChoiceField(
        label="Listing",
        queryset=None,
        help_text="Your published listings, and those of providers whose learning you accept",
        empty_label="Choose a listing",
        error_messages={
            **required("Choose a listing to add"),
            "invalid_choice": "Choose one of the listings shown",
        },
    )
    required = forms.TypedChoiceField(
        label="Is this step required?",
        choices=[("yes", "Required: every learner completes it"), ("no", "Optional")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages=required("Choose required or optional"),
    )

    def __init__(self, *args: Any, listings: Any, offered: Any, **kwargs: Any) -> None:
        """``listings`` may be chosen (the service decides whether each may be a step, and
        says why not on this field); ``offered`` are those shown in the list."""
        super().__init__(*args, **kwargs)
        field = self.fields["listing"]
        field.queryset = listings
        field.widget.choices = [("", "Choose a listing")] + [
            (o.pk, f"{o.title} ({o.organisation.name})") for o in offered
        ]


class LeaveForm(forms.Form):
    """Leaving a programme asks nothing: the page says what happens, the button confirms."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the enrolment withdrawn?",
        help_text="The learner sees this on the programme's page. At most 500 characters",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            **required("Say why the enrolment is withdrawn: the learner sees it"),
            "max_length": "The reason can be at most 500 characters",
        },
    )
