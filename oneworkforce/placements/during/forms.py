from __future__ import annotations

from django import forms

from oneworkforce.core.forms import DateField, required

from ..environments.presenters import QUESTION_TEXT

SCORES = [(5, "5: excellent"), (4, "4: good"), (3, "3: fair"), (2, "2: poor"), (1, "1: very poor")]


class HoursForm(forms.Form):
    worked_on = DateField(label="Day")
    hours = forms.DecimalField(
        label="Hours",
        min_value=0.5,
        max_value=13,
        decimal_places=1,
        error_messages={
            **required("Enter the hours"),
            "min_value": "Enter at least 0.5 hours",
            "max_value": "Enter at most 13 hours for one day",
            "max_decimal_places": "Enter hours to one decimal place, like 7.5",
            "invalid": "Enter the hours as a number, like 7.5",
        },
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)


class ConcernForm(forms.Form):
    text = forms.CharField(
        label="What is the concern?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages=required("Describe the concern"),
    )


def _score(question: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=QUESTION_TEXT[question],
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=required("Choose an answer"),
    )


class EvaluationForm(forms.Form):
    welcome = _score("welcome")
    supervision = _score("supervision")
    learning = _score("learning")
    recommend = _score("recommend")
    comment = forms.CharField(
        label="Anything else? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Only averages of five or more answers are shown to the partner",
    )
