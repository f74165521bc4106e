"""The learner's evaluation: four short questions."""

from __future__ import annotations

from django import forms

from oneworkforce.core.forms import required

from ..practice_models import USEFULNESS_CHOICES


class EvaluationForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label="How useful was it to you?",
        choices=[(str(v), f"{v}: {text}") for v, text in USEFULNESS_CHOICES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=required("Choose how useful it was"),
    )
    what_changed = forms.CharField(
        label="What will you do differently because of it? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    would_recommend = forms.TypedChoiceField(
        label="Would you recommend it to a colleague?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=required("Choose yes if you would recommend it"),
    )
    comment = forms.CharField(
        label="Anything else the provider should know? (optional)",
        help_text="Please do not name anyone: the provider sees comments without names",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
