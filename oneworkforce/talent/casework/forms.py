"""Forms for the coordinator's candidate record. The services check every rule again."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, required
from oneworkforce.partners.choices import JobFamily, WorkArea
from oneworkforce.partners.models import Organisation

from ..models import (
    BarrierKind,
    Campaign,
    Cohort,
    Hours,
    InterventionKind,
    InterventionOutcome,
    LawfulBasis,
    QualificationKind,
    QualificationStatus,
)
from .services import EQUALITY_CHOICES, EQUALITY_FIELDS, EQUALITY_LABELS

ENTRY_ROLES = [
    (v, label)
    for v, label in JobFamily.choices
    if v in ("care_support", "admin", "estates", "nursing", "ahp", "pharmacy", "volunteer")
]


def pick(message: str) -> dict[str, str]:
    """The same message for a missing choice and one not in the list."""
    return {"required": message, "invalid_choice": message}


def many(label: str, choices: Any, **kwargs: Any) -> forms.MultipleChoiceField:
    """Optional checkboxes."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=pick("Choose from the list"),
        **kwargs,
    )


class CandidateForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages=required("Enter the person's name")
    )
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address, like name@example.com"},
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    postcode = forms.CharField(label="Home postcode", required=False, max_length=10)
    community = forms.CharField(
        label="Neighbourhood or community (optional)", required=False, max_length=120
    )
    interest_families = many("Kinds of work they are interested in", ENTRY_ROLES)
    interest_areas = many("Where they would like to work", WorkArea.choices)
    hours = forms.ChoiceField(
        label="Hours",
        choices=Hours.choices,
        widget=forms.RadioSelect,
        initial=Hours.ANY,
        error_messages=pick("Choose the hours"),
    )
    travel_km = forms.IntegerField(
        label="How far they can travel, in kilometres (optional)",
        required=False,
        min_value=1,
        max_value=200,
        error_messages={
            "invalid": "Enter a whole number of kilometres, like 10",
            "min_value": "Enter at least 1 kilometre",
            "max_value": "Enter 200 kilometres or fewer",
        },
    )
    previously_unemployed = forms.BooleanField(label="Out of work when they joined", required=False)
    unemployed_months = forms.IntegerField(
        label="For how many months (optional)",
        required=False,
        min_value=0,
        max_value=600,
        error_messages={
            "invalid": "Enter a whole number of months, like 6",
            "min_value": "Enter 0 or more months",
            "max_value": "Enter 600 months or fewer",
        },
    )
    in_pool = forms.BooleanField(
        label="In the talent pool (matched to new vacancies)", required=False
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for holding their details",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages=pick("Choose the lawful basis for holding their details"),
    )
    consent_on = DateField(label="Date they gave consent (if by consent)", required=False)
    merge = forms.BooleanField(
        label="If someone with this e-mail address or phone number is already here, add these "
        "details to their record",
        required=False,
    )

    def __init__(self, *args: Any, adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if adding:
            del self.fields["in_pool"]
        else:
            for name in ("lawful_basis", "consent_on", "merge"):
                del self.fields[name]

    def details(self) -> dict[str, Any]:
        skip = {"lawful_basis", "consent_on", "merge"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


def campaign_filter(label: str) -> ModelChoiceField:
    """An optional choice of campaign, for narrowing a list or figures."""
    return ModelChoiceField(
        label=label,
        queryset=Campaign.objects.order_by("name"),
        required=False,
        empty_label="Every campaign",
        error_messages={"invalid_choice": "Choose a campaign from the list"},
    )


class CandidateSearchForm(forms.Form):
    """The candidate list's search. Cohort and barrier filters are for coordinators only:
    they are special-category answers."""

    q = forms.CharField(
        label="Search by name, e-mail address, phone number or reference",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
    )
    campaign = campaign_filter("Campaign they joined through")
    community = forms.ChoiceField(
        label="Community", required=False, error_messages=pick("Choose a community from the list")
    )
    cohort = forms.ChoiceField(
        label="Cohort",
        choices=[("", "Any cohort"), *Cohort.choices],
        required=False,
        error_messages=pick("Choose a cohort from the list"),
    )
    barrier = forms.ChoiceField(
        label="With a barrier to work not yet resolved",
        choices=[("", "Any or none"), *BarrierKind.choices],
        required=False,
        error_messages=pick("Choose a barrier from the list"),
    )
    pool = forms.BooleanField(label="Only people in the talent pool", required=False)

    def __init__(self, *args: Any, sensitive: bool, communities: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", "Any community")] + [(c, c) for c in communities]
        if not sensitive:
            del self.fields["cohort"], self.fields["barrier"]

    def criteria(self) -> dict[str, Any]:
        """The valid filters, for ``casework.search``; a field in error is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or "",
            "in_pool": bool(data.get("pool")),
            "campaign": data.get("campaign"),
            "community": data.get("community") or "",
            "cohort": data.get("cohort") or "",
            "barrier": data.get("barrier") or "",
        }


def communities_of(candidates: Any) -> list[str]:
    """The communities of the candidates a user can see, for the search's choices."""
    found = candidates.exclude(community="").order_by().values_list("community", flat=True)
    return sorted(found.distinct())


class CircumstancesForm(forms.Form):
    cohorts = many("Cohorts", Cohort.choices)
    barriers = many("Barriers to work", BarrierKind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in BarrierKind.choices:
            self.fields[f"note_{kind}"] = forms.CharField(
                label=f"{label}: notes (optional)", max_length=2000, required=False
            )
            self.fields[f"resolved_{kind}"] = DateField(
                label=f"{label}: date resolved (optional)", required=False
            )

    def barrier_notes(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(f"note_{k}") or "" for k in self.cleaned_data["barriers"]}

    def resolved(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(f"resolved_{k}") for k in self.cleaned_data["barriers"]}


class EqualityForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in EQUALITY_FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=EQUALITY_LABELS[name],
                choices=EQUALITY_CHOICES[name],
                widget=forms.RadioSelect,
                required=False,
                error_messages=pick("Choose an answer from the list"),
            )


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Support given",
        choices=InterventionKind.choices,
        error_messages=pick("Choose the support"),
    )
    barrier = forms.ChoiceField(
        label="Barrier it helps with (optional)",
        choices=[("", "None in particular"), *BarrierKind.choices],
        required=False,
        error_messages=pick("Choose a barrier from the list"),
    )
    organisation = ModelChoiceField(
        label="Partner giving the support",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=pick("Choose the partner giving the support"),
    )
    description = forms.CharField(label="What it is (optional)", max_length=300, required=False)
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date (optional)", required=False)
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=InterventionOutcome.choices,
        widget=forms.RadioSelect,
        initial=InterventionOutcome.PLANNED,
        error_messages=pick("Choose the outcome"),
    )
    outcome_note = forms.CharField(label="Notes (optional)", max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Qualification",
        choices=QualificationKind.choices,
        error_messages=pick("Choose the qualification"),
    )
    title = forms.CharField(
        label="Level or title (optional)",
        help_text="For example 'Entry level 3' or the apprenticeship standard",
        max_length=200,
        required=False,
    )
    provider = ModelChoiceField(
        label="Partner providing it (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not a partner",
        error_messages=pick("Choose the partner from the list"),
    )
    status = forms.ChoiceField(
        label="Status",
        choices=QualificationStatus.choices,
        widget=forms.RadioSelect,
        initial=QualificationStatus.IN_PROGRESS,
        error_messages=pick("Choose the status"),
    )
    started_on = DateField(label="Start date (optional)", required=False)
    achieved_on = DateField(label="Date achieved (if achieved)", required=False)
    completion = ModelChoiceField(
        label="Entry in their learning record (optional)",
        queryset=None,
        required=False,
        empty_label="Not in the learning record",
        error_messages=pick("Choose an entry from the list"),
    )

    def __init__(self, *args: Any, completions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.active().order_by("name")
        self.fields["completion"].queryset = completions
        self.fields["completion"].label_from_instance = lambda c: (
            f"{c.opportunity.title}, completed {c.completed_on:%-d %B %Y}"
        )
