from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelMultipleChoiceField, required
from oneworkforce.partners.models import Organisation

from ..models import Need


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
    """One reviewer's judgement against every active value, each with its reason."""

    def __init__(self, *args: Any, values: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.values = list(values)
        for value in self.values:
            self.fields[f"passes_{value.pk}"] = forms.ChoiceField(
                label=f"{value.name}: {value.question}",
                choices=[("yes", "Yes, it meets this value"), ("no", "No")],
                widget=forms.RadioSelect,
                error_messages=required(f"Select whether it meets “{value.name}”"),
            )
            self.fields[f"reason_{value.pk}"] = forms.CharField(
                label=f"Your reason for “{value.name}”",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages=required(f"Give a reason for “{value.name}”"),
            )
        self.fields["interests"] = forms.CharField(
            label="Conflicts of interest (optional)",
            help_text="Anything that could be seen to sway your review, for example that your "
            "team would deliver or benefit from it. Leave blank if there is none.",
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def verdicts(self) -> dict[Any, tuple[bool, str]]:
        """Each value with whether it is met and why (from a valid form)."""
        data = self.cleaned_data
        return {
            value: (data[f"passes_{value.pk}"] == "yes", data[f"reason_{value.pk}"])
            for value in self.values
        }
