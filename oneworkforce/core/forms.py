"""Django forms rendered with NHS.UK components.

:func:`nhsuk_field` turns a bound field into the parameters an NHS.UK Jinja macro expects, so
templates call one macro (``form.field``) per field and hold no widget logic. Error summaries
link to the first input of each field, as the NHS.UK design system asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString
from markupsafe import Markup, escape


def required(message: str) -> dict[str, str]:
    """``error_messages`` for a required field: the message says what to do."""
    return {"required": message}


class DateParts(forms.MultiWidget):
    """Day, month and year boxes (the NHS.UK date input)."""

    template_name = ""  # rendered by the NHS.UK macro, never by Django

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date entered as day, month and year, with NHS.UK-style error messages."""

    widget = DateParts

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.noun = label[0].lower() + label[1:]
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2200),
        )
        error_messages = {
            "required": f"Enter the {self.noun}",
            "incomplete": f"Enter the {self.noun} as day, month and year",
            "invalid": f"The {self.noun} must be a real date",
        }
        super().__init__(
            fields,
            label=label,
            require_all_fields=False,
            error_messages=error_messages,
            **kwargs,
        )

    def clean(self, value: Any) -> dt.date | None:
        parts = list(value) if isinstance(value, list | tuple) else self.widget.decompress(value)
        parts = [str(p).strip() if p not in (None, "") else "" for p in [*parts, "", "", ""][:3]]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if not 1900 <= year <= 2200:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def compress(self, data_list: list[Any]) -> dt.date | None:  # pragma: no cover - see clean
        raise NotImplementedError


def _error(field: BoundField) -> dict[str, str] | None:
    if not field.errors:
        return None
    return {"text": " ".join(str(e) for e in field.errors)}


def _hint(field: BoundField) -> dict[str, str] | None:
    """The field's hint: markup made with format_html (a link) goes out as HTML, text as text."""
    if not field.help_text:
        return None
    if isinstance(field.help_text, SafeString):
        return {"html": field.help_text}
    return {"text": str(field.help_text)}


def _label_text(field: BoundField) -> str:
    return str(field.label or "")


def _first_input_id(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, DateParts):
        return f"{field.auto_id}-day"
    return str(field.auto_id)


