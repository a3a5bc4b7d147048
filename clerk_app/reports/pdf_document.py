"""The A4 document the printed reports share: the Unicode font, a footer, and plain tables.

fpdf2 is imported here only, and this module only when a PDF is made, so the app and the
command line start without it. Tables are drawn cell by cell (fpdf2's own table() takes about
12 s for a 4,000-voter list, plain cells under 1 s) and repeat their heading on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from clerk_app.reports.fonts import BOLD, REGULAR, font_path
from clerk_app.reports.labels import Labels

FAMILY = "DejaVu"
INK = (17, 17, 17)
ACCENT = (31, 78, 140)  # the app's accent, so the chart reads like the screen's
MUTED = (90, 90, 90)
RULE = (160, 160, 160)
HEADING_FILL = (225, 232, 242)

Align = Literal["L", "R", "C"]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm
    align: Align = "L"


class ReportPdf(FPDF):
    """Portrait A4, 15 mm margins, DejaVu Sans, "made at ... · page n/N" at the foot of each page."""

    TABLE_PT = 9.0
    MIN_PT = 6.5

    def __init__(self, labels: Labels, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.labels = labels
        self.footer_text = footer_text
        self.add_font(FAMILY, "", str(font_path(REGULAR)))
        self.add_font(FAMILY, "B", str(font_path(BOLD)))
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_text_color(*INK)
        self.set_font(FAMILY, size=10)
        self.repeat_on_new_page: tuple[list[Column], float] | None = None

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        half = self.epw / 2
        self.cell(half, 5, self.footer_text, align="L")
        self.cell(half, 5, self.labels("page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(*INK)

    def header(self) -> None:
        # A table that runs onto a new page repeats its heading there.
        if self.repeat_on_new_page is not None and self.page_no() > 1:
            columns, height = self.repeat_on_new_page
            self.table_heading(columns, height)

    @property
    def width(self) -> float:
        return float(self.epw)

    def heading(self, text: str, size: float = 12, *, keep_with: float = 0) -> None:
        """A bold heading; on a new page if it and ``keep_with`` mm of what follows would not fit."""
        if keep_with and self.will_page_break(size * 0.55 + 1 + keep_with):
            self.add_page()
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.55, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=10)
        self.ln(1)

    def centred(self, text: str, *, size: float = 10, bold: bool = False, width: float = 0) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.cell(width, size * 0.5, text, align="C", new_x=XPos.LMARGIN if not width else XPos.RIGHT, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=10)

    def key_values(self, pairs: Sequence[tuple[str, str]], key_width: float = 95) -> None:
        for key, value in pairs:
            self.set_font(FAMILY, size=10)
            self.cell(key_width, 6, key + ":")
            self.set_font(FAMILY, "B", 10)
            self.cell(0, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=10)

    def fit_font(self, text: str, width: float, style: str = "") -> float:
        """Set the table font, smaller (down to MIN_PT) if ``text`` would run over ``width``; its size."""
        size = self.TABLE_PT
        self.set_font(FAMILY, style, size)
        while size > self.MIN_PT and self.get_string_width(text) > width - 2:
            size -= 0.5
            self.set_font(FAMILY, style, size)
        return size

    def table_heading(self, columns: Sequence[Column], height: float) -> None:
        self.set_fill_color(*HEADING_FILL)
        for column in columns:
            self.fit_font(column.title, column.width, "B")
            self.cell(column.width, height, column.title, border=1, align=column.align, fill=True)
        self.ln(height)
        self.set_font(FAMILY, size=self.TABLE_PT)

    def rows_table(self, columns: list[Column], rows: Sequence[Sequence[str]], *, height: float = 6.0) -> None:
        """Rows of text under a heading that is repeated on every page the table runs onto."""
        self.table_heading(columns, height)
        self.repeat_on_new_page = (columns, height)
        try:
            for row in rows:
                for column, text in zip(columns, row, strict=True):
                    self.cell(column.width, height, text, border=1, align=column.align)
                self.ln(height)
        finally:
            self.repeat_on_new_page = None
        self.set_font(FAMILY, size=10)
