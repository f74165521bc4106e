"""Forms for the partnership pages. Messages follow the NHS.UK style: say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from oneworkforce.core import postcodes
from oneworkforce.core.forms import DateField, ModelChoiceField, required

from .choices import FrameworkKind, Relationship, Role, Sector, WorkStatus
from .models import Faculty, Organisation, Place, User

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
            "role_family": "Which of these best describes what you do?",
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
            "role_family": forms.RadioSelect,
            "work_area": forms.RadioSelect,
            "level": forms.RadioSelect,
            "work_status": forms.RadioSelect,
        }
        error_messages = {
            "full_name": required("Enter your name"),
            "role_family": required("Select what best describes what you do"),
            "work_area": required("Select where you work"),
            "work_status": required("Select how you are involved in health and care"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("full_name", "role_family", "work_area", "work_status"):
            self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("work_status") == WorkStatus.NOT_LISTED and not data.get("other_organisation"):
            self.add_error("other_organisation", "Enter the name of your organisation")
        return data


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


class AffiliationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Does this person work or volunteer with you?",
        choices=[("confirm", "Yes, confirm"), ("decline", "No, do not confirm")],
        widget=forms.RadioSelect,
        error_messages=required("Select yes or no"),
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search partners", required=False, max_length=100)
    sector = forms.MultipleChoiceField(
        label="Type of organisation",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = ModelChoiceField(
        label="Place",
        queryset=Place.objects.all(),
        required=False,
        empty_label="All places",
        to_field_name="slug",
    )


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address, like https://www.example.org"},
    )

    class Meta:
        model = Organisation
        fields = ["name", "sector", "ods_code", "place", "summary", "website", "contact_email"]
        labels = {
            "name": "Name",
            "sector": "Type of organisation",
            "ods_code": "ODS code (optional)",
            "place": "Place (optional)",
            "summary": "About this partner",
            "website": "Website (optional)",
            "contact_email": "Contact e-mail address (optional)",
        }
        help_texts = {
            "ods_code": "NHS organisations, GP practices and many care providers have one. "
            "Leave it empty if yours does not.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": required("Enter the organisation's name"),
            "sector": required("Select the type of organisation"),
            "contact_email": {
                "invalid": "Enter an e-mail address in the correct format, like name@example.com"
            },
        }

    def clean_ods_code(self) -> str:
        code = (self.cleaned_data.get("ods_code") or "").strip().upper()
        if code and not code.isalnum():
            raise forms.ValidationError("An ODS code has only letters and numbers, like RR8")
        return code


class SiteForm(forms.Form):
    name = forms.CharField(
        label="Site name", max_length=200, error_messages=required("Enter the site name")
    )
    address = forms.CharField(
        label="Address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages=required("Enter the postcode"),
    )

    def clean_postcode(self) -> str:
        try:
            return postcodes.normalise(self.cleaned_data["postcode"])
        except postcodes.InvalidPostcode:
            raise forms.ValidationError("Enter a real postcode, like LS1 4AP") from None


class FrameworkSignForm(forms.Form):
    organisation = ModelChoiceField(
        label="Organisation signing",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Select the organisation signing",
            "invalid_choice": "Select an organisation you look after",
        },
    )
    signed_on = DateField(label="Date signed", help_text="For example, 15 3 2026")
    signed_by_name = forms.CharField(
        label="Name of the person who signed",
        max_length=200,
        error_messages=required("Enter the name of the person who signed"),
    )
    signed_by_job_title = forms.CharField(
        label="Their job title",
        max_length=200,
        error_messages=required("Enter the job title of the person who signed"),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class WithdrawForm(forms.Form):
    withdrawn_on = DateField(
        label="Date the withdrawal takes effect", help_text="For example, 1 4 2026"
    )
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Enter the reason for withdrawing"),
    )


class FacultyForm(forms.ModelForm):
    class Meta:
        model = Faculty
        fields = ["name", "description", "position", "is_active"]
        labels = {
            "name": "Name",
            "description": "Description (optional)",
            "position": "Position in lists",
            "is_active": "This faculty is active",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": required("Enter the faculty's name")}


class FrameworkForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages=required("Enter the name"))
    kind = forms.ChoiceField(
        label="Kind of agreement",
        choices=FrameworkKind.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the kind of agreement"),
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=required("Enter a summary"),
    )
    terms_url = forms.URLField(
        label="Link to the full terms (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org/terms"},
    )


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
