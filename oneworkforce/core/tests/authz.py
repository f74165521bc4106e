"""The vocabulary of the authorization matrix.

Each app lists a :class:`Rule` for every one of its URL names in ``<app>/tests/authz_rules.py``
(``RULES``) and may add the objects its URLs need to the shared world (``build_world``).
``test_authorization_matrix`` fails when a URL pattern has no rule.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

ANONYMOUS = "anonymous"
LEARNER = "learner"
ADMIN_A = "partner_admin_a"
ADMIN_B = "partner_admin_b"
PARTNERSHIP_ADMIN = "partnership_admin"
# A partnership-wide talent coordinator who is no partner's admin.
TALENT_COORDINATOR = "talent_coordinator"

ROLES = (ANONYMOUS, LEARNER, ADMIN_A, ADMIN_B, PARTNERSHIP_ADMIN, TALENT_COORDINATOR)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
ADMINS_OF_A = frozenset({ADMIN_A, PARTNERSHIP_ADMIN})
ANY_ADMIN = frozenset({ADMIN_A, ADMIN_B, PARTNERSHIP_ADMIN})
ONLY_PARTNERSHIP_ADMIN = frozenset({PARTNERSHIP_ADMIN})

World = SimpleNamespace


@dataclass(frozen=True)
class Rule:
    """Who may use a URL.

    ``methods`` are the HTTP methods the matrix sends: ``GET`` for pages, ``POST`` for
    actions; views that show a form and accept it list both (the POST is sent empty); API
    endpoints may name ``PUT`` (sent with an empty JSON body).
    """

    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    methods: tuple[str, ...] = ("GET",)
    query: str = ""
    # Reached only with a partner system's key, never a browser session: everyone is asked
    # to authenticate.
    machine_key: bool = False


def collect_rules() -> tuple[list[Any], dict[str, Rule]]:
    """Every installed One Workforce app's ``tests.authz_rules`` module, and their rules merged."""
    from django.conf import settings

    modules = []
    for app in settings.INSTALLED_APPS:
        if app.startswith("oneworkforce."):
            try:
                modules.append(importlib.import_module(f"{app}.tests.authz_rules"))
            except ModuleNotFoundError as error:
                if error.name not in (f"{app}.tests.authz_rules", f"{app}.tests"):
                    raise
    rules: dict[str, Rule] = {}
    for module in modules:
        rules.update(module.RULES)
    return modules, rules
