"""Forms for collaborative apprenticeships. Messages say what to do and name the item at
fault, in the NHS.UK style."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms

from oneworkforce.core import postcodes
from oneworkforce.core.forms import DateField, ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.partners.models import Organisation, Site, User

from .. import rotations
from ..models import Apprentice, Cohort, Placement, Setting
from . import services


class CohortForm(forms.Form):
    name = forms.CharField(
        label="Cohort name",
        max_length=200,
        help_text="For example Health and care apprentices 2026",
        error_messages=required("Enter the cohort name"),
    )
    standard = forms.CharField(
        label="Apprenticeship standard",
        max_length=200,
        help_text="For example Healthcare support worker (Level 2)",
        error_messages=required("Enter the apprenticeship standard"),
    )
    training_provider = ModelChoiceField(
        label="Training provider",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not chosen yet",
    )
    partners = ModelMultipleChoiceField(
        label="Partners taking part",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The employers of the apprentices and the partners offering placements",
        error_messages=required("Select the partners taking part"),
    )
    starts_on = DateField(label="Start date", help_text="For example 1 9 2026")
    blocks = forms.IntegerField(
        label="Number of placement blocks",
        min_value=1,
        max_value=services.MAX_BLOCKS,
        initial=3,
        error_messages={
            "required": "Enter the number of blocks",
            "invalid": "Enter the number of blocks as a whole number, like 3",
            "min_value": "Enter at least 1 block",
            "max_value": f"Enter at most {services.MAX_BLOCKS} blocks",
        },
    )
    block_months = forms.IntegerField(
        label="Months in each block",
        min_value=1,
        max_value=services.MAX_BLOCK_MONTHS,
        initial=4,
        error_messages={
            "required": "Enter the months in each block",
            "invalid": "Enter the months in each block as a whole number, like 4",
            "min_value": "Enter at least 1 month",
            "max_value": f"Enter at most {services.MAX_BLOCK_MONTHS} months",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.active().order_by("name")
        self.fields["training_provider"].queryset = organisations
        self.fields["partners"].queryset = organisations


def _numbers(text: str, label: str) -> list[int]:
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    found = []
    for part in parts:
        if not part.isdigit() or len(part) > 3:
            raise forms.ValidationError(
                f"Enter {label} as whole numbers from 0 to 999, separated by commas, like 4, 4, 3"
            )
        found.append(int(part))
    return found


class PlacementForm(forms.Form):
    site = ModelChoiceField(
        label="Site",
        queryset=Site.objects.none(),
        empty_label="Choose a site",
        error_messages={
            "required": "Select the site",
            "invalid_choice": "Select one of the partners' sites",
        },
    )
    setting = forms.ChoiceField(
        label="Setting",
        choices=Setting.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the setting"),
    )
    places = forms.CharField(
        label="Places in each block",
        max_length=100,
        error_messages=required("Enter the places in each block"),
    )
    supervisors = forms.CharField(
        label="Apprentices the supervisors can take in each block (optional)",
        max_length=100,
        required=False,
        help_text="Leave empty if the places are the only limit",
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.fields["site"].queryset = (
            Site.objects.filter(organisation__in=cohort.partners.all())
            .exclude(pk__in=cohort.placements.values("site"))
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["site"].label_from_instance = lambda s: f"{s.name}, {s.organisation.name}"
        example = ", ".join(["4"] * cohort.blocks)
        self.fields["places"].help_text = (
            f"One number for each of the {cohort.blocks} blocks, block 1 first, separated by"
            f" commas: for example {example}"
        )

    def _per_block(self, name: str, label: str) -> list[int] | None:
        text = self.cleaned_data.get(name, "")
        if not text.strip():
            return None
        numbers = _numbers(text, label)
        if len(numbers) != self.cohort.blocks:
            raise forms.ValidationError(
                f"Enter {label} for each of the {self.cohort.blocks} blocks (you entered"
                f" {len(numbers)})"
            )
        return numbers

    def clean_places(self) -> list[int]:
        return self._per_block("places", "the places") or []

    def clean_supervisors(self) -> list[int] | None:
        return self._per_block("supervisors", "the supervisors")


class ApprenticeForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages=required("Enter the apprentice's name")
    )
    employer = ModelChoiceField(
        label="Employer",
        queryset=Organisation.objects.none(),
        empty_label="Choose the employer",
        error_messages={
            "required": "Select the employer",
            "invalid_choice": "Select one of the cohort's partners",
        },
    )
    home_postcode = forms.CharField(
        label="Home postcode (optional)",
        max_length=10,
        required=False,
        help_text="Used only to keep placements within the distance they can travel",
    )
    max_travel_km = forms.IntegerField(
        label="Furthest they can travel, in km (optional)",
        required=False,
        min_value=1,
        max_value=services.MAX_TRAVEL_KM,
        error_messages={
            "invalid": "Enter the distance as a whole number of kilometres, like 15",
            "min_value": "Enter a distance of at least 1 km",
            "max_value": f"Enter a distance of at most {services.MAX_TRAVEL_KM} km",
        },
    )
    email = forms.EmailField(
        label="Their e-mail address (optional)",
        required=False,
        help_text="If they have an account, they can see their plan and rank placements",
        error_messages={"invalid": "Enter an e-mail address, like name@example.com"},
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = cohort.partners.order_by("name")

    def clean_home_postcode(self) -> str:
        text = self.cleaned_data.get("home_postcode", "").strip()
        if not text:
            return ""
        try:
            return postcodes.normalise(text)
        except postcodes.InvalidPostcode:
            raise forms.ValidationError("Enter a real postcode, like LS6 1AA") from None

    def clean_email(self) -> User | None:
        email = self.cleaned_data.get("email", "").strip().lower()
        if not email:
            return None
        person = User.objects.filter(email=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError("No one with this e-mail address has an account")
        return person


class OverrideForm(forms.Form):
    placement = ModelChoiceField(
        label="Placement",
        queryset=Placement.objects.none(),
        empty_label="Choose a placement",
        error_messages={
            "required": "Select the placement",
            "invalid_choice": "Select one of the cohort's placements",
        },
    )
    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The apprentice sees this reason with their plan",
        error_messages=required("Enter the reason for the change"),
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = cohort.placements.select_related("site").order_by(
            "site__name"
        )
        self.fields["placement"].label_from_instance = lambda p: (
            f"{p.site.name} ({p.get_setting_display()})"
        )


class PreferencesForm(forms.Form):
    """A rank select for each placement; each rank may be given once."""

    def __init__(
        self,
        *args: Any,
        apprentice: Apprentice,
        placements: list[Placement],
        distances: Mapping[int, float] | None = None,
        **kwargs: Any,
    ) -> None:
        current = {
            p.placement_id: p_rank
            for p_rank, p in enumerate(apprentice.preferences.order_by("rank", "pk"), start=1)
        }
        kwargs.setdefault("initial", {f"rank_{pk}": str(r) for pk, r in current.items()})
        super().__init__(*args, **kwargs)
        self.placements = {p.pk: p for p in placements}
        choices = [("", "Not ranked")] + [
            (str(n), f"{rotations.ordinal(n)} choice") for n in range(1, len(placements) + 1)
        ]
        for p in placements:
            hint = f"{p.get_setting_display()}, {p.site.organisation.name}"
            if distances and p.pk in distances:
                hint += f", about {distances[p.pk]:.0f} km from home"
            self.fields[f"rank_{p.pk}"] = forms.ChoiceField(
                label=p.site.name,
                choices=choices,
                required=False,
                help_text=hint,
                error_messages={"invalid_choice": "Select a rank from the list, or Not ranked"},
            )

    def ranked(self) -> list[Placement]:
        """The placements ranked, first choice first (call after ``is_valid``)."""
        chosen = [
            (int(self.cleaned_data[f"rank_{pk}"]), pk)
            for pk in self.placements
            if self.cleaned_data.get(f"rank_{pk}")
        ]
        return [self.placements[pk] for _, pk in sorted(chosen)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        by_rank: dict[str, list[int]] = {}
        for pk in self.placements:
            rank = data.get(f"rank_{pk}")
            if rank:
                by_rank.setdefault(rank, []).append(pk)
        for rank, pks in by_rank.items():
            if len(pks) < 2:
                continue
            for pk in pks:
                others = [self.placements[o].site.name for o in pks if o != pk]
                listed = (
                    ", ".join(others[:-1]) + " and " + others[-1] if len(others) > 1 else others[0]
                )
                self.add_error(
                    f"rank_{pk}",
                    f"{self.placements[pk].site.name} has the same rank,"
                    f" {rotations.ordinal(int(rank))}, as {listed}: give each placement its own"
                    " rank",
                )
        return data
