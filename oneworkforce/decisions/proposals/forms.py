from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.partners.models import Organisation

from ..models import Need, PartnershipValue


class ValueForm(forms.Form):
    name = forms.CharField(
        label="Value", max_length=120, error_messages=required("Enter the value")
    )
    question = forms.CharField(
        label="The question reviewers answer",
        max_length=300,
        help_text="For example: Is this better done together than by one partner alone?",
        error_messages=required("Enter the question"),
    )
    position = forms.IntegerField(label="Position in lists", min_value=0, max_value=1000, initial=0)


class ProposalForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages=required("Enter a title"))
    problem = forms.CharField(
        label="The problem it solves",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required("Describe the problem"),
    )
    needs = ModelMultipleChoiceField(
        label="Needs it answers",
        queryset=Need.objects.select_related("faculty"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = ModelMultipleChoiceField(
        label="Partners involved",
        queryset=Organisation.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost = forms.IntegerField(
        label="Cost in pounds",
        min_value=1,
        max_value=100_000_000,
        error_messages={
            "required": "Enter the cost",
            "invalid": "Enter the cost as a whole number of pounds",
            "min_value": "Enter a cost of at least £1",
        },
    )
    measures = forms.CharField(
        label="Measures and targets",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What will change, with targets at 30, 60 and 90 days and at 12 months",
        error_messages=required("Enter the measures and targets"),
    )
    risks = forms.CharField(
        label="Risks (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].label_from_instance = lambda n: f"{n.title} ({n.faculty.name})"


class ReviewForm(forms.Form):
    value = ModelChoiceField(
        label="Value",
        queryset=PartnershipValue.objects.filter(is_active=True),
        empty_label="Choose a value",
        error_messages=required("Select the value"),
    )
    passes = forms.ChoiceField(
        label="Does the proposal meet it?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages=required("Select yes or no"),
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Give a reason"),
    )
