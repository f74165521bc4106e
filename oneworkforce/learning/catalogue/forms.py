"""Forms for the catalogue: search, a provider's listing, and its withdrawal. Messages say what to
do, in the NHS.UK style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from oneworkforce.core import geo, postcodes
from oneworkforce.core.forms import DateField, ModelMultipleChoiceField, required
from oneworkforce.partners.choices import JobFamily, Sector
from oneworkforce.partners.models import Faculty, Organisation

from ..models import Kind, Requirement, Topic
from .search import SORTS, Criteria

MAX_KM = 200
DISTANCES = (5, 10, 25, 50, 100)


class SearchForm(forms.Form):
    """The catalogue's filters, read from the query string so every search has a URL."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label="Type", required=False, choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    topic = forms.MultipleChoiceField(
        label="Topic", required=False, widget=forms.CheckboxSelectMultiple
    )
    provider = forms.ChoiceField(label="Provider", required=False)
    sector = forms.ChoiceField(
        label="Open to people working in",
        required=False,
        choices=[("", "Any setting"), *Sector.choices],
    )
    requirement = forms.ChoiceField(label="Statutory or mandatory subject", required=False)
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'from' date as a real date, like 2026-12-01"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'to' date as a real date, like 2026-12-31"},
    )
    free = forms.BooleanField(label="Free only", required=False)
    places = forms.BooleanField(label="Places left", required=False)
    postcode = forms.CharField(
        label="Near postcode",
        required=False,
        max_length=10,
        help_text="A full postcode or its first part, like LS6 2QT or LS6",
    )
    within = forms.TypedChoiceField(
        label="Within",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any distance"), *((str(km), f"{km} km") for km in DISTANCES)],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Nearest, best match or soonest"), *SORTS.items()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = list(Topic.objects.values_list("slug", "name"))
        self.fields["provider"].choices = [
            ("", "Any provider"),
            *Organisation.objects.filter(opportunities__status="published")
            .distinct()
            .order_by("name")
            .values_list("slug", "name"),
        ]
        self.fields["requirement"].choices = [
            ("", "Any"),
            *((r.code, str(r)) for r in Requirement.objects.all()),
        ]

    def filter_labels(self) -> dict[str, tuple[str, dict[str, str]]]:
        """For the applied-filters summary: each filter's label and its values' texts."""
        labels: dict[str, tuple[str, dict[str, str]]] = {"q": ("Words", {})}
        for name in ("kind", "topic", "provider", "sector", "requirement", "within"):
            field = self.fields[name]
            labels[name] = (str(field.label), {str(v): str(t) for v, t in field.choices})
        labels |= {
            "date_from": ("From", {}),
            "date_to": ("To", {}),
            "free": ("", {"on": "Free only"}),
            "places": ("", {"on": "Places left"}),
            "postcode": ("Near", {}),
        }
        cleaned = getattr(self, "cleaned_data", {}).get("postcode")
        if cleaned:  # shown as written properly: "ls6 " is LS6
            labels["postcode"] = ("Near", {str(self.data.get("postcode")): cleaned})
        return labels

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        try:
            return geo.normalise_postcode_or_district(value)
        except postcodes.InvalidPostcode:
            raise forms.ValidationError(
                "Enter a UK postcode or its first part, like LS6 2QT or LS6"
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            q=data.get("q", ""),
            kinds=data.get("kind", []),
            topics=data.get("topic", []),
            providers=[data["provider"]] if data.get("provider") else [],
            sector=data.get("sector", ""),
            requirement=data.get("requirement", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            free=data.get("free", False),
            places=data.get("places", False),
            postcode=data.get("postcode", ""),
            within_km=data.get("within"),
            sort=data.get("sort", ""),
        )


class OpportunityForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages=required("Enter a title"))
    kind = forms.ChoiceField(
        label="Type of learning",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the type of learning"),
    )
    summary = forms.CharField(
        label="What people will learn",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages=required("Describe what people will learn"),
    )
    who_can_take = forms.CharField(
        label="Who can take this",
        help_text="In plain words anyone in health and care understands, for example "
        "'Anyone who works or volunteers in health and care in the partnership'",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages=required("Say who can take this"),
    )
    audience_sectors = forms.MultipleChoiceField(
        label="Settings it is aimed at (optional)",
        help_text="Leave empty if it suits everyone",
        required=False,
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_roles = forms.MultipleChoiceField(
        label="Roles it is aimed at (optional)",
        required=False,
        choices=JobFamily.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    faculties = ModelMultipleChoiceField(
        label="Faculties (optional)",
        queryset=Faculty.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    requirements = ModelMultipleChoiceField(
        label="Statutory and mandatory subjects it meets (optional)",
        queryset=Requirement.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    duration_minutes = forms.IntegerField(
        label="How long it takes, in minutes (optional)",
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"min_value": "Enter a number of minutes of 1 or more"},
    )
    cost = forms.DecimalField(
        label="Cost per person in pounds",
        help_text="0 if it is free",
        initial=0,
        min_value=0,
        max_value=100_000,
        decimal_places=2,
        error_messages={
            "required": "Enter the cost, or 0 if it is free",
            "min_value": "The cost cannot be negative",
        },
    )
    accreditation = forms.CharField(
        label="Accreditation (optional)", required=False, max_length=200
    )
    link = forms.URLField(
        label="Link to the learning (for e-learning and resources)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://example.org/course"},
    )
    needs_approval = forms.BooleanField(
        label="Places need the provider's approval",
        required=False,
        help_text="Leave unticked so people can book straight away",
    )
    hold_hours = forms.IntegerField(
        label="Hours a freed place is held for the next person waiting",
        initial=48,
        min_value=1,
        max_value=336,
        error_messages=required("Enter how many hours to hold an offered place"),
    )
    contact_email = forms.EmailField(label="Contact e-mail (optional)", required=False)
    review_by = DateField(label="Review by date", help_text="For example 1 9 2027")

    def clean_review_by(self) -> dt.date:
        value = self.cleaned_data["review_by"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("The review by date must be today or in the future")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") in (Kind.E_LEARNING, Kind.RESOURCE) and not data.get("link"):
            self.add_error("link", "Enter the link people follow to take this learning")
        return data

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["cost_pence"] = round(data.pop("cost") * 100)
        return data

    @classmethod
    def initial_from(cls, opportunity: Any) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("cost",)]
        initial = {n: getattr(opportunity, n) for n in names if hasattr(opportunity, n)}
        for many in ("topics", "faculties", "requirements"):
            initial[many] = list(getattr(opportunity, many).all())
        initial["cost"] = opportunity.cost_pence / 100
        return initial


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        help_text="People who booked or are waiting will be told this",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages=required("Say why the listing is withdrawn"),
    )
