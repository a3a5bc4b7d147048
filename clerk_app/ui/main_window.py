"""The main window: polls banner, the check-in panel, the status bar and the menus.

The window owns the Station for the main thread, refreshes every figure after each change
(and slowly on a timer, for changes made by the command line or the sync worker), and keeps
the keyboard in the search box. The menu commands live in ``commands.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenuBar, QVBoxLayout, QWidget

from clerk_app.clock import ShiftedClock, local
from clerk_app.errors import StorageEnvironmentError
from clerk_app.model import PollsState
from clerk_app.settings import TABLE_NAME, Settings
from clerk_app.station import Station
from clerk_app.storage.voter_import import ImportResult
from clerk_app.sync.reports import schedule_from_settings
from clerk_app.ui import messages
from clerk_app.ui.checkin_panel import CheckinPanel
from clerk_app.ui.commands import Commands
from clerk_app.ui.dialogs import disk_problem_box
from clerk_app.ui.import_flow import ImportFlow
from clerk_app.ui.menus import build_menus, retranslate_menus
from clerk_app.ui.outcome_panel import Notice, Severity
from clerk_app.ui.report_actions import ReportActions
from clerk_app.ui.status_bar import PollsBanner, StationStatusBar
from clerk_app.ui.sync_bridge import SyncOptions
from clerk_app.ui.sync_commands import SyncCommands
from clerk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_app.turnout import WardStandingSource
    from clerk_app.ui.turnout_view import TurnoutWindow

log = logging.getLogger("clerk_app.ui.window")

STATUS_REFRESH_MS = 15_000
_ACTIONS_BY_STATE = {
    "start_test_mode": {PollsState.NOT_OPEN},
    "end_test_mode": {PollsState.TEST},
    "open_polls": {PollsState.NOT_OPEN, PollsState.TEST},
    "close_polls": {PollsState.OPEN},
}


class MainWindow(QMainWindow):
    def __init__(
        self, station: Station, settings: Settings, *, election_day: date, sync: SyncOptions | None = None
    ) -> None:
        super().__init__()
        self.station = station
        self.settings = settings
        self.tasks = TaskRunner(self)
        self.banner = PollsBanner()
        self.checkin = CheckinPanel(station, settings)
        self.status_bar = StationStatusBar()
        self.setStatusBar(self.status_bar)
        self.import_flow = ImportFlow(self, station, self.tasks, election_day)
        self.reports = ReportActions(self, station, self.tasks)
        self.turnout_window: TurnoutWindow | None = None  # built on first use: pyqtgraph loads then, not at start
        self.sync = SyncCommands(self, sync or SyncOptions())  # the sync worker, its status, enrolment
        self.ward_standing: WardStandingSource | None = self.sync.bridge.ward_standing  # the ward's latest figures
        self.commands = Commands(self)
        self.menu_actions = build_menus(self, self.commands.handlers())
        self.dialog: QWidget | None = None  # the dialog on screen, if any (the tests drive it)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._closed = False
        self._lay_out()
        self._connect()
        self.retranslate()
        self.refresh()
        self.resize(1366, 768)
        self.sync.start()  # only if this station is enrolled with a ward server

    def _lay_out(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.checkin, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        self.checkin.station_changed.connect(self.refresh_status)
        self.checkin.storage_failed.connect(self.show_disk_problem)
        self.import_flow.busy.connect(self.status_bar.set_busy)
        self.import_flow.imported.connect(self._list_imported)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.timeout.connect(self.record_due_reports)
        self._status_timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_focus_in_search)

    # --- refreshing ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Everything on screen from the database again: after imports, polls changes, undo."""
        self.checkin.refresh_results()
        self.checkin.refresh_recent()
        self.refresh_status()

    def refresh_status(self) -> None:
        status = self.station.status()
        self.status_bar.show_status(status)
        self.banner.show_state(status.polls, past_closing=status.past_closing_time)
        for name, states in _ACTIONS_BY_STATE.items():
            self.menu_actions[name].setEnabled(status.polls in states)
        self.menu_actions["import_list"].setEnabled(not self.import_flow.running)
        self._update_title()
        if self.turnout_window is not None:
            self.turnout_window.schedule_refresh()  # only starts a timer: the check-in never waits on the view

    def record_due_reports(self) -> None:
        """The hourly turnout reports, on a station that does not sync: the sync worker records
        them where it runs, and a station with no ward server needs its snapshots too. Run by
        the status timer, not after each check-in: a few SELECTs when nothing is due."""
        if self.sync.bridge.running:
            return
        try:
            self.station.record_due_reports(schedule_from_settings(self.settings))
        except StorageEnvironmentError as exc:  # the disk: the check-in path reports it to the clerk
            log.warning("turnout reports not recorded: %s", exc)

    def _update_title(self) -> None:
        place = self.station.place_line
        if place is None and self.station.station_no is not None:
            place = self.tr("Polling area {number:02d}").format(number=self.station.station_no)
        table = self.settings.get(TABLE_NAME)
        title = self.tr("Voter check-in — {place} — {table}").format(place=place or self.tr("no list"), table=table)
        if isinstance(self.station.clock, ShiftedClock):  # CLERK_APP_CLOCK, or the demo after hours
            started = local(self.station.clock.start).strftime("%d/%m/%Y %H:%M")
            title += " — " + self.tr("rehearsal clock, started at {time}").format(time=started)
        self.setWindowTitle(title)

    def _list_imported(self, result: ImportResult) -> None:
        self.refresh()
        actions = {
            "created": self.tr("created"),
            "replaced": self.tr("replaced"),
            "added": self.tr("new voters added"),
            "unchanged": self.tr("unchanged (the same list)"),
        }
        action = actions.get(result.action, result.action)
        voters, added = result.voters, result.added
        self.show_background_notice(
            Severity.INFO,
            lambda: self.tr("Voter list imported: {action}").format(action=action),
            lambda: [
                self.tr("{voters} voters on the list, {added} added by this import.").format(
                    voters=messages.number(voters), added=messages.number(added)
                )
            ],
        )

    # --- the team leader's turnout view and reports -------------------------------------

    def open_turnout(self) -> None:
        from clerk_app.ui.turnout_view import TurnoutWindow

        if self.turnout_window is None:
            self.turnout_window = TurnoutWindow(self.station, self.reports, parent=self)
            self.turnout_window.closed.connect(self._take_keyboard_back)
        self.turnout_window.ward_standing = self.ward_standing  # may have been wired since the last opening
        self.turnout_window.show()
        self.turnout_window.raise_()
        self.turnout_window.activateWindow()

    def ask_report(self, kind: str) -> None:
        self.show_dialog(self.reports.ask_path(self, kind, lambda path: self.write_report(kind, path)))

    def write_report(self, kind: str, path: Path) -> None:
        self.status_bar.set_busy(self.tr("Writing {name}…").format(name=path.name))
        self.reports.write(kind, path, self._report_written, self._report_failed)

    def _report_written(self, text: str) -> None:
        self.status_bar.set_busy("")
        self.show_background_notice(Severity.INFO, lambda: text)

    def _report_failed(self, text: str) -> None:
        self.status_bar.set_busy("")
        self.show_background_notice(Severity.WARN, lambda: text)

    # --- showing things -----------------------------------------------------------------

    def show_notice(
        self, severity: Severity, headline: Callable[[], str], lines: Callable[[], list[str]] = list
    ) -> None:
        """An outcome in words; the texts are functions so a language switch redraws them."""
        self.checkin.show_outcome(Notice(severity, headline, lines))

    def show_background_notice(
        self, severity: Severity, headline: Callable[[], str], lines: Callable[[], list[str]] = list
    ) -> None:
        """A background task's result (a report written, a list imported). While the clerk's panel
        shows a voter (a confirmation waiting for Enter, a check-in's outcome, "already voted") the
        result goes to the status bar instead: it must never hide that voter from the clerk."""
        if self.checkin.holds_a_voter():
            self.status_bar.show_note(headline())
        else:
            self.show_notice(severity, headline, lines)

    def show_dialog(self, dialog: QDialog) -> None:
        """Open a dialog window-modally; when it closes the keyboard goes back to the search box."""
        self.dialog = dialog
        dialog.finished.connect(self._dialog_finished)
        dialog.open()

    def _dialog_finished(self) -> None:
        self.dialog = None
        self._take_keyboard_back()

    def _take_keyboard_back(self) -> None:
        """After a dialog or the turnout view closes: the next scan must land in the search box."""
        self.activateWindow()  # not every window manager gives the keyboard back by itself
        self.checkin.focus_search()

    def show_disk_problem(self, exc: Exception) -> None:
        self.show_dialog(disk_problem_box(self, str(exc)))

    def _keep_focus_in_search(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Whatever the mouse clicked, typing and scanning must land in the search box; the menu
        # bar may hold the keyboard while Alt navigates the menus.
        if new is None or new.window() is not self or isinstance(new, QMenuBar):
            return
        if new is not self.checkin.search_box:
            self.checkin.focus_search()

    # --- language and lifecycle ---------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # A closed window may outlive its Station (closed by run() or a test): never touch it.
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        retranslate_menus(self, self.menu_actions)
        self.commands.sync_language_checks()
        self._update_title()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self._status_timer.stop()
            if self.turnout_window is not None:
                self.turnout_window.close()
            self.sync.stop()  # bounded wait: a call in flight ends with its timeout, nothing is lost
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.disconnect(self._keep_focus_in_search)
            self.tasks.wait_for_done(10_000)  # a running import finishes; its Station closes cleanly
        super().closeEvent(event)