def nhsuk_field(field: BoundField, **overrides: Any) -> dict[str, Any]:
    """Return ``{"component": name, "params": {...}}`` for the NHS.UK macro of this field."""
    widget = field.field.widget
    name = field.html_name
    base: dict[str, Any] = {"name": name, "errorMessage": _error(field), "hint": _hint(field)}
    legend = {
        "text": _label_text(field),
        "size": overrides.pop("legend_size", "s"),
        "isPageHeading": overrides.pop("is_page_heading", False),
    }
    attrs = {k: v for k, v in widget.attrs.items() if k not in ("class", "id")}
    value = field.value()

    if isinstance(widget, DateParts):
        parts = widget.decompress(value) if not isinstance(value, list | tuple) else list(value)
        parts = [*parts, None, None, None][:3]
        has_error = bool(field.errors)
        items = []
        for (key, width), part in zip((("day", 2), ("month", 2), ("year", 4)), parts, strict=True):
            items.append(
                {
                    "id": f"{field.auto_id}-{key}",
                    "name": f"{name}_{key}",
                    "label": key.capitalize(),
                    "value": "" if part is None else str(part),
                    "width": width,
                    "classes": f"nhsuk-input--width-{width}"
                    + (" nhsuk-input--error" if has_error else ""),
                }
            )
        params = {
            **base,
            "id": field.auto_id,
            "fieldset": {"legend": legend},
            "items": items,
        }
        params.pop("name")
        component = "dateInput"
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
        chosen = {str(v) for v in (value or [])}
        params = {
            **base,
            "idPrefix": field.auto_id,
            "fieldset": {"legend": legend},
            "items": [
                {"value": str(v), "text": str(label), "checked": str(v) in chosen}
                for v, label in field.field.choices
            ],
        }
        component = "checkboxes"
    elif isinstance(widget, forms.RadioSelect):
        params = {
            **base,
            "idPrefix": field.auto_id,
            "fieldset": {"legend": legend},
            "items": [
                {"value": str(v), "text": str(label), "checked": str(v) == str(value or "")}
                for v, label in field.field.choices
                if v != ""
            ],
        }
        component = "radios"
    elif isinstance(widget, forms.CheckboxInput):
        params = {
            **base,
            "idPrefix": field.auto_id,
            "items": [
                {
                    "value": "on",
                    "text": _label_text(field),
                    "checked": bool(value),
                    "hint": base["hint"],
                }
            ],
        }
        params["hint"] = None
        component = "checkboxes"
    elif isinstance(widget, forms.Select):
        params = {
            **base,
            "id": field.auto_id,
            "label": {"text": _label_text(field)},
            "items": [
                {
                    "value": str(v),
                    "text": str(label),
                    "selected": str(v) == str(value if value is not None else ""),
                }
                for v, label in field.field.choices
            ],
        }
        component = "select"
    elif isinstance(widget, forms.Textarea):
        params = {
            **base,
            "id": field.auto_id,
            "label": {"text": _label_text(field)},
            "value": value or "",
            "rows": widget.attrs.get("rows", 5),
            "attributes": {k: v for k, v in attrs.items() if k not in ("rows", "cols")},
        }
        component = "textarea"
    else:
        input_type = getattr(widget, "input_type", "text")
        params = {
            **base,
            "id": field.auto_id,
            "type": input_type,
            "label": {"text": _label_text(field)},
            "value": "" if input_type == "password" or value is None else str(value),
            "autocomplete": attrs.pop("autocomplete", None),
            "spellcheck": False if input_type in ("email", "url", "password") else None,
            "attributes": attrs,
        }
        if "width" in overrides or input_type not in ("email", "url"):
            params["classes"] = overrides.pop("classes", None)
        component = "passwordInput" if input_type == "password" else "input"

    if overrides.pop("label_as_heading", False) and "label" in params:
        params["label"].update({"isPageHeading": True, "size": "l"})
    params.update(overrides)
    return {"component": component, "params": params}


def error_summary(*forms_: forms.BaseForm) -> list[dict[str, str]]:
    """One link per error, pointing at the field's first input (non-field errors unlinked)."""
    items: list[dict[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        for message in form.non_field_errors():
            items.append({"text": str(message)})
        for field in form:
            for message in field.errors:
                items.append({"text": str(message), "href": f"#{_first_input_id(field)}"})
    return items


def hidden_fields(form: forms.BaseForm) -> Markup:
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(
            f.html_name, escape(f.value() if f.value() is not None else "")
        )
        for f in form.hidden_fields()
    )


# Choice fields backed by the database --------------------------------------------------------

_INTEGER_FIELDS = (
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "SmallIntegerField",
    "PositiveSmallIntegerField",
)


def _storable_key(queryset: Any, to_field_name: str | None, value: Any) -> bool:
    """False for a value the database could not even compare with the key column (a number
    beyond 64 bits would make SQLite raise rather than find nothing)."""
    field = (
        queryset.model._meta.get_field(to_field_name) if to_field_name else queryset.model._meta.pk
    )
    if field.get_internal_type() not in _INTEGER_FIELDS:
        return True
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return -(2**63) <= number < 2**63


class ModelChoiceField(forms.ModelChoiceField):
    """``forms.ModelChoiceField`` that answers an out-of-range id with a form error."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _storable_key(
            self.queryset, self.to_field_name, value
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """``forms.ModelMultipleChoiceField`` that answers out-of-range ids with a form error."""

    def _check_values(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple | set) else [value]:
            if not _storable_key(self.queryset, self.to_field_name, item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)
