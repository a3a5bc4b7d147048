"""The turnout view's two pyqtgraph plots: turnout through the day, and arrivals per bin.

Each plot item is created once and updated with setData()/setOpts(), never removed and re-added,
so a refresh costs a few array copies, not a scene rebuild. The x axis counts hours since
midnight of the polling day on the polling-station clock (clerk_app.turnout.day), labelled on
every hour; the plots take no mouse input (no pan, zoom or context menu: a team leader reads
them, nothing more).
"""

from __future__ import annotations

from datetime import timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from clerk_app.model import PollsState
from clerk_app.turnout import Turnout
from clerk_app.turnout.figures import Bin
from clerk_app.turnout.snapshots import Snapshot
from clerk_app.ui import theme

CURVE_INK = theme.ACCENT
BAR_FILL = "#b9c0cc"
BAR_IN_PROGRESS_FILL = "#e1e5eb"  # the bin the clock is in: not over yet, so not a drop
BAR_IN_PROGRESS_EDGE = "#8a93a3"
SNAPSHOT_FILL = "#d67800"
BAR_GAP = 0.1  # of a bin's width


def hour_ticks(first: float, last: float) -> list[tuple[float, str]]:
    """A label on every hour ("07h"), every other hour when the day is long."""
    step = 1 if last - first <= 14 else 2
    return [(float(h), f"{h % 24:02d}h") for h in range(int(first), int(last) + 1, step)]


def _plot(y_label: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    item = plot.getPlotItem()
    item.setMouseEnabled(x=False, y=False)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.showGrid(x=True, y=True, alpha=0.25)
    font = QFont(QApplication.font())
    font.setPointSizeF(max(8.0, font.pointSizeF() * 0.8))
    for name in ("bottom", "left"):
        axis = item.getAxis(name)
        axis.setStyle(tickFont=font)
        axis.setTextPen(pg.mkPen(theme.INK))
        axis.setPen(pg.mkPen("#888888"))
    item.getAxis("left").setLabel(y_label)
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return plot


class CumulativePlot:
    """Percent of the list checked in through the day, the hourly reports as dots, the closing hour."""

    def __init__(self) -> None:
        self.widget = _plot("%")
        item = self.widget.getPlotItem()
        self.curve = pg.PlotDataItem(pen=pg.mkPen(CURVE_INK, width=3), antialias=True)
        self.snapshots = pg.ScatterPlotItem(
            size=11, brush=pg.mkBrush(SNAPSHOT_FILL), pen=pg.mkPen("w", width=1.5), antialias=True
        )
        self.closing = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DashLine))
        for part in (self.closing, self.curve, self.snapshots):
            item.addItem(part)
        # Room above 100% and below 0% for half a label: pyqtgraph leaves out a label that would
        # cross the plot's edge, so "100%" went missing once the plot was under about 210 px high.
        item.setYRange(0, 100, padding=0.08)
        item.getAxis("left").setTicks([[(float(p), f"{p}%") for p in (0, 25, 50, 75, 100)], []])
        item.getAxis("left").setLabel("")
        self._hours: tuple[float, float] | None = None

    def show(self, turnout: Turnout, snapshots: list[Snapshot]) -> None:
        axis = turnout.axis
        first, last = axis.hour_of_day(axis.start), axis.hour_of_day(axis.end)
        xs, counts = turnout.cumulative()
        share = 100.0 / turnout.on_list if turnout.on_list else 0.0
        self.curve.setData(xs, [count * share for count in counts])
        shown = [s for s in snapshots if s.voters and first <= s.hour_value <= last]
        self.snapshots.setData(x=[s.hour_value for s in shown], y=[s.percent for s in shown])
        closing = axis.hour_of_day(axis.closing)
        if closing != self.closing.value():
            self.closing.setValue(closing)
        self._hours = _set_hours(self.widget, first, last, self._hours)


class ArrivalsPlot:
    """Voters arriving per 15, 30 or 60 minutes, as bars: the morning rush and the quiet hours."""

    def __init__(self) -> None:
        self.widget = _plot("")
        self.bars = pg.BarGraphItem(x0=[], width=[], height=[], brush=pg.mkBrush(BAR_FILL), pen=pg.mkPen(None))
        self.widget.getPlotItem().addItem(self.bars)
        self.minutes = 60
        self.in_progress: int | None = None  # the index of the bin the clock is in, drawn lighter
        self._hours: tuple[float, float] | None = None
        self._top = 0.0

    def show(self, turnout: Turnout) -> None:
        axis = turnout.axis
        bins = turnout.arrivals(self.minutes)
        width = self.minutes / 60
        self.in_progress = _bin_in_progress(turnout, bins)
        full, partial = pg.mkBrush(BAR_FILL), pg.mkBrush(BAR_IN_PROGRESS_FILL)
        edge, no_edge = pg.mkPen(BAR_IN_PROGRESS_EDGE, width=1, style=Qt.PenStyle.DashLine), pg.mkPen(None)
        self.bars.setOpts(
            x0=[axis.hour_of_day(b.start) + width * BAR_GAP / 2 for b in bins],
            width=width * (1 - BAR_GAP),
            height=[b.arrivals for b in bins],
            brushes=[partial if i == self.in_progress else full for i in range(len(bins))],
            pens=[edge if i == self.in_progress else no_edge for i in range(len(bins))],
        )
        peak = max((b.arrivals for b in bins), default=0)
        top = max(peak, 4) * 1.1
        if top > self._top or top < self._top * 0.7:  # rescale when the bars outgrow or shrink well below it
            self._top = top
            self.widget.getPlotItem().setYRange(0, top, padding=0)
        self._hours = _set_hours(self.widget, axis.hour_of_day(axis.start), axis.hour_of_day(axis.end), self._hours)

    def heights(self) -> list[int]:
        return [int(h) for h in self.bars.opts["height"]]


def _bin_in_progress(turnout: Turnout, bins: list[Bin]) -> int | None:
    """Which bin the clock is in while the polls are open (its count is still growing), if any."""
    if turnout.polls is not PollsState.OPEN:
        return None
    for index, b in enumerate(bins):
        if b.start <= turnout.now < b.start + timedelta(minutes=b.minutes):
            return index
    return None


def _set_hours(
    plot: pg.PlotWidget, first: float, last: float, current: tuple[float, float] | None
) -> tuple[float, float]:
    """Set the hour axis, only when it changed: a new range redraws the axis and the grid."""
    if current != (first, last):
        item = plot.getPlotItem()
        item.setXRange(first, last, padding=0.025)  # room for the first and last hour's labels
        item.getAxis("bottom").setTicks([hour_ticks(first, last), []])
    return first, last
