"""Serve the compiled NHS.UK frontend from the npm package, and only what pages use.

The package's ``dist`` folder is 19 MB, mostly SCSS and source maps. This finder exposes the
minified CSS and JavaScript under ``nhsuk/`` and the ``assets`` folder (icons, favicons, manifest)
at the root of ``STATIC_URL``, which is where the compiled CSS expects ``/assets/images/...``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

# The source maps go with them: the minified files point at them, and the manifest storage
# of collectstatic refuses references to missing files.
SERVED_DIST_FILES = (
    "nhsuk-frontend.min.css",
    "nhsuk-frontend.min.css.map",
    "nhsuk-frontend.min.js",
    "nhsuk-frontend.min.js.map",
)


def dist_dir() -> Path:
    return Path(settings.NODE_MODULES_DIR) / "nhsuk-frontend" / "dist" / "nhsuk"


class NhsukFrontendFinder(BaseFinder):
    def _files(self) -> dict[str, Path]:
        root = dist_dir()
        files = {f"nhsuk/{name}": root / name for name in SERVED_DIST_FILES}
        assets = root / "assets"
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file():
                    files[path.relative_to(assets).as_posix()] = path
        return files

    def check(self, **kwargs: Any) -> list[Error]:
        missing = [str(p) for p in self._files().values() if not p.is_file()]
        if missing or not (dist_dir() / "assets").is_dir():
            return [
                Error(
                    "The NHS.UK frontend package is not installed.",
                    hint="Run `make install` (it runs `npm ci`) from the project root.",
                    id="oneworkforce.E001",
                )
            ]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        match = self._files().get(path)
        if match is None or not match.is_file():
            return []
        return [str(match)] if find_all or kwargs.get("all") else str(match)

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        root = dist_dir()
        dist_storage = FileSystemStorage(location=str(root))
        dist_storage.prefix = "nhsuk"  # type: ignore[attr-defined]
        for name in SERVED_DIST_FILES:
            if (root / name).is_file():
                yield name, dist_storage
        assets_storage = FileSystemStorage(location=str(root / "assets"))
        for relative, path in self._files().items():
            if not relative.startswith("nhsuk/"):
                yield path.relative_to(root / "assets").as_posix(), assets_storage
