"""The form flow helper on a plain Django form: accepted, invalid and refused submissions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import RequestFactory

from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import submitted


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def post(data: dict[str, str]) -> HttpRequest:
    request = RequestFactory().post("/things/new/", data)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def shown(request: HttpRequest) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in messages.get_messages(request)]


class Service:
    """Records its calls; refuses with ``error`` when one is given."""

    def __init__(self, error: ServiceError | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.error = error

    def __call__(self, data: dict[str, Any]) -> str:
        self.calls.append(dict(data))
        if self.error is not None:
            raise self.error
        return f"made-{data['name']}"


def test_it_redirects_with_the_message_when_the_service_accepts():
    request = post({"name": "Rota"})
    service = Service()

    response = submitted(
        request, NameForm(request.POST), service, success="Saved.", redirect_to="/things/"
    )

    assert response is not None
    assert (response.status_code, response["Location"]) == (302, "/things/")
    assert service.calls == [{"name": "Rota"}]
    assert shown(request) == [(messages.SUCCESS, "Saved.")]


def test_it_names_what_was_made_in_the_message_and_the_redirect():
    request = post({"name": "Rota"})

    response = submitted(
        request,
        NameForm(request.POST),
        Service(),
        success=lambda made: f"{made} has been added.",
        redirect_to=lambda made: f"/things/{made}/",
    )

    assert response is not None
    assert response["Location"] == "/things/made-Rota/"
    assert shown(request) == [(messages.SUCCESS, "made-Rota has been added.")]


def test_it_redirects_without_a_message_when_success_is_none():
    request = post({"name": "Rota"})

    response = submitted(
        request, NameForm(request.POST), Service(), success=None, redirect_to="/thanks/"
    )

    assert response is not None
    assert response["Location"] == "/thanks/"
    assert shown(request) == []


def test_it_shows_an_invalid_form_again_without_calling_the_service():
    request = post({"name": ""})
    form = NameForm(request.POST)
    service = Service()

    response = submitted(request, form, service, success="Saved.", redirect_to="/things/")

    assert response is None
    assert service.calls == []
    assert "name" in form.errors
    assert shown(request) == []


def test_it_shows_an_unbound_form_without_calling_the_service():
    request = RequestFactory().get("/things/new/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    form = NameForm(None)
    service = Service()

    assert submitted(request, form, service, success="Saved.", redirect_to="/x/") is None
    assert service.calls == []
    assert form.errors == {}


def test_it_puts_a_refusal_on_the_field_the_service_names():
    request = post({"name": "Rota"})
    form = NameForm(request.POST)
    service = Service(ServiceError("That name is taken.", field="name"))

    response = submitted(request, form, service, success="Saved.", redirect_to="/things/")

    assert response is None
    assert service.calls == [{"name": "Rota"}]
    assert form.errors == {"name": ["That name is taken."]}
    assert shown(request) == []


def test_it_puts_a_refusal_on_the_whole_form_when_the_field_is_not_in_it():
    request = post({"name": "Rota"})
    form = NameForm(request.POST)
    service = Service(ServiceError("The round has closed.", field="round"))

    response = submitted(request, form, service, success="Saved.", redirect_to="/things/")

    assert response is None
    assert form.non_field_errors() == ["The round has closed."]
    assert "round" not in form.errors
    assert shown(request) == []
