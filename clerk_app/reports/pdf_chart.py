"""The turnout chart of the PDF, drawn with fpdf2's lines and rectangles (no Qt, no image).

The same picture as the screen's: hourly arrivals as grey bars (scale on the right), turnout
through the day as a blue line (percent on the left), the hourly reports as dots, an hour mark
under every hour from the opening to the closing hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from clerk_app.reports.content import ReportContent
from clerk_app.reports.labels import Labels
from clerk_app.reports.pdf_document import ACCENT, FAMILY, INK, MUTED, RULE, ReportPdf

BAR_FILL = (185, 192, 204)
SNAPSHOT_FILL = (214, 120, 0)
CURVE_STEP_MIN = 5  # the printed curve is sampled every 5 minutes (and at its last moment)


@dataclass(frozen=True)
class Frame:
    left: float
    top: float
    width: float
    height: float
    first_hour: float
    last_hour: float

    def x(self, hour: float) -> float:
        return self.left + (hour - self.first_hour) / (self.last_hour - self.first_hour) * self.width

    def y(self, share: float) -> float:
        """``share`` from 0 (the bottom) to 1 (the top)."""
        return self.top + (1 - share) * self.height


def draw_chart(pdf: ReportPdf, content: ReportContent, labels: Labels, height: float = 62) -> None:
    """The chart at the current position, the full text width; moves below it."""
    axis = content.turnout.axis
    frame = Frame(
        pdf.l_margin + 12,
        pdf.get_y() + 4,
        pdf.width - 24,
        height - 14,
        axis.hour_of_day(axis.start),
        axis.hour_of_day(axis.end),
    )
    _grid(pdf, frame)
    _bars(pdf, frame, content)
    _curve(pdf, frame, content)
    _snapshots(pdf, frame, content)
    _legend(pdf, frame, labels, bool(content.snapshots))
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.2)
    pdf.set_y(frame.top + frame.height + 12)


def _grid(pdf: ReportPdf, frame: Frame) -> None:
    pdf.set_font(FAMILY, size=7)
    pdf.set_text_color(*MUTED)
    pdf.set_line_width(0.1)
    pdf.set_draw_color(*RULE)
    for percent in (0, 25, 50, 75, 100):
        y = frame.y(percent / 100)
        pdf.line(frame.left, y, frame.left + frame.width, y)
        pdf.text(frame.left - 9, y + 1, f"{percent}%")
    hours = int(frame.last_hour - frame.first_hour)
    step = 1 if hours <= 14 else 2
    for index in range(0, hours + 1, step):
        hour = frame.first_hour + index
        x = frame.x(hour)
        pdf.line(x, frame.top + frame.height, x, frame.top + frame.height + 1.5)
        pdf.text(x - 3, frame.top + frame.height + 5, f"{int(hour) % 24:02d}h")
    pdf.set_text_color(*INK)


def _bars(pdf: ReportPdf, frame: Frame, content: ReportContent) -> None:
    peak = max((h.arrivals for h in content.hours), default=0)
    if peak == 0:
        return
    pdf.set_fill_color(*BAR_FILL)
    axis = content.turnout.axis
    for h in content.hours:
        if h.arrivals:
            x0, x1 = frame.x(axis.hour_of_day(h.start)), frame.x(axis.hour_of_day(h.end))
            top = frame.y(0.8 * h.arrivals / peak)  # bars stop at 80%: the curve stays readable above them
            pdf.rect(x0 + 0.6, top, x1 - x0 - 1.2, frame.top + frame.height - top, style="F")
    # The bars' own scale, on the right.
    pdf.set_font(FAMILY, size=7)
    pdf.set_text_color(*MUTED)
    pdf.text(frame.left + frame.width + 1, frame.y(0.8) + 1, str(peak))
    pdf.text(frame.left + frame.width + 1, frame.y(0) + 1, "0")
    pdf.set_text_color(*INK)


def _curve(pdf: ReportPdf, frame: Frame, content: ReportContent) -> None:
    t = content.turnout
    if t.on_list == 0:
        return
    axis = t.axis
    points = []
    moment = axis.start
    while moment < axis.until:
        points.append((frame.x(axis.hour_of_day(moment)), frame.y(t.voted_by(moment) / t.on_list)))
        moment += timedelta(minutes=CURVE_STEP_MIN)
    points.append((frame.x(axis.hour_of_day(axis.until)), frame.y(t.voted_by(axis.until) / t.on_list)))
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.7)
    pdf.polyline(points)


def _snapshots(pdf: ReportPdf, frame: Frame, content: ReportContent) -> None:
    pdf.set_fill_color(*SNAPSHOT_FILL)
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.3)
    for s in content.snapshots:
        if s.voters and frame.first_hour <= s.hour_value <= frame.last_hour:
            pdf.circle(frame.x(s.hour_value), frame.y(s.checked_in / s.voters), 1.2, style="FD")


def _legend(pdf: ReportPdf, frame: Frame, labels: Labels, snapshots: bool) -> None:
    y = frame.top + frame.height + 9
    pdf.set_font(FAMILY, size=7)
    pdf.set_text_color(*MUTED)
    x = frame.left
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.7)
    pdf.line(x, y - 1, x + 6, y - 1)
    pdf.text(x + 7.5, y, labels("percent"))
    x += 50
    pdf.set_fill_color(*BAR_FILL)
    pdf.rect(x, y - 2.5, 4, 3, style="F")
    pdf.text(x + 5.5, y, labels("arrivals"))
    if snapshots:
        x += 45
        pdf.set_fill_color(*SNAPSHOT_FILL)
        pdf.circle(x + 1.5, y - 1, 1.2, style="F")
        pdf.text(x + 4.5, y, labels("snapshots_legend"))
    pdf.set_text_color(*INK)
