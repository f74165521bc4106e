from __future__ import annotations

from django import forms

from oneworkforce.core.forms import DateField, ModelChoiceField, required

from ..models import Block, Profession, SettingRequirement


class BlockForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="For example: Autumn 2027",
        error_messages=required("Enter the block's name"),
    )
    starts_on = DateField(label="First day")
    ends_on = DateField(label="Last day")


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label="Programme",
        max_length=200,
        help_text="For example: BSc Nursing (Adult)",
        error_messages=required("Enter the programme's name"),
    )
    profession = forms.ChoiceField(label="Profession", choices=Profession.choices)
    field = forms.CharField(
        label="Field (optional)",
        required=False,
        max_length=80,
        help_text="For example: adult, child, mental health or learning disability",
    )
    year = forms.TypedChoiceField(
        label="Year of study", coerce=int, choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")]
    )
    requirement = forms.ChoiceField(
        label="Setting requirement",
        choices=SettingRequirement.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    max_travel_minutes = forms.IntegerField(
        label="Longest journey for a student, in minutes",
        min_value=10,
        max_value=180,
        initial=60,
        error_messages=required("Enter the longest journey in minutes"),
    )


class RequestForm(forms.Form):
    block = ModelChoiceField(
        label="Block",
        queryset=Block.objects.all(),
        empty_label="Choose a block",
        error_messages=required("Choose the block"),
    )
    students = forms.IntegerField(
        label="Number of students",
        min_value=1,
        max_value=2000,
        error_messages=required("Enter the number of students"),
    )
    starts_on = DateField(label="Placement starts")
    ends_on = DateField(label="Placement ends")
    required_hours = forms.IntegerField(
        label="Practice hours each student needs",
        min_value=1,
        max_value=2000,
        error_messages=required("Enter the hours each student needs"),
    )


class StudentsForm(forms.Form):
    file = forms.FileField(
        label="Students (CSV)",
        help_text="Columns: reference, name, email, home_postcode (one student a line)",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )
