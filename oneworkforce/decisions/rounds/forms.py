from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from oneworkforce.core import uploads
from oneworkforce.core.forms import ModelMultipleChoiceField, required
from oneworkforce.partners.models import Organisation

from ..models import BallotType, DecisionRound, Electorate, Proposal, ProposalStatus, Rule
from .presenters import pounds


def parse_weights(text: str) -> dict[str, str]:
    """``slug: weight`` lines to ``{organisation id: weight}``; errors name the line."""
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


def vote_form(decision_round: DecisionRound, data: Any) -> forms.Form:
    """A ballot for the round: a box per proposal (approval), a place per proposal (ranking) or
    points per proposal (points)."""
    form = forms.Form(data)
    choices = [(str(p.pk), f"{p.title} ({pounds(p.cost)})") for p in decision_round.proposals.all()]
    if decision_round.ballot_type == BallotType.APPROVAL:
        form.fields["choices"] = forms.MultipleChoiceField(
            label="Which proposals do you support?",
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one proposal"},
        )
    elif decision_round.ballot_type == BallotType.RANKING:
        places = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, len(choices) + 1)]
        for value, label in choices:
            form.fields[f"rank_{value}"] = forms.TypedChoiceField(
                label=label, choices=places, coerce=int, required=False, empty_value=0
            )
    else:
        for value, label in choices:
            form.fields[f"points_{value}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=decision_round.max_points,
                required=False,
                error_messages={"invalid": "Enter points as a whole number"},
            )
    form.fields["interests"] = forms.CharField(
        label="Conflicts of interest (optional)",
        help_text="Anything that could be seen to sway your vote, for example that your "
        "organisation would deliver or benefit from a proposal. It is shown on the round page "
        "with your name and partner, never with your vote. Leave blank if there is none.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    return form
