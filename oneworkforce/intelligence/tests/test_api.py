"""The intelligence API reads a scenario only from the text it is sent: text that names a file,
a folder or a device is refused the same way whether or not it exists, and nothing is opened."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .projection_fixtures import EXAMPLES

# Files the server opens while a request is answered (an audit hook cannot be removed, so it
# records only while a test switches it on).
_opened: list[str] | None = None


def _record_open(event: str, args: tuple) -> None:
    if _opened is not None and event in ("open", "os.listdir", "os.scandir") and args:
        _opened.append(str(args[0]))


sys.addaudithook(_record_open)


@pytest.fixture
def opened():
    global _opened
    _opened = []
    yield _opened
    _opened = None


def _named(tmp_path: Path) -> dict[str, str]:
    existing = tmp_path / "notes.txt"
    existing.write_text("some notes\n", encoding="utf-8")
    return {
        "an existing file": str(existing),
        "an existing folder": str(tmp_path),
        "a missing file": str(tmp_path / "missing.toml"),
        "a valid scenario file": str((EXAMPLES / "baseline.toml").resolve()),
        "an endless device": "/dev/zero",
    }


@pytest.mark.django_db
def test_it_refuses_a_file_name_alike_whether_or_not_the_file_exists(
    client, learner, tmp_path, opened
):
    client.force_login(learner)
    names = _named(tmp_path)
    opened.clear()  # only what the requests open counts
    answers = {}
    for kind, name in names.items():
        response = client.post(
            "/api/v1/intelligence/project",
            {"scenario": name, "runs": 1, "seed": 0},
            content_type="application/json",
        )
        answers[kind] = (response.status_code, response.content)
    assert {status for status, _ in answers.values()} == {422}
    assert len({body for _, body in answers.values()}) == 1, answers
    body = next(iter(answers.values()))[1].decode()
    assert "not the name of a file" in body and "body.scenario" in body
    assert not [path for path in opened if path in names.values()]


@pytest.mark.django_db
def test_it_still_projects_scenario_text(client, learner):
    client.force_login(learner)
    text = (EXAMPLES / "baseline.toml").read_text(encoding="utf-8")
    response = client.post(
        "/api/v1/intelligence/project",
        {"scenario": text, "runs": 0},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["scenario"]
