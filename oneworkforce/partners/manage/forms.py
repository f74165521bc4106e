"""Forms of the management pages. Messages follow the NHS.UK style: say what to do."""

from __future__ import annotations

from django import forms

from oneworkforce.core.forms import ModelChoiceField, required

from ..accounts.forms import EMAIL_ATTRS
from ..choices import Role
from ..models import Faculty, Organisation, User


class AffiliationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Does this person work or volunteer with you?",
        choices=[("confirm", "Yes, confirm"), ("decline", "No, do not confirm")],
        widget=forms.RadioSelect,
        error_messages=required("Select yes or no"),
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)


class RoleGrantForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address of the person",
        widget=forms.EmailInput(attrs=EMAIL_ATTRS),
        help_text="They must have signed in at least once.",
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select a role"),
    )
    organisation = ModelChoiceField(
        label="Organisation (for partner admins and representatives)",
        queryset=Organisation.objects.active(),
        required=False,
        empty_label="Not tied to one organisation",
    )
    faculty = ModelChoiceField(
        label="Faculty (for faculty leads)",
        queryset=Faculty.objects.filter(is_active=True),
        required=False,
        empty_label="Not tied to a faculty",
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                "Nobody has signed in with this e-mail address yet. Ask them to sign in once first"
            )
        return user


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Done by (e-mail address)", required=False, max_length=254)
    action = forms.CharField(label="Action", required=False, max_length=80)
    object_type = forms.CharField(label="Kind of record", required=False, max_length=80)
    organisation = ModelChoiceField(
        label="Partner",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="All partners",
        to_field_name="slug",
    )
    since = forms.DateField(
        label="From (YYYY-MM-DD)",
        required=False,
        error_messages={"invalid": "Enter the date as year-month-day, like 2026-03-15"},
    )
    until = forms.DateField(
        label="To (YYYY-MM-DD)",
        required=False,
        error_messages={"invalid": "Enter the date as year-month-day, like 2026-03-15"},
    )
