"""Small helpers thin views share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from .services import ServiceError


def posted(request: HttpRequest) -> Any:
    """The submitted data for a POST, even an empty one (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


def apply_error(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal on the field it names, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
