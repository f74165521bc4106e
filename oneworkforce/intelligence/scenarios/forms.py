"""Forms for scenarios: their set-up and the changes to test in them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q

from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField
from oneworkforce.partners.models import Organisation, Place

from ..models import (
    PopulationProjection,
    Scenario,
    SocialCareWorkforce,
    TurnoverFigure,
)
from .services import AUDITED as AUDITED_SETTINGS


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


class ScenarioForm(forms.ModelForm):  # type: ignore[type-arg]
    """The set-up of a projection: whose workforce, from when, how demand grows."""

    field_order = ["name", "description", "base_period", "organisations"]

    base_period = forms.TypedChoiceField(
        label="Start from",
        coerce=lambda value: dt.date.fromisoformat(value),
        error_messages=_required("Select the month to start from"),
        help_text="The month of NHS England's turnover figures the projection starts from.",
    )
    organisations = ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label="Organisations",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one organisation"},
        help_text="Partners with national turnover figures (by ODS code) or their own figures "
        "by job role (care providers, primary care, voluntary partners).",
    )
    population_ages = forms.ChoiceField(
        label="Age group that drives demand",
        required=False,
        choices=[
            ("", "Everyone"),
            ("65+", "People aged 65 and over"),
            ("75+", "People aged 75 and over"),
            ("18-64", "People aged 18 to 64"),
        ],
    )
    population_place = ModelChoiceField(
        queryset=Place.objects.none(),
        required=False,
        label="Grow demand with the population of",
        help_text="Leave empty to use the yearly growth below.",
    )

    class Meta:
        model = Scenario
        # The settings a person chooses (audited as they are), and the partners.
        fields = [*AUDITED_SETTINGS, "organisations"]
        labels = {
            "name": "Name",
            "description": "What it tests (optional)",
            "include_social_care": "Include partners' own figures by job role (care, primary care,"
            " voluntary)",
            "horizon_years": "Years to project",
            "runs": "Simulation runs",
            "seed": "Random seed",
            "demand_growth": "Demand growth, per cent a year",
            "population_ages": "Age group that drives demand",
            "destabilisation_threshold": "Warn when another sector's supply falls by more than (%)",
            "recruitment": "How organisations recruit",
            "fill_rate": "Open posts filled each month, per cent",
            "market_limit": "Labour market limit, per cent of the joiners the figures show",
            "leaver_doubt": "Show doubt about leaver rates (from the spread across partners)"
            " and demand growth",
            "shared": "Share with everyone in the partnership",
        }
        widgets = {"recruitment": forms.RadioSelect}
        help_texts = {
            "runs": "More runs give smoother bands; 1,000 is plenty. Up to 5,000.",
            "seed": "The same seed and set-up always give the same figures.",
            "horizon_years": "From 1 to 15.",
            "leaver_doubt": "Each run draws each staff group's leaver rate from the spread"
            " across the partners, and demand growth up to a point a year faster or slower"
            " (80 % of runs within it), so the bands show doubt about them as well as chance.",
        }
        error_messages = {
            "name": {"required": "Enter a name"},
            "horizon_years": {
                "required": "Enter the years to project",
                "invalid": "Enter a whole number of years",
            },
            "runs": {
                "required": "Enter the number of runs",
                "invalid": "Enter a whole number of runs",
            },
            "seed": {"required": "Enter a seed", "invalid": "Enter a whole number"},
            "demand_growth": {
                "required": "Enter the demand growth",
                "invalid": "Enter a number, like 1.5",
            },
            "destabilisation_threshold": {
                "required": "Enter a threshold",
                "invalid": "Enter a number, like 2",
            },
            "recruitment": {"required": "Choose how organisations recruit"},
            "fill_rate": {
                "required": "Enter the share of open posts filled each month",
                "invalid": "Enter a number, like 20",
            },
            "market_limit": {
                "required": "Enter the labour market limit",
                "invalid": "Enter a number, like 150",
            },
        }

    def __init__(self, *args: Any, periods: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_period"].choices = [(p.isoformat(), f"{p:%B %Y}") for p in periods]
        codes = set(TurnoverFigure.objects.values_list("org_code", flat=True).distinct())
        with_figures = Q(ods_code__in=codes) & ~Q(ods_code="")
        with_figures |= Q(pk__in=SocialCareWorkforce.objects.values("organisation"))
        self.fields["organisations"].queryset = Organisation.objects.active().filter(with_figures)
        self.fields["population_place"].queryset = Place.objects.filter(
            pk__in=PopulationProjection.objects.values("place")
        )
        self.fields["description"].required = False

    def clean_horizon_years(self) -> int:
        value = self.cleaned_data["horizon_years"]
        if not 1 <= value <= 15:
            raise forms.ValidationError("Enter between 1 and 15 years")
        return value

    def clean_runs(self) -> int:
        value = self.cleaned_data["runs"]
        if not 0 <= value <= 5000:
            raise forms.ValidationError(
                "Enter between 0 and 5,000 runs (0 gives expected values only)"
            )
        return value

    def clean_fill_rate(self) -> Decimal:
        value = self.cleaned_data["fill_rate"]
        if not Decimal(1) <= value <= Decimal(100):
            raise forms.ValidationError("Enter between 1 and 100 per cent of open posts")
        return value

    def clean_market_limit(self) -> Decimal:
        value = self.cleaned_data["market_limit"]
        if not Decimal(0) <= value <= Decimal(1000):
            raise forms.ValidationError(
                "Enter between 0 and 1,000 per cent of the joiners the figures show"
            )
        return value

    def clean_demand_growth(self) -> Decimal:
        value = self.cleaned_data["demand_growth"]
        if not Decimal(-10) <= value <= Decimal(20):
            raise forms.ValidationError("Enter a growth between -10 and 20 per cent a year")
        return value

    def clean_destabilisation_threshold(self) -> Decimal:
        value = self.cleaned_data["destabilisation_threshold"]
        if not Decimal("0.1") <= value <= Decimal(50):
            raise forms.ValidationError("Enter a threshold between 0.1 and 50 per cent")
        return value


# Changes to test in a scenario ---------------------------------------------------------------

INTERVENTION_TYPES = {
    "leaver_rate": "Change how many people leave (retention)",
    "training": "Add a training or apprenticeship intake",
    "new_role": "Introduce new roles, recruiting from other organisations",
    "demand_growth": "Change how fast demand grows",
}


def _sectors_field() -> forms.MultipleChoiceField:
    """Limits a change to some sectors; the choices are the scenario's own sectors."""
    return forms.MultipleChoiceField(
        label="Only in these sectors (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class InterventionForm(forms.Form):
    """One change to a scenario, in the engine's terms (see docs/projection.md)."""

    name = forms.CharField(
        label="Name of the change",
        max_length=120,
        error_messages={"required": "Enter a name for the change"},
    )
    start_month = forms.IntegerField(
        label="Starts after this many months",
        min_value=0,
        initial=0,
        help_text="0 starts at once.",
        error_messages={
            "required": "Enter the month it starts",
            "invalid": "Enter a whole number of months",
            "min_value": "Enter 0 or more months",
        },
    )

    def __init__(self, *args: Any, cells: Any, organisations: Any, horizon: int, **kw: Any):
        super().__init__(*args, **kw)
        self.horizon = horizon
        self.cells = cells
        self.organisations = {o.pk: o for o in organisations}
        if "sectors" in self.fields:
            self.fields["sectors"].choices = self._choices(c.sector for c in cells)

    @staticmethod
    def _choices(values: Any) -> list[tuple[str, str]]:
        return [(v, v) for v in sorted(set(values))]

    def clean_start_month(self) -> int:
        value = self.cleaned_data["start_month"]
        if value > self.horizon:
            raise forms.ValidationError(f"Enter a month up to {self.horizon}")
        return value

    def intervention(self) -> dict[str, Any]:
        raise NotImplementedError


def _number_field(label: str, message: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=9,
        decimal_places=2,
        error_messages={"required": message, "invalid": message},
        **kwargs,
    )


class LeaverRateForm(InterventionForm):
    percentage_points = _number_field(
        "Change in the yearly leaver rate, in percentage points",
        "Enter a change like -2 (a cut of 2 points)",
        help_text="For example -2 turns a leaver rate of 12% a year into 10%.",
        min_value=-100,
        max_value=100,
    )
    staff_groups = forms.MultipleChoiceField(
        label="Staff groups",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one staff group"},
    )
    sectors = _sectors_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_groups"].choices = self._choices(c.staff_group for c in self.cells)

    def intervention(self) -> dict[str, Any]:
        data = self.cleaned_data
        where: dict[str, Any] = {"staff_groups": list(data["staff_groups"])}
        if data["sectors"]:
            where["sectors"] = list(data["sectors"])
        return {
            "kind": "leaver_rate",
            "name": data["name"],
            "percentage_points": float(data["percentage_points"]),
            "where": where,
            "start_month": data["start_month"],
        }


class TrainingForm(InterventionForm):
    cell = forms.ChoiceField(
        label="Where the trainees join", error_messages=_required("Select where they join")
    )
    intake_per_year = forms.IntegerField(
        label="People starting each year",
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": "Enter how many start each year",
            "invalid": "Enter a whole number",
            "min_value": "Enter at least 1",
            "max_value": "Enter 100,000 or fewer",
        },
    )
    duration_months = forms.IntegerField(
        label="Length of the course, in months",
        min_value=1,
        max_value=120,
        error_messages={
            "required": "Enter the length of the course",
            "invalid": "Enter a whole number of months",
            "min_value": "Enter at least 1 month",
            "max_value": "Enter 120 months or fewer",
        },
    )
    attrition = _number_field(
        "Share who do not finish, per cent",
        "Enter a percentage like 15",
        min_value=0,
        max_value=100,
        initial=15,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [(c.id, c.label) for c in self.cells]

    def intervention(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": "training",
            "name": data["name"],
            "cell": data["cell"],
            "intake_per_year": data["intake_per_year"],
            "duration_months": data["duration_months"],
            "attrition": float(data["attrition"]) / 100,
            "start_month": data["start_month"],
        }


class NewRoleForm(InterventionForm):
    organisation = forms.TypedChoiceField(
        label="Organisation that employs the new job role",
        coerce=int,
        error_messages=_required("Select the organisation"),
    )
    job_role = forms.CharField(
        label="Job role", max_length=80, error_messages={"required": "Enter the job role"}
    )
    per_month = _number_field(
        "People recruited each month", "Enter a number like 3", min_value=0, max_value=10_000
    )
    target_headcount = _number_field(
        "Stop recruiting at this headcount (optional)",
        "Enter a number like 120",
        min_value=0,
        max_value=1_000_000,
        required=False,
    )

    SOURCES = 3

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            (pk, o.name) for pk, o in sorted(self.organisations.items(), key=lambda i: i[1].name)
        ]
        groups = [("", "Choose a staff group"), *self._choices(c.staff_group for c in self.cells)]
        sectors = [("", "Any sector"), *self._choices(c.sector for c in self.cells)]
        for n in range(1, self.SOURCES + 1):
            self.fields[f"source_{n}_group"] = forms.ChoiceField(
                label=f"Recruited from (source {n}): staff group", choices=groups, required=False
            )
            self.fields[f"source_{n}_sector"] = forms.ChoiceField(
                label=f"Recruited from (source {n}): sector", choices=sectors, required=False
            )
            self.fields[f"source_{n}_share"] = _number_field(
                f"Share of recruits from source {n}, per cent",
                "Enter a percentage like 40",
                min_value=0,
                max_value=100,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        total = 0
        for n in range(1, self.SOURCES + 1):
            group, share = data.get(f"source_{n}_group"), data.get(f"source_{n}_share")
            if group and share is None:
                self.add_error(f"source_{n}_share", f"Enter the share of recruits from source {n}")
            if share and not group:
                self.add_error(f"source_{n}_group", f"Select the staff group of source {n}")
            total += share or 0
        if total > 100:
            self.add_error("source_1_share", "The shares add up to more than 100%")
        return data

    def intervention(self) -> dict[str, Any]:
        data = self.cleaned_data
        organisation = self.organisations[data["organisation"]]
        code = organisation.ods_code or organisation.slug
        sources = []
        for n in range(1, self.SOURCES + 1):
            group, share = data.get(f"source_{n}_group"), data.get(f"source_{n}_share")
            if group and share:
                where: dict[str, Any] = {"staff_groups": [group]}
                if data.get(f"source_{n}_sector"):
                    where["sectors"] = [data[f"source_{n}_sector"]]
                sources.append({"where": where, "share": float(share) / 100})
        item: dict[str, Any] = {
            "kind": "new_role",
            "name": data["name"],
            "cell": f"{code}/{data['job_role']}",
            "per_month": float(data["per_month"]),
            "sources": sources,
            "start_month": data["start_month"],
            # Not an engine key: the scenario adds this cell (headcount 0) before running.
            "new_cell": {"organisation": organisation.pk, "staff_group": data["job_role"]},
        }
        if data.get("target_headcount") is not None:
            item["target_headcount"] = float(data["target_headcount"])
        return item


class DemandGrowthForm(InterventionForm):
    annual_growth = _number_field(
        "Demand growth from then on, per cent a year",
        "Enter a number like 2.5",
        min_value=-10,
        max_value=20,
    )
    sectors = _sectors_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def intervention(self) -> dict[str, Any]:
        data = self.cleaned_data
        item: dict[str, Any] = {
            "kind": "demand_growth",
            "name": data["name"],
            "annual_growth": float(data["annual_growth"]) / 100,
            "start_month": data["start_month"],
        }
        if data["sectors"]:
            item["where"] = {"sectors": list(data["sectors"])}
        return item


INTERVENTION_FORMS: dict[str, type[InterventionForm]] = {
    "leaver_rate": LeaverRateForm,
    "training": TrainingForm,
    "new_role": NewRoleForm,
    "demand_growth": DemandGrowthForm,
}
