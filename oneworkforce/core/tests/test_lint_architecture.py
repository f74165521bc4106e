"""The architecture lint (ADR 017) finds what it is meant to find, and its allow-list holds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location(
    "lint_architecture", ROOT / "scripts" / "lint_architecture.py"
)
assert _spec and _spec.loader
lint = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = lint  # dataclasses look their module up there
_spec.loader.exec_module(lint)


def write(root: Path, relative: str, text: str) -> None:
    path = root / "oneworkforce" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rules_found(tmp_path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path, f.line) for f in lint.findings(tmp_path / "oneworkforce")]


def test_it_finds_model_access_in_views_but_not_in_selectors_or_tests(tmp_path):
    write(tmp_path, "app/views.py", "def v(r):\n    return Thing.objects.get(pk=1)\n")
    write(tmp_path, "app/part/views.py", "x = get_object_or_404(Thing, pk=1)\n")
    write(tmp_path, "app/selectors.py", "def s():\n    return Thing.objects.all()\n")
    write(tmp_path, "app/tests/test_views.py", "Thing.objects.create()\n")
    assert rules_found(tmp_path) == [
        ("scoping", "oneworkforce/app/part/views.py", 1),
        ("scoping", "oneworkforce/app/views.py", 2),
    ]


def test_it_finds_status_and_role_tests_in_templates(tmp_path):
    write(
        tmp_path,
        "app/jinja2/app/page.jinja",
        '{% if round.status == "open" %}x{% endif %}\n'
        "{% elif kind != 'a' %}\n"
        '{% if status_key == "revoked" %}a key naming a status{% endif %}\n'
        "{% if can_open %}fine{% endif %}\n"
        '{% if f.name == "month" %}a field name, not a status{% endif %}\n'
        "{% if request.user.is_partnership_admin %}y{% endif %}\n",
    )
    assert rules_found(tmp_path) == [
        ("status-in-template", "oneworkforce/app/jinja2/app/page.jinja", 1),
        ("status-in-template", "oneworkforce/app/jinja2/app/page.jinja", 2),
        ("status-in-template", "oneworkforce/app/jinja2/app/page.jinja", 3),
        ("role-in-template", "oneworkforce/app/jinja2/app/page.jinja", 6),
    ]


def test_it_finds_permission_checks_asked_of_a_user_outside_the_access_modules(tmp_path):
    write(
        tmp_path,
        "app/services.py",
        "def a(actor, org):\n"
        "    if not actor.administers(org):\n"
        "        return request.user.is_partnership_admin\n"
        "    return access.is_partnership_admin(actor), access.can_administer(actor, org)\n"
        "ids = user.administered_organisation_ids\n",
    )
    write(tmp_path, "app/access.py", "def can(user, org):\n    return user.administers(org)\n")
    write(tmp_path, "core/permissions.py", "rule = lambda user: user.is_partnership_admin\n")
    write(
        tmp_path,
        "partners/models.py",
        "class U:\n    x = property(lambda self: self.is_partnership_admin)\n",
    )
    write(tmp_path, "app/tests/test_x.py", "assert user.is_partnership_admin\n")
    assert rules_found(tmp_path) == [
        ("access", "oneworkforce/app/services.py", 2),
        ("access", "oneworkforce/app/services.py", 3),
    ]


def test_it_finds_long_modules_outside_migrations(tmp_path):
    write(tmp_path, "app/services.py", "x = 1\n" * 601)
    write(tmp_path, "app/short.py", "x = 1\n" * 600)
    write(tmp_path, "app/migrations/0001_initial.py", "x = 1\n" * 900)
    assert rules_found(tmp_path) == [("size", "oneworkforce/app/services.py", 601)]


def test_it_finds_imports_inside_functions_that_do_not_say_why(tmp_path):
    write(
        tmp_path,
        "app/services.py",
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from app.models import Thing\n"
        "def a():\n"
        "    from app.models import Thing\n"
        "def b():\n"
        "    from app.models import Thing  # late: models import this module\n"
        "def c():\n"
        "    # start-up: the solver takes a second to import\n"
        "    import ortools\n",
    )
    write(tmp_path, "app/tests/test_x.py", "def t():\n    import json\n")
    assert rules_found(tmp_path) == [("local-import", "oneworkforce/app/services.py", 6)]


def test_every_exception_in_the_allow_list_says_why_and_still_matches_something():
    allowed = lint.read_allowed()
    found = lint.findings()
    stale = [a for a in allowed if not any(a.covers(f) for f in found)]
    assert not stale, [f"line {a.source_line}: {a.rule} {a.path}" for a in stale]
    uncovered = [str(f) for f in found if not any(a.covers(f) for a in allowed)]
    assert not uncovered, uncovered
