"""Forms for employ-and-deploy agreements. The services check the rules again; these forms
offer only sensible choices and say what to do when something is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation

from ..models import Agreement, FundingSource
from .services import MAX_PER_POST

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def _pick(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


def _gp_practices() -> Any:
    return Organisation.objects.active().filter(sector=Sector.GP_PRACTICE).order_by("name")


class AgreementForm(forms.Form):
    name = forms.CharField(
        label="Name of the agreement",
        help_text="For example 'Primary care additional roles'",
        max_length=200,
        error_messages=required("Enter a name for the agreement"),
    )
    lead_employer = ModelChoiceField(
        label="Lead employer",
        help_text="The partner that employs the staff and provides their HR services",
        queryset=Organisation.objects.none(),
        empty_label="Choose the lead employer",
        error_messages=_pick("Choose the lead employer"),
    )
    pcns = ModelMultipleChoiceField(
        label="Primary care networks in the agreement",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one primary care network",
            "invalid_choice": "Choose primary care networks from the list",
            "invalid_pk_value": "Choose primary care networks from the list",
        },
    )
    funding = forms.ChoiceField(
        label="Where the funding comes from",
        choices=FundingSource.choices,
        widget=forms.RadioSelect,
        error_messages=_pick("Choose where the funding comes from"),
    )
    hr_services = forms.CharField(
        label="HR services the lead employer provides",
        help_text="For example payroll, recruitment, appraisal, occupational health",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages=required("Say which HR services the lead employer provides"),
    )
    service_level = forms.CharField(
        label="Service level agreed",
        help_text="For example how quickly vacancies are advertised and how often the "
        "networks get a report",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages=required("Describe the service level agreed"),
    )
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date (optional)", required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employers = Organisation.objects.administered_by(user).active().order_by("name")
        self.fields["lead_employer"].queryset = employers
        self.fields["pcns"].queryset = (
            Organisation.objects.active().filter(sector=Sector.PCN).order_by("name")
        )

    def service_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AgreedPostForm(forms.Form):
    pcn = ModelChoiceField(
        label="Primary care network",
        queryset=Organisation.objects.none(),
        empty_label="Choose the primary care network",
        error_messages=_pick("Choose the primary care network"),
    )
    job_title = forms.CharField(
        label="Job title",
        help_text="For example care coordinator, social prescribing link worker, health and "
        "wellbeing coach, first contact physiotherapist, clinical pharmacist",
        max_length=200,
        error_messages=required("Enter the job title"),
    )
    number = forms.IntegerField(
        label="Number of people agreed",
        help_text="Whole posts. Adding a job title the network already has changes its number",
        min_value=1,
        max_value=MAX_PER_POST,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of people agreed",
            "invalid": "Enter the number of people as a whole number, like 2",
            "min_value": "Enter a number of people of 1 or more",
            "max_value": f"Enter a number of people of {MAX_PER_POST} or fewer",
        },
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pcn"].queryset = agreement.pcns.order_by("name")

    def service_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EmploymentForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages=required("Enter the person's full name"),
    )
    pcn = ModelChoiceField(
        label="Primary care network they work for",
        queryset=Organisation.objects.none(),
        empty_label="Choose the primary care network",
        error_messages=_pick("Choose the primary care network"),
    )
    job_title = forms.ChoiceField(
        label="Job title",
        help_text="One of the posts agreed with the network",
        error_messages=_pick("Choose the job title"),
    )
    base_practice = ModelChoiceField(
        label="Base practice",
        help_text="The GP practice they are based at. It must also be ticked below",
        queryset=Organisation.objects.none(),
        empty_label="Choose the base practice",
        error_messages=_pick("Choose the base practice"),
    )
    practices = ModelMultipleChoiceField(
        label="Practices they work at",
        help_text="Tick the base practice and every practice they visit",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the practices the person works at",
            "invalid_choice": "Choose practices from the list",
            "invalid_pk_value": "Choose practices from the list",
        },
    )
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date (optional)", required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pcn"].queryset = agreement.pcns.order_by("name")
        titles = sorted(set(agreement.posts.values_list("job_title", flat=True)), key=str.lower)
        self.fields["job_title"].choices = [
            ("", "Choose the job title"),
            *((t, t) for t in titles),
        ]
        self.fields["base_practice"].queryset = _gp_practices()
        self.fields["practices"].queryset = _gp_practices()

    def service_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EndForm(forms.Form):
    ends_on = DateField(label="Last working day")
