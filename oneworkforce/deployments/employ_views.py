"""Employ-and-deploy agreements between a lead employer and primary care networks."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
