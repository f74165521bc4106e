"""Reading an uploaded text file, for every importer (pure Python, no Django).

Every CSV or ``.pb`` upload passes through :func:`decode` (bytes) or :func:`check_text` (text
already decoded), which refuse what no importer should store or try to parse, naming the line:

* text that is not UTF-8, including UTF-16 and UTF-32 (a spreadsheet's "Unicode text") and
  Latin-1 bytes;
* the NUL character (a zero byte), which PostgreSQL cannot store in text and which marks a
  damaged file or one in another encoding;
* a line longer than :data:`MAX_LINE_CHARS` characters.

:func:`csv_rows` then reads the records strictly: a quote left open at the end (a file cut
short) or a stray quote after a quoted value is refused with the line the record starts on.
Errors are :class:`UploadError`; each importer turns them into its own kind of problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

MAX_LINE_CHARS = 20_000
_BREAKS = re.compile(r"\r\n|\r|\n")
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class UploadError(ValueError):
    """The upload cannot be read. ``line`` is the file line (from 1), ``column`` the character
    on it (from 1) where that is known."""

    def __init__(self, line: int, message: str, column: int | None = None) -> None:
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{self.where}: {message}")

    @property
    def where(self) -> str:
        return f"line {self.line}" + (f", character {self.column}" if self.column else "")


def decode(data: bytes, *, advice: str = "save it as CSV UTF-8") -> str:
    """The upload as text (a UTF-8 byte-order mark is dropped), checked by :func:`check_text`."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise UploadError(1, f"the file is {name} text, not UTF-8 ({advice})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if b"\x00" in data[: error.start + 1]:
            check_text(data[: error.start + 1].decode("utf-8", "replace"))
        raise UploadError(line, f"the file is not UTF-8 text ({advice})") from None
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Refuse text holding the NUL character or a line over :data:`MAX_LINE_CHARS`."""
    has_nul = "\x00" in text
    lines = _BREAKS.split(text)
    if not has_nul and max(map(len, lines), default=0) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(lines, start=1):
        position = line.find("\x00")
        if position >= 0:
            raise UploadError(
                number,
                "holds a zero byte (the NUL character): the file is damaged, or is not UTF-8 text",
                position + 1,
            )
        if len(line) > MAX_LINE_CHARS:
            raise UploadError(
                number,
                f"is {len(line):,} characters long; lines may be at most {MAX_LINE_CHARS:,}",
            )


def csv_rows(text: str, *, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; blank records are skipped. A record that
    cannot be read (an unclosed quote, text after a closing quote, a field over the csv
    module's size limit) raises :class:`UploadError` naming the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UploadError(start, _csv_problem(str(error))) from None
        if any(v.strip() for v in values):
            yield start, values
        start = reader.line_num + 1


def _csv_problem(error: str) -> str:
    if "unexpected end of data" in error:
        return "a quoted value is not closed before the end of the file (is the file cut short?)"
    if "expected after" in error:
        return 'a quoted value has more text after its closing quote (write "" for a quote)'
    return f"cannot be read as CSV ({error})"


def repeated(names: list[str]) -> list[str]:
    """The names given more than once, in the order they first repeat."""
    seen: set[str] = set()
    twice: list[str] = []
    for name in names:
        if name in seen and name not in twice:
            twice.append(name)
        seen.add(name)
    return twice
