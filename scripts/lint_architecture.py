"""The house rules a linter can check (ADR 017), run by `make lint`:

1. scoping: views reach models only through selectors and services, so no `.objects.`,
   `get_object_or_404` or `get_list_or_404` in a views module;
2. display decisions live in presenters: no template compares a status, state or type with a
   string, and no template checks a person's roles;
3. size: no Python module outside migrations is over 600 lines;
4. imports: an import inside a function says why (an import cycle or a start-up cost) in a
   comment on its line or the line above (imports under `if TYPE_CHECKING:` excepted);
5. access: who may do what is decided in one place per app, so outside `access.py` modules,
   `core/permissions.py` and the user model no code asks a user `.is_partnership_admin` or
   `.administers(...)` itself: it calls the app's access predicates (which organisations a
   person administers, `administered_organisation_ids`, stays a plain read for scoping).

Exceptions are listed in `scripts/lint_architecture_allow.txt`, one per line,
`RULE PATH[:TEXT]  # why`; an exception that no longer matches anything is itself an error, so
the list only shrinks. Prints each finding as `path:line: rule: text` and exits 1 if any.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "oneworkforce"
ALLOW = ROOT / "scripts" / "lint_architecture_allow.txt"
MAX_LINES = 600

MODEL_ACCESS = re.compile(r"\.objects\.|\bget_object_or_404\(|\bget_list_or_404\(")
# `{% if x.status == "open" %}`, `{% elif round.ballot_type != 'ordinal' %}`, `status_key == "…"`
STATUS_TEST = re.compile(
    r"\{%-?\s*(?:el)?if\b[^%]*?\b\w*(?:status|state|_type|kind)\w*\s*(?:==|!=)\s*[\"']"
)
# `user.is_partnership_admin`, `actor.administers(org)`; `access.is_partnership_admin(user)` is
# the predicate itself and is fine.
ACCESS_CHECK = re.compile(r"\b(?!access\b)\w+\.(?:is_partnership_admin\b|administers\()")
ACCESS_MODULES = (
    "access.py",
    "oneworkforce/core/permissions.py",
    "oneworkforce/partners/models.py",
)
ROLE_TEST = re.compile(
    r"\{%-?\s*(?:el)?if\b[^%]*?(?:\.is_partnership_admin|\.administers\(|\.has_role\(|"
    r"\.is_talent_coordinator|\.administered_organisation_ids|\.role_grants)"
)


@dataclass(frozen=True)
class Finding:
    rule: str
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.text}"


def is_views_module(path: Path) -> bool:
    return path.name == "views.py" or path.name.endswith("_views.py")


def _unexplained_local_imports(text: str) -> list[tuple[int, str]]:
    """(line, source) of imports inside functions with no comment on or above their line."""
    lines = text.splitlines()
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                here = lines[child.lineno - 1]
                above = lines[child.lineno - 2] if child.lineno > 1 else ""
                if "#" not in here and not above.strip().startswith("#"):
                    found.append((child.lineno, here.strip()))
            visit(child, inside)

    visit(ast.parse(text), False)
    return found


def findings(package: Path = PACKAGE) -> list[Finding]:
    root = package.parent
    found: list[Finding] = []
    for path in sorted(package.rglob("*.py")):
        parts = set(path.relative_to(package).parts)
        if "migrations" in parts:
            continue
        relative = str(path.relative_to(root))
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_LINES:
            found.append(Finding("size", relative, len(lines), f"{len(lines)} lines"))
        if "tests" not in parts and path.name != "conftest.py":
            for number, source in _unexplained_local_imports("\n".join(lines)):
                found.append(Finding("local-import", relative, number, source))
        if "tests" not in parts and not relative.endswith(ACCESS_MODULES):
            for number, line in enumerate(lines, start=1):
                if ACCESS_CHECK.search(line) and not line.lstrip().startswith("#"):
                    found.append(Finding("access", relative, number, line.strip()))
        if "tests" in parts or not is_views_module(path):
            continue
        for number, line in enumerate(lines, start=1):
            if MODEL_ACCESS.search(line) and not line.lstrip().startswith("#"):
                found.append(Finding("scoping", relative, number, line.strip()))
    for path in sorted(package.rglob("*.jinja")):
        relative = str(path.relative_to(root))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if STATUS_TEST.search(line):
                found.append(Finding("status-in-template", relative, number, line.strip()))
            if ROLE_TEST.search(line):
                found.append(Finding("role-in-template", relative, number, line.strip()))
    return found


@dataclass(frozen=True)
class Exception_:
    rule: str
    path: str
    text: str
    source_line: int

    def covers(self, finding: Finding) -> bool:
        return (
            finding.rule == self.rule
            and finding.path == self.path
            and (not self.text or self.text in finding.text)
        )


def read_allowed(path: Path = ALLOW) -> list[Exception_]:
    allowed = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = raw.split("  #", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        if "  #" not in raw:
            raise SystemExit(f"{path.name} line {number}: say why after '  # '")
        rule, _, where = entry.partition(" ")
        file, _, text = where.strip().partition(":")
        allowed.append(Exception_(rule, file, text.strip(), number))
    return allowed


def main() -> int:
    allowed = read_allowed()
    problems = []
    used: set[int] = set()
    for finding in findings():
        match = next((a for a in allowed if a.covers(finding)), None)
        if match is None:
            problems.append(str(finding))
        else:
            used.add(match.source_line)
    for entry in allowed:
        if entry.source_line not in used:
            problems.append(
                f"{ALLOW.relative_to(ROOT)}:{entry.source_line}: this exception matches "
                "nothing any more: remove it"
            )
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} architecture problem(s); see ADR 017", file=sys.stderr)
        return 1
    print("architecture lint: scoping, access, templates, module sizes and local imports are clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
