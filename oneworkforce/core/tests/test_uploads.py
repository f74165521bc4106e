"""The shared reader every importer's upload passes through."""

from __future__ import annotations

import pytest

from oneworkforce.core import uploads


def _refusal(data: bytes) -> uploads.UploadError:
    with pytest.raises(uploads.UploadError) as caught:
        uploads.decode(data)
    return caught.value


def test_it_reads_utf8_and_drops_the_byte_order_mark():
    assert uploads.decode("\ufeffname\nZoë\n".encode()) == "name\nZoë\n"


def test_it_refuses_a_zero_byte_naming_the_line_and_character():
    error = _refusal(b"a,b\r\nc,d\r\nef\x00,g\r\n")
    assert (error.line, error.column) == (3, 3)
    assert str(error).startswith("line 3, character 3: holds a zero byte")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_it_refuses_wide_text_with_its_mark(encoding):
    error = _refusal("a,b\n1,2\n".encode(encoding))
    assert error.line == 1 and encoding.upper() in error.message


def test_it_refuses_utf16_without_a_mark_by_its_zero_bytes():
    assert _refusal("a,b\n".encode("utf-16-le")).line == 1


def test_it_refuses_latin1_bytes_naming_the_line():
    error = _refusal("a,b\n1,2\nZo\u00eb,3\n".encode("latin-1"))
    assert error.line == 3 and "not UTF-8" in error.message


def test_it_refuses_an_over_long_line_and_accepts_one_at_the_limit():
    uploads.decode(b"x" * uploads.MAX_LINE_CHARS + b"\n")
    error = _refusal(b"a\n" + b"x" * (uploads.MAX_LINE_CHARS + 1) + b"\n")
    assert error.line == 2 and "lines may be at most 20,000" in error.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('a,b\n1,2\n3,"cut', 3, "not closed before the end of the file"),
        ('a,b\n1,"x"y\n', 2, "more text after its closing quote"),
    ],
)
def test_csv_rows_refuse_broken_quoting_naming_the_line(text, line, words):
    with pytest.raises(uploads.UploadError) as caught:
        list(uploads.csv_rows(text))
    assert caught.value.line == line and words in caught.value.message


def test_csv_rows_give_the_line_each_record_starts_on():
    rows = list(uploads.csv_rows('a,b\n\n"two\nlines",x\nlast,y\n'))
    assert rows == [(1, ["a", "b"]), (3, ["two\nlines", "x"]), (5, ["last", "y"])]


def test_repeated_names_each_name_given_twice_once():
    assert uploads.repeated(["a", "b", "a", "c", "a", "b"]) == ["a", "b"]
