"""The team leader's turnout window: counters, the day's curve, arrivals, groups, reports.

Live without slowing the check-in. ``schedule_refresh()`` (called after every check-in and
every other change) only starts a timer; the redraw runs at most once a second, so a burst of
check-ins costs one redraw:

* when a second has passed since the last redraw, it runs AFTER_CHANGE_MS after the change:
  once the clerk's "checked in" screen is painted and long before the next voter can be
  confirmed, so a redraw never stands in the way of the next Enter;
* otherwise the change waits for the next check-in's turn (busy tables check in more than one
  voter a second), or at the latest until LATEST_MS after the last redraw, so the figures on
  screen are never more than about 1.5 s behind.

A timer restarted by every check-in would postpone the redraw for as long as check-ins keep
coming, and a plain one-second timer would fire at random moments, sometimes just as a clerk
presses Enter. A hidden window only notes that it is stale and redraws when shown. A redraw
is one query over the live check-ins on the main thread's Station (the list's half is cached,
see clerk_app.turnout.listindex), a few milliseconds for 4,000 voters, then setData() on plot
items made once. Reports are written in the background (report_actions).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.errors import CheckInRefused, PinRefused, StorageEnvironmentError
from clerk_app.station import Station
from clerk_app.turnout import BIN_MINUTES, Turnout, WardStandingSource, compute_turnout, waiting_voters
from clerk_app.turnout.listindex import ListIndexCache
from clerk_app.turnout.snapshots import Snapshot, SnapshotRefused, confirm_snapshot, list_snapshots
from clerk_app.ui import messages
from clerk_app.ui.report_actions import PAPER_LIST, REPORT_CSV, REPORT_PDF, ReportActions
from clerk_app.ui.snapshot_dialog import ConfirmSnapshotDialog
from clerk_app.ui.turnout_chart import ArrivalsPlot, CumulativePlot
from clerk_app.ui.turnout_panels import CountersPanel, ProjectionPanel, WardPanel
from clerk_app.ui.turnout_tabs import GroupsTab, PeopleTab, SnapshotsTab

log = logging.getLogger("clerk_app.ui.turnout")

MIN_INTERVAL_MS = 1000  # at most one redraw a second: check-ins within it share one redraw
AFTER_CHANGE_MS = 20  # once the check-in's own screen is painted, long before the next Enter
LATEST_MS = 1500  # a change waits no longer than this after the last redraw
CLOCK_REFRESH_MS = 60_000  # the curve and the projection move with the clock even without check-ins


class TurnoutWindow(QWidget):
    refreshed = Signal()  # after every redraw
    closed = Signal()  # the team leader closed the view: the clerk's window takes the keyboard back

    def __init__(
        self,
        station: Station,
        reports: ReportActions,
        *,
        ward_standing: WardStandingSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("turnoutWindow")
        self.station = station
        self.reports = reports
        self.ward_standing = ward_standing  # unwired (None) until sync provides the ward's figures
        self.redraws = 0
        self.turnout: Turnout | None = None
        self.dialog: QDialog | None = None  # the dialog on screen, if any (the tests drive it)
        self._cache = ListIndexCache()
        self._stale = True
        self._last_redraw = -1e9  # time.monotonic() of the last redraw
        self._soon = _single_shot(self, AFTER_CHANGE_MS, self.refresh)
        self._latest = _single_shot(self, LATEST_MS, self.refresh)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.schedule_refresh)
        self._build()
        self.render_texts()
        self.resize(1366, 768)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.counters = CountersPanel()
        self.cumulative = CumulativePlot()
        self.arrivals = ArrivalsPlot()
        self.projection = ProjectionPanel()
        self.ward = WardPanel()
        self.groups = GroupsTab()
        self.people = PeopleTab()
        self.snapshots = SnapshotsTab()
        self.tabs = QTabWidget()
        for tab in (self.groups, self.people, self.snapshots):
            self.tabs.addTab(tab, "")
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._charts())
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 660])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.counters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.projection)
        layout.addWidget(self.ward)
        layout.addLayout(self._buttons())
        self.groups.group_chosen.connect(self.show_waiting)
        self.snapshots.confirm_requested.connect(self.confirm_snapshot)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)

    def _charts(self) -> QWidget:
        self.curve_title = QLabel()
        self.curve_title.setObjectName("panelTitle")
        self.arrivals_title = QLabel()
        self.arrivals_title.setObjectName("panelTitle")
        for title in (self.curve_title, self.arrivals_title):
            title.setWordWrap(True)  # a long title must not take the tables' width (their headers)
        self.bin_buttons = QButtonGroup(self)
        bins = QHBoxLayout()
        bins.addWidget(self.arrivals_title, 1)
        for minutes in BIN_MINUTES:
            button = QPushButton()
            button.setCheckable(True)
            button.setChecked(minutes == self.arrivals.minutes)
            button.setObjectName("binButton")
            self.bin_buttons.addButton(button, minutes)
            bins.addWidget(button)
        self.bin_buttons.idClicked.connect(self.set_bin_minutes)
        charts = QWidget()
        charts.setObjectName("turnoutCharts")
        layout = QVBoxLayout(charts)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.curve_title)
        layout.addWidget(self.cumulative.widget, 3)
        layout.addLayout(bins)
        layout.addWidget(self.arrivals.widget, 2)
        self.charts = charts
        return charts

    def _buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton()
        self.pdf_button = QPushButton()
        self.csv_button = QPushButton()
        self.paper_button = QPushButton()
        self.close_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export_chart)
        self.pdf_button.clicked.connect(lambda: self.ask_report(REPORT_PDF))
        self.csv_button.clicked.connect(lambda: self.ask_report(REPORT_CSV))
        self.paper_button.clicked.connect(lambda: self.ask_report(PAPER_LIST))
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        for button in (self.export_button, self.pdf_button, self.csv_button, self.paper_button, self.close_button):
            row.addWidget(button)
        return row

    # --- refreshing ---------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        """A check-in (or any change) happened: redraw soon, at most once a second (see the module doc)."""
        if not self.isVisible():
            self._stale = True
            return
        if self._soon.isActive():
            return
        since_ms = (time.monotonic() - self._last_redraw) * 1000
        if since_ms >= MIN_INTERVAL_MS:
            self._latest.stop()
            self._soon.start()
        elif not self._latest.isActive():
            self._latest.start(max(0, round(LATEST_MS - since_ms)))

    def refresh(self) -> None:
        """Redraw everything from the database now."""
        self._soon.stop()
        self._latest.stop()
        self._last_redraw = time.monotonic()
        self._stale = False
        try:
            turnout = compute_turnout(self.station.db, self.station.clock(), self._cache)
            snapshots = list_snapshots(self.station.db)
        except StorageEnvironmentError as exc:
            log.warning("turnout figures not read: the disk has a problem")
            self.say(self.tr("The figures cannot be read: {problem}").format(problem=str(exc)))
            return
        self.turnout = turnout
        self.counters.show_turnout(turnout)
        self.cumulative.show(turnout, snapshots)
        self.arrivals.show(turnout)
        self.projection.show_projection(turnout.projection)
        self.ward.show_standing(self.ward_standing() if self.ward_standing is not None else None)
        self.groups.show_groups(turnout.groups)
        if self.groups.chosen is not None:
            self.show_waiting(self.groups.chosen)
        self.people.show_turnout(turnout)
        self.snapshots.show_snapshots(snapshots)
        self.redraws += 1
        self.refreshed.emit()

    def set_bin_minutes(self, minutes: int) -> None:
        self.arrivals.minutes = minutes
        self.render_texts()
        if self.turnout is not None:
            self.arrivals.show(self.turnout)

    def show_waiting(self, group: str) -> None:
        self.groups.show_waiting(group, waiting_voters(self.station.db, group))

    # --- actions ------------------------------------------------------------------------

    def export_chart(self, path: Path) -> bool:
        """The two charts with their titles, as shown, as a PNG."""
        saved = self.charts.grab().save(str(path), "PNG")
        self.say(self.tr("Chart saved: {path}").format(path=path) if saved else self.tr("The chart was not saved."))
        return bool(saved)

    def _export(self, path: Path) -> None:
        self.export_chart(path)

    def ask_export_chart(self) -> None:
        self._open(self.reports.ask_path(self, "chart", self._export))

    def ask_report(self, kind: str) -> None:
        self._open(self.reports.ask_path(self, kind, lambda path: self.write_report(kind, path)))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def write_report(self, kind: str, path: Path) -> None:
        self.say(self.tr("Writing {name}…").format(name=path.name))
        self.reports.write(kind, path, self.say, self.say)

    def confirm_snapshot(self, snapshot: Snapshot) -> None:
        dialog = ConfirmSnapshotDialog(self, snapshot)
        dialog.submitted.connect(lambda: self._confirm(dialog))
        self._open(dialog)

    def _confirm(self, dialog: ConfirmSnapshotDialog) -> None:
        try:
            confirm_snapshot(self.station, dialog.snapshot.uuid, pin=dialog.pin.text())
        except PinRefused as refusal:
            dialog.pin.clear()
            dialog.show_error(messages.refusal_sentence(refusal.reason))
            return
        except SnapshotRefused as refusal:
            log.info("snapshot confirmation refused: %s", refusal.reason)
            dialog.show_error(self.tr("This report cannot be confirmed now ({code}).").format(code=refusal.reason))
            return
        except CheckInRefused as refusal:  # waiting for the ward (a file restored from a copy)
            log.info("snapshot confirmation refused: %s", refusal.reason)
            dialog.show_error(messages.refusal_sentence(refusal.reason, refusal.detail))
            return
        dialog.accept()
        self.refresh()

    def say(self, text: str) -> None:
        self.message.setText(text)

    # --- lifecycle and language ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._clock_timer.start()
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._soon.stop()
        self._latest.stop()
        self._clock_timer.stop()
        super().closeEvent(event)
        self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render_texts()
        super().changeEvent(event)

    def render_texts(self) -> None:
        self.setWindowTitle(self.tr("Turnout — team leader"))
        self.curve_title.setText(self.tr("Turnout through the day (%) · dots: hourly reports · dashed: closing hour"))
        self.arrivals_title.setText(
            self.tr("Voters arriving per {minutes} minutes").format(minutes=self.arrivals.minutes)
        )
        for minutes in BIN_MINUTES:
            self.bin_buttons.button(minutes).setText(self.tr("{minutes} min").format(minutes=minutes))
        self.tabs.setTabText(0, self.tr("By group"))
        self.tabs.setTabToolTip(0, self.tr("Residential groups, lowest turnout first: who to remind"))
        self.tabs.setTabText(1, self.tr("Gender, age"))
        self.tabs.setTabText(2, self.tr("Hourly reports"))
        self.export_button.setText(self.tr("Save chart (PNG)…"))
        self.pdf_button.setText(self.tr("Report (PDF)…"))
        self.csv_button.setText(self.tr("Report (CSV)…"))
        self.paper_button.setText(self.tr("Paper list (PDF)…"))
        self.close_button.setText(self.tr("Close"))


def _single_shot(parent: QWidget, msecs: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer
