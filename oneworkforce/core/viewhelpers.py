"""Small helpers thin views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .services import ServiceError

T = TypeVar("T")


def posted(request: HttpRequest) -> Any:
    """The submitted data for a POST, even an empty one (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


def apply_error(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal on the field it names, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def submitted(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None,
    redirect_to: str | Callable[[T], str],
) -> HttpResponse | None:
    """The form flow of a thin view: a valid form, one service call, a message, a redirect.

    When ``form`` is valid, ``action`` is called with ``form.cleaned_data`` and makes the one
    service call. If the service accepts, ``success`` is added as a success message (none when it
    is None) and the redirect to ``redirect_to`` is returned. ``success`` and ``redirect_to`` may
    be plain values or callables given the service's result, for a message naming what was made
    or a redirect to its page; ``redirect_to`` is a URL or a URL name without arguments.

    None means "show the form again": it is unbound or invalid (``action`` is not called), or the
    service refused with a ``ServiceError``, whose message is now on the field it names, or at the
    top of the form when the form has no such field.
    """
    if not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ServiceError as error:
        apply_error(form, error)
        return None
    message = success(result) if callable(success) else success
    if message is not None:
        messages.success(request, message)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
