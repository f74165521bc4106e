"""Forms for learning records: declared completions and their checks, job roles, accepted
issuers, validity and partner systems' keys. Messages say what to do, in the NHS.UK style."""

from __future__ import annotations

from collections.abc import Callable
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


def certificate_type(body: bytes) -> str | None:
    return next((t for magic, t in CERTIFICATE_TYPES.items() if body.startswith(magic)), None)


def checked_file(
    upload: Any,
    *,
    max_bytes: int,
    kind_of: Callable[[bytes], str | None],
    what: str,
    kinds: str,
    fallback: str,
) -> tuple[str, str, bytes] | None:
    """An uploaded file as ``(name, content type, bytes)``, its type told by ``kind_of`` from
    its first bytes and its name cut to letters, digits, spaces and ``._-``; ``None`` when
    nothing was uploaded. Too large or of another type is a form error naming ``what``."""
    if not upload:
        return None
    if upload.size > max_bytes:
        raise forms.ValidationError(f"{what} must be {max_bytes // (1024 * 1024)} MB or smaller")
    body = upload.read()
    kind = kind_of(body)
    if kind is None:
        raise forms.ValidationError(f"{what} must be a {kinds} file")
    name = "".join(ch for ch in (upload.name or "") if ch.isalnum() or ch in " ._-")
    return (name.strip()[:200] or fallback, kind, body)


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
        return checked_file(
            self.cleaned_data.get("certificate"),
            max_bytes=CERTIFICATE_MAX_BYTES,
            kind_of=certificate_type,
            what="The certificate",
            kinds="PDF, JPEG or PNG",
            fallback="certificate",
        )


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
