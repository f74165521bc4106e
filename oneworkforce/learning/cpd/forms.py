"""Forms for the CPD log, reflective accounts and the renewal date. Range checks live in the
services (one rule for the pages and the API); the forms only turn text into values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, required
from oneworkforce.partners.models import User

from ..models import CpdEntry
from .revalidation import all_themes, presets

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, hint: str = "", *, needed: str | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=needed is not None,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required(needed or ""),
    )


class EntryForm(forms.Form):
    title = forms.CharField(
        label="What was the learning?",
        help_text="For example: Sepsis update, team study day; or reading a NICE guideline",
        max_length=200,
        error_messages=required("Enter what the learning was called"),
    )
    done_on = DateField(label="Date you did it", help_text="The last day, for example 3 11 2026")
    days = forms.IntegerField(
        label="Over how many days?",
        initial=1,
        error_messages={**required("Enter the number of days"), "invalid": "Enter whole days"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    hours = forms.DecimalField(
        label="Hours",
        help_text="In hours, for example 1.5 for an hour and a half",
        error_messages={**required("Enter the hours"), "invalid": "Enter the hours as a number"},
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    participatory = forms.TypedChoiceField(
        label="Did you learn with other people?",
        help_text="Participatory learning: with others in person or online, such as a course, "
        "workshop or group discussion (not reading or e-learning on your own)",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=required("Choose yes if you learnt with other people"),
    )
    learnt = _text("What did you learn?", "Optional: you can add it later")
    practice_change = _text("How has it changed your practice?", "Optional: you can add it later")
    peer_reflection = _text(
        "What did you learn from discussing it with a peer?",
        "Optional. A colleague, supervision, a reflective team meeting or a discussion at "
        "training all count. Social Work England asks for at least one piece of CPD a year "
        "reflected on with a peer",
    )

    def clean_hours(self) -> Decimal:
        return Decimal(self.cleaned_data["hours"]).quantize(Decimal("0.01"))

    @staticmethod
    def initial_from(entry: CpdEntry) -> dict[str, Any]:
        return {
            "title": entry.title,
            "done_on": entry.done_on,
            "days": entry.days,
            "hours": entry.hours.normalize(),
            "participatory": "yes" if entry.participatory else "no",
            "learnt": entry.learnt,
            "practice_change": entry.practice_change,
            "peer_reflection": entry.peer_reflection,
        }


class ReflectionForm(forms.Form):
    written_on = DateField(label="Date of this account", help_text="For example 3 11 2026")
    entry = ModelChoiceField(
        label="Which CPD is it about? (optional)",
        queryset=CpdEntry.objects.none(),
        required=False,
        empty_label="Not one in my log (feedback, an event at work)",
    )
    nature = _text(
        "What happened: the CPD, the feedback you had, or the event at work",
        needed="Say what the CPD, feedback or experience was",
    )
    learnt = _text("What did you learn from it?", needed="Say what you learnt from it")
    practice_change = _text(
        "What did you do differently, or better, because of it?",
        needed="Say how you changed or improved your practice",
    )
    themes = forms.MultipleChoiceField(
        label="Which themes of your professional code does it touch?",
        help_text="Choose one or more",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one theme of the Code"),
    )
    code_relation = _text(
        "How does it relate to those themes?",
        needed="Say how it relates to the themes you chose",
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        entry = self.fields["entry"]
        entry.queryset = CpdEntry.objects.filter(person=person)
        entry.label_from_instance = lambda e: f"{e.title} ({e.done_on:%-d %B %Y})"
        self.fields["themes"].choices = list(all_themes().items())


class PlanForm(forms.Form):
    preset = forms.ChoiceField(
        label="Who do you renew your registration with?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages=required("Choose who you renew your registration with"),
    )
    renewal_on = DateField(
        label="Date your registration is next renewed", help_text="For example 31 3 2027"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In alphabetical order, each with who renews with it: no profession comes first.
        ordered = sorted(presets().values(), key=lambda p: p.name)
        self.fields["preset"].choices = [(p.key, p.choice_label) for p in ordered]
