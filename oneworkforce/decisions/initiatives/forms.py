from __future__ import annotations

from django import forms

from oneworkforce.core.forms import required


class MeasureForm(forms.Form):
    name = forms.CharField(
        label="What is measured",
        max_length=200,
        help_text="For example: leavers in their first year, per quarter",
        error_messages=required("Enter what is measured"),
    )
    baseline = forms.DecimalField(
        label="Baseline",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the baseline", "invalid": "Enter a number"},
    )
    target = forms.DecimalField(
        label="Target at 12 months",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the target", "invalid": "Enter a number"},
    )


CHECKPOINTS = [("30", "30 days"), ("60", "60 days"), ("90", "90 days"), ("365", "12 months")]


class MeasureValueForm(forms.Form):
    checkpoint = forms.ChoiceField(
        label="Checkpoint",
        choices=CHECKPOINTS,
        widget=forms.RadioSelect,
        error_messages=required("Select the checkpoint"),
    )
    value = forms.DecimalField(
        label="Value",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the value", "invalid": "Enter a number"},
    )


class InitiativeReviewForm(forms.Form):
    checkpoint = forms.ChoiceField(
        label="Checkpoint",
        choices=CHECKPOINTS,
        widget=forms.RadioSelect,
        error_messages=required("Select the checkpoint"),
    )
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        error_messages=required("Select a decision"),
        choices=[
            ("continue", "Continue"),
            ("scale_up", "Scale up"),
            ("change", "Change course"),
            ("stop", "Stop, and return the unspent money to the pool"),
        ],
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Give a reason"),
    )
    spent = forms.IntegerField(
        label="Spent so far, in pounds",
        min_value=0,
        max_value=1_000_000_000,
        error_messages={
            "required": "Enter what has been spent",
            "invalid": "Enter a whole number of pounds",
        },
    )
