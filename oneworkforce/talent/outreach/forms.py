"""Forms for campaigns, the public expression-of-interest form, status links and events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from oneworkforce.core.forms import (
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    required,
)
from oneworkforce.partners.models import Organisation

from ..casework.forms import ENTRY_ROLES, many, pick
from ..models import BarrierKind, Channel, EventKind, Hours

PUBLIC_AREAS = [
    ("hospital", "In a hospital"),
    ("community", "Visiting people at home or in the community"),
    ("social_care", "In a care home, home care or supported living"),
    ("primary_care", "At a GP practice or pharmacy"),
    ("council", "For the council"),
    ("voluntary", "For a charity or community group"),
]


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Campaign name", max_length=150, error_messages=required("Enter the campaign's name")
    )
    community = forms.CharField(
        label="Community or neighbourhood it reaches",
        max_length=120,
        error_messages=required("Enter the community the campaign reaches"),
    )
    channel = forms.ChoiceField(
        label="Where people hear about it",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages=pick("Choose where people hear about it"),
    )
    venue = forms.CharField(label="Venue (optional)", max_length=200, required=False)
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date (optional)", required=False)
    partners = ModelMultipleChoiceField(
        label="Partners involved",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choose partners from the list",
            "invalid_pk_value": "Choose partners from the list",
        },
    )
    welcome = forms.CharField(
        label="A sentence or two for the top of the form (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.active().order_by("name")


def link_privacy_notice(form: forms.Form) -> None:
    """The consent box's hint links the privacy notice it refers to."""
    form.fields["consent"].help_text = format_html(
        '<a href="{}">Read the privacy notice</a>: what we hold, why, for how long, and how to '
        "see or delete it",
        reverse("core:privacy"),
    )


class JoinForm(forms.Form):
    full_name = forms.CharField(
        label="Your name",
        max_length=150,
        error_messages=required("Enter your name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    postcode = forms.CharField(
        label="Home postcode",
        help_text="So we can find work near you",
        max_length=10,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "autocapitalize": "characters"}
        ),
    )
    interest_families = many("What kind of work interests you?", ENTRY_ROLES)
    interest_areas = many("Where would you like to work?", PUBLIC_AREAS)
    hours = forms.ChoiceField(
        label="Hours",
        choices=Hours.choices,
        widget=forms.RadioSelect,
        initial=Hours.ANY,
        error_messages=pick("Choose the hours that suit you"),
    )
    previously_unemployed = forms.BooleanField(
        label="I am not working at the moment", required=False
    )
    unemployed_months = forms.IntegerField(
        label="How many months have you been out of work? (optional)",
        required=False,
        min_value=0,
        max_value=600,
        error_messages={
            "invalid": "Enter a whole number of months, like 6",
            "min_value": "Enter 0 or more months",
            "max_value": "Enter 600 months or fewer",
        },
    )
    barriers = many(
        "Is anything making it harder to get into work? (optional)",
        BarrierKind.choices,
        help_text="We can often help, for example with travel, childcare or English lessons.",
    )
    special_consent = forms.BooleanField(
        label="I agree to you holding what I have told you makes work harder for me, to help me "
        "(you can delete it at any time)",
        required=False,
    )
    consent = forms.BooleanField(
        label="I agree to the partnership holding my details to help me find work, as its "
        "privacy notice describes",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        link_privacy_notice(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not (data.get("phone") or "").strip():
            self.add_error("email", "Enter an email address or a phone number")
        return data


class EventRegisterForm(forms.Form):
    full_name = JoinForm.base_fields["full_name"]
    email = JoinForm.base_fields["email"]
    phone = JoinForm.base_fields["phone"]
    consent = JoinForm.base_fields["consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        link_privacy_notice(self)


class CorrectionForm(forms.Form):
    """A candidate corrects their own details from their status page."""

    full_name = JoinForm.base_fields["full_name"]
    email = JoinForm.base_fields["email"]
    phone = JoinForm.base_fields["phone"]
    postcode = JoinForm.base_fields["postcode"]


class StatusRequestForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address, like name@example.com",
        },
    )


class EventForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=150, error_messages=required("Enter the event's title")
    )
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages=pick("Choose the kind of event"),
    )
    organiser = ModelChoiceField(
        label="Organising partner",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=pick("Choose the organising partner"),
    )
    day = DateField(label="Date")
    starts = forms.TimeField(
        label="Start time",
        help_text="For example 10:00",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time, like 10:00"},
    )
    ends = forms.TimeField(
        label="End time",
        help_text="For example 14:00",
        error_messages={"required": "Enter the end time", "invalid": "Enter a time, like 14:00"},
    )
    venue = forms.CharField(
        label="Venue", max_length=200, error_messages=required("Enter the venue")
    )
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    community = forms.CharField(label="Community (optional)", max_length=120, required=False)
    capacity = forms.IntegerField(
        label="Places for candidates (optional)",
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": "Enter a whole number",
            "min_value": "Enter at least 1",
            "max_value": "Enter 100000 or fewer",
        },
    )
    description = forms.CharField(
        label="About the event (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )

    def __init__(self, *args: Any, organisers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["day"]
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(day, self.cleaned_data["starts"], tzinfo=zone),
            dt.datetime.combine(day, self.cleaned_data["ends"], tzinfo=zone),
        )


def event_initial(event: Any) -> dict[str, Any]:
    """The event form's values for changing ``event``."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return {
        "title": event.title,
        "kind": event.kind,
        "organiser": event.organiser_id,
        "day": starts.date(),
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
        "venue": event.venue,
        "postcode": event.postcode,
        "community": event.community,
        "capacity": event.capacity,
        "description": event.description,
    }


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="People who registered with an e-mail address are sent this.",
        max_length=300,
        error_messages=required("Say why the event is cancelled"),
    )


ATTENDANCE = [("yes", "Came"), ("no", "Did not come"), ("unknown", "Not known")]


class AttendanceForm(forms.Form):
    """One question per registration: did they come?"""

    def __init__(self, *args: Any, registrations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            candidate = registration.candidate
            self.fields[f"came_{registration.pk}"] = forms.ChoiceField(
                label=f"{candidate.full_name} ({candidate.reference})",
                choices=ATTENDANCE,
                widget=forms.RadioSelect,
                required=False,
                initial={True: "yes", False: "no", None: "unknown"}[registration.attended],
                error_messages=pick("Choose came, did not come or not known"),
            )

    def attended(self) -> dict[int, bool | None]:
        answers = {"yes": True, "no": False, "unknown": None}
        return {
            r.pk: answers[self.cleaned_data.get(f"came_{r.pk}") or "unknown"]
            for r in self.registrations
        }


class EventSignupForm(forms.Form):
    organisation = ModelChoiceField(
        label="Partner",
        queryset=Organisation.objects.none(),
        empty_label="Choose the partner",
        error_messages=pick("Choose the partner"),
    )
    work_on_offer = forms.CharField(
        label="Kinds of work you will talk about (optional)", max_length=300, required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
