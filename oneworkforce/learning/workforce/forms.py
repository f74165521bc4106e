"""Forms for workforce compliance: the grid's filters (from the query string), giving chosen
people a job role, and the CSV of people and job roles. Messages say what to do."""

from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, required

from ..models import JobRole
from .grid import SORTS, Choice
from .presenters import STATE_CHOICES
from .selectors import Frame


class GridFilterForm(forms.Form):
    q = forms.CharField(label="Name or e-mail address", required=False, max_length=200)
    team = forms.ChoiceField(label="Team", required=False)
    job_role = forms.ChoiceField(label="Job role", required=False)
    site = forms.ChoiceField(label="Site", required=False)
    requirement = forms.TypedChoiceField(
        label="Training", required=False, coerce=int, empty_value=None
    )
    state = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *STATE_CHOICES]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))

    def __init__(self, *args: Any, frame: Frame, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams, sites = frame.team_choices, frame.site_choices
        self.fields["team"].choices = [("", "Any team"), *((t, t) for t in teams)]
        self.fields["site"].choices = [("", "Any site"), *((s, s) for s in sites)]
        self.fields["job_role"].choices = [
            ("", "Any job role"),
            *((jr.name, jr.name) for jr in frame.job_roles),
        ]
        self.fields["requirement"].choices = [
            ("", "Any training"),
            *((str(r.pk), str(r)) for r in frame.requirements),
        ]

    def choice(self) -> Choice:
        data = self.cleaned_data if self.is_valid() else {}
        return Choice(
            q=data.get("q", ""),
            team=data.get("team", ""),
            job_role=data.get("job_role", ""),
            site=data.get("site", ""),
            requirement=data.get("requirement"),
            state=data.get("state", ""),
            sort=data.get("sort") or "name",
        )


class AssignForm(forms.Form):
    """Give the people ticked on the grid a job role."""

    job_role = ModelChoiceField(
        label="Job role to give them",
        queryset=JobRole.objects.none(),
        empty_label="Choose a job role",
        error_messages=required("Choose the job role to give them"),
    )
    people = forms.TypedMultipleChoiceField(
        label="People",
        coerce=int,
        error_messages={
            **required("Tick the people to give the job role"),
            "invalid_choice": "Tick people from the list",
        },
    )

    def __init__(
        self, *args: Any, frame: Frame, people: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        """``people``: the choices, the grid's people among those ticked (read on a POST)."""
        super().__init__(*args, **kwargs)
        self.fields["job_role"].queryset = JobRole.objects.filter(
            pk__in=[jr.pk for jr in frame.job_roles]
        )
        self.fields["people"].choices = people or []


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file of people and job roles",
        help_text="Columns email and job_role, and optionally team and site, with a header line",
        error_messages=required("Choose the CSV file"),
    )


class ManagerForm(forms.Form):
    """Name someone whose work with the partner is confirmed as a team's manager."""

    email = forms.EmailField(
        label="Their e-mail address",
        max_length=254,
        error_messages={
            **required("Enter the manager's e-mail address"),
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    team = forms.ChoiceField(
        label="Team they manage", error_messages=required("Choose the team they manage")
    )

    def __init__(self, *args: Any, teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Choose a team"), *((t, t) for t in teams)]
