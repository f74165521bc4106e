"""Staff portability pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oneworkforce.core.permissions import public


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "deployments/home.jinja", {})
