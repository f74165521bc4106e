"""Forms for staff portability."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, required
from oneworkforce.learning.models import JobRole
from oneworkforce.partners.models import Organisation, Site

from ..models import EvidenceKind, StaffGroup, Terms, WorkType


class NeedForm(forms.Form):
    host = ModelChoiceField(
        label="Host partner",
        queryset=Organisation.objects.none(),
        empty_label="Choose",
        error_messages=required("Choose the host partner"),
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, error_messages=required("Enter the job title")
    )
    work_type = forms.ChoiceField(
        label="Kind of work",
        choices=WorkType.choices,
        widget=forms.RadioSelect,
        error_messages=required("Choose the kind of work"),
    )
    staff_group = forms.ChoiceField(
        label="Staff group",
        choices=StaffGroup.choices,
        error_messages=required("Choose the staff group"),
    )
    skills = forms.CharField(
        label="Skills needed (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    site = ModelChoiceField(
        label="Site (optional)",
        queryset=Site.objects.none(),
        required=False,
        empty_label="Not at one site",
    )
    training_job_role = ModelChoiceField(
        label="Training needed: as for which of your job roles? (optional)",
        queryset=JobRole.objects.none(),
        required=False,
        empty_label="The employer vouches for the training",
        help_text="Checked on their learning record, counting training from partners you accept",
    )
    starts_on = DateField(label="Start date", help_text="For example 1 12 2026")
    ends_on = DateField(label="End date")
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        min_value=1,
        max_value=60,
        decimal_places=1,
        error_messages={"required": "Enter the hours a week", "min_value": "Enter at least 1 hour"},
    )
    supervisor = forms.CharField(
        label="Supervisor at the host",
        max_length=200,
        error_messages=required("Enter who will supervise at the host"),
    )
    reason = forms.CharField(
        label="Why is the person needed?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Say why the person is needed"),
    )
    terms = forms.ChoiceField(
        label="Terms",
        choices=Terms.choices,
        widget=forms.RadioSelect,
        initial=Terms.NONE,
        error_messages=required("Choose the terms"),
    )
    recharge_note = forms.CharField(
        label="Recharge details (optional)", required=False, max_length=300
    )
    not_industrial_action = forms.BooleanField(
        label="I confirm this deployment does not cover staff taking industrial action",
        required=False,
    )

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        self.fields["site"].queryset = Site.objects.filter(organisation__in=hosts)
        self.fields["training_job_role"].queryset = JobRole.objects.filter(organisation__in=hosts)

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "host"}


class ProposeForm(forms.Form):
    employer = ModelChoiceField(
        label="Employer of record",
        queryset=Organisation.objects.none(),
        empty_label="Choose",
        error_messages=required("Choose the employer"),
    )
    email = forms.EmailField(
        label="E-mail address of the person you will lend",
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address like name@example.com",
        },
    )

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Check", choices=EvidenceKind.choices, error_messages=required("Choose the check")
    )
    detail = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=200,
        help_text="For example the register and number, or the DBS level",
    )
    valid_until = DateField(
        label="Valid until (optional)",
        required=False,
        help_text="Leave empty if it does not expire",
    )


class ActivateForm(forms.Form):
    bypass_reason = forms.CharField(
        label="Reason to start with checks missing or expired (host admins only)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Leave empty unless you accept the risk; the reason is kept in the audit log",
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened",
        choices=[
            ("ended", "It has ended"),
            ("declined", "Decline the request"),
            ("cancelled", "Cancel it"),
        ],
        widget=forms.RadioSelect,
        error_messages=required("Choose what happened"),
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=1000)


class OfferForm(NeedForm):
    """An employer offers one of its people to a partner that needs help."""

    employer = ModelChoiceField(
        label="Employer of record",
        queryset=Organisation.objects.none(),
        empty_label="Choose",
        error_messages=required("Choose the employer"),
    )
    email = ProposeForm.base_fields["email"]

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, hosts=Organisation.objects.filter(is_active=True), **kwargs)
        self.fields["host"].label = "Partner you are offering to"
        self.fields["employer"].queryset = employers
        if employers.count() == 1:
            self.fields["employer"].initial = employers.first()
        for name in ("site", "training_job_role"):
            del self.fields[name]
        self.fields["supervisor"].required = False
        self.fields["supervisor"].label = "Supervisor at the partner (if known)"
        self.order_fields(["employer", "email", "host"])

    def service_fields(self) -> dict[str, Any]:
        skip = {"host", "employer", "email"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}
