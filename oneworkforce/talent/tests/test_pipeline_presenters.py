"""What the application page shows, decided without a database."""

from __future__ import annotations

from oneworkforce.talent.pipeline import presenters
from oneworkforce.talent.pipeline.states import LABELS, PATH, State


def _marks(rows):
    return [("now" if r["is_current"] else "done" if r["is_done"] else "") for r in rows]


def test_it_marks_the_steps_reached_done_and_the_present_one_current():
    rows = presenters.steps_row("interview", {"screened", "put_forward", "interview"})
    assert [r["label"] for r in rows] == [LABELS[s] for s in PATH]
    assert _marks(rows) == ["", "done", "done", "now", "", ""]


def test_it_shows_where_an_application_ended_after_the_path():
    rows = presenters.steps_row("withdrawn", {"screened"})
    assert rows[-1] == {"label": LABELS[State.WITHDRAWN], "is_current": True, "is_done": False}
    assert _marks(rows)[: len(PATH)] == ["", "done", "", "", "", ""]


def test_it_adds_no_extra_step_for_someone_who_left_after_starting():
    rows = presenters.steps_row(
        "left", {"screened", "put_forward", "interview", "offer", "started"}
    )
    assert len(rows) == len(PATH)
    assert not any(r["is_current"] for r in rows)


def test_it_offers_screening_only_to_coordinators_while_interested():
    assert presenters.can_screen("interested", coordinator=True)
    assert not presenters.can_screen("interested", coordinator=False)
    assert not presenters.can_screen("screened", coordinator=True)
