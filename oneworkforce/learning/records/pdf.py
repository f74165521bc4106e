"""PDF certificates and learning records (fpdf2, core fonts: nothing is fetched)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

NHS_BLUE = (0, 94, 184)
TEXT = (33, 43, 50)
GREY = (77, 102, 119)


def _latin(text: str) -> str:
    """Core PDF fonts cover Latin-1: keep what fits and replace typographic marks."""
    replacements = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_title(_latin(title))
        self.set_author(settings.SERVICE_NAME)
        self.set_creator(settings.SERVICE_NAME)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.add_page()

    def line_of(self, text: str, *, size: float = 11, bold: bool = False, colour=TEXT) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, _latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def gap(self, mm: float = 4) -> None:
        self.ln(mm)


def certificate(
    *,
    learner: str,
    title: str,
    issuer: str,
    completed_on: dt.date,
    requirements: Sequence[str],
    code: str,
    verify_url: str,
    valid_until: dt.date | None,
    covers: str = "Statutory and mandatory training it covers:",
) -> bytes:
    """A certificate of completion; ``requirements`` are listed under ``covers`` (a programme's
    certificate lists the steps it took)."""
    pdf = _Document(f"Certificate: {title}")
    pdf.set_draw_color(*NHS_BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 190, 277)
    pdf.gap(16)
    pdf.line_of(settings.SERVICE_NAME, size=12, bold=True, colour=NHS_BLUE)
    pdf.gap(6)
    pdf.line_of("Certificate of completion", size=26, bold=True)
    pdf.gap(10)
    pdf.line_of("This is to confirm that", size=12, colour=GREY)
    pdf.gap(2)
    pdf.line_of(learner, size=20, bold=True)
    pdf.gap(4)
    pdf.line_of("completed", size=12, colour=GREY)
    pdf.gap(2)
    pdf.line_of(title, size=16, bold=True)
    pdf.gap(4)
    pdf.line_of(f"provided by {issuer}, on {completed_on:%d %B %Y}.", size=12)
    if requirements:
        pdf.gap(8)
        pdf.line_of(covers, size=12, bold=True)
        for name in requirements:
            pdf.line_of(f"- {name}", size=11)
    pdf.gap(8)
    if valid_until is not None:
        pdf.line_of(f"Valid until {valid_until:%d %B %Y} unless a partner sets a shorter period.")
    pdf.gap(10)
    pdf.line_of(f"Certificate code: {code}", size=12, bold=True)
    pdf.line_of(f"Check it at {verify_url}", size=10, colour=GREY)
    return bytes(pdf.output())


def record(
    *, learner: str, generated: dt.datetime, sections: Sequence[tuple[str, list[list[str]]]]
) -> bytes:
    """The whole learning record: each section is a heading and rows (first row the header)."""
    pdf = _Document(f"Learning record: {learner}")
    pdf.line_of(settings.SERVICE_NAME, size=12, bold=True, colour=NHS_BLUE)
    pdf.line_of(f"Learning record for {learner}", size=20, bold=True)
    pdf.line_of(f"Produced {generated:%d %B %Y at %H:%M}", size=10, colour=GREY)
    tables(pdf, sections)
    return bytes(pdf.output())


def tables(pdf: _Document, sections: Sequence[tuple[str, list[list[str]]]]) -> None:
    """Each section as a heading and a table (its first row the header), or "None."."""
    for heading, rows in sections:
        pdf.gap(6)
        pdf.line_of(heading, size=14, bold=True)
        if len(rows) <= 1:
            pdf.line_of("None.", size=10, colour=GREY)
            continue
        pdf.set_font("Helvetica", "", 9)
        pdf.set_text_color(*TEXT)
        with pdf.table(first_row_as_headings=True, line_height=5) as table:
            for values in rows:
                table_row = table.row()
                for value in values:
                    table_row.cell(_latin(value))
