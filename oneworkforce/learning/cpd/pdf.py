"""The revalidation summary as a PDF, in the learning record's style (``records.pdf``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings

from ..records.pdf import GREY, NHS_BLUE, _Document, tables


def revalidation(
    *,
    person: str,
    generated: dt.datetime,
    lines: Sequence[str],
    sections: Sequence[tuple[str, list[list[str]]]],
) -> bytes:
    pdf = _Document(f"CPD and revalidation summary: {person}")
    pdf.line_of(settings.SERVICE_NAME, size=12, bold=True, colour=NHS_BLUE)
    pdf.line_of(f"CPD and revalidation summary for {person}", size=18, bold=True)
    pdf.line_of(f"Produced {generated:%d %B %Y at %H:%M}", size=10, colour=GREY)
    pdf.gap(4)
    for line in lines:
        pdf.line_of(line, size=11)
    tables(pdf, sections)
    return bytes(pdf.output())
