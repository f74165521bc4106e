"""What the pages show of session materials (no database)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from oneworkforce.learning.materials import presenters


def test_file_sizes_read_as_people_say_them():
    assert presenters.file_size(15) == "1 KB"
    assert presenters.file_size(850 * 1024) == "850 KB"
    assert presenters.file_size(int(4.2 * 1024 * 1024)) == "4.2 MB"


def test_a_row_never_holds_the_files_bytes_and_a_link_has_no_size():
    start = dt.datetime(2026, 11, 18, 9, 30, tzinfo=dt.UTC)
    link = SimpleNamespace(
        pk=1,
        title="Recording",
        link="https://video.example.org/x",
        file_name="",
        file_size=0,
        file=b"never shown",
        who_can_use="Anyone.",
        session=SimpleNamespace(starts_at=start),
        get_audience_display=lambda: "Everyone, whether or not they came",
    )
    (row,) = presenters.rows([link])
    assert row["size"] == ""
    assert row["session_starts_at"] == start
    assert b"never shown" not in repr(row).encode()
