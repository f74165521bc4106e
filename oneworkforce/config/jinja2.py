"""The Jinja2 environment: app templates first, then the NHS.UK frontend macros."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import localtime
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, select_autoescape

from oneworkforce.core import formatting
from oneworkforce.core.forms import error_summary, hidden_fields, nhsuk_field


def _local(value: Any) -> Any:
    """An aware date and time in the site's time zone (stored times are UTC)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return localtime(value)
    return value


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    app_loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [
            app_loader,
            PackageLoader("nhsuk_frontend_jinja", package_path="templates"),
            # template-with-imports.jinja extends "template.jinja" by its bare name.
            PackageLoader("nhsuk_frontend_jinja", package_path="templates/nhsuk"),
        ]
    )
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", select_autoescape(default=True))
    options["extensions"] = [
        *options.get("extensions", []),
        "jinja2.ext.loopcontrols",
        "jinja2.ext.do",
    ]
    env = Environment(**options)  # noqa: S701 - autoescape is set above
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "nhsuk_field": nhsuk_field,
            "error_summary": error_summary,
            "hidden_fields": hidden_fields,
            "count": formatting.count,
        }
    )
    env.filters.update(
        {
            "date": lambda value: formatting.date(_local(value)),
            "datetime": lambda value: formatting.datetime(_local(value)) if value else "",
            "time": lambda value: formatting.clock(_local(value)) if value else "",
            "count": formatting.count,
            "percent": formatting.percent,
            "number": formatting.number,
        }
    )
    return env
