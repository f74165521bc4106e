"""Forms of a person's account. Messages follow the NHS.UK style: say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from oneworkforce.core.forms import ModelChoiceField, required

from ..choices import Relationship, WorkStatus
from ..models import Organisation, User

EMAIL_ATTRS = {"autocomplete": "email", "spellcheck": "false"}


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="Any e-mail address works: you do not need a work or NHS address.",
        max_length=254,
        widget=forms.EmailInput(attrs=EMAIL_ATTRS),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)


class PasswordSignInForm(forms.Form):
    email = SignInForm.base_fields["email"]
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages=required("Enter your password"),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(User.PROFILE_FIELDS)
        labels = {
            "full_name": "Your name",
            "job_title": "Your job title, or what you do",
            "job_family": "Which of these best describes what you do?",
            "work_area": "Where do you work?",
            "level": "Career level (optional)",
            "work_status": "How are you involved in health and care?",
            "other_organisation": "Name of your organisation",
        }
        help_texts = {
            "job_title": "For example, care worker, practice nurse, receptionist, peer supporter",
            "level": "This helps us suggest learning at the right level. You can leave it out.",
            "other_organisation": "Only if you work for an organisation that is not listed",
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "job_family": forms.RadioSelect,
            "work_area": forms.RadioSelect,
            "level": forms.RadioSelect,
            "work_status": forms.RadioSelect,
        }
        error_messages = {
            "full_name": required("Enter your name"),
            "job_family": required("Select what best describes what you do"),
            "work_area": required("Select where you work"),
            "work_status": required("Select how you are involved in health and care"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("full_name", "job_family", "work_area", "work_status"):
            self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("work_status") == WorkStatus.NOT_LISTED and not data.get("other_organisation"):
            self.add_error("other_organisation", "Enter the name of your organisation")
        return data


class DigestForm(forms.Form):
    weekly_digest = forms.TypedChoiceField(
        label="Do you want a weekly e-mail of what is waiting on you?",
        help_text="It lists what your home page shows, once a week, only when something waits.",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={**required("Choose yes or no"), "invalid_choice": "Choose yes or no"},
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="New password",
        strip=False,
        max_length=200,
        help_text="At least 10 characters. You can always sign in with an e-mail link instead.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=required("Enter a new password"),
    )
    confirm = forms.CharField(
        label="Confirm new password",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=required("Enter the new password again"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        try:
            password_validation.validate_password(password, self.user)
        except forms.ValidationError as error:
            raise forms.ValidationError(" ".join(error.messages)) from None
        return str(password)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("confirm") and data["password"] != data["confirm"]:
            self.add_error("confirm", "The passwords do not match")
        return data


class AffiliationForm(forms.Form):
    organisation = ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.active(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Select the organisation",
            "invalid_choice": "Select an organisation from the list",
        },
    )
    relationship = forms.ChoiceField(
        label="How do you work with them?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how you work with them"),
    )
    job_title = forms.CharField(label="Job title there (optional)", required=False, max_length=200)
