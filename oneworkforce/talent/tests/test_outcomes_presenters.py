"""How outcome figures are shown, checked on plain rows without a database."""

from __future__ import annotations

from oneworkforce.talent.outcomes import presenters
from oneworkforce.talent.outcomes.selectors import Retention


def test_it_hides_a_small_group_whole_when_asked_and_shows_it_to_coordinators():
    few = Retention(group="Refugees", retained=2, recorded=3, awaiting=1)
    assert presenters.retention_text(few, suppress=True) == (
        "fewer than 5 recorded",
        "\u2013",
        "fewer than 5",
    )
    assert presenters.retention_text(few, suppress=False) == ("2 of 3", "67%", "1")


def test_it_shows_a_share_only_when_something_was_recorded():
    assert presenters.percent(None) == "\u2013"
    assert presenters.percent(0.5) == "50%"


def test_it_leaves_groups_too_small_to_show_out_of_the_chart():
    rows = [
        Retention(group="Small", retained=1, recorded=2, awaiting=0),
        Retention(group="Large", retained=6, recorded=8, awaiting=0),
    ]
    hidden = presenters.retention_chart(rows, suppress=True)
    shown = presenters.retention_chart(rows, suppress=False)
    assert hidden is not None and shown is not None
    assert len(hidden.bars) == 1 and len(shown.bars) == 2
    assert presenters.retention_chart(rows[:1], suppress=True) is None
