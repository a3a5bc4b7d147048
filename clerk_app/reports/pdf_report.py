"""The turnout report as a PDF ready to print and sign (A4, Vietnamese by default).

Top to bottom: the national heading and the polling team's, the title, the station, ward, date,
opening and closing times; the figures the minutes record (voters on the list, voters who voted,
turnout, the mobile ballot box); the chart; by hour; by residential group; the place and date,
and signature blocks for the secretary and the team leader.
"""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from clerk_app.reports.content import ReportContent
from clerk_app.reports.labels import Labels, clock_time
from clerk_app.reports.pdf_chart import draw_chart
from clerk_app.reports.pdf_document import FAMILY, Column, ReportPdf

SIGNATURE_SPACE = 28  # mm left blank for the signatures
CHART_HEIGHT = 62  # mm


def render_pdf(content: ReportContent, labels: Labels) -> bytes:
    footer = labels(
        "made_at", time=clock_time(content.made_at), date=labels.day(content.made_at.date()), version=content.version
    )
    pdf = ReportPdf(labels, footer)
    pdf.set_title(labels("title"))
    pdf.set_creator(f"clerk-app {content.version}")
    pdf.add_page()
    _headings(pdf, content, labels)
    _station(pdf, content, labels)
    _totals(pdf, content, labels)
    pdf.heading(labels("chart"), 10, keep_with=CHART_HEIGHT)
    draw_chart(pdf, content, labels, CHART_HEIGHT)
    _by_hour(pdf, content, labels)
    _by_group(pdf, content, labels)
    _signatures(pdf, content, labels)
    return bytes(pdf.output())


def _headings(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    t = content.turnout
    half = pdf.width / 2
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top)
    pdf.centred(labels("team"), size=10, bold=True, width=half * 0.8)
    pdf.set_xy(pdf.l_margin, top + 5)
    station = f"{t.station:02d}" if t.station is not None else "…"
    pdf.centred(labels("station_no", no=station), size=10, bold=True, width=half * 0.8)
    pdf.set_xy(pdf.l_margin + half * 0.8, top)
    pdf.centred(labels("nation"), size=10, bold=True, width=pdf.width - half * 0.8)
    pdf.set_xy(pdf.l_margin + half * 0.8, top + 5)
    pdf.centred(labels("motto"), size=10, bold=True, width=pdf.width - half * 0.8)
    # The short rules under both headings, as on every Vietnamese administrative document.
    pdf.set_line_width(0.3)
    motto_middle = pdf.l_margin + half * 0.8 + (pdf.width - half * 0.8) / 2
    pdf.line(motto_middle - 22, top + 12.5, motto_middle + 22, top + 12.5)
    team_middle = pdf.l_margin + half * 0.4
    pdf.line(team_middle - 12, top + 12.5, team_middle + 12, top + 12.5)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, top + 18)
    pdf.centred(labels("title"), size=15, bold=True)
    if t.place_line:
        pdf.centred(t.place_line, size=10)
    pdf.ln(4)


def _station(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    axis = content.turnout.axis
    t = content.turnout
    if axis.closed_at is not None:
        closed = clock_time(axis.closed_at)
    elif axis.opened_at is None:
        closed = "—"
    else:
        closed = labels("still_open", time=clock_time(content.made_at))
    pdf.key_values(
        [
            (labels("station"), f"{t.station:02d}" if t.station is not None else "—"),
            (labels("ward"), t.ward or "—"),
            (labels("date"), labels.day(axis.day)),
            (labels("opened"), clock_time(axis.opened_at) if axis.opened_at else labels("not_opened")),
            (labels("closed"), closed),
        ]
    )
    pdf.ln(2)


def _totals(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    t, n = content.turnout, labels.number
    pdf.key_values(
        [
            (labels("on_list"), n(t.on_list)),
            ("    " + labels("added"), n(t.added)),
            (labels("voted"), n(t.voted)),
            (labels("percent"), labels.percent(t.percent)),
            (labels("mobile_box"), n(t.mobile_box)),
            (labels("still_to_vote"), n(t.still_to_vote)),
        ]
    )
    if t.everyone_voted:
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(0, 6, labels("everyone"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, size=10)
    pdf.ln(3)


def _by_hour(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    if not content.hours:
        return
    pdf.heading(labels("by_hour"), 11, keep_with=4 * 6.0)  # the table's heading and three rows
    w = pdf.width
    columns = [
        Column(labels("hour"), w * 0.25),
        Column(labels("arrivals"), w * 0.25, "R"),
        Column(labels("cumulative"), w * 0.25, "R"),
        Column(labels("cumulative_percent"), w * 0.25, "R"),
    ]
    rows = [
        [f"{clock_time(h.start)}–{clock_time(h.end)}", labels.number(h.arrivals), labels.number(h.cumulative),
         labels.percent(h.percent)]
        for h in content.hours
    ]  # fmt: skip
    pdf.rows_table(columns, rows)
    pdf.ln(4)


def _by_group(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    if not content.groups:
        return
    pdf.heading(labels("by_group"), 11, keep_with=4 * 6.0)
    w = pdf.width
    columns = [
        Column(labels("group"), w * 0.36),
        Column(labels("group_voters"), w * 0.16, "R"),
        Column(labels("group_voted"), w * 0.16, "R"),
        Column(labels("group_percent"), w * 0.16, "R"),
        Column(labels("group_waiting"), w * 0.16, "R"),
    ]
    n = labels.number
    rows = [
        [labels.group(g.key), n(g.on_list), n(g.voted), labels.percent(g.percent), n(g.waiting)] for g in content.groups
    ]
    pdf.rows_table(columns, rows)
    pdf.ln(4)


def _signatures(pdf: ReportPdf, content: ReportContent, labels: Labels) -> None:
    """Place and date, then the secretary (left) and the team leader (right), kept on one page."""
    if pdf.will_page_break(SIGNATURE_SPACE + 22):
        pdf.add_page()
    t = content.turnout
    half = pdf.width / 2
    place = (t.ward or "").removeprefix("phường ").removeprefix("xã ") or "……"
    pdf.set_x(pdf.l_margin + half)
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(half, 6, labels.place_date(place, t.axis.day), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = pdf.get_y() + 1
    for index, role in enumerate(("secretary", "leader")):
        pdf.set_xy(pdf.l_margin + index * half, top)
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(half, 6, labels(role), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 9)
        pdf.cell(half, 5, labels("sign_hint"), align="C")
    pdf.set_y(top + 11 + SIGNATURE_SPACE)
    for index in range(2):
        x = pdf.l_margin + index * half
        pdf.line(x + 15, pdf.get_y(), x + half - 15, pdf.get_y())
