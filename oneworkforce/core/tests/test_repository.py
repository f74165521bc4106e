"""A fresh clone stands on its own: the published data is inside it and nothing reads a folder
beside it; `make run` serves links that open the running site."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oneworkforce import published_data

ROOT = Path(__file__).resolve().parents[3]
# Written in pieces so that this file does not name the folder it forbids.
OUTSIDE = re.compile(
    r"\.\./" + "shared" + r"|[\"']" + "shared" + r"[\"']\s*/\s*[\"']data|" + "shared" + "/data/real"
)


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        [shutil.which("git") or "git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def test_no_tracked_file_names_a_folder_outside_the_repository():
    offenders = []
    for path in tracked_files():
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the published workbook and other binary files
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_pattern_catches_the_ways_the_outside_folder_was_named():
    folder = "shared"
    assert OUTSIDE.search(f'default=Path(settings.BASE_DIR).parent / "{folder}" / "data"')
    assert OUTSIDE.search(f"missing from ../{folder}/data/real/nhs_workforce/")
    assert OUTSIDE.search(f"DATA = REPO / '{folder}/data/real/participatory_budgeting'")
    assert not OUTSIDE.search('"shared": "Share with everyone in the partnership"')


def test_every_published_file_the_code_reads_is_in_the_repository_and_tracked():
    tracked = set(tracked_files())
    needed = [
        published_data.turnover(),
        published_data.nationality(),
        *published_data.sickness(),
        *published_data.elections(),
    ]
    assert len(published_data.sickness()) == 9  # April to December 2024
    assert len(published_data.elections()) == 11
    for path in needed:
        assert path.is_relative_to(ROOT / "data"), path
        assert path in tracked, f"{path} is not committed"


def test_the_data_readme_names_every_folder_its_publisher_and_licence():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    folders = {
        str(path.parent.relative_to(ROOT / "data"))
        for path in (ROOT / "data").rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    for folder in folders:
        assert f"`{folder}/`" in readme, f"data/README.md does not describe {folder}/"
    for words in ("Open Government Licence v3.0", "NHS England", "pabulib", "Nov-25"):
        assert words in readme


def test_a_missing_published_file_is_named_with_its_folder(tmp_path):
    (tmp_path / published_data.TURNOVER_FOLDER).mkdir(parents=True)
    with pytest.raises(published_data.MissingData, match=re.escape(str(tmp_path))):
        published_data.turnover(tmp_path)
    with pytest.raises(published_data.MissingData, match="sickness_absence"):
        published_data.sickness(tmp_path)


def test_make_run_gives_links_the_address_it_serves():
    printed = subprocess.run(
        [
            shutil.which("make") or "make",
            "--dry-run",
            "--always-make",
            "run",
            "HOST=127.0.0.2",
            "PORT=8123",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    (serve,) = [line for line in printed.splitlines() if "runserver" in line]
    assert "SITE_URL=http://127.0.0.2:8123 " in serve
    assert serve.endswith("runserver 127.0.0.2:8123")
