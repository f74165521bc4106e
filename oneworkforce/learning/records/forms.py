"""Forms for learning records: declared completions and their checks, job roles, accepted
issuers, validity and partner systems' keys. Messages say what to do, in the NHS.UK style."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, ModelMultipleChoiceField, required
from oneworkforce.partners.models import Organisation

from ..models import Requirement

CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
# What a certificate file may be, told by its first bytes (not by its name).
CERTIFICATE_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


class DeclareForm(forms.Form):
    completed_on = DateField(label="Date you completed it", help_text="For example 3 11 2026")
    evidence = forms.CharField(
        label="How can the provider check it?",
        help_text="For example your certificate number, or the e-mail confirming your pass",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=required("Say how the provider can check it"),
    )
    certificate = forms.FileField(
        label="Your certificate (optional)",
        required=False,
        help_text="A PDF, or a photo or scan as JPEG or PNG, up to 5 MB",
    )

    def clean_certificate(self) -> tuple[str, str, bytes] | None:
        """``(name, content type, bytes)`` of a PDF, JPEG or PNG up to 5 MB, or ``None``."""
        upload = self.cleaned_data.get("certificate")
        if not upload:
            return None
        if upload.size > CERTIFICATE_MAX_BYTES:
            raise forms.ValidationError("The certificate must be 5 MB or smaller")
        body = upload.read()
        kind = next((t for magic, t in CERTIFICATE_TYPES.items() if body.startswith(magic)), None)
        if kind is None:
            raise forms.ValidationError("The certificate must be a PDF, JPEG or PNG file")
        name = "".join(ch for ch in (upload.name or "") if ch.isalnum() or ch in " ._-")
        return (name.strip()[:200] or "certificate", kind, body)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("verify", "Verify"), ("reject", "Do not accept")],
        widget=forms.RadioSelect,
        error_messages=required("Choose verify or do not accept"),
    )
    note = forms.CharField(
        label="Note to the learner (needed if not accepted)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is this certificate revoked?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages=required("Say why the certificate is revoked"),
    )


class JobRoleForm(forms.Form):
    name = forms.CharField(
        label="Job role name", max_length=200, error_messages=required("Enter the job role's name")
    )
    requirements = ModelMultipleChoiceField(
        label="Training this job role needs",
        queryset=Requirement.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=required("Choose at least one requirement"),
    )


class AcceptedIssuersForm(forms.Form):
    issuers = ModelMultipleChoiceField(
        label="Partners whose training you accept as your own",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuers"].queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=organisation.pk
        )


class PolicyForm(forms.Form):
    requirement = ModelChoiceField(
        label="Requirement",
        queryset=Requirement.objects.exclude(validity_months=0),
        empty_label="Choose a requirement",
        error_messages=required("Choose a requirement"),
    )
    validity_months = forms.IntegerField(
        label="Valid for (months)",
        required=False,
        min_value=1,
        max_value=120,
        help_text="Leave empty to use the framework's period",
    )


class MemberForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address of the person",
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name of the system",
        max_length=100,
        error_messages=required("Enter a name for the system using this key"),
    )
