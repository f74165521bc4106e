from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core import uploads
from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Faculty, Organisation

from .models import (
    BallotType,
    Electorate,
    Need,
    PartnershipValue,
    Proposal,
    ProposalStatus,
    Rule,
    Severity,
)


class NeedForm(forms.Form):
    faculty = ModelChoiceField(
        label="Faculty",
        queryset=Faculty.objects.filter(is_active=True),
        empty_label="Choose a faculty",
        error_messages=required("Select the faculty"),
    )
    title = forms.CharField(
        label="Need or gap", max_length=200, error_messages=required("Enter the need")
    )
    description = forms.CharField(
        label="Describe it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required("Describe the need"),
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example vacancy or turnover figures, and where they come from",
    )
    severity = forms.ChoiceField(
        label="How serious is it?",
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how serious it is"),
    )
    themes = forms.CharField(
        label="Themes (optional)",
        required=False,
        max_length=300,
        help_text="Separate themes with commas, for example: retention, rural recruitment",
    )
    sectors = forms.MultipleChoiceField(
        label="Sectors affected (optional)",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = ModelMultipleChoiceField(
        label="Partners affected (optional)",
        queryset=Organisation.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    staff_group = forms.ChoiceField(
        label="Staff group (optional)",
        required=False,
        help_text="The affected partners' published turnover figures for this staff group are "
        "shown with the need as evidence",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from oneworkforce.intelligence.indicators import staff_groups

        self.fields["staff_group"].choices = [("", "All staff groups")] + [
            (g, g) for g in staff_groups() if g != "All staff groups"
        ]

    def clean_themes(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["themes"].split(",") if t.strip()]


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


def parse_weights(text: str) -> dict[str, str]:
    """``slug: weight`` lines to ``{organisation id: weight}``; errors name the line."""
    from decimal import Decimal, InvalidOperation

    weights: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        slug, _, raw = line.partition(":")
        organisation = Organisation.objects.filter(slug=slug.strip()).first()
        if organisation is None:
            raise forms.ValidationError(f"Line {number}: no partner called {slug.strip()!r}")
        try:
            weight = Decimal(raw.strip())
        except InvalidOperation:
            raise forms.ValidationError(f"Line {number}: the weight must be a number") from None
        if not weight.is_finite() or weight <= 0 or weight > 1000:
            raise forms.ValidationError(f"Line {number}: the weight must be between 0 and 1,000")
        weights[str(organisation.pk)] = str(weight)
    return weights


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name of the round", max_length=200, error_messages=required("Enter a name")
    )
    budget = forms.IntegerField(
        label="Pooled budget in pounds",
        min_value=1,
        max_value=1_000_000_000,
        error_messages={
            "required": "Enter the budget",
            "invalid": "Enter the budget as a whole number of pounds",
        },
    )
    proposals = ModelMultipleChoiceField(
        label="Proposals (only those that passed the values gate)",
        queryset=Proposal.objects.filter(status=ProposalStatus.PASSED),
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one proposal"),
    )
    ballot_type = forms.ChoiceField(
        label="How people vote",
        choices=BallotType.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how people vote"),
    )
    max_points = forms.IntegerField(
        label="Points each voter shares (points ballots)", min_value=1, max_value=100, initial=10
    )
    rule = forms.ChoiceField(
        label="How votes are counted",
        choices=Rule.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how votes are counted"),
    )
    weights = forms.CharField(
        label="Voting weights (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One partner a line, as its web address name and a weight, for example "
        "westdale-council: 2. Partners not listed weigh 1",
    )
    electorate = forms.ChoiceField(
        label="Who votes",
        choices=Electorate.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select who votes"),
    )

    def clean_weights(self) -> dict[str, str]:
        return parse_weights(self.cleaned_data.get("weights") or "")


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


class NeedLinkForm(forms.Form):
    first = ModelChoiceField(queryset=Need.objects.all(), widget=forms.HiddenInput)
    second = ModelChoiceField(queryset=Need.objects.all(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Do these needs share a theme?",
        choices=[("related", "Yes, they share a theme"), ("unrelated", "No, they are not related")],
        widget=forms.RadioSelect,
        error_messages=required("Select yes or no"),
    )
    theme = forms.CharField(
        label="Name of the shared theme",
        required=False,
        max_length=80,
        help_text="Only if they share a theme, for example: retention",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "related" and not (data.get("theme") or "").strip():
            self.add_error("theme", "Enter the name of the theme they share")
        return data


class RoundImportForm(forms.Form):
    name = forms.CharField(
        label="Name of the round", max_length=200, error_messages=required("Enter a name")
    )
    file = forms.FileField(
        label="Election file (pabulib .pb)",
        help_text="Its projects become proposals and its votes anonymous ballots",
        error_messages={"required": "Choose a .pb file", "empty": "The file is empty"},
    )
    rule = forms.ChoiceField(
        label="How votes are counted",
        choices=Rule.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how votes are counted"),
    )

    def clean_file(self) -> tuple[str, str]:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        try:
            return upload.name, uploads.decode(upload.read(), advice="save it as UTF-8")
        except uploads.UploadError as error:
            raise forms.ValidationError(f"{upload.name} {error}") from None
