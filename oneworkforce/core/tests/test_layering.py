"""``core`` serves every app and depends on none: the API's mounting lives in ``config``, the
front page in ``partners``, charts in ``core``."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
FEATURE_APPS = ("partners", "learning", "talent", "deployments", "intelligence", "decisions")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def feature_imports(root: Path) -> list[str]:
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(root).parts):
            continue
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "oneworkforce" and len(parts) > 1 and parts[1] in FEATURE_APPS:
                offenders.append(f"{path.relative_to(root.parent)}:{line} imports {module}")
    return offenders


def test_core_imports_no_feature_app():
    assert not feature_imports(CORE)


def test_the_check_finds_a_feature_import(tmp_path):
    module = tmp_path / "core" / "views.py"
    module.parent.mkdir()
    module.write_text("def home():\n    from oneworkforce.partners.models import Faculty\n")
    assert feature_imports(tmp_path / "core") == [
        "core/views.py:2 imports oneworkforce.partners.models"
    ]
