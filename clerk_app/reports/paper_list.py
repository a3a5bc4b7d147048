"""The paper backup of the voter list, for the day the laptop dies: every voter in list order.

Each row: list number, full name, birth, gender, residential group, and for a voter who voted the
check-in mark with its time (and "HPP" for the mobile ballot box); voters with a certificate to
vote elsewhere say so, voters added on the day too. No ID numbers: paper travels. The team goes
on ticking by hand from where the laptop stopped, so the first page says up to when the marks
are right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fpdf.enums import XPos, YPos
from sqlite_utils import Database

from clerk_app import __version__
from clerk_app.clock import from_iso
from clerk_app.reports.labels import Labels, clock_time
from clerk_app.reports.pdf_document import FAMILY, Column, ReportPdf

ROW_HEIGHT = 6.0


@dataclass(frozen=True)
class PaperRow:
    list_no: int
    name: str
    birth: str
    gender: str
    group: str
    status: str  # listed, added, elsewhere
    checked_in_at: datetime | None
    mobile_box: bool


def paper_rows(db: Database) -> list[PaperRow]:
    """Everyone on the printed list or added to it (removed voters are gone), in list order."""
    rows = db.conn.execute(
        "SELECT v.list_no, v.name, v.birth, v.gender, v.grp, v.status, c.at, coalesce(c.mobile_box, 0)"
        " FROM voters v LEFT JOIN checkins c ON c.list_no = v.list_no AND c.test = 0"
        " WHERE v.status IN ('listed', 'added', 'elsewhere') ORDER BY v.list_no"
    ).fetchall()
    return [
        PaperRow(no, name, birth, gender, grp, status, from_iso(at) if at else None, bool(mobile))
        for no, name, birth, gender, grp, status, at, mobile in rows
    ]


def render_paper_list(db: Database, labels: Labels, now: datetime, *, place_line: str | None) -> tuple[bytes, int]:
    """The PDF and the number of voters on it."""
    rows = paper_rows(db)
    footer = labels("made_at", time=clock_time(now), date=labels.day(now.date()), version=__version__)
    pdf = ReportPdf(labels, footer)
    pdf.set_title(labels("paper_title"))
    pdf.add_page()
    pdf.centred(labels("paper_title"), size=14, bold=True)
    if place_line:
        pdf.centred(place_line, size=10)
    on_list = sum(1 for r in rows if r.status != "elsewhere")
    voted = sum(1 for r in rows if r.checked_in_at is not None and r.status != "elsewhere")
    pdf.set_font(FAMILY, size=9)
    pdf.ln(2)
    as_of = labels("paper_as_of", time=clock_time(now), date=labels.day(now.date()))
    counts = labels("paper_counts", voters=labels.number(on_list), voted=labels.number(voted))
    pdf.multi_cell(0, 5, f"{as_of} {counts}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _table(pdf, labels, rows)
    return bytes(pdf.output()), len(rows)


def _columns(labels: Labels) -> list[Column]:
    return [
        Column(labels("paper_no"), 12, "R"),
        Column(labels("paper_name"), 54),
        Column(labels("paper_birth"), 22),
        Column(labels("paper_gender"), 17),
        Column(labels("group"), 27),
        Column(labels("paper_voted"), 24),
        Column(labels("paper_note"), 24),
    ]


def _table(pdf: ReportPdf, labels: Labels, rows: list[PaperRow]) -> None:
    columns = _columns(labels)
    pdf.table_heading(columns, ROW_HEIGHT)
    pdf.repeat_on_new_page = (columns, ROW_HEIGHT)
    try:
        for row in rows:
            for column, text in zip(columns, _cells(row, labels), strict=True):
                _fitted_cell(pdf, column, text)
            pdf.ln(ROW_HEIGHT)
    finally:
        pdf.repeat_on_new_page = None


def _cells(row: PaperRow, labels: Labels) -> list[str]:
    voted = ""
    if row.checked_in_at is not None:
        voted = f"✓ {clock_time(row.checked_in_at)}" + (f" {labels('paper_mobile')}" if row.mobile_box else "")
    note = {"elsewhere": labels("paper_elsewhere"), "added": labels("paper_added")}.get(row.status, "")
    return [str(row.list_no), row.name, row.birth, labels.gender(row.gender), row.group, voted, note]


def _fitted_cell(pdf: ReportPdf, column: Column, text: str) -> None:
    size = pdf.fit_font(text, column.width)
    pdf.cell(column.width, ROW_HEIGHT, text, border=1, align=column.align)
    if size != pdf.TABLE_PT:
        pdf.set_font(FAMILY, size=pdf.TABLE_PT)
