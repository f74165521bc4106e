"""Forms for partners' local figures.

The single-row forms are built from the same column spec as the CSV templates
(:mod:`.datasets`), so a figure typed in is checked exactly as one uploaded. The month is a
month-and-year pair drawn with the NHS.UK date input (:func:`month_input`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.forms.boundfield import BoundField

from oneworkforce.core.forms import DateField

from .datasets import (
    EXIT_REASONS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_TEXT,
    POPULATION,
    RETURNS,
    SOCIAL_CARE,
    CellError,
    Column,
    Dataset,
    read_month,
)


class MonthParts(forms.MultiWidget):
    """Month and year boxes."""

    template_name = ""  # drawn by the NHS.UK date input macro (see month_input)

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"month": forms.TextInput, "year": forms.TextInput}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.month, value.year]
        return [None, None]


class MonthField(DateField):
    """A month entered as month and year; cleaned to the first day of the month."""

    widget = MonthParts

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(label=label, **kwargs)
        self.error_messages.update(
            {
                "incomplete": f"Enter the {self.noun} as month and year",
                "invalid": f"The {self.noun} must be a real month, like 10 and 2025",
            }
        )

    def clean(self, value: Any) -> dt.date | None:
        parts = list(value) if isinstance(value, list | tuple) else self.widget.decompress(value)
        parts = [str(p).strip() if p not in (None, "") else "" for p in [*parts, "", ""][:2]]
        return super().clean(["1", *parts] if any(parts) else [])


def month_input(field: BoundField) -> dict[str, Any]:
    """Parameters for the NHS.UK ``dateInput`` macro: month and year only. The month box has
    the field's id, so the error summary's link lands on it."""
    value = field.value()
    parts = list(value) if isinstance(value, list | tuple) else MonthParts().decompress(value)
    error = "nhsuk-input--error" if field.errors else None
    items = [
        {
            "id": field.auto_id if key == "month" else f"{field.auto_id}-{key}",
            "name": f"{field.html_name}_{key}",
            "label": key.capitalize(),
            "value": "" if part in (None, "") else str(part),
            "width": width,
            "classes": error,
        }
        for (key, width), part in zip((("month", 2), ("year", 4)), [*parts, None][:2], strict=True)
    ]
    return {
        "id": f"{field.auto_id}-parts",
        "fieldset": {"legend": {"text": str(field.label), "size": "s"}},
        "hint": {"text": str(field.help_text)} if field.help_text else None,
        "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
        "items": items,
    }


class CellField(forms.CharField):
    """A text box read by the column's own reader (the one the CSV upload uses)."""

    def __init__(self, column: Column) -> None:
        super().__init__(
            label=column.label,
            help_text=column.form_hint,
            required=column.required,
            error_messages={
                "required": f"Enter the figure for {column.noun}"
                if column.numeric
                else f"Enter the {column.noun}"
            },
        )
        self.column = column
        if column.numeric:
            self.widget.attrs["inputmode"] = "decimal"

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return self.column.default
        try:
            return self.column.read(text)
        except CellError as error:
            raise forms.ValidationError(f"{self.label} {error}") from None


def _form_field(column: Column) -> forms.Field:
    if column.read is read_month:
        return MonthField(label=column.label, help_text="For example, 10 2025")
    if column.choices:
        return forms.ChoiceField(
            label=column.label,
            choices=[("", "Choose one"), *column.choices],
            error_messages={
                "required": f"Select the {column.noun}",
                "invalid_choice": f"Choose a {column.noun} in the list",
            },
        )
    return CellField(column)


class LocalFigureForm(forms.Form):
    """One record of a dataset; saving a record with the same key replaces it."""

    dataset: ClassVar[Dataset]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in self.dataset.columns:
            self.fields[column.name] = _form_field(column)

    @property
    def widths(self) -> dict[str, str]:
        """NHS.UK input width classes: numbers get short boxes."""
        return {c.name: f"nhsuk-input--width-{c.width}" for c in self.dataset.columns if c.width}

    @classmethod
    def initial_from(cls, record: Any) -> dict[str, Any]:
        return {c.name: getattr(record, c.field) for c in cls.dataset.columns}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, problem in self.dataset.check(self.record()):
            if name in cleaned:
                self.add_error(name, f"{self.dataset.column(name).label} {problem}")
        return cleaned

    def record(self) -> dict[str, Any]:
        """The cleaned values by model field."""
        return {
            c.field: self.cleaned_data[c.name]
            for c in self.dataset.columns
            if c.name in self.cleaned_data
        }


class ReturnForm(LocalFigureForm):
    dataset = RETURNS


class ExitReasonForm(LocalFigureForm):
    dataset = EXIT_REASONS


class SocialCareForm(LocalFigureForm):
    dataset = SOCIAL_CARE


class PopulationForm(LocalFigureForm):
    dataset = POPULATION


FIGURE_FORMS: dict[str, type[LocalFigureForm]] = {
    form.dataset.kind: form for form in (ReturnForm, ExitReasonForm, SocialCareForm, PopulationForm)
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_TEXT}; split it into parts"
            )
        return str(upload.name), upload.read()


def _choices(pairs: list[tuple[str, str]], label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=pairs,
        required=False,
        error_messages={"invalid_choice": f"Choose a {label.lower()} in the list"},
    )


class PartnerFilter(forms.Form):
    """Which partner's figures the local data page shows (blank: every partner)."""

    def __init__(self, data: Any, *, partners: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["organisation"] = _choices([("", "All partners"), *partners], "Partner")


class SuccessForm(forms.Form):
    """The partner, start month and staff group the success indicators follow."""

    start = forms.CharField(
        label="Start month",
        help_text="The month the change began, like 2025-10",
        max_length=20,
        error_messages={"required": "Enter the start month"},
    )

    def __init__(
        self, data: Any, *, partners: list[tuple[str, str]], staff_groups: list[str]
    ) -> None:
        super().__init__(data)
        self.fields["organisation"] = _choices([("", "Choose a partner"), *partners], "Partner")
        self.fields["organisation"].required = True
        self.fields["organisation"].error_messages["required"] = "Select a partner"
        self.fields["staff_group"] = _choices(
            [("", "All staff groups"), *((g, g) for g in staff_groups)], "Staff group"
        )
        self.order_fields(["organisation", "start", "staff_group"])

    def clean_start(self) -> dt.date:
        try:
            return read_month(self.cleaned_data["start"])
        except CellError:
            raise forms.ValidationError("Enter the start month like 2025-10") from None
