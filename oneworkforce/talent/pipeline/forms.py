"""Forms for vacancies, applications and checkpoints. The services check every rule again."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.careers.pathways.selectors import catalogue
from oneworkforce.core.forms import (
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    required,
)
from oneworkforce.partners.choices import JobFamily, WorkArea
from oneworkforce.partners.models import Organisation

from ..casework.forms import pick
from ..models import (
    CheckpointOutcome,
    ConditionKind,
    Contract,
    Hours,
    LeftReason,
    PayUnit,
    ScreeningAnswer,
)
from .services import BOARD_FIELDS
from .states import ENDED, State


class VacancyForm(forms.Form):
    organisation = ModelChoiceField(
        label="Partner",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=pick("Choose the partner the vacancy is with"),
    )
    title = forms.CharField(
        label="Vacancy title",
        help_text="For example 'Home care worker'",
        max_length=150,
        error_messages=required("Enter the vacancy's title"),
    )
    job_family = forms.ChoiceField(
        label="Kind of work",
        choices=JobFamily.choices,
        error_messages=pick("Choose the kind of work"),
    )
    work_area = forms.ChoiceField(
        label="Where the work is",
        choices=WorkArea.choices,
        error_messages=pick("Choose where the work is"),
    )
    hours = forms.ChoiceField(
        label="Hours",
        choices=Hours.choices,
        widget=forms.RadioSelect,
        initial=Hours.ANY,
        error_messages=pick("Choose the hours"),
    )
    postcode = forms.CharField(
        label="Postcode of the workplace (optional)", max_length=10, required=False
    )
    places = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number, like 3",
            "min_value": "A vacancy needs at least 1 place",
            "max_value": "Enter 500 places or fewer",
        },
    )
    closes_on = DateField(label="Closing date (optional)", required=False)
    entry_level = forms.BooleanField(
        label="Open to people new to health and care", required=False, initial=True
    )
    pay_low = forms.DecimalField(
        label="Pay from, in pounds (optional)",
        help_text="For example 12.60 an hour or 24465 a year",
        min_value=0.01,
        max_digits=9,
        decimal_places=2,
        required=False,
        error_messages={"invalid": "Enter pay as a number of pounds, like 12.60"},
    )
    pay_high = forms.DecimalField(
        label="Pay up to, in pounds (optional)",
        min_value=0.01,
        max_digits=9,
        decimal_places=2,
        required=False,
        error_messages={"invalid": "Enter pay as a number of pounds, like 13.40"},
    )
    pay_unit = forms.ChoiceField(
        label="Is that pay an hour or a year?",
        choices=PayUnit.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    nhs_band = forms.CharField(
        label="NHS pay band (optional, for NHS posts)",
        help_text="For example 'Band 3'; shown beside the pay, never instead of it",
        max_length=20,
        required=False,
    )
    pay = forms.CharField(
        label="Anything else about pay (optional)",
        help_text="For example 'plus enhancements for weekends'",
        max_length=100,
        required=False,
    )
    contract = forms.ChoiceField(
        label="Contract",
        help_text="Choose Apprenticeship for paid work with study towards an apprenticeship; "
        "the job board lists it under apprenticeships",
        choices=Contract.choices,
        widget=forms.RadioSelect,
        initial=Contract.PERMANENT,
        error_messages=pick("Choose the contract"),
    )
    career_role = forms.ChoiceField(
        label="Career role (optional)",
        help_text="Its role on the careers pages, which then list this vacancy",
        choices=lambda: [("", "Not set"), *((r.code, r.title) for r in catalogue().roles)],
        required=False,
        error_messages=pick("Choose a career role from the list"),
    )
    training_given = forms.BooleanField(label="Training is given", required=False)
    travel_help = forms.BooleanField(label="Help with travel costs", required=False)
    english_support = forms.BooleanField(label="English language support", required=False)
    essential_criteria = forms.CharField(
        label="What a person must have (optional)",
        help_text="A person who served in the armed forces and meets these is guaranteed an "
        "interview",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    description = forms.CharField(
        label="About the vacancy (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    external_ref = forms.CharField(
        label="Reference in your own recruitment system (optional)",
        max_length=64,
        required=False,
    )
    is_open = forms.BooleanField(label="Open to new applications", required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if editing:
            del self.fields["organisation"]
        else:
            del self.fields["is_open"]


def vacancy_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """A valid VacancyForm's data as ``vacancy_save`` takes it: what the job board shows goes
    in ``board``."""
    arguments = {k: v for k, v in data.items() if k not in BOARD_FIELDS}
    arguments["board"] = {k: v for k, v in data.items() if k in BOARD_FIELDS}
    return arguments


class PutForwardForm(forms.Form):
    vacancies = ModelMultipleChoiceField(
        label="Vacancies to put them forward for",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one vacancy",
            "invalid_choice": "Choose vacancies from the list",
            "invalid_pk_value": "Choose vacancies from the list",
        },
    )
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)

    def __init__(self, *args: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies
        self.fields["vacancies"].label_from_instance = lambda v: f"{v.title}, {v.organisation}"


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        label="Next step", widget=forms.RadioSelect, error_messages=pick("Choose the next step")
    )
    reason = forms.CharField(
        label="Reason or note",
        help_text="Needed when an application ends",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    conditions = forms.MultipleChoiceField(
        label="Pre-employment checks the offer depends on (for a conditional offer)",
        choices=ConditionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=pick("Choose checks from the list"),
    )
    on = DateField(label="Start date, or the day they left", required=False)
    left_reason = forms.ChoiceField(
        label="Why they left (if they left)",
        choices=[("", "Choose a reason"), *LeftReason.choices],
        required=False,
        error_messages=pick("Choose a reason from the list"),
    )

    def __init__(self, *args: Any, moves: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = moves
        # Only what the possible next steps need: offer checks where an offer is possible, a
        # start date where a start is, why and when they left where leaving is.
        possible = {value for value, _ in moves}
        if State.OFFER.value not in possible:
            del self.fields["conditions"]
        if State.LEFT.value not in possible:
            del self.fields["left_reason"]
        dated = possible & {State.STARTED.value, State.LEFT.value}
        if not dated:
            del self.fields["on"]
        elif dated == {State.STARTED.value}:
            self.fields["on"].label = "Start date (if they have started)"
        elif dated == {State.LEFT.value}:
            self.fields["on"].label = "The day they left (if they left)"
        if not possible & {s.value for s in ENDED}:
            self.fields["reason"].label = "Note (optional)"
            self.fields["reason"].help_text = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # The service takes every field: those not asked for here are empty.
        data.setdefault("conditions", [])
        data.setdefault("on", None)
        data.setdefault("left_reason", "")
        return data


class ConditionMetForm(forms.Form):
    met_on = DateField(label="Date the check was completed")


class ScreeningForm(forms.Form):
    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        ratings = [
            ("", "Not asked"),
            *[(str(v), label) for v, label in ScreeningAnswer.Rating.choices],
        ]
        for question in questions:
            self.fields[f"rating_{question.pk}"] = forms.ChoiceField(
                label=question.text,
                help_text=f"{question.value}. Listen for: {question.listen_for}",
                choices=ratings,
                required=False,
                error_messages=pick("Choose a rating from the list"),
            )
            self.fields[f"note_{question.pk}"] = forms.CharField(
                label="Notes (optional)", max_length=2000, required=False
            )

    def answers(self) -> dict[int, tuple[int, str]]:
        return {
            q.pk: (
                int(self.cleaned_data.get(f"rating_{q.pk}") or 0),
                self.cleaned_data.get(f"note_{q.pk}") or "",
            )
            for q in self.questions
        }


class CheckpointForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Are they still working here?",
        choices=CheckpointOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=pick("Choose whether they are still in post, moved or left"),
    )
    moved_to = ModelChoiceField(
        label="Partner they moved to (if they moved)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Choose the partner",
        error_messages=pick("Choose the partner from the list"),
    )
    left_reason = forms.ChoiceField(
        label="Why they left (if they left)",
        choices=[("", "Choose a reason"), *LeftReason.choices],
        required=False,
        error_messages=pick("Choose a reason from the list"),
    )
    note = forms.CharField(label="Note (optional)", max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["moved_to"].queryset = Organisation.objects.active().order_by("name")


class ApiKeyForm(forms.Form):
    organisation = ModelChoiceField(
        label="Partner",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=pick("Choose the partner"),
    )
    name = forms.CharField(
        label="Name of the system",
        help_text="For example 'Our recruitment system'",
        max_length=100,
        error_messages=required("Enter a name for the key"),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class CsvFileForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB; split it into parts")
        return bytes(upload.read())
