"""The prospectus as a printable PDF built from the live data (fpdf2, core fonts: nothing is
fetched), with the same sections as the page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from oneworkforce.learning.records.pdf import GREY, TEXT, _latin

BLUE = (0, 94, 184)
PHOTO_MM = 84  # two photos side by side on an A4 page's 174 mm


class _Prospectus(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_title(_latin(title))
        self.set_author(settings.SERVICE_NAME)
        self.set_creator(settings.SERVICE_NAME)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(18, 16, 18)
        self.add_page()

    def text(self, value: str, *, size: float = 10.5, bold: bool = False, colour=TEXT) -> None:  # type: ignore[override]
        self.set_font("Helvetica", "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, _latin(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, value: str) -> None:
        self.ln(4)
        self.text(value, size=14, bold=True, colour=BLUE)
        self.ln(1)

    def photos(self, photos: list[dict[str, Any]]) -> None:
        """Two photos a row, each PHOTO_MM wide with its caption and credit beneath."""
        for at in range(0, len(photos), 2):
            row = [p for p in photos[at : at + 2] if p["image"]]
            tallest = max((PHOTO_MM * p["height"] / p["width"] for p in row), default=0)
            if self.get_y() + tallest + 14 > self.page_break_trigger:
                self.add_page()
            top, bottom = self.get_y(), self.get_y()
            for n, photo in enumerate(row):
                x = self.l_margin + n * (PHOTO_MM + 6)
                shown = self.image(
                    BytesIO(photo["image"]), x=x, y=top, w=PHOTO_MM, alt_text=_latin(photo["alt"])
                )
                self.set_xy(x, top + shown.rendered_height + 1)
                words = " ".join(w for w in (photo["caption"], photo["credit"]) if w)
                self.set_font("Helvetica", "", 8.5)
                self.set_text_color(*GREY)
                self.multi_cell(PHOTO_MM, 4, _latin(words), new_x=XPos.LEFT, new_y=YPos.NEXT)
                bottom = max(bottom, self.get_y())
            self.set_xy(self.l_margin, bottom + 3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, f"Page {self.page_no()}", align="R")


def prospectus_pdf(shown: dict[str, Any]) -> bytes:
    pdf = _Prospectus(shown["title"])
    pdf.text(shown["place"], size=12, bold=True, colour=BLUE)
    pdf.text(shown["title"], size=24, bold=True)
    pdf.text(f"Live figures on {shown['as_of']}.", size=9, colour=GREY)
    pdf.heading("Why work here")
    for para in shown["why_here"]:
        pdf.text(para)
        pdf.ln(1)
    if shown["photos"]:
        pdf.ln(2)
        pdf.photos(shown["photos"])
    pdf.heading("The partners")
    for group in shown["partners"]:
        pdf.text(f"{group['sector']} ({group['count']})", bold=True)
        pdf.text(", ".join(group["names"]), size=9.5)
        pdf.ln(1)
    pdf.heading(f"Roles and pathways ({shown['role_count']})")
    for pathway in shown["pathways"]:
        pdf.text(pathway["title"], bold=True)
        pdf.text(" > ".join(pathway["steps"]), size=9.5)
    pdf.heading(f"Jobs: {shown['jobs_summary']}")
    if shown["jobs_by_sector"]:
        pdf.text("; ".join(shown["jobs_by_sector"]), size=9.5)
    for job in shown["newest_jobs"]:
        pdf.text(f"{job['title']}, {job['employer']}", bold=True, size=10)
        pdf.text(f"{job['pay']}. Closes {job['closes']}.", size=9.5)
    pdf.heading("Events")
    if not shown["events"]:
        pdf.text("New events are added often: see the jobs page.")
    for event in shown["events"]:
        pdf.text(f"{event['title']}: {event['when']}, {event['where']}", size=10)
    pdf.heading("Support to get into work")
    for para in shown["support"]:
        pdf.text(para)
    if shown["contacts"]:
        pdf.heading("Contacts")
        for para in shown["contacts"]:
            pdf.text(para)
    return bytes(pdf.output())
